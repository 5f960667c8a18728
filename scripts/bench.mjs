// `npm run bench`: measures the bundled server as a client sees it, on synthetic corpora of
// 1,000 / 10,000 / 100,000 articles (override with --sizes 1000,10000). Prints a table and
// writes .bench/results.json. Targets are reported, not asserted.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus, mulberry32 } from './bench/generate.mjs';
import { openServer, procUsage } from './bench/serverProcess.mjs';
import { listFiles } from './bench/listFiles.mjs';
import { benchConcordance } from './bench/concordance.mjs';
import { measureTimelineNetwork, timelineNetworkRows } from './bench/timelineNetwork.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const samples = Number(arg('samples', '200'));
// --slow 50: also print (to stderr) each request answered while indexing that took longer.
const slow = Number(arg('slow', 'Infinity'));
// --node-args "--cpu-prof --cpu-prof-dir=prof": extra Node options for the server processes.
const nodeArgs = arg('node-args', '').split(' ').filter(Boolean);

const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const now = () => performance.now();

/**
 * CPU time (user + system, all threads) a process has used so far, from Linux's /proc: what a
 * scan costs on a machine with fewer cores than it has threads. Undefined elsewhere.
 */
function cpuSeconds(pid) {
  return procUsage(pid)?.cpu;
}

/** The floor: read + decode + a plain tokenising scan, in this process, on the same files. */
function rawFloor(files) {
  const dec = new TextDecoder('utf-8');
  let bytes = 0;
  let tokens = 0;
  const t = now();
  for (const f of files) {
    const b = readFileSync(f);
    bytes += b.length;
    const text = dec.decode(b);
    for (const _ of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) tokens++;
  }
  const s = (now() - t) / 1000;
  return { bytes, tokens, seconds: s, mbps: bytes / 1e6 / s };
}

async function startServer(folder, storagePath) {
  const s = await openServer({ serverJs: path.join(root, 'dist/server.js'), folder, storagePath, nodeArgs: [...nodeArgs, '--expose-gc'] });
  return { ...s, t0: await s.begin() };
}

async function timed(f) {
  const t = now();
  await f();
  return now() - t;
}

function positionsOf(text, words) {
  const out = [];
  const lines = text.split('\n');
  lines.forEach((l, line) => {
    for (const w of words) {
      let i = l.indexOf(w);
      while (i >= 0) {
        out.push({ line, character: i + 1 });
        i = l.indexOf(w, i + 1);
      }
    }
  });
  return out;
}

const QUERIES = ['lavrov', 'بوتن', 'شانغهاي', 'xi jinping', 'patrushev', 'الخارجية الصينية', 'كوالالمبور', 'وانج', 'brics', 'سبوتنيك', 'الحرب العالمية', 'moscow'];
const WORDS = ['لافروف', 'بوتين', 'الصين', 'بريكس', 'وانغ', 'شينخوا'];

