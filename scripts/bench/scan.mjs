// `node scripts/bench/scan.mjs [--dist DIR] [--storage DIR] [--runs N] [--logs] CORPUS [-- NODE_ARGS]`:
// times scans alone, without requests, for comparing builds (a copy of `dist/` with its
// `node_modules` and `package.json` beside it). Starts `DIR/server.js --stdio` (default: this
// checkout's `dist/`) on the folder CORPUS as a client would and times it from `initialized` to
// the status that says indexing is done; then prints the CPU time each of the server's threads
// used, from Linux's /proc (the scan's workers, the server thread, V8's helper threads).
// With `--storage`, the persisted index goes there and is kept: the first run is cold, the next
// ones warm starts. Without it, each run is cold. `--logs` prints the server's log lines, each
// with the milliseconds since `initialized`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const nodeArgs = dashes >= 0 ? argv.splice(dashes).slice(1) : [];
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv.splice(i, 2)[1] : fallback;
};
const dist = path.resolve(option('--dist', path.join(root, 'dist')));
const keptStorage = option('--storage', undefined);
const runs = Number(option('--runs', '1'));
const logs = argv.includes('--logs') && argv.splice(argv.indexOf('--logs'), 1).length > 0;
const corpus = argv[0] && path.resolve(argv[0]);
if (!corpus) {
  console.error('usage: node scripts/bench/scan.mjs [--dist DIR] [--storage DIR] [--runs N] [--logs] CORPUS [-- NODE_ARGS]');
  process.exit(2);
}

/** CPU seconds (user + system) of each thread of `pid` that used at least 0.05 s. */
function threadCpu(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      // A thread that ended meanwhile.
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (seconds >= 0.05) out.push({ thread: tid === String(pid) ? 'server' : tid, seconds });
  }
  return out.sort((a, b) => b.seconds - a.seconds);
}

async function scan(storagePath) {
  const child = spawn(process.execPath, [...nodeArgs, path.join(dist, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const c = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let onIndexed;
  const indexed = new Promise((r) => (onIndexed = r));
  c.onNotification('corpusLens/status', (s) => {
    if (!s.indexing && s.total > 0 && s.done >= s.total) onIndexed();
  });
  let t0 = 0;
  c.onNotification('window/logMessage', (m) => logs && console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${m.message}`));
  c.onNotification('window/showMessage', () => undefined);
  c.listen();
  const uri = pathToFileURL(corpus).toString();
  await c.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'scan' }], capabilities: {}, initializationOptions: { storagePath } });
  t0 = performance.now();
  await c.sendNotification('initialized', {});
  await indexed;
  const seconds = (performance.now() - t0) / 1000;
  const threads = threadCpu(child.pid);
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  c.dispose();
  return { seconds, threads };
}

for (let i = 0; i < runs; i++) {
  const storage = keptStorage ?? mkdtempSync(path.join(tmpdir(), 'corpus-lens-scan-'));
  const { seconds, threads } = await scan(storage);
  if (!keptStorage) rmSync(storage, { recursive: true, force: true });
  const total = threads.reduce((n, t) => n + t.seconds, 0);
  console.log(`${seconds.toFixed(2)} s, CPU ${total.toFixed(1)} s: ${threads.map((t) => `${t.thread} ${t.seconds.toFixed(1)}`).join(', ')}`);
}
