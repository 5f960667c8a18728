/**
 * Search over entities and headlines: an inverted index (shortlist.ts) picks candidates by
 * Arabic key and Latin skeleton; each is then graded word by word (the whole name, a word, a
 * word's prefix, the Latin skeleton, a close variant), so that a result always holds the query's
 * words or close variants of them, and ranked by that grade (fuse.js orders the close variants).
 * Passage search finds, in texts the caller supplies, the sentences holding every word of the query.
 */
import Fuse from 'fuse.js';
import type { Entity } from '../catalog/types';
import type { Article, CorpusIndex, HeadlineWords } from '../index/corpusIndex';
import { normalizeKey, normalizeRange } from '../text/normalize';
import { tokenKeys } from '../text/tokenize';
import { latinKey } from '../text/transliterate';
import { docOf, headlineWords, wordsOf, type Doc } from './searchKeys';
import { Shortlist } from './shortlist';

export interface EntityHit {
  readonly entity: Entity;
  readonly score: number;
}

export interface HeadlineHit {
  readonly article: Article;
  readonly score: number;
}

export interface Passage {
  /** Offsets of the sentence and of the matched words within the text. */
  readonly start: number;
  readonly end: number;
  readonly matches: readonly { start: number; end: number }[];
}

export const FUSE_OPTS = { includeScore: true, ignoreLocation: true, threshold: 0.38, minMatchCharLength: 2, keys: ['keys', 'latin'] };
const isArabic = (s: string) => /[\u0600-\u06ff]/.test(s);

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** One word of a query: its key, the key without the article (ال), and for a Latin word its skeleton. */
interface QueryWord {
  readonly key: string;
  readonly bare: string;
  readonly latin: boolean;
  readonly skeleton: string;
}

interface Query {
  readonly words: QueryWord[];
  /** The whole query without spaces (and without a leading article): a name typed whole. */
  readonly whole: string[];
}

/** The key without a leading article, when something of a word is left (السودان → سودان). */
const withoutArticle = (k: string) => (k.length >= 4 && k.startsWith('ال') ? k.slice(2) : k);

function parseQuery(query: string): Query {
  const key = normalizeKey(query);
  const words = key
    .split(NOT_WORD)
    .filter((w) => w.length >= 2)
    .map((w) => {
      const latin = !isArabic(w);
      return { key: w, bare: withoutArticle(w), latin, skeleton: latin ? latinKey(w) : '' };
    });
  const joined = key.replace(/[^\p{L}\p{N}]+/gu, '');
  return { words, whole: [joined, withoutArticle(joined)] };
}

/**
 * The shortlist terms of a query: for each word, its forms (with and without the article; a Latin
 * word also among Latin names, `~word`, and by skeleton, `~skeleton`, with the article's `l`
 * before it, as an Arabic name's skeleton has it).
 */
function queryTerms(q: Query): string[][] {
  return q.words.map((w) => {
    if (!w.latin) return [...new Set([w.key, w.bare, `ال${w.bare}`])];
    const forms = [w.key, `~${w.key}`];
    if (w.skeleton.length >= 2) forms.push(`~${w.skeleton}`, `~l${w.skeleton}`);
    return forms;
  });
}

/**
 * What a result is graded on: the words of its names (each with its readings without proclitics),
 * its Latin names' words, the skeletons of both, and each name whole without spaces.
 */
export interface MatchDoc {
  readonly words: string[];
  readonly latin: string[];
  readonly skeletons: string[];
  readonly whole: Set<string>;
}

/** A word's readings: itself, and without each proclitic run it may carry (و ف ب ك ل, then ال). */
function readings(w: string): string[] {
  const out = [w];
  if (!isArabic(w)) return out;
  for (let i = 1; i <= 4 && i <= w.length - 2; i++) {
    const p = w.slice(0, i);
    if (!PROCLITICS.test(p)) continue;
    const rest = w.slice(i);
    // A single letter off leaves at least three, so that a name is not read as a shorter word.
    if (rest.length >= 3 || (p.endsWith('ال') && rest.length >= 2)) out.push(rest);
  }
  return out;
}
const PROCLITICS = /^[وف]?[بكل]?(ال|ل)?$/u;

export function matchDocOf(names: readonly string[], latinNames: readonly string[] = []): MatchDoc {
  const words = new Set<string>();
  const skeletons = new Set<string>();
  const whole = new Set<string>();
  for (const n of names) {
    const key = normalizeKey(n);
    const ws = key.split(NOT_WORD).filter(Boolean);
    for (const w of ws) for (const r of readings(w)) words.add(r);
    for (const w of ws) skeletons.add(latinKey(withoutArticle(w)));
    if (ws.length > 1) skeletons.add(latinKey(key));
    const joined = ws.join('');
    whole.add(joined).add(withoutArticle(joined));
  }
  const latin = new Set<string>();
  for (const n of latinNames) {
    const ws = n.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(NOT_WORD).filter(Boolean);
    for (const w of ws) latin.add(w);
    whole.add(ws.join(''));
    for (const w of ws) skeletons.add(latinKey(w));
    skeletons.add(latinKey(n));
  }
  skeletons.delete('');
  return { words: [...words], latin: [...latin], skeletons: [...skeletons], whole };
}

