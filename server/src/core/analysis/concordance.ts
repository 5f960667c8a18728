/**
 * A concordance (keyword in context): every hit of a query in the corpus, filtered (date range,
 * folder, words nearby), sorted on up to three keys as AntConc does (the words left and right
 * of the node, the date, the source) and read a page at a time as aligned lines.
 *
 * An entity's hits come from the index without reading a text; the texts are read for the lines
 * shown, and for the words around every hit once a sort or filter on them, or the collocates,
 * need them (the words are kept, as numbers; the texts are not). A words or regular-expression
 * query reads every article to find its hits; their words are then read as an entity's are.
 */
import type { Range } from 'vscode-languageserver-types';
import { byDateDesc as newestFirst, type Article, type CorpusIndex } from '../index/corpusIndex';
import { tokenize } from '../text/tokenize';
import { firstEndingAfter, rangeOf } from '../features/ranges';
import { entityLabel, queryLabel, textMatcher, type ConcordanceQuery } from './concordanceQuery';
import { Vocabulary } from './contextWords';
import { SORT_KEYS, type SortKey } from './sortKeys';

/** Words kept on each side of a hit: the sort keys use three, collocates up to this many. */
export const WINDOW = 5;

export { SORT_KEYS, type SortKey };

export interface ConcordanceFilter {
  /** ISO dates, inclusive; an undated article is left out when either is given. */
  readonly from?: string;
  readonly to?: string;
  /** A folder's URI: only articles under it. */
  readonly folder?: string;
  /** Comparison keys of words (see contextWords.ts) that must each be within `nearWindow` words of the node. */
  readonly near?: readonly string[];
  readonly nearWindow?: number;
}

export interface ConcordanceLine {
  readonly uri: string;
  readonly date?: string;
  readonly headline: string;
  readonly source?: string;
  /** The node in the article, as offsets (UTF-16) and as an LSP range. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  /** The text before the node on its line, the node, and the text after (each trimmed to the width asked for, at a word). */
  readonly left: string;
  readonly node: string;
  readonly right: string;
  /** The entity the node names, if any. */
  readonly entity?: string;
  /**
   * The words the sort keys compare (1L–3R among the keys asked for), where they are in `left`
   * or `right` (UTF-16 offsets) and the comparison key they sort by; a word cut off by the width is left out.
   */
  readonly sortWords?: readonly SortWord[];
}

export interface SortWord {
  readonly sortKey: SortKey;
  readonly in: 'left' | 'right';
  readonly start: number;
  readonly end: number;
  readonly key: string;
}

/** What the cancellation of a request looks like here (the LSP token has this). */
export interface Cancel {
  readonly isCancellationRequested: boolean;
}

export interface Work {
  /** Reads an article's text (the open editor's, else the file's); undefined when it cannot. */
  readonly readText: (uri: string) => Promise<string | undefined>;
  /** Gives way to other requests between steps (see nextTurn.ts). */
  readonly pause?: () => Promise<void>;
  readonly token?: Cancel;
  /** Articles read so far, of how many. */
  readonly progress?: (done: number, total: number) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Texts read at once: file reads overlap, the work on each text does not. */
const READ_AHEAD = 8;

/**
 * Reads the texts of `articles` in order, a few ahead, and hands each to `visit`; gives way
 * between articles and stops when cancelled.
 */
export async function eachText(articles: readonly Article[], work: Work, visit: (a: Article, text: string) => void): Promise<void> {
  const reads: Promise<string | undefined>[] = [];
  for (let i = 0; i < Math.min(READ_AHEAD, articles.length); i++) reads.push(work.readText(articles[i].uri));
  for (let i = 0; i < articles.length; i++) {
    if (work.token?.isCancellationRequested) throw new CancelledError();
    const text = await reads[i];
    if (i + READ_AHEAD < articles.length) reads.push(work.readText(articles[i + READ_AHEAD].uri));
    if (text !== undefined) visit(articles[i], text);
    work.progress?.(i + 1, articles.length);
    await work.pause?.();
  }
}

/** Where a key's value comes from for one hit. */
const WORD_KEY: Partial<Record<SortKey, { side: 0 | 1; distance: number }>> = {
  '1L': { side: 0, distance: 0 },
  '2L': { side: 0, distance: 1 },
  '3L': { side: 0, distance: 2 },
  '1R': { side: 1, distance: 0 },
  '2R': { side: 1, distance: 1 },
  '3R': { side: 1, distance: 2 },
};

export const needsWords = (sort: readonly SortKey[], filter: ConcordanceFilter): boolean => sort.some((k) => WORD_KEY[k]) || (filter.near?.length ?? 0) > 0;

/** A growable array of unsigned 32-bit numbers. */
class Numbers {
  data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/** The articles in the index newest first (`byDateDesc`), by index: made once a version, for every concordance. */
const newestOrders = new WeakMap<CorpusIndex, { version: number; rank: Map<Article, number> }>();

function newestRank(index: CorpusIndex): Map<Article, number> {
  const known = newestOrders.get(index);
  if (known && known.version === index.version) return known.rank;
  const rank = new Map([...index.allArticles()].sort(newestFirst).map((a, i) => [a, i]));
  newestOrders.set(index, { version: index.version, rank });
  return rank;
}

/** An ISO date as a number that orders as it does (YYYYMMDD); undated: the largest number. */
const dayNumber = (iso: string | undefined) => (iso ? Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10)) : 0x7fffffff);

