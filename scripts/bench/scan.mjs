// `node scripts/bench/scan.mjs [--dist DIR] [--storage DIR] [--runs N] [--logs] CORPUS [-- NODE_ARGS]`:
// times scans alone, without requests, for comparing builds (a copy of `dist/` with its
// `node_modules` and `package.json` beside it). Starts `DIR/server.js --stdio` (default: this
// checkout's `dist/`) on the folder CORPUS as a client would and times it from `initialized` to
// the status that says indexing is done; then prints, from Linux's /proc, the CPU time the
// server used (each live thread's too: the scan's workers, the server thread, V8's helper
// threads), its page faults and its peak RSS.
// With `--storage`, the persisted index goes there and is kept: the first run is cold, the next
// ones warm starts. Without it, each run is cold. `--logs` prints the server's log lines, each
// with the milliseconds since `initialized`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServer, procUsage } from './serverProcess.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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

/** CPU seconds (user + system) and page faults of each thread of `pid` that used at least 0.05 s. */
function threadCpu(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    // Undefined for a thread that ended meanwhile.
    const u = procUsage(pid, tid);
    if (u && u.cpu >= 0.05) out.push({ thread: tid === String(pid) ? 'server' : tid, seconds: u.cpu, faults: u.faults });
  }
  return out.sort((a, b) => b.seconds - a.seconds);
}

/**
 * The whole process's CPU seconds (threads that ended included), minor page faults and peak RSS
 * (MB). On these virtual machines a page's first touch costs about 16 µs (150 MB filled for the
 * first time took 515 to 680 ms, again 8 ms), so the memory a start touches weighs on its time.
 */
function processTotals(pid) {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { ...procUsage(pid), peakMB: hwm ? Number(hwm[1]) / 1024 : NaN };
}

async function scan(storagePath) {
  let t0 = 0;
  const server = await openServer({ serverJs: path.join(dist, 'server.js'), folder: corpus, storagePath, nodeArgs, name: 'scan', onLog: (m) => logs && console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${m}`) });
  t0 = await server.begin();
  await server.indexed;
  const seconds = (performance.now() - t0) / 1000;
  const threads = threadCpu(server.child.pid);
  const totals = processTotals(server.child.pid);
  await server.stop();
  return { seconds, threads, totals };
}

for (let i = 0; i < runs; i++) {
  const storage = keptStorage ?? mkdtempSync(path.join(tmpdir(), 'corpus-lens-scan-'));
  const { seconds, threads, totals } = await scan(storage);
  if (!keptStorage) rmSync(storage, { recursive: true, force: true });
  console.log(`${seconds.toFixed(2)} s, CPU ${totals.cpu.toFixed(1)} s (live threads: ${threads.map((t) => `${t.thread} ${t.seconds.toFixed(1)}`).join(', ')}), ${(totals.faults / 1000).toFixed(0)}k page faults (server thread ${(threads.find((t) => t.thread === 'server').faults / 1000).toFixed(0)}k), peak RSS ${totals.peakMB.toFixed(0)} MB`);
}
