/**
 * Scores recognition against the development set: real Arabic news articles annotated by
 * reading (`devset/gold-*.json`: each article's address and the names it holds, with type and
 * count). The texts are not in the repository: they are kept in a folder of their own
 * (`--texts DIR`, default `$CORPUS_LENS_DEVSET` or `/work/devset/texts`), one `<id>.txt` each.
 *
 *   npx tsx scripts/devset/score.ts [--texts DIR] [--verbose] [--misses N] [--holdout] [--uncovered]
 *
 * `--holdout` scores the held-out set (`devset/holdout-*.json`) instead: articles annotated the
 * same way but never looked at while the rules were written.
 *
 * A gold mention is a span of the text (its form, found as a whole word, longest forms first);
 * occurrences of a form beyond its count are left out of the scoring. A system mention (names,
 * short forms and discovered names; demonyms and topics aside) is right when it overlaps a gold
 * span of its type; one wholly inside a gold span of another type is not counted either way
 * (a place inside an organisation's name). Bounds are exact when the spans agree but for the
 * proclitics written onto the gold form.
 *
 * The catalog holds a gold entity when one of its entries of that type has the same Latin name
 * (compared loosely) or links one of its mentions right; recall over the mentions of those
 * entities measures the catalog's names, apart from discovery. `--uncovered` lists the rest.
 */
import { readFileSync, readdirSync, existsSync } from 'fs';
import * as path from 'path';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import type { Entity, EntityType } from '../../server/src/core/catalog/types';
import type { Mention } from '../../server/src/core/entities/recognizer';
import { normalizeKey } from '../../server/src/core/text/normalize';
import { shippedCatalog } from '../../server/src/shippedCatalog';

type GoldType = 'person' | 'organisation' | 'place';
interface GoldName { form: string; type: GoldType; en: string; count: number }
interface GoldArticle { id: string; url: string; subject: string; names: GoldName[] }
interface Span { start: number; end: number; type: GoldType; en: string; form: string }

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = path.resolve(__dirname, '../..');
const textsDir = opt('--texts') ?? process.env.CORPUS_LENS_DEVSET ?? '/work/devset/texts';
const verbose = args.includes('--verbose');
const listed = Number(opt('--misses') ?? 20);

const gold: GoldArticle[] = readdirSync(path.join(root, 'devset'))
  .filter((f) => (args.includes('--holdout') ? /^holdout-.*\.json$/ : /^gold-.*\.json$/).test(f))
  .sort()
  .flatMap((f) => (JSON.parse(readFileSync(path.join(root, 'devset', f), 'utf8')) as { articles: GoldArticle[] }).articles);
const articles = gold.filter((a) => existsSync(path.join(textsDir, `${a.id}.txt`)));
if (articles.length < gold.length) console.log(`${gold.length - articles.length} of ${gold.length} articles have no text in ${textsDir}; scored without them`);