export class Concordance {
  /**
   * The hits, newest article first and in text order within one (so that this is the order of
   * no sort key): each one's article (a number in `articles`) and offsets. An article's hits
   * are `[articleFirst[i], articleFirst[i + 1])`.
   */
  private readonly articles: Article[] = [];
  private readonly articleFirst = new Numbers(64);
  private readonly hitArticle: Numbers;
  private readonly hitStart: Numbers;
  private readonly hitEnd: Numbers;
  /** Once read: each hit's words either side, nearest first, as vocabulary numbers (-1: none), and its first and last tokens. */
  private context: Int32Array | undefined;
  private nodeTokens: Int32Array | undefined;
  /** Whether each article's words have been read, and how many have. */
  private read = new Uint8Array(0);
  private readCount = 0;
  readonly vocabulary = new Vocabulary();
  private views = new Map<string, Uint32Array>();
  /** Each sort key's rank of every hit (the word keys' once the words are read). */
  private ranks = new Map<SortKey, Int32Array>();
  private facetsOf: ReturnType<Concordance['facets']> | undefined;
  private readonly texts = new Map<string, string>();

  private constructor(
    private readonly index: CorpusIndex,
    readonly query: ConcordanceQuery,
    readonly label: string,
    expected = 16,
  ) {
    this.hitArticle = new Numbers(expected);
    this.hitStart = new Numbers(expected);
    this.hitEnd = new Numbers(expected);
  }

  /**
   * The concordance of `query` in the index: an entity's hits at once, a words or regex query's
   * by reading every article (newest first). An error tells why the query finds nothing.
   */
  static async create(index: CorpusIndex, query: ConcordanceQuery, work: Work): Promise<Concordance | { error: string }> {
    if (query.kind === 'entity') {
      const entity = index.figures.entity(query.id);
      if (!entity) return { error: `No entity ${query.id} in the index.` };
      const c = new Concordance(index, query, queryLabel(query, entityLabel(entity)), index.figures.summary(query.id)?.mentions);
      // Its articles newest first: their places in the index's order, sorted as numbers.
      const rank = newestRank(index);
      const all = index.figures.articlesNaming(query.id);
      const order = Uint32Array.from(all, (a) => rank.get(a) ?? 0).sort();
      const byRank = new Map(all.map((a) => [rank.get(a) ?? 0, a]));
      for (const r of order) {
        const a = byRank.get(r)!;
        c.startArticle(a);
        index.articleMentions.spans(a, query.id, (start, end) => c.addHit(start, end));
      }
      c.finish();
      return c;
    }
    const matcher = textMatcher(query);
    if ('error' in matcher) return matcher;
    const c = new Concordance(index, query, queryLabel(query));
    const articles = [...newestRank(index).keys()];
    await eachText(articles, work, (a, text) => {
      const spans = matcher.find(text);
      if (spans.length === 0) return;
      c.startArticle(a);
      for (const s of spans) c.addHit(s.start, s.end);
    });
    c.finish();
    return c;
  }

  private startArticle(a: Article): void {
    this.articles.push(a);
    this.articleFirst.push(this.hitStart.length);
  }

  private addHit(start: number, end: number): void {
    this.hitArticle.push(this.articles.length - 1);
    this.hitStart.push(start);
    this.hitEnd.push(end);
  }

  private finish(): void {
    this.articleFirst.push(this.hitStart.length);
    this.read = new Uint8Array(this.articles.length);
  }

