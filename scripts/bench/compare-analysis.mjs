// `node scripts/bench/compare-analysis.mjs [REF] [--articles N] [CORPUS]`: the cost of analysing
// an article with this checkout's code against the code of git revision REF (default HEAD), in
// one process, the two alternated round by round, so that the machine's drift falls on both.
// First checks that both give the same analysis of every article. Bundles each revision's
// analysis with esbuild; CORPUS defaults to `.bench/corpus-100000` (or `-10000`) from `npm run bench`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { benchCorpus, commandLine, loadAnalysis, revisionSources } from './analysisBundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { option, rest: argv } = commandLine();
const count = Number(option('--articles', '30000'));
const ref = argv[0] ?? 'HEAD';
const corpus = benchCorpus(argv[1]);

const work = mkdtempSync(path.join(tmpdir(), 'corpus-lens-compare-'));
try {
  // REF's server sources, beside this checkout's package (its dependencies resolve from here).
  const tree = revisionSources(ref, path.join(work, 'ref'));
  const bundle = (from, name) => loadAnalysis(from, path.join(work, `${name}.cjs`));
  const builds = { [ref]: await bundle(tree, 'ref'), 'this checkout': await bundle(root, 'current') };
  const names = Object.keys(builds);

  const files = readdirSync(corpus, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort().slice(0, count).map((f) => path.join(corpus, f));
  const texts = files.map((f) => builds[names[0]].decode(readFileSync(f))).filter((d) => d.ok).map((d) => d.text);
  const recognizers = Object.fromEntries(names.map((n) => [n, new builds[n].Recognizer(builds[n].catalog.entities)]));
  const plain = (a) => ({ ...a, data: [...a.data] });
  let differ = 0;
  for (const t of texts) {
    const [a, b] = names.map((n) => plain(builds[n].analyzeArticle(t, recognizers[n], false)));
    if (!isDeepStrictEqual(a, b)) differ++;
  }
  console.log(`${texts.length} articles of ${corpus}: ${differ === 0 ? 'the same analyses' : `${differ} analyses differ`}`);

  const perArticle = (n) => {
    // CPU time rather than the clock's: other work on the machine then weighs less on the figure.
    const t = process.cpuUsage();
    for (const x of texts) builds[n].analyzeArticle(x, recognizers[n], false);
    const used = process.cpuUsage(t);
    return (used.user + used.system) / texts.length;
  };
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < 6; round++) for (const n of round % 2 ? [...names].reverse() : names) times[n].push(perArticle(n));
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  for (const n of names) console.log(`${n.padEnd(14)} µs of CPU an article: ${times[n].map((x) => x.toFixed(1)).join(' ')} (median ${median(times[n]).toFixed(1)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