async function benchSize(n) {
  const dir = generateCorpus({ seedsDir: path.join(root, 'seeds'), dir: path.join(root, `.bench/corpus-${n}`), n });
  const files = listFiles(dir);
  // The floor and the cold start both find the files in the page cache: a floor that read them
  // off the disk ran at half the speed (26 against 53 MB/s at 100,000) and flattered the ratio.
  for (const f of files) readFileSync(f);
  const floor = rawFloor(files);
  const storage = mkdtempSync(path.join(tmpdir(), 'corpus-lens-bench-'));
  const rnd = mulberry32(7);
  const pick = (a) => a[Math.floor(rnd() * a.length)];

  // Cold start on its own: the time and CPU indexing takes, with no request to answer. (The
  // requests below, one hover and one search every 20 ms or so, made a scan of 100,000 articles
  // 2.3 to 5.1 s longer in three runs, on a machine of two cores.) Its index is written to a
  // storage folder of its own, thrown away.
  const aloneStorage = mkdtempSync(path.join(tmpdir(), 'corpus-lens-bench-'));
  const alone = await startServer(dir, aloneStorage);
  await alone.indexed;
  const coldMs = now() - alone.t0;
  const coldCpu = cpuSeconds(alone.child.pid);
  await alone.stop();
  rmSync(aloneStorage, { recursive: true, force: true });

  // Cold start again, with requests sent while indexing runs; the latencies, the edits and the
  // memory are measured on this server, and the warm start reads the index it writes.
  const s = await startServer(dir, storage);
  const openFiles = Array.from({ length: 20 }, () => pick(files));
  const docs = openFiles.map((f) => ({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') }));
  for (const d of docs) await s.c.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'plaintext', version: 1, text: d.text } });
  const during = [];
  let done = false;
  s.indexed.then(() => (done = true));
  while (!done) {
    const d = pick(docs);
    const pos = pick(positionsOf(d.text, WORDS));
    const hover = await timed(() => s.c.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pos }));
    const query = pick(QUERIES);
    const search = await timed(() => s.c.sendRequest('workspace/symbol', { query }));
    during.push(hover, search);
    for (const [what, ms] of [['hover', hover], [`search "${query}"`, search]]) {
      if (ms > slow) process.stderr.write(`  ${((now() - s.t0) / 1000).toFixed(2)} s into indexing: ${what} took ${ms.toFixed(0)} ms\n`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const busyMs = now() - s.t0;

  const lat = { hover: [], highlight: [], references: [], symbols: [], search: [] };
  for (let i = 0; i < samples; i++) {
    const d = pick(docs);
    const pos = pick(positionsOf(d.text, WORDS));
    lat.hover.push(await timed(() => s.c.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pos })));
    lat.highlight.push(await timed(() => s.c.sendRequest('textDocument/documentHighlight', { textDocument: { uri: d.uri }, position: pos })));
    if (i % 4 === 0) lat.references.push(await timed(() => s.c.sendRequest('textDocument/references', { textDocument: { uri: d.uri }, position: pick(positionsOf(d.text, ['لافروف', 'بوتين', 'وانغ']).concat([pos])), context: { includeDeclaration: true } })));
    lat.symbols.push(await timed(() => s.c.sendRequest('textDocument/documentSymbol', { textDocument: { uri: d.uri } })));
    lat.search.push(await timed(() => s.c.sendRequest('workspace/symbol', { query: pick(QUERIES) })));
  }
  const hoverOnce = () => {
    const d = pick(docs);
    return timed(() => s.c.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pick(positionsOf(d.text, WORDS)) }));
  };
  const concordance = await benchConcordance(s.c, { hover: hoverOnce, pct });
  // Timeline, network and export, on the indexed corpus.
  const timelineNetwork = await measureTimelineNetwork(s.c);
  const edits = [];
  for (let i = 0; i < 100; i++) {
    const d = docs[i % docs.length];
    const version = 2 + i;
    edits.push(
      await timed(async () => {
        await s.c.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 2 ? 'قال لافروف إن.\n' : '' }] });
        await s.c.sendRequest('textDocument/documentHighlight', { textDocument: { uri: d.uri }, position: { line: 0, character: 5 } });
      }),
    );
  }
  const mem = await s.c.sendRequest('corpusLens/memory');
  await s.stop();

  // Warm start from the persisted index.
  const w = await startServer(dir, storage);
  await w.indexed;
  const warmMs = now() - w.t0;
  // The server's start (loading its code) included: a warm start is mostly CPU on two cores. On
  // the virtual machines the benchmark ran on, a page's first touch cost some 16 µs (150 MB first
  // filled in 515 to 680 ms, again in 8 ms), so what a start touches weighs on its time.
  const warmUsage = procUsage(w.child.pid);
  // Hovers right after a warm start: a first hover on an entity named in many articles counts its
  // written forms and co-occurrences, which the persisted index does not hold.
  const warmHover = [];
  for (let i = 0; i < samples / 2; i++) {
    const d = pick(docs);
    warmHover.push(await timed(() => w.c.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pick(positionsOf(d.text, WORDS)) })));
  }
  await w.stop();
  // The floor again, after the server has gone: this machine's speed drifts over a run (one floor
  // of 100,000 articles ran at 33 MB/s against 50 to 54 in other runs, and its ratio passed), so
  // the ratio is taken against the faster of the two.
  const floorAfter = rawFloor(files);

  const r = {
    articles: files.length,
    corpusMB: floor.bytes / 1e6,
    floorMBps: Math.max(floor.mbps, floorAfter.mbps),
    floorsMBps: [floor.mbps, floorAfter.mbps],
    coldSeconds: coldMs / 1000,
    coldMBps: floor.bytes / 1e6 / (coldMs / 1000),
    coldCpuSeconds: coldCpu,
    coldWhileAnsweringSeconds: busyMs / 1000,
    warmSeconds: warmMs / 1000,
    warmCpuSeconds: warmUsage?.cpu,
    warmPageFaults: warmUsage?.faults,
    warmHover: { p50: pct(warmHover, 50), p95: pct(warmHover, 95) },
    p50: Object.fromEntries(Object.entries(lat).map(([k, v]) => [k, pct(v, 50)])),
    p95: Object.fromEntries(Object.entries(lat).map(([k, v]) => [k, pct(v, 95)])),
    duringIndexing: { requests: during.length, p95: pct(during, 95), max: Math.max(0, ...during) },
    editP95: pct(edits, 95),
    heapMB: mem.heapUsed / 1e6,
    indexArraysMB: mem.indexArrays / 1e6,
    rssMB: mem.rss / 1e6,
    gc: mem.gc,
    concordance,
    timelineNetwork,
  };
  r.floorRatio = r.coldMBps / r.floorMBps;
  r.warmRatio = r.warmSeconds / r.coldSeconds;
  r.heapRatio = r.heapMB / r.corpusMB;
  r.heldRatio = (r.heapMB + r.indexArraysMB) / r.corpusMB;
  return r;
}

