/**
 * The shell of a Corpus Lens webview panel: one panel per view type, created or revealed on
 * demand, restored after a window reload (a webview serializer hands back the page's last
 * saved state), the page frame (panelPage.ts: strict CSP with a nonce, resources only from the
 * extension's `media/` and `dist/media/`, the theme's colours), and a typed message channel.
 *
 * A panel module gives the page's scripts and styles and answers the page's messages; the
 * page draws. Messages from the page are data: the shell passes on only objects with a
 * string `type`.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { escapeHtml, panelPage, type PageFrame } from './panelPage';

export { escapeHtml, panelPage };

/** A message either way: a plain object told apart by its `type`. */
export interface PanelMessage {
  type: string;
}

/** Where page resources may come from, relative to the extension's root. */
const RESOURCE_ROOTS = ['media', 'dist/media'];

/** The page as the frame has it, but its style sheets and scripts relative to the extension's root (under `media/` or `dist/media/`). */
export interface PanelSpec extends Omit<PageFrame, 'nonce' | 'cspSource'> {
  /** The webview view type, also named in package.json's `onWebviewPanel:` activation event. */
  viewType: string;
  /** Keep the page alive while hidden, for pages whose state is costly to draw again. */
  retainContextWhenHidden?: boolean;
  /** The panel's icon, relative to the extension's root. */
  icon?: string;
}

export interface PanelHooks<FromPage extends PanelMessage, Saved> {
  /** A message from the page. */
  onMessage(message: FromPage): unknown;
  /** After a window reload, with the state the page last saved (`setState`), before the page's first message. */
  onRestore?(saved: Saved | undefined): unknown;
  /** The user closed the panel. */
  onDispose?(): void;
}

/** Shared styles every page gets first: the theme's colours, controls and focus rings. */
const SHELL_STYLE = 'media/panel.css';

export class PanelShell<ToPage extends PanelMessage, FromPage extends PanelMessage, Saved = unknown> implements vscode.Disposable {
  private current: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly spec: PanelSpec,
    private readonly hooks: PanelHooks<FromPage, Saved>,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(spec.viewType, {
        deserializeWebviewPanel: async (panel, saved: Saved | undefined) => {
          this.adopt(panel);
          await this.hooks.onRestore?.(saved ?? undefined);
        },
      }),
    );
  }

  /** The panel when open. */
  get panel(): vscode.WebviewPanel | undefined {
    return this.current;
  }

  /** Opens the panel (beside the editor unless told otherwise), or brings it forward. */
  open(column: vscode.ViewColumn = vscode.ViewColumn.Beside, preserveFocus = false): vscode.WebviewPanel {
    if (this.current) {
      this.current.reveal(undefined, preserveFocus);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, this.spec.title, { viewColumn: column, preserveFocus }, { retainContextWhenHidden: this.spec.retainContextWhenHidden });
    this.adopt(panel);
    return panel;
  }

  /** Posts a message to the page; false when no panel is open. */
  post(message: ToPage): Thenable<boolean> {
    return this.current ? this.current.webview.postMessage(message) : Promise.resolve(false);
  }

  set title(title: string) {
    if (this.current) this.current.title = title;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.current = panel;
    const root = this.context.extensionUri;
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: RESOURCE_ROOTS.map((r) => vscode.Uri.joinPath(root, r)) };
    if (this.spec.icon) panel.iconPath = vscode.Uri.joinPath(root, this.spec.icon);
    const uri = (p: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, p)).toString();
    webview.html = panelPage({
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      title: this.spec.title,
      styles: [SHELL_STYLE, ...this.spec.styles].map(uri),
      scripts: this.spec.scripts.map(uri),
      body: this.spec.body,
      lang: this.spec.lang,
      dir: this.spec.dir,
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isMessage(m)) return;
        Promise.resolve()
          .then(() => this.hooks.onMessage(m as FromPage))
          .catch((e: unknown) => console.error(`${this.spec.viewType}: ${String(e instanceof Error ? e.stack : e)}`));
      }),
      panel.onDidDispose(() => {
        this.current = undefined;
        this.panelDisposables.forEach((d) => d.dispose());
        this.panelDisposables = [];
        this.hooks.onDispose?.();
      }),
    );
  }

  dispose(): void {
    this.current?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function isMessage(m: unknown): m is PanelMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
