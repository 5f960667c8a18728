/** Starts the bundled server over stdio and speaks LSP to it, as any editor would. */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'url';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';

export interface Session {
  connection: ProtocolConnection;
  /** Work-done progress values the server sent (when the client declared the capability). */
  progress: { kind: string; title?: string; message?: string; percentage?: number; token: string | number }[];
  /** Every corpusLens/status notification so far. */
  statuses: StatusParams[];
  child: ChildProcess;
  logs: string[];
  indexed: Promise<StatusParams>;
  /** Resolves with the first status, from now on, for which `test` holds. */
  statusWhen(test: (status: StatusParams) => boolean): Promise<StatusParams>;
  stop(): Promise<void>;
}

/** `folder`: the workspace folder, or several. `user`: run the server as another user (uid and gid), which needs root. */
export async function startServer(folder: string | readonly string[], initializationOptions: Record<string, unknown> = {}, user?: { uid: number; gid: number }, capabilities: Record<string, unknown> = {}): Promise<Session> {
  const child = spawn(process.execPath, [path.join(__dirname, '../../dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...user });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onNotification('window/showMessage', (p: { message: string }) => logs.push(p.message));
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  const progress: Session['progress'] = [];
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }) => progress.push({ ...p.value, token: p.token }));
  const statuses: StatusParams[] = [];
  const waiting = new Set<(s: StatusParams) => void>();
  connection.onNotification(StatusNotification, (s) => {
    statuses.push(s);
    for (const w of [...waiting]) w(s);
  });
  const statusWhen = (test: (s: StatusParams) => boolean) =>
    new Promise<StatusParams>((resolve) => {
      const w = (s: StatusParams) => {
        if (!test(s)) return;
        waiting.delete(w);
        resolve(s);
      };
      waiting.add(w);
    });
  const indexed = statusWhen((s) => !s.indexing && s.articles > 0);
  connection.listen();
  const folders = (typeof folder === 'string' ? [folder] : folder).map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) }));
  // A server run as another user cannot see this process (signal 0 is refused), and the protocol
  // library would take that for the client's exit, ending the server within seconds: no id then.
  await connection.sendRequest('initialize', { processId: user ? null : process.pid, rootUri: folders[0]?.uri ?? null, workspaceFolders: folders, capabilities, initializationOptions });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    progress,
    statuses,
    child,
    logs,
    indexed,
    statusWhen,
    stop: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((r) => child.once('exit', r));
      connection.dispose();
    },
  };
}

/** Rejects when `p` does not settle before the deadline, naming what was awaited. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  // Cleared once settled: a pending timer kept the test run alive for as long as it was set.
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