  get count(): number {
    return this.hitStart.length;
  }

  /** Whether the words around every hit have been read. */
  get wordsRead(): boolean {
    return this.readCount === this.articles.length;
  }

  /** Reads the words around every hit (the texts of the articles not read yet). */
  async readAllWords(work: Work): Promise<void> {
    const left = this.articles.filter((_, i) => !this.read[i]);
    const number = new Map(this.articles.map((a, i) => [a, i]));
    await eachText(left, work, (a, text) => this.readWords(number.get(a)!, text));
    this.views = new Map();
    this.ranks = new Map();
  }

  /** Counts an article's words and keeps the words around each of its hits. */
  private readWords(article: number, text: string): void {
    if (this.read[article]) return;
    this.read[article] = 1;
    this.readCount++;
    const context = (this.context ??= new Int32Array(2 * WINDOW * this.count).fill(-1));
    const nodeTokens = (this.nodeTokens ??= new Int32Array(2 * this.count));
    const tokens = tokenize(text);
    const ids = new Int32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) ids[t] = this.vocabulary.add(tokens[t].key, text.slice(tokens[t].start, tokens[t].end), true);
    for (let hit = this.articleFirst.data[article], end = this.articleFirst.data[article + 1]; hit < end; hit++) {
      const start = this.hitStart.data[hit];
      const { from, to } = lineAround(text, start, this.hitEnd.data[hit]);
      // The token holding the node's first unit, and the one holding its last.
      const first = firstEndingAfter(tokens, start);
      const last = firstEndingAfter(tokens, Math.max(start, this.hitEnd.data[hit] - 1));
      nodeTokens[2 * hit] = first;
      nodeTokens[2 * hit + 1] = last;
      const base = 2 * WINDOW * hit;
      for (let d = 0, t = first - 1; d < WINDOW && t >= 0 && tokens[t].start >= from; d++, t--) context[base + d] = ids[t];
      for (let d = 0, t = last + 1; d < WINDOW && t < tokens.length && tokens[t].end <= to; d++, t++) context[base + WINDOW + d] = ids[t];
    }
  }

  /** The vocabulary number of the word `distance` words (0: the next) to the left (side 0) or right (side 1) of a hit; -1 when none or not read. */
  wordAt(hit: number, side: 0 | 1, distance: number): number {
    return this.context ? this.context[2 * WINDOW * hit + side * WINDOW + distance] : -1;
  }

  /** The number, in its article's tokens, of the word `wordAt` gives (which tells apart two hits' windows that overlap). */
  tokenAt(hit: number, side: 0 | 1, distance: number): number {
    const t = this.nodeTokens!;
    return side === 0 ? t[2 * hit] - 1 - distance : t[2 * hit + 1] + 1 + distance;
  }

  articleOf(hit: number): Article {
    return this.articles[this.hitArticle.data[hit]];
  }

  /**
   * The hits the filter keeps, in the order of the sort keys (then newest first, then in text
   * order). Keys or filters on words need `wordsRead`.
   */
  view(filter: ConcordanceFilter, sort: readonly SortKey[]): Uint32Array {
    const cacheKey = JSON.stringify([filter, sort]);
    const cached = this.views.get(cacheKey);
    if (cached) return cached;
    const keep = this.filterOf(filter);
    let order: Uint32Array;
    if (!keep) order = Uint32Array.from({ length: this.count }, (_, i) => i);
    else {
      const hits = new Numbers(this.count);
      for (let i = 0; i < this.count; i++) if (keep(i)) hits.push(i);
      order = hits.data.slice(0, hits.length);
    }
    // The hits' own order is that of no key, or of 'newest' (then text order).
    if (sort.some((k) => k !== 'newest')) order.sort(this.comparator(sort));
    if (this.views.size >= 8) this.views.delete(this.views.keys().next().value!);
    this.views.set(cacheKey, order);
    return order;
  }

  /** The filter's test, or undefined when it keeps every hit. */
  private filterOf(f: ConcordanceFilter): ((hit: number) => boolean) | undefined {
    const dated = f.from !== undefined || f.to !== undefined;
    const folder = f.folder ? (f.folder.endsWith('/') ? f.folder : `${f.folder}/`) : undefined;
    const near = this.nearTest(f);
    if (!dated && !folder && !near) return undefined;
    const articleOk = this.articles.map((a) => {
      if (dated && (!a.date || (f.from && a.date < f.from) || (f.to && a.date > f.to))) return false;
      return !folder || a.uri.startsWith(folder);
    });
    return (hit) => articleOk[this.hitArticle.data[hit]] && (!near || near(hit));
  }

  /** The test that each word of `near` is within the window, compared on comparison keys. */
  private nearTest(f: ConcordanceFilter): ((hit: number) => boolean) | undefined {
    if (!f.near || f.near.length === 0) return undefined;
    const keys = this.vocabulary.comparisonKeys();
    const wanted = f.near.map((w) => this.vocabulary.idOf(w) ?? -2);
    const window = Math.max(1, Math.min(WINDOW, f.nearWindow ?? WINDOW));
    return (hit) =>
      wanted.every((w) => {
        for (let side = 0 as 0 | 1; side <= 1; side++) {
          for (let d = 0; d < window; d++) {
            const id = this.wordAt(hit, side, d);
            if (id >= 0 && keys[id] === w) return true;
          }
        }
        return false;
      });
  }

  /** Each hit's rank for a sort key: lower first. */
  private rankOf(key: SortKey): Int32Array {
    const known = this.ranks.get(key);
    if (known) return known;
    const rank = new Int32Array(this.count);
    const word = WORD_KEY[key];
    if (word) {
      const keys = this.vocabulary.comparisonKeys();
      const ranks = this.vocabulary.collationRanks();
      // A hit without a word there (the line ends) comes first, as AntConc puts it.
      for (let i = 0; i < this.count; i++) {
        const id = this.wordAt(i, word.side, word.distance);
        rank[i] = id < 0 ? -1 : ranks[keys[id]];
      }
    } else {
      let perArticle: Int32Array;
      if (key === 'source') {
        const collator = new Intl.Collator('ar');
        const sources = [...new Set(this.articles.map((a) => a.source ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b)));
        const at = new Map(sources.map((x, i) => [x, i]));
        perArticle = Int32Array.from(this.articles, (a) => at.get(a.source ?? '')!);
      } else {
        // Undated articles last either way.
        perArticle = Int32Array.from(this.articles, (a) => (a.date ? (key === 'oldest' ? 1 : -1) * (dayNumber(a.date) - 0x40000000) : 0x7fffffff));
      }
      for (let i = 0; i < this.count; i++) rank[i] = perArticle[this.hitArticle.data[i]];
    }
    this.ranks.set(key, rank);
    return rank;
  }

  /** Sort keys in turn, then the hits' own order (newest first, text order). */
  private comparator(sort: readonly SortKey[]): (a: number, b: number) => number {
    const [r1, r2, r3] = sort.map((k) => this.rankOf(k));
    if (r3) return (a, b) => r1[a] - r1[b] || r2[a] - r2[b] || r3[a] - r3[b] || a - b;
    if (r2) return (a, b) => r1[a] - r1[b] || r2[a] - r2[b] || a - b;
    return (a, b) => r1[a] - r1[b] || a - b;
  }

  /** How many articles the hits of a view come from. */
  articleCount(view: Uint32Array): number {
    if (view.length === this.count) return this.articles.length;
    const seen = new Uint8Array(this.articles.length);
    let n = 0;
    for (const hit of view) {
      const a = this.hitArticle.data[hit];
      if (seen[a]) continue;
      seen[a] = 1;
      n++;
    }
    return n;
  }

  /** The folders the hits' articles are in, with how many articles each, and the dates they span. */
  facets(): { folders: { uri: string; articles: number }[]; first?: string; last?: string; undated: number } {
    if (this.facetsOf) return this.facetsOf;
    const folders = new Map<string, number>();
    let first: string | undefined;
    let last: string | undefined;
    let undated = 0;
    for (const a of this.articles) {
      const folder = a.uri.slice(0, a.uri.lastIndexOf('/'));
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
      if (!a.date) undated++;
      else {
        if (!first || a.date < first) first = a.date;
        if (!last || a.date > last) last = a.date;
      }
    }
    this.facetsOf = { folders: [...folders].map(([uri, articles]) => ({ uri, articles })).sort((a, b) => (a.uri < b.uri ? -1 : 1)), first, last, undated };
    return this.facetsOf;
  }

  /**
   * The lines of `view[from, to)`, `width` characters of context either side at most. Reads the
   * texts of their articles (a few dozen kept for the next page).
   */
  async lines(view: Uint32Array, from: number, to: number, width: number, work: Work, sort: readonly SortKey[] = []): Promise<ConcordanceLine[]> {
    const hits = Array.from(view.subarray(Math.max(0, from), Math.min(view.length, to)));
    const missing = [...new Set(hits.map((h) => this.articleOf(h)))].filter((a) => !this.texts.has(a.uri));
    await eachText(missing, { ...work, progress: undefined }, (a, text) => this.texts.set(a.uri, text));
    const out: ConcordanceLine[] = [];
    for (let i = 0; i < hits.length; i++) {
      const text = this.texts.get(this.articleOf(hits[i]).uri);
      if (text !== undefined) out.push(this.lineOf(hits[i], text, width, sort));
      // An export makes thousands of lines: other requests get their turn meanwhile.
      if (i % 64 === 63) await work.pause?.();
    }
    // Keep the texts of the last pages only.
    while (this.texts.size > 64) this.texts.delete(this.texts.keys().next().value!);
    return out;
  }

  private lineOf(hit: number, text: string, width: number, sort: readonly SortKey[]): ConcordanceLine {
    const a = this.articleOf(hit);
    const start = Math.min(this.hitStart.data[hit], text.length);
    const end = Math.min(this.hitEnd.data[hit], text.length);
    const { from, to } = lineAround(text, start, end);
    const leftFrom = leftCut(text, Math.max(from, start - width), start);
    const rightTo = rightCut(text, end, Math.min(to, end + width));
    const entity = this.query.kind === 'entity' ? this.query.id : this.index.articleMentions.at(a.uri, start)?.entity;
    return {
      uri: a.uri,
      date: a.date,
      headline: a.headline.text,
      source: a.source,
      start,
      end,
      range: rangeOf(a, start, end),
      left: text.slice(leftFrom, start),
      node: text.slice(start, end),
      right: text.slice(end, rightTo),
      entity,
      sortWords: this.sortWords(hit, text, { from, to, leftFrom, rightTo, start, end }, sort),
    };
  }

  /** Where the words of the word sort keys are in a line's left and right text. */
  private sortWords(hit: number, text: string, at: { from: number; to: number; leftFrom: number; rightTo: number; start: number; end: number }, sort: readonly SortKey[]): SortWord[] | undefined {
    const wanted = sort.filter((k) => WORD_KEY[k]);
    if (wanted.length === 0) return undefined;
    const tokens = tokenize(text, at.from, at.to);
    const first = firstEndingAfter(tokens, at.start);
    const last = firstEndingAfter(tokens, Math.max(at.start, at.end - 1));
    const keys = this.vocabulary.comparisonKeys();
    const out: SortWord[] = [];
    for (const sortKey of wanted) {
      const { side, distance } = WORD_KEY[sortKey]!;
      const t = tokens[side === 0 ? first - 1 - distance : last + 1 + distance];
      const id = this.wordAt(hit, side, distance);
      if (!t || id < 0) continue;
      if (side === 0 && t.start >= at.leftFrom) out.push({ sortKey, in: 'left', start: t.start - at.leftFrom, end: t.end - at.leftFrom, key: this.vocabulary.keys[keys[id]] });
      if (side === 1 && t.end <= at.rightTo) out.push({ sortKey, in: 'right', start: t.start - at.end, end: t.end - at.end, key: this.vocabulary.keys[keys[id]] });
    }
    return out;
  }
}

/** The line holding `[start, end)`: the context of a hit never crosses into another paragraph. */
function lineAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && text.charCodeAt(from - 1) !== 10 && text.charCodeAt(from - 1) !== 13) from--;
  let to = end;
  while (to < text.length && text.charCodeAt(to) !== 10 && text.charCodeAt(to) !== 13) to++;
  return { from, to };
}

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);

/** Where the text before the node starts, `from` moved on past a word it cuts and past spaces. */
function leftCut(text: string, from: number, to: number): number {
  let s = from;
  if (!isSpace(text[s - 1])) while (s < to && !isSpace(text[s])) s++;
  while (s < to && isSpace(text[s])) s++;
  return s;
}

/** Where the text after the node ends, `to` moved back before a word it cuts and before spaces. */
function rightCut(text: string, from: number, to: number): number {
  let e = to;
  if (!isSpace(text[e])) while (e > from && !isSpace(text[e - 1])) e--;
  while (e > from && isSpace(text[e - 1])) e--;
  return e;
}



