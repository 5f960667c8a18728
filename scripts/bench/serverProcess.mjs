// The bundled server as the benchmark's scripts start it: over stdio, as a client would, and its
// process's use of the machine read from Linux's /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

/**
 * Starts `serverJs --stdio` (with `nodeArgs` before it) on `folder` and sends `initialize`, with
 * the persisted index in `storagePath`. `begin()` sends `initialized` (the scan starts) and
 * gives the time it did; `indexed` resolves with the status that says indexing is done;
 * `onLog` hears each log message.
 */
export async function openServer({ serverJs, folder, storagePath, nodeArgs = [], name = 'bench', onLog = () => undefined }) {
  const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const c = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let status;
  let onIndexed;
  const indexed = new Promise((r) => (onIndexed = r));
  c.onNotification('corpusLens/status', (s) => {
    status = s;
    if (!s.indexing && s.total > 0 && s.done >= s.total) onIndexed(s);
  });
  c.onNotification('window/logMessage', (m) => onLog(m.message));
  c.onNotification('window/showMessage', () => undefined);
  c.listen();
  const uri = pathToFileURL(folder).toString();
  await c.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name }], capabilities: {}, initializationOptions: { storagePath } });
  return {
    c,
    child,
    indexed,
    status: () => status,
    begin: async () => {
      const t0 = performance.now();
      await c.sendNotification('initialized', {});
      return t0;
    },
    stop: async () => {
      await c.sendRequest('shutdown');
      await c.sendNotification('exit');
      await new Promise((r) => child.once('exit', r));
      c.dispose();
    },
  };
}

/**
 * CPU seconds (user + system) and minor page faults of process `pid` so far, or of its thread
 * `tid`; undefined where there is no such /proc entry (another system, a thread that ended).
 */
export function procUsage(pid, tid) {
  let stat;
  try {
    stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks (100 a second on Linux); minflt.
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, faults: Number(fields[7]) };
}