/** Grades of a match, best first. A result is good up to SKELETON; FUZZY is a close variant. */
const WHOLE = 0;
const WORD = 1;
const PREFIX = 2;
const SKELETON = 3;
const FUZZY = 4;

export interface Grade {
  /** The worst grade of the query's words (the whole name matched: WHOLE). */
  readonly worst: number;
  /** Sum of the words' grades, then of their edit distances: finer order among equals. */
  readonly sum: number;
  readonly distance: number;
}

/** Edits a word of this length may be off by and still be a close variant. */
const allowed = (n: number) => (n >= 8 ? 2 : n >= 4 ? 1 : 0);

/** Levenshtein distance, or `max + 1` once it is known to exceed `max`. */
function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      least = Math.min(least, row[j]);
    }
    if (least > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

function gradeWord(doc: MatchDoc, q: QueryWord): { grade: number; distance: number } | undefined {
  let best: { grade: number; distance: number } | undefined;
  const consider = (grade: number, distance: number) => {
    if (!best || grade < best.grade || (grade === best.grade && distance < best.distance)) best = { grade, distance };
  };
  const max = allowed(q.bare.length);
  const compare = (w: string) => {
    if (w === q.bare || w === q.key) consider(WORD, 0);
    else if (w.startsWith(q.bare)) consider(PREFIX, 0);
    else if (max > 0) {
      const d = distanceWithin(w, q.bare, max);
      if (d <= max) consider(FUZZY, d);
    }
  };
  for (const w of doc.words) compare(w);
  if (q.latin) {
    for (const w of doc.latin) compare(w);
    if (best && best.grade <= PREFIX) return best;
    // A Latin word meets an Arabic name by its skeleton. A name with a Latin name of its own has
    // spoken already: its skeleton alone is weak (sudan and Sydney share theirs).
    const weak = doc.latin.length > 0;
    const s = q.skeleton;
    if (s.length >= 2) {
      for (const k of doc.skeletons) {
        if (k === s) consider(weak ? FUZZY : SKELETON, weak ? 2 : 0);
        else if (s.length >= 3 && k.startsWith(s)) consider(weak ? FUZZY : SKELETON, weak ? 2 : 1);
        else if (s.length >= 5 && distanceWithin(k, s, 1) <= 1) consider(FUZZY, weak ? 2 : 1);
      }
    }
  }
  return best;
}

/** How well a result matches the query, or undefined when some word of it has no close variant there. */
export function gradeOf(doc: MatchDoc, q: Query): Grade | undefined {
  if (q.words.length === 0) return undefined;
  if (q.whole.some((w) => doc.whole.has(w))) return { worst: WHOLE, sum: 0, distance: 0 };
  let worst = 0;
  let sum = 0;
  let distance = 0;
  for (const w of q.words) {
    const g = gradeWord(doc, w);
    if (!g) return undefined;
    worst = Math.max(worst, g.grade);
    sum += g.grade;
    distance += g.distance;
  }
  return { worst, sum, distance };
}

const byGrade = (a: Grade, b: Grade) => a.worst - b.worst || a.sum - b.sum || a.distance - b.distance;

/**
 * Drops the close variants that are further off (two edits or more) once there are good matches:
 * a user who typed a name that is there wants it, not names that look a little like it.
 */
function withoutPoorFuzzy<T extends { grade: Grade }>(hits: T[]): T[] {
  if (!hits.some((h) => h.grade.worst < FUZZY)) return hits;
  return hits.filter((h) => h.grade.worst < FUZZY || h.grade.distance <= 1);
}

/**
 * The documents, each with only the keys fuse.js could match `pattern` in: its bitap score is
 * errors / pattern length, and every pattern character a key lacks is an error, so a key lacking
 * more than the threshold allows never matches. Dropping those keys changes no score (fuse.js
 * scores the keys that match) and spares most of the ranking's work. Patterns longer than fuse.js's
 * 32-character chunks are searched chunk by chunk, so those keep every key.
 */
export function mayMatchAny(docs: readonly ({ id: number } & Doc)[], pattern: string): ({ id: number } & Doc)[] {
  if (pattern.length > 32) return docs as ({ id: number } & Doc)[];
  const p = pattern.toLowerCase();
  const allowed = FUSE_OPTS.threshold * p.length;
  const may = (text: string) => {
    const t = text.toLowerCase();
    let missing = 0;
    for (let i = 0; i < p.length; i++) if (t.indexOf(p[i]) < 0 && ++missing > allowed) return false;
    return true;
  };
  const out: ({ id: number } & Doc)[] = [];
  for (const d of docs) {
    const keys = d.keys.filter(may);
    const latin = d.latin.filter(may);
    if (keys.length > 0 || latin.length > 0) out.push({ id: d.id, keys, latin });
  }
  return out;
}

/** Search structures kept in step with the index through its change events. */
export class SearchEngine {
  private entityIds: string[] = [];
  private entityDocs: Doc[] = [];
  private entityMatch: MatchDoc[] = [];
  private entitySlot = new Map<string, number>();
  private entityList = new Shortlist();
  /** Headlines filed by their article's number in the index (`Article.slot`). */
  private headlineList = new Shortlist();
  private entityVersion = -1;

  constructor(private readonly index: CorpusIndex) {
    index.onArticle((article, words, removed) => this.articleChanged(article, words, removed));
    for (const a of index.allArticles()) this.articleChanged(a);
    // The catalog's names are filed now rather than by the first search, which a server starting
    // to index would answer late, while the code is still cold.
    this.syncEntities();
  }

  private syncEntities(): void {
    if (this.entityVersion === this.index.entityVersion) return;
    for (const e of this.index.figures.allEntities()) {
      if (this.entitySlot.has(e.id)) continue;
      const id = this.entityIds.length;
      const names = [e.ar, ...(e.aliases ?? []), ...(e.short ?? []).map((s) => (typeof s === 'string' ? s : s.text))];
      const doc = docOf(names, e.en ? [e.en] : []);
      this.entityIds.push(e.id);
      this.entityDocs.push(doc);
      this.entityMatch.push(matchDocOf(names, e.en ? [e.en] : []));
      this.entitySlot.set(e.id, id);
      // Also filed without the article, so that عقوبات finds العقوبات at once.
      this.entityList.add(id, [...wordsOf(doc), ...doc.keys.flatMap((k) => k.split(NOT_WORD).map(withoutArticle))]);
    }
    this.entityVersion = this.index.entityVersion;
  }

  private articleChanged(article: Article | undefined, words?: HeadlineWords, removed?: Article): void {
    if (removed) {
      this.headlineList.remove(removed.slot);
      this.headlineDocCache.delete(removed.slot);
    }
    if (!article || !article.headline.text) return;
    // The search keys are not kept: they are derived again for the few shortlisted headlines.
    if (words && !Array.isArray(words)) {
      const w = words as Exclude<HeadlineWords, readonly string[]>;
      this.headlineList.addFromTable(article.slot, w.table, w.ids, w.start, w.end);
    } else this.headlineList.add(article.slot, words ?? headlineWords(article.headline.text));
  }

  /**
   * The words each article's headline is filed under (for a persisted index, so that a warm
   * start need not derive them). Inverted from the postings once; a headline filed after that is
   * derived again.
   */
  async headlineWordsOf(pause?: () => Promise<void>): Promise<(article: Article) => readonly string[]> {
    const byId = await this.headlineList.wordsById(pause);
    // Article numbers are never given twice, so a number the inversion saw still stands for the same headline.
    return (a) => byId.of(a.slot) ?? (a.headline.text ? headlineWords(a.headline.text) : []);
  }

  /** Match keys of recently shortlisted headlines (a query typed letter by letter meets the same ones). */
  private readonly headlineDocCache = new Map<number, MatchDoc>();

  private headlineDoc(id: number): MatchDoc {
    let doc = this.headlineDocCache.get(id);
    if (!doc) {
      doc = matchDocOf([this.index.articleAt(id)?.headline.text ?? '']);
      if (this.headlineDocCache.size >= 5000) this.headlineDocCache.delete(this.headlineDocCache.keys().next().value!);
      this.headlineDocCache.set(id, doc);
    }
    return doc;
  }

  /** The shortlisted ids that hold every query word or a close variant, with their grades. */
  private graded(list: Shortlist, docOfId: (id: number) => MatchDoc, q: Query, shortlist: number): { id: number; grade: Grade }[] {
    if (q.words.length === 0) return [];
    const out: { id: number; grade: Grade }[] = [];
    for (const id of list.candidates(queryTerms(q), shortlist)) {
      const grade = gradeOf(docOfId(id), q);
      if (grade) out.push({ id, grade });
    }
    return out;
  }

  /**
   * Entities by how well a name or alias matches (whole, a word, a prefix, the Latin skeleton,
   * then close variants); among equals, those named more often in the corpus, and catalog
   * entries before discovered names.
   */
  entities(query: string, limit = 20): EntityHit[] {
    this.syncEntities();
    const q = parseQuery(query);
    const hits = this.graded(this.entityList, (id) => this.entityMatch[id], q, Math.max(150, 3 * limit))
      .map(({ id, grade }) => ({ entity: this.index.figures.entity(this.entityIds[id])!, grade, present: this.index.figures.summary(this.entityIds[id])?.mentions ?? 0, id }))
      .filter((h) => h.entity);
    return this.fuzzyOrdered(withoutPoorFuzzy(hits), query, (id) => this.entityDocs[id])
      .sort((a, b) => byGrade(a.grade, b.grade) || Number(!!a.entity.discovered) - Number(!!b.entity.discovered) || b.present - a.present || (a.fuzzy ?? 0) - (b.fuzzy ?? 0))
      .slice(0, limit)
      .map(({ entity, grade }) => ({ entity, score: scoreOf(grade) }));
  }

  /** Headlines by how well they match, then newest first. */
  headlineHits(query: string, limit = 20): HeadlineHit[] {
    const q = parseQuery(query);
    const hits = this.graded(this.headlineList, (id) => this.headlineDoc(id), q, Math.max(100, 3 * limit))
      .map(({ id, grade }) => ({ article: this.index.articleAt(id)!, grade }))
      .filter((h) => h.article);
    return withoutPoorFuzzy(hits)
      .sort((a, b) => byGrade(a.grade, b.grade) || (b.article.date ?? '').localeCompare(a.article.date ?? '') || b.article.slot - a.article.slot)
      .slice(0, limit)
      .map(({ article, grade }) => ({ article, score: scoreOf(grade) }));
  }

  /** fuse.js's score of each close variant (the rest keep none): how alike, among the ones a letter or two off. */
  private fuzzyOrdered<T extends { id: number; grade: Grade }>(hits: T[], query: string, docOfId: (id: number) => Doc): (T & { fuzzy?: number })[] {
    const fuzzy = hits.filter((h) => h.grade.worst === FUZZY);
    if (fuzzy.length < 2) return hits;
    const pattern = normalizeKey(query).trim();
    const docs = mayMatchAny(fuzzy.map((h) => ({ id: h.id, ...docOfId(h.id) })), pattern);
    const score = new Map(new Fuse(docs, FUSE_OPTS).search(pattern).map((r) => [r.item.id, r.score ?? 1]));
    return hits.map((h) => (h.grade.worst === FUZZY ? { ...h, fuzzy: score.get(h.id) ?? 1 } : h));
  }
}

/** A number in [0, 1) that orders as the grade does (lower is better), for callers that want one. */
const scoreOf = (g: Grade) => Math.min(0.999, g.worst / 5 + Math.min(g.distance, 9) / 50);

/**
 * Sentences of `text[start, end)` holding every word of the query. A word may carry proclitics
 * (و ف ب ك ل) and the article, whether or not the query gave it one (العقوبات finds عقوبات and
 * وللعقوبات); each match is the whole word as written.
 */
export function findPassages(text: string, query: string, ranges: readonly { start: number; end: number }[] = [{ start: 0, end: text.length }]): Passage[] {
  const words = tokenKeys(query).map(withoutArticle);
  if (words.length === 0) return [];
  const out: Passage[] = [];
  for (const r of ranges) {
    for (const s of sentences(text, r.start, r.end)) {
      const n = normalizeRange(text, s.start, s.end);
      const matches: { start: number; end: number }[] = [];
      for (const w of words) {
        const at = findWord(n.key, w);
        if (!at) break;
        matches.push({ start: n.map[at.start], end: n.map[at.end] });
      }
      if (matches.length === words.length) out.push({ start: s.start, end: s.end, matches: matches.sort((x, y) => x.start - y.start) });
    }
  }
  return out;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * A word inside a key, as the span of the whole word holding it: at a word start, or after
 * proclitics (و ف ب ك ل, then ال); an Arabic word may go on with suffixes, a Latin one may not.
 */
function findWord(key: string, word: string): { start: number; end: number } | undefined {
  for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
    let start = at;
    while (start > 0 && isWordChar(key[start - 1])) start--;
    const prefix = key.slice(start, at);
    if (prefix && !PROCLITICS.test(prefix)) continue;
    let end = at + word.length;
    if (isWordChar(key[end]) && !isArabic(word)) continue;
    while (isWordChar(key[end])) end++;
    return { start, end };
  }
  return undefined;
}

function sentences(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if ('.!?؟\n'.includes(text[i]) && (i + 1 >= end || /\s/.test(text[i + 1]) || text[i] === '\n')) {
      if (i > s) out.push({ start: s, end: text[i] === '\n' ? i : i + 1 });
      s = i + 1;
      while (s < end && /\s/.test(text[s])) s++;
    }
  }
  if (s < end) out.push({ start: s, end });
  return out;
}