const LETTER = /[\p{L}\p{M}]/u;
/** Where each gold form stands in the text: whole words, longest forms first, none inside another's span. */
function goldSpans(text: string, names: readonly GoldName[]): { spans: Span[]; ignored: Span[] } {
  const taken = new Uint8Array(text.length);
  const spans: Span[] = [];
  const ignored: Span[] = [];
  for (const n of [...names].sort((a, b) => b.form.length - a.form.length)) {
    let found = 0;
    for (let at = text.indexOf(n.form); at >= 0; at = text.indexOf(n.form, at + 1)) {
      const end = at + n.form.length;
      if ((at > 0 && LETTER.test(text[at - 1])) || (end < text.length && LETTER.test(text[end]))) continue;
      if (taken.subarray(at, end).some((x) => x === 1)) continue;
      taken.fill(1, at, end);
      (found++ < n.count ? spans : ignored).push({ start: at, end, type: n.type, en: n.en, form: n.form });
    }
    if (found < n.count) console.log(`warning: "${n.form}" found ${found} times, gold says ${n.count}`);
  }
  return { spans, ignored };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const inside = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start >= b.start && a.end <= b.end;
/** Proclitic letters a gold form may carry before the name the system marks. */
const exactBounds = (text: string, g: Span, s: { start: number; end: number }) => s.end === g.end && s.start >= g.start && /^[وفبلك]*$/.test(text.slice(g.start, s.start));
/** Latin names compared loosely: case, accents, the article and punctuation aside. */
const latinKey = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\b(al|el|ad|as|ash|an|ar|at|az)-/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
const sharesLatinWord = (a: string, b: string) => {
  const x = new Set(latinKey(a).split(' '));
  return latinKey(b).split(' ').some((w) => w.length > 2 && x.has(w));
};
/** A link is right when the Latin names agree, or the gold form is the entry's full Arabic name or an alias (not a short form). */
const sameEntity = (e: Entity, g: Span) =>
  sharesLatinWord(e.en ?? '', g.en) || [e.ar, ...(e.aliases ?? [])].some((n) => normalizeKey(n) === normalizeKey(g.form));

// Index the articles as the server does: once, then again so that people learnt from one article link in all.
const index = new CorpusIndex(shippedCatalog());
const texts = new Map(articles.map((a) => [a.id, readFileSync(path.join(textsDir, `${a.id}.txt`), 'utf8')]));
for (let pass = 0; pass < 2; pass++) for (const a of articles) index.upsert(`devset:${a.id}`, texts.get(a.id)!);

const TYPES: GoldType[] = ['person', 'organisation', 'place'];
const tally = () => ({ gold: 0, found: 0, system: 0, right: 0, exact: 0, linked: 0, linkedRight: 0 });
const byType = Object.fromEntries(TYPES.map((t) => [t, tally()])) as Record<GoldType, ReturnType<typeof tally>>;
const misses: { type: GoldType; key: string; line: string }[] = [];
/** Every gold mention, whether it was found, for the recall over entities the catalog holds. */
const goldSeen: { type: GoldType; key: string; found: boolean }[] = [];
const latinWords = (s: string) => new Set(latinKey(s).split(' ').filter((w) => w.length > 2));
const catalogLatin = shippedCatalog().filter((e) => e.en).map((e) => ({ type: e.type, words: latinWords(e.en!) }));
/** One Latin name holds the other's words (two at least): "Kurdistan Workers' Party" in "Kurdistan Workers Party (PKK)". */
const sameLatin = (a: Set<string>, b: Set<string>) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return (small.size >= 2 || small.size === large.size) && small.size > 0 && [...small].every((w) => large.has(w));
};
const inCatalog = (type: GoldType, key: string) => {
  const words = latinWords(key);
  return catalogLatin.some((e) => e.type === type && sameLatin(e.words, words));
};
const falsePositives: string[] = [];
const wrongLinks: string[] = [];
/** Distinct gold entities per type (by Latin name), and those some catalog entry linked. */
const distinct = Object.fromEntries(TYPES.map((t) => [t, new Map<string, boolean>()])) as Record<GoldType, Map<string, boolean>>;