const results = [];
for (const n of sizes) {
  process.stderr.write(`bench: ${n} articles…\n`);
  results.push(await benchSize(n));
}
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const rows = [
  ['articles', ...results.map((r) => String(r.articles))],
  ['corpus (MB)', ...results.map((r) => f(r.corpusMB))],
  ['raw floor, faster of two (MB/s)', ...results.map((r) => f(r.floorMBps))],
  ['cold index (s)', ...results.map((r) => f(r.coldSeconds, 2))],
  ['cold index (MB/s)', ...results.map((r) => f(r.coldMBps))],
  ['cold index CPU, all threads (s)', ...results.map((r) => f(r.coldCpuSeconds))],
  ['ratio to floor (≥ 0.5)', ...results.map((r) => f(r.floorRatio, 2))],
  ['cold index while answering requests (s)', ...results.map((r) => f(r.coldWhileAnsweringSeconds, 2))],
  ['hover p50 / p95 (ms, ≤ 10)', ...results.map((r) => `${f(r.p50.hover)} / ${f(r.p95.hover)}`)],
  ['highlight p50 / p95 (ms, ≤ 10)', ...results.map((r) => `${f(r.p50.highlight)} / ${f(r.p95.highlight)}`)],
  ['references p50 / p95 (ms)', ...results.map((r) => `${f(r.p50.references)} / ${f(r.p95.references)}`)],
  ['document symbols p50 / p95 (ms)', ...results.map((r) => `${f(r.p50.symbols)} / ${f(r.p95.symbols)}`)],
  ['workspace search p50 / p95 (ms, ≤ 50)', ...results.map((r) => `${f(r.p50.search)} / ${f(r.p95.search)}`)],
  ['while indexing: p95 / max (ms, ≤ 100)', ...results.map((r) => `${f(r.duringIndexing.p95)} / ${f(r.duringIndexing.max)} (${r.duringIndexing.requests})`)],
  ['concordance: first page of the most mentioned entity (ms, ≤ 300)', ...results.map((r) => `${f(r.concordance.firstPageMs)} (${r.concordance.top.mentions} hits)`)],
  ['concordance: words of ~10,000 lines read (ms) / re-sort p50, max (ms, ≤ 200)', ...results.map((r) => `${f(r.concordance.resort.wordsReadMs)} / ${f(r.concordance.resort.p50)}, ${f(r.concordance.resort.max)} (${r.concordance.resort.lines} lines)`)],
  ['concordance: export of the most mentioned entity (s, lines, MB)', ...results.map((r) => `${f(r.concordance.export.ms / 1000, 2)}, ${r.concordance.export.lines}, ${f(r.concordance.export.mb)}`)],
  ['hover p95 during that export / idle (ms)', ...results.map((r) => `${f(r.concordance.export.hoverP95During)} / ${f(r.p95.hover)} (${r.concordance.export.hoversDuring})`)],
  ['edit re-index p95 (ms, ≤ 20)', ...results.map((r) => f(r.editP95))],
  ['warm start (s)', ...results.map((r) => f(r.warmSeconds, 2))],
  ['warm / cold (≤ 0.1)', ...results.map((r) => f(r.warmRatio, 3))],
  ['warm start CPU, all threads, with the process start (s)', ...results.map((r) => f(r.warmCpuSeconds))],
  ['warm start page faults, with the process start (thousands)', ...results.map((r) => f(r.warmPageFaults === undefined ? undefined : r.warmPageFaults / 1000, 0))],
  ['hover after warm start p50 / p95 (ms)', ...results.map((r) => `${f(r.warmHover.p50)} / ${f(r.warmHover.p95)}`)],
  ...timelineNetworkRows(results, f),
  ['heap after GC (MB)', ...results.map((r) => f(r.heapMB))],
  ['heap / corpus (≤ 0.5)', ...results.map((r) => f(r.heapRatio, 2))],
  ['index typed arrays, off-heap (MB)', ...results.map((r) => f(r.indexArraysMB))],
  ['(heap + typed arrays) / corpus', ...results.map((r) => f(r.heldRatio, 2))],
  ['RSS (MB)', ...results.map((r) => f(r.rssMB))],
];
if (results.length > 1) {
  const first = results[0];
  const last = results[results.length - 1];
  rows.push([`search p95 ${last.articles} / ${first.articles} (≤ 10)`, ...results.map((r) => f(r.p95.search / first.p95.search, 2))]);
}
console.log(`\n| measure | ${results.map((r) => r.articles).join(' | ')} |\n|---|${results.map(() => '---').join('|')}|`);
for (const [k, ...v] of rows.slice(1)) console.log(`| ${k} | ${v.join(' | ')} |`);
mkdirSync(path.join(root, '.bench'), { recursive: true });
writeFileSync(path.join(root, '.bench/results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
console.log('\nwritten .bench/results.json');
