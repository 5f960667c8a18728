// Search quality and latency on the bench corpora: a set of queries with expected answers, run
// against the bundled server (dist/server.js over stdio) once it has indexed `.bench/corpus-N`.
// Prints pass/fail per query and p50/p95 latency of workspace symbols and of the palette search.
//
//   node scripts/bench/searchQueries.mjs [--sizes 1000,10000] [--samples 20] [--verbose]
//
// The corpora come from `node scripts/bench.mjs --sizes N` (generated here too if missing).
// Expected answers are worked out from the corpus files, not from the server: an article's
// headline is the first of its lines that is a headline of the generator's pool.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';
import { openServer } from './serverProcess.mjs';
import { listFiles } from './listFiles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const samples = Number(arg('samples', '20'));
const verbose = process.argv.includes('--verbose');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Roughly the server's key folding: diacritics and tatweel dropped, hamza, alef maqsura, ta marbuta folded. */
const fold = (s) =>
  s
    .normalize('NFKC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .toLowerCase();
/** A word's readings: itself, and without each run of proclitics and article it may carry (و ف ب ل ك, ال). */
const readings = (w) => {
  const out = [w];
  for (let i = 1; i <= 4 && i <= w.length - 2; i++) if (/^[وف]?[بلك]?(ال|ل)?$/.test(w.slice(0, i))) out.push(w.slice(i));
  return out;
};
const words = (s) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function editDistance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/** Whether `text` holds `word` or a close variant of it (clitics, a suffix, a letter or two off). */
function holds(text, word) {
  const f = fold(word);
  const qs = [f, ...(f.startsWith('ال') && f.length >= 4 ? [f.slice(2)] : [])];
  return words(text).some((w) =>
    readings(w).some((b) => qs.some((q) => b === q || (b.startsWith(q) && b.length - q.length <= 3) || (q.length >= 4 && editDistance(b, q) <= Math.floor(q.length / 4)))),
  );
}

/** The generator's headline pool, as generate.mjs reads it from the seeds (site chrome left out). */
function headlinePool() {
  const out = new Set();
  const dir = path.join(root, 'seeds');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    for (const l of readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/).map((x) => x.trim()).filter(Boolean)) {
      const n = l.split(/\s+/).length;
      if (n >= 5 && n < 14 && !/[.»"]$/.test(l) && !/>>|صباحًا|google/.test(l)) out.add(l);
    }
  }
  return out;
}

/** Number of articles whose headline holds `word`. */
function headlinesWith(heads, word) {
  let n = 0;
  for (const h of heads) if (h && holds(h, word)) n++;
  return n;
}

const OBJECT = 19;
const FILE = 1;

/**
 * The queries. `ws` checks workspace symbols, `palette` the palette search (corpusLens/search);
 * each returns a list of problems (empty: pass). `heads` is each article's headline.
 */
const QUERIES = [
  {
    q: 'lavrov',
    ws: (r, heads) => [...firstIs(r, /Sergey Lavrov/), ...onlyClose(r, ['lavrov', 'لافروف']), ...headlinesFound(r, heads, 'لافروف')],
  },
  {
    q: 'لافروف',
    ws: (r, heads) => [...firstIs(r, /Sergey Lavrov/), ...onlyClose(r, ['lavrov', 'لافروف']), ...headlinesFound(r, heads, 'لافروف')],
    palette: (r) => [...(r.entities[0]?.id === 'person:sergey-lavrov' ? [] : [`first entity ${r.entities[0]?.id}`]), ...passagesHold(r, 'لافروف')],
  },
  // The corpus never names Sudan: the palette (entities the corpus names) lists nothing unrelated.
  { q: 'السودان', ws: (r) => [...firstIs(r, /\(Sudan\)/), ...onlyClose(r, ['السودان', 'sudan'])], palette: (r) => paletteClose(r, ['السودان', 'sudan']) },
  { q: 'sudan', ws: (r) => [...firstIs(r, /\(Sudan\)/), ...onlyClose(r, ['sudan', 'السودان'])], palette: (r) => paletteClose(r, ['السودان', 'sudan']) },
  { q: 'بوتن', ws: (r) => firstIs(r, /Vladimir Putin/) },
  { q: 'shanghai', ws: (r) => firstIs(r, /^(شنغهاي|شانغهاي) /) },
  {
    // A word in some headlines (and in teasers): those headlines, and passages that hold it.
    q: 'مروحيات',
    ws: (r, heads) => [...onlyClose(r, ['مروحيات']), ...headlinesFound(r, heads, 'مروحيات')],
    palette: (r) => [...paletteClose(r, ['مروحيات']), ...passagesHold(r, 'مروحيات'), ...(r.passages.length ? [] : ['no passage'])],
  },
  { q: 'الاستيطان', ws: (r, heads) => [...onlyClose(r, ['الاستيطان']), ...headlinesFound(r, heads, 'الاستيطان')] },
  { q: 'ترامب', ws: (r, heads) => [...firstIs(r, /Donald Trump/), ...onlyClose(r, ['ترامب', 'trump']), ...headlinesFound(r, heads, 'ترامب')] },
  { q: 'الانتصار في الحرب', ws: (r, heads) => headlinesFound(r, heads, 'الانتصار', false) },
  // Absent from the corpus and the catalog: nothing.
  { q: 'زنجبيلية', ws: (r) => (r.length ? [`${r.length} results: ${r[0].name}`] : []), palette: (r) => nothingIn(r) },
  { q: 'قطارات', ws: (r) => (r.filter((s) => s.kind === FILE).length ? ['headlines for an absent word'] : []), palette: (r) => passagesHold(r, 'قطارات') },
];

function firstIs(r, re) {
  return r[0] && re.test(r[0].name) ? [] : [`first is ${r[0]?.name ?? 'nothing'}`];
}

/** The shipped catalog's names of each entity, by the name workspace symbols show and by id. */
const catalog = JSON.parse(readFileSync(path.join(root, 'server/catalog/shipped.json'), 'utf8')).entities;
const namesOf = new Map();
for (const e of catalog) {
  const names = [e.ar, e.en ?? '', ...(e.aliases ?? []), ...(e.short ?? []).map((x) => (typeof x === 'string' ? x : x.text))].join(' | ');
  namesOf.set(e.en ? `${e.ar} (${e.en})` : e.ar, names);
  namesOf.set(e.id, names);
}

/** Every result holds one of the words (an entity in one of its names or aliases). */
function onlyClose(r, ws) {
  const off = r.filter((s) => !ws.some((w) => holds(s.kind === OBJECT ? (namesOf.get(s.name) ?? s.name) : s.name, w)));
  return off.length ? [`${off.length} unrelated, e.g. ${off.slice(0, 3).map((s) => s.name).join(' | ')}`] : [];
}

/** Headline results hold the word, and as many are listed as the corpus has (up to 50). */
function headlinesFound(r, heads, word, strict = true) {
  const got = r.filter((s) => s.kind === FILE);
  const want = Math.min(50, headlinesWith(heads, word));
  const good = got.filter((s) => holds(s.name, word)).length;
  const out = [];
  if (good < want) out.push(`${good} of ${want} headlines with ${word}`);
  if (strict && good < got.length) out.push(`${got.length - good} headlines without ${word}`);
  return out;
}

function passagesHold(r, word) {
  const off = r.passages.filter((p) => !holds(p.text, word));
  const unmarked = r.passages.filter((p) => !p.matches.some(([s, e]) => holds(p.text.slice(s, e), word)));
  return [...(off.length ? [`${off.length} of ${r.passages.length} passages without ${word}`] : []), ...(unmarked.length ? [`${unmarked.length} passages with ${word} unmarked`] : [])];
}

/** Palette results all hold one of the words: entities (in a name), headlines and passages. */
function paletteClose(r, ws) {
  const off = [...r.entities.filter((e) => !ws.some((w) => holds(namesOf.get(e.id) ?? `${e.ar} ${e.en ?? ''}`, w))).map((e) => e.id), ...r.headlines.filter((h) => !ws.some((w) => holds(h.headline, w))).map((h) => h.headline), ...r.passages.filter((p) => !ws.some((w) => holds(p.text, w))).map((p) => p.text.slice(0, 40))];
  return off.length ? [`${off.length} unrelated, e.g. ${off.slice(0, 3).join(' | ')}`] : [];
}

function nothingIn(r) {
  const n = r.entities.length + r.headlines.length + r.passages.length;
  return n ? [`${r.entities.length} entities, ${r.headlines.length} headlines, ${r.passages.length} passages`] : [];
}

async function timed(f) {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

async function runSize(n) {
  const dir = generateCorpus({ seedsDir: path.join(root, 'seeds'), dir: path.join(root, `.bench/corpus-${n}`), n });
  const pool = headlinePool();
  const heads = listFiles(dir).map((f) => readFileSync(f, 'utf8').split('\n').slice(0, 12).find((l) => pool.has(l.trim())));
  const storage = mkdtempSync(path.join(tmpdir(), 'corpus-lens-searchq-'));
  const s = await openServer({ serverJs: path.join(root, 'dist/server.js'), folder: dir, storagePath: storage });
  const t0 = await s.begin();
  await s.indexed;
  console.log(`\n${n.toLocaleString('en')} articles (indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const lat = { ws: [], palette: [] };
  let passed = 0;
  let total = 0;
  for (const query of QUERIES) {
    for (const kind of ['ws', 'palette']) {
      if (!query[kind]) continue;
      const ask = () => (kind === 'ws' ? s.c.sendRequest('workspace/symbol', { query: query.q }) : s.c.sendRequest('corpusLens/search', { query: query.q }));
      const [r] = await timed(ask);
      for (let i = 0; i < (kind === 'ws' ? samples : Math.ceil(samples / 4)); i++) lat[kind].push((await timed(ask))[1]);
      const problems = query[kind](r, heads);
      total++;
      if (problems.length === 0) passed++;
      console.log(`  ${problems.length ? 'FAIL' : 'pass'}  ${kind === 'ws' ? 'symbols' : 'palette'} ${JSON.stringify(query.q)}${problems.length ? ': ' + problems.join('; ') : ''}`);
      if (verbose) {
        const rows = kind === 'ws' ? r.map((x) => `${x.kind === OBJECT ? 'E' : 'H'} ${x.name}`) : [...r.entities.map((e) => `E ${e.id}`), ...r.headlines.map((h) => `H ${h.headline}`), ...r.passages.map((p) => `P ${p.text.slice(0, 80)}`)];
        for (const row of rows.slice(0, 8)) console.log(`        ${row}`);
      }
    }
  }
  console.log(`  ${passed} / ${total} passed`);
  console.log(`  workspace symbols p50 / p95: ${pct(lat.ws, 50).toFixed(1)} / ${pct(lat.ws, 95).toFixed(1)} ms (${lat.ws.length} requests)`);
  console.log(`  palette search    p50 / p95: ${pct(lat.palette, 50).toFixed(1)} / ${pct(lat.palette, 95).toFixed(1)} ms (${lat.palette.length} requests)`);
  await s.stop();
  rmSync(storage, { recursive: true, force: true });
  return { n, passed, total };
}

const results = [];
for (const n of sizes) results.push(await runSize(n));
process.exitCode = results.every((r) => r.passed === r.total) ? 0 : 1;
