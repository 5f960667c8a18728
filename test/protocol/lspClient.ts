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
  stop(): Promise<void>;
}

/** `user`: run the server as another user (uid and gid), which needs root. */
export async function startServer(folder: string, initializationOptions: Record<string, unknown> = {}, user?: { uid: number; gid: number }, capabilities: Record<string, unknown> = {}): Promise<Session> {
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
  const indexed = new Promise<StatusParams>((resolve) => {
    connection.onNotification(StatusNotification, (s) => {
      statuses.push(s);
      if (!s.indexing && s.articles > 0) resolve(s);
    });
  });
  connection.listen();
  const uri = pathToFileURL(folder).toString();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'seeds' }], capabilities, initializationOptions });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    progress,
    statuses,
    child,
    logs,
    indexed,
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