for (const a of articles) {
  const text = texts.get(a.id)!;
  const { spans, ignored } = goldSpans(text, a.names);
  const article = index.article(`devset:${a.id}`)!;
  const system = index.articleMentions
    .of(article)
    .filter((m) => m.kind !== 'demonym')
    .map((m) => ({ ...m, e: index.figures.entity(m.entity) as Entity }))
    .filter((m) => m.e && m.e.type !== 'topic') as (Mention & { e: Entity & { type: Exclude<EntityType, 'topic'> } })[];
  for (const g of spans) {
    const t = byType[g.type];
    t.gold++;
    const key = latinKey(g.en);
    if (!distinct[g.type].has(key)) distinct[g.type].set(key, false);
    const hits = system.filter((s) => s.e.type === g.type && overlaps(s, g));
    goldSeen.push({ type: g.type, key, found: hits.length > 0 });
    if (hits.length === 0) {
      const other = system.find((s) => overlaps(s, g));
      misses.push({ type: g.type, key, line: `${a.id} ${g.type} «${g.form}» (${g.en})${other ? ` (found as ${other.e.type} «${text.slice(other.start, other.end)}»)` : ''}` });
      continue;
    }
    t.found++;
    if (hits.length === 1 && exactBounds(text, g, hits[0])) t.exact++;
    const linked = hits.find((s) => !s.e.discovered);
    if (linked) {
      t.linked++;
      if (sameEntity(linked.e, g)) {
        t.linkedRight++;
        distinct[g.type].set(key, true);
      } else wrongLinks.push(`${a.id} «${g.form}» (${g.en}) → ${linked.e.id} (${linked.e.en})`);
    }
  }
  for (const s of system) {
    if (ignored.some((g) => overlaps(s, g))) continue;
    if (spans.some((g) => g.type !== s.e.type && inside(s, g)) && !spans.some((g) => g.type === s.e.type && overlaps(s, g))) continue;
    const t = byType[s.e.type];
    t.system++;
    if (spans.some((g) => g.type === s.e.type && overlaps(s, g))) t.right++;
    else falsePositives.push(`${a.id} ${s.e.type} «${text.slice(s.start, s.end)}» → ${s.e.id}${s.e.discovered ? ' (discovered)' : ''}`);
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const row = (name: string, t: ReturnType<typeof tally>) =>
  `| ${name} | ${t.gold} | ${f(t.found / t.gold)} | ${f(t.right / t.system)} | ${f(t.exact / t.found)} | ${f(t.linkedRight / t.linked)} |`;
console.log(`\n${articles.length} articles, ${textsDir}\n`);
console.log('| type | gold mentions | recall | precision | exact bounds | catalog links right |');
console.log('|---|---|---|---|---|---|');
for (const t of TYPES) console.log(row(t, byType[t]));
const all = TYPES.reduce((s, t) => {
  for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += byType[t][k];
  return s;
}, tally());
console.log(row('all', all));
console.log('\nDistinct gold entities a catalog entry links (catalog coverage):');
for (const t of TYPES) {
  const m = distinct[t];
  const held = [...m.values()].filter(Boolean).length;
  console.log(`  ${t}: ${held} of ${m.size} (${f(held / m.size)})`);
}
const held = (type: GoldType, key: string) => distinct[type].get(key) === true || inCatalog(type, key);
console.log('\nDistinct gold entities the catalog holds (linked right, or an entry of the same Latin name):');
for (const t of TYPES) {
  const keys = [...distinct[t].keys()];
  const n = keys.filter((k) => held(t, k)).length;
  console.log(`  ${t}: ${n} of ${keys.length} (${f(n / keys.length)})`);
}
console.log('\nRecall over the mentions of entities the catalog holds:');
for (const t of TYPES) {
  const own = goldSeen.filter((g) => g.type === t && held(t, g.key));
  console.log(`  ${t}: ${f(own.filter((g) => g.found).length / own.length)} of ${own.length} mentions`);
}
const own = goldSeen.filter((g) => held(g.type, g.key));
console.log(`  all: ${f(own.filter((g) => g.found).length / own.length)} of ${own.length} mentions`);
if (args.includes('--uncovered')) {
  for (const t of TYPES) {
    const rest = [...distinct[t].keys()].filter((k) => !held(t, k));
    console.log(`\nNot in the catalog, ${t} (${rest.length}): ${rest.join('; ')}`);
  }
}
const show = (title: string, list: string[]) => {
  console.log(`\n${title} (${list.length}${list.length > listed && !verbose ? `, first ${listed}` : ''}):`);
  for (const l of verbose ? list : list.slice(0, listed)) console.log(`  ${l}`);
};
show('Missed, of entities the catalog holds', misses.filter((m) => held(m.type, m.key)).map((m) => m.line));
show('Missed, of entities the catalog does not hold', misses.filter((m) => !held(m.type, m.key)).map((m) => m.line));
show('False positives', falsePositives);
show('Linked to another entity', wrongLinks);
