// `node scripts/bench/compare-index.mjs [REF] [--articles N] [--rounds N] [CORPUS]`: the index's
// hot paths with this checkout's core against git revision REF's (default HEAD), each round in a
// process of its own (two builds in one process slow each other down through the shared heap
// and compiler), the two alternated round by round, so that the machine's drift falls on both.
// A round commits the same analyses, restores a snapshot of them (a warm start), answers the
// hover figures, references and highlights of the most named entities, searches, and counts the
// figures a cache write saves; each phase is timed in CPU milliseconds of the process, which a
// busy machine disturbs less than the clock. First checks that both builds answer the same.
// CORPUS defaults to `.bench/corpus-10000` (from `npm run bench -- --sizes 10000`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCorpus, commandLine, loadCore, revisionSources } from './analysisBundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const self = fileURLToPath(import.meta.url);
const { option, rest } = commandLine();
const count = Number(option('--articles', '10000'));
const rounds = Number(option('--rounds', '6'));
/** Set in a round's own process: the bundle it times. */
const child = option('--bundle', undefined);
const ref = rest[0] ?? 'HEAD';
const corpus = benchCorpus(rest[1], [10000]);

/** The core's index, analysis and search from the sources under `from` (the search module moved once: either place). */
function bundleIndex(from, outfile) {
  const search = ['server/src/core/search/search.ts', 'server/src/core/features/search.ts'].find((p) => existsSync(path.join(from, p)));
  return loadCore(
    from,
    outfile,
    `export { CorpusIndex } from './server/src/core/index/corpusIndex';
export { analyzeArticle } from './server/src/core/index/analysis';
export { decode } from './server/src/core/text/decode';
export { SearchEngine } from './${search.replace(/\.ts$/, '')}';`,
  );
}

const QUERIES = ['lavrov', 'بوتن', 'شانغهاي', 'xi jinping', 'patrushev', 'الخارجية الصينية', 'كوالالمبور', 'وانج', 'brics', 'سبوتنيك', 'الحرب العالمية', 'moscow'];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The index's reads, whether the build's index answers them itself or through its collaborators (they moved once). */
function readsOf(index) {
  const m = index.articleMentions;
  return {
    figures: index.figures ?? index,
    discovery: index.discovery ?? index,
    persistence: index.persistence ?? index,
    mentions: m ? (a) => m.of(a) : (a) => index.mentions(a),
    mentionAt: m ? (uri, offset) => m.at(uri, offset) : (uri, offset) => index.mentionAt(uri, offset),
    counts: m ? (a) => m.counts(a) : (a) => index.counts(a),
  };
}

/** One round with one build: each phase's CPU milliseconds, and what it answered (its digest is compared between the builds). */
async function round(b, texts) {
  const ms = {};
  const time = (name, f) => {
    const t = cpuMs();
    const out = f();
    ms[name] = cpuMs() - t;
    return out;
  };
  const index = new b.CorpusIndex(b.catalog.entities);
  const cold = readsOf(index);
  const analyses = texts.map(([uri, text]) => [uri, b.analyzeArticle(text, cold.discovery.recognizer, false)]);
  time('commit', () => analyses.forEach(([uri, a]) => index.commit(uri, a)));
  const snap = structuredClone(await cold.persistence.snapshot(() => []));
  const warm = new b.CorpusIndex(b.catalog.entities);
  const { figures, persistence, mentions, mentionAt, counts } = readsOf(warm);
  time('restore', () => persistence.restore(snap, () => true, true));
  const top = figures.summaries().sort((x, y) => y.mentions - x.mentions || (x.entity.id < y.entity.id ? -1 : 1)).slice(0, 40).map((s) => s.entity.id);
  const answers = [];
  for (const pass of ['hover (first)', 'hover (again)']) {
    time(pass, () => top.forEach((id) => answers.push([figures.forms(id), figures.cooccurring(id, 5).map((c) => [c.entity.id, c.articles]), figures.articlesOf(id, 8).map((a) => a.uri), figures.summary(id), figures.earliestFullArticle(id)?.uri])));
  }
  time('references', () => top.forEach((id) => answers.push(figures.mentionPage(id, { includeDemonyms: true }, 20000, figures.articlesOf(id, 1)[0]?.uri).total)));
  const articles = [...warm.allArticles()];
  time('highlights', () => {
    for (const a of articles) {
      for (const m of mentions(a)) answers.push(mentionAt(a.uri, m.start)?.entity);
      answers.push(counts(a).size);
    }
  });
  const search = time('search index', () => new b.SearchEngine(warm));
  time('search', () => QUERIES.forEach((q) => answers.push(search.entities(q, 20).map((h) => h.entity.id), search.headlineHits(q, 20).map((h) => h.article.uri))));
  const source = await persistence.source();
  time('cache figures', () => source.articles.forEach((a) => source.counts.add(a)));
  answers.push(source.counts.result().length);
  return { ms, answers };
}

function corpusTexts(decode) {
  const files = readdirSync(corpus, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort().slice(0, count);
  return files.map((f) => [pathToFileURL(path.join(corpus, f)).href, decode(readFileSync(path.join(corpus, f)))]).filter(([, d]) => d.ok).map(([uri, d]) => [uri, d.text]);
}

if (child) {
  const b = await import(pathToFileURL(child).href);
  const { ms, answers } = await round(b, corpusTexts(b.decode));
  process.stdout.write(JSON.stringify({ ms, answers: createHash('sha256').update(JSON.stringify(answers)).digest('hex') }));
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'corpus-lens-compare-index-'));
  try {
    const bundles = { [ref]: path.join(work, 'ref.cjs'), 'this checkout': path.join(work, 'current.cjs') };
    await bundleIndex(revisionSources(ref, path.join(work, 'ref')), bundles[ref]);
    await bundleIndex(root, bundles['this checkout']);
    const names = Object.keys(bundles);
    const times = Object.fromEntries(names.map((n) => [n, []]));
    const answers = {};
    for (let r = 0; r < rounds; r++) {
      for (const n of r % 2 ? [...names].reverse() : names) {
        const out = JSON.parse(execFileSync(process.execPath, [self, ref, corpus, '--articles', String(count), '--bundle', bundles[n]], { maxBuffer: 1 << 30 }).toString());
        times[n].push(out.ms);
        answers[n] ??= out.answers;
      }
    }
    const same = answers[names[0]] === answers[names[1]];
    console.log(`${count} articles of ${corpus}: ${same ? 'the same answers' : 'the answers differ'}; ${rounds} rounds, CPU milliseconds, median (min–max):`);
    const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
    console.log(`${'phase'.padEnd(16)}${names.map((n) => n.padStart(28)).join('')}`);
    for (const p of Object.keys(times[names[0]][0])) {
      const cell = (n) => {
        const xs = times[n].map((t) => t[p]);
        return `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`.padStart(28);
      };
      console.log(`${p.padEnd(16)}${names.map(cell).join('')}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
