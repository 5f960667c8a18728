// `node scripts/bench/allocation.mjs [--articles N] [CORPUS]`: the bytes the analysis of an
// article allocates, in all and by function (the functions that allocate the most first), from
// V8's sampling heap profiler with the objects the collector has freed counted in. Allocation is
// what the scan's garbage collection (in the workers and V8's helper threads) grows with, and it
// is steadier from run to run than time on a shared machine. Bundles this checkout's analysis
// with esbuild; CORPUS defaults to `.bench/corpus-100000` (or `-10000`) from `npm run bench`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCorpus, commandLine, loadAnalysis } from './analysisBundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { option, rest: argv } = commandLine();
const count = Number(option('--articles', '5000'));
const corpus = benchCorpus(argv[0]);

const work = mkdtempSync(path.join(tmpdir(), 'corpus-lens-allocation-'));
try {
  const { Recognizer, analyzeArticle, decode, catalog } = await loadAnalysis(root, path.join(work, 'analysis.cjs'));
  const files = readdirSync(corpus, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort().slice(0, count + 1000).map((f) => path.join(corpus, f));
  const texts = files.map((f) => decode(readFileSync(f))).filter((d) => d.ok).map((d) => d.text);
  const recognizer = new Recognizer(catalog.entities);
  // The first thousand warm the code and the recogniser's caches up, unmeasured.
  for (const t of texts.slice(0, 1000)) analyzeArticle(t, recognizer, false);
  const measured = texts.slice(1000);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (const t of measured) analyzeArticle(t, recognizer, false);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();

  const byFunction = new Map();
  let total = 0;
  const walk = (node) => {
    const name = `${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url) || '(native)'}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const c of node.children) walk(c);
  };
  walk(profile.head);
  const perArticle = (bytes) => Math.round(bytes / measured.length).toLocaleString('en');
  console.log(`${measured.length} articles of ${corpus}: ${perArticle(total)} bytes allocated an article`);
  for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${perArticle(bytes).padStart(8)}  ${name}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
