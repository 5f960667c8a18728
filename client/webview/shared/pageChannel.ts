/**
 * The page's side of a panel's message channel (see client/src/panels/panelShell.ts): typed
 * messages to and from the extension, and the page's saved state, which VS Code keeps while
 * the panel is hidden and hands back to the serializer after a window reload.
 */

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PageChannel<ToPage, FromPage, State> {
  post(message: FromPage): void;
  onMessage(handler: (message: ToPage) => void): void;
  /** The state saved last (after a reload too), if any. */
  state(): State | undefined;
  save(state: State): void;
}

/** Acquires the VS Code API (once per page load, as VS Code allows). */
export function pageChannel<ToPage extends { type: string }, FromPage extends { type: string }, State>(): PageChannel<ToPage, FromPage, State> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (e: MessageEvent) => {
        const m = e.data as unknown;
        if (typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string') handler(m as ToPage);
      }),
    state: () => (api.getState() as State | null) ?? undefined,
    save: (state) => api.setState(state),
  };
}
