/**
 * A concordance (keyword in context): every hit of a query in the corpus, filtered (date range,
 * folder, words nearby), sorted on up to three keys as AntConc does (the words left and right
 * of the node, the date, the source) and read a page at a time as aligned lines.
 *
 * An entity's hits come from the index without reading a text; the texts are read for the lines
 * shown, and for the words around every hit once a sort or filter on them, or the collocates,
 * need them (the words are kept, as numbers; the texts are not). A words or regular-expression
 * query reads every text it is asked about, and keeps their words as it finds its hits.
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

export class Concordance {
  /** Each hit's article, offsets, and (once read) words either side, nearest first, as vocabulary numbers (-1: none). */
  private readonly hitArticle: Article[] = [];
  private readonly hitStart: number[] = [];
  private readonly hitEnd: number[] = [];
  private context: Int32Array = new Int32Array(0);
  /** Each hit's first and last tokens, as numbers in its article's tokens (once read). */
  private nodeTokens: Int32Array = new Int32Array(0);
  /** Each article's hits, in text order. */
  private readonly byArticle = new Map<Article, number[]>();
  private readonly read = new Set<Article>();
  readonly vocabulary = new Vocabulary();
  private views = new Map<string, Uint32Array>();
  private readonly texts = new Map<string, string>();

  private constructor(
    private readonly index: CorpusIndex,
    readonly query: ConcordanceQuery,
    readonly label: string,
    /** The index's version the hits were found in. */
    readonly version: number,
  ) {}

  /**
   * The concordance of `query` in the index: an entity's hits at once, a words or regex query's
   * by reading every article (newest first). An error tells why the query finds nothing.
   */
  static async create(index: CorpusIndex, query: ConcordanceQuery, work: Work): Promise<Concordance | { error: string }> {
    if (query.kind === 'entity') {
      const entity = index.entity(query.id);
      if (!entity) return { error: `No entity ${query.id} in the index.` };
      const c = new Concordance(index, query, queryLabel(query, entityLabel(entity)), index.version);
      for (const a of index.articlesOf(query.id)) {
        const spans = index.mentionSpans(a, query.id);
        for (let i = 0; i < spans.length; i += 2) c.addHit(a, spans[i], spans[i + 1]);
      }
      c.context = grown(c.context, 2 * WINDOW * c.count);
      c.nodeTokens = grown(c.nodeTokens, 2 * c.count);
      return c;
    }
    const matcher = textMatcher(query);
    if ('error' in matcher) return matcher;
    const c = new Concordance(index, query, queryLabel(query), index.version);
    const articles = [...index.allArticles()].sort(newestFirst);
    await eachText(articles, work, (a, text) => {
      const spans = matcher.find(text);
      if (spans.length === 0) return;
      for (const s of spans) c.addHit(a, s.start, s.end);
      // The article's words are read now, while its text is at hand.
      c.context = grown(c.context, 2 * WINDOW * c.count);
      c.nodeTokens = grown(c.nodeTokens, 2 * c.count);
      c.readWords(a, text);
    });
    return c;
  }

  private addHit(a: Article, start: number, end: number): void {
    const i = this.hitArticle.length;
    this.hitArticle.push(a);
    this.hitStart.push(start);
    this.hitEnd.push(end);
    const list = this.byArticle.get(a);
    if (list) list.push(i);
    else this.byArticle.set(a, [i]);
  }

  get count(): number {
    return this.hitArticle.length;
  }

  /** Whether the words around every hit have been read. */
  get wordsRead(): boolean {
    return this.read.size === this.byArticle.size;
  }

  /** Reads the words around every hit (the texts of the articles not read yet). */
  async readAllWords(work: Work): Promise<void> {
    const left = [...this.byArticle.keys()].filter((a) => !this.read.has(a));
    await eachText(left, work, (a, text) => this.readWords(a, text));
    this.views = new Map();
  }

  /** Counts an article's words and keeps the words around each of its hits. */
  private readWords(a: Article, text: string): void {
    if (this.read.has(a)) return;
    this.read.add(a);
    const tokens = tokenize(text);
    const ids = new Int32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) ids[t] = this.vocabulary.add(tokens[t].key, text.slice(tokens[t].start, tokens[t].end), true);
    for (const hit of this.byArticle.get(a) ?? []) {
      const start = this.hitStart[hit];
      const end = this.hitEnd[hit];
      const { from, to } = lineAround(text, start, end);
      // The token holding the node's first unit, and the one holding its last.
      const first = firstEndingAfter(tokens, start);
      const last = firstEndingAfter(tokens, Math.max(start, end - 1));
      this.nodeTokens[2 * hit] = first;
      this.nodeTokens[2 * hit + 1] = last;
      const base = 2 * WINDOW * hit;
      for (let d = 0, t = first - 1; d < WINDOW && t >= 0 && tokens[t].start >= from; d++, t--) this.context[base + d] = ids[t];
      for (let d = 0, t = last + 1; d < WINDOW && t < tokens.length && tokens[t].end <= to; d++, t++) this.context[base + WINDOW + d] = ids[t];
    }
  }

  /** The vocabulary number of the word `distance` words (0: the next) to the left (side 0) or right (side 1) of a hit; -1 when none. */
  wordAt(hit: number, side: 0 | 1, distance: number): number {
    return this.context[2 * WINDOW * hit + side * WINDOW + distance];
  }

  /** The number, in its article's tokens, of the word `wordAt` gives (which tells apart two hits' windows that overlap). */
  tokenAt(hit: number, side: 0 | 1, distance: number): number {
    return side === 0 ? this.nodeTokens[2 * hit] - 1 - distance : this.nodeTokens[2 * hit + 1] + 1 + distance;
  }

  articleOf(hit: number): Article {
    return this.hitArticle[hit];
  }

  /**
   * The hits the filter keeps, in the order of the sort keys (then newest first, then in text
   * order). Keys or filters on words need `wordsRead`. Hits must be added newest article first
   * (`byDateDesc`), in text order within one.
   */
  view(filter: ConcordanceFilter, sort: readonly SortKey[]): Uint32Array {
    const cacheKey = JSON.stringify([filter, sort]);
    const cached = this.views.get(cacheKey);
    if (cached) return cached;
    const keep = this.filterOf(filter);
    const hits: number[] = [];
    for (let i = 0; i < this.count; i++) if (keep(i)) hits.push(i);
    const order = Uint32Array.from(hits);
    // Hits are found newest article first, in text order: the order of no key or of 'newest'.
    if (sort.some((k) => k !== 'newest')) order.sort(this.comparator(sort));
    if (this.views.size >= 8) this.views.delete(this.views.keys().next().value!);
    this.views.set(cacheKey, order);
    return order;
  }

  private filterOf(f: ConcordanceFilter): (hit: number) => boolean {
    const dated = f.from !== undefined || f.to !== undefined;
    const folder = f.folder ? (f.folder.endsWith('/') ? f.folder : `${f.folder}/`) : undefined;
    const articleOk = (a: Article) => {
      if (dated && (!a.date || (f.from && a.date < f.from) || (f.to && a.date > f.to))) return false;
      return !folder || a.uri.startsWith(folder);
    };
    const near = this.nearTest(f);
    return (hit) => articleOk(this.hitArticle[hit]) && near(hit);
  }

  /** The test that each word of `near` is within the window, compared on comparison keys. */
  private nearTest(f: ConcordanceFilter): (hit: number) => boolean {
    if (!f.near || f.near.length === 0) return () => true;
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

  private comparator(sort: readonly SortKey[]): (a: number, b: number) => number {
    const arts = this.hitArticle;
    const parts: ((a: number, b: number) => number)[] = [];
    for (const key of sort) {
      const word = WORD_KEY[key];
      if (word) {
        const keys = this.vocabulary.comparisonKeys();
        const ranks = this.vocabulary.collationRanks();
        // A hit without a word there (the line ends) comes first, as AntConc puts it.
        const rank = new Int32Array(this.count);
        for (let i = 0; i < this.count; i++) {
          const id = this.wordAt(i, word.side, word.distance);
          rank[i] = id < 0 ? -1 : ranks[keys[id]];
        }
        parts.push((a, b) => rank[a] - rank[b]);
      } else if (key === 'newest') parts.push((a, b) => byDate(arts[a], arts[b], -1));
      else if (key === 'oldest') parts.push((a, b) => byDate(arts[a], arts[b], 1));
      else if (key === 'source') {
        const collator = new Intl.Collator('ar');
        parts.push((a, b) => {
          const x = arts[a].source;
          const y = arts[b].source;
          return x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : collator.compare(x, y);
        });
      }
    }
    const starts = this.hitStart;
    return (a, b) => {
      for (const p of parts) {
        const d = p(a, b);
        if (d !== 0) return d;
      }
      return newestFirst(arts[a], arts[b]) || starts[a] - starts[b];
    };
  }

  /** How many articles the hits of a view come from. */
  articleCount(view: Uint32Array): number {
    const seen = new Set<Article>();
    for (const hit of view) seen.add(this.hitArticle[hit]);
    return seen.size;
  }

  /** The folders the hits' articles are in, with how many articles each, and the dates they span. */
  facets(): { folders: { uri: string; articles: number }[]; first?: string; last?: string; undated: number } {
    const folders = new Map<string, number>();
    let first: string | undefined;
    let last: string | undefined;
    let undated = 0;
    for (const a of this.byArticle.keys()) {
      const folder = a.uri.slice(0, a.uri.lastIndexOf('/'));
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
      if (!a.date) undated++;
      else {
        if (!first || a.date < first) first = a.date;
        if (!last || a.date > last) last = a.date;
      }
    }
    return { folders: [...folders].map(([uri, articles]) => ({ uri, articles })).sort((a, b) => (a.uri < b.uri ? -1 : 1)), first, last, undated };
  }

  /**
   * The lines of `view[from, to)`, `width` characters of context either side at most. Reads the
   * texts of their articles (a few dozen kept for the next page), and counts their words.
   */
  async lines(view: Uint32Array, from: number, to: number, width: number, work: Work, sort: readonly SortKey[] = []): Promise<ConcordanceLine[]> {
    const hits = Array.from(view.subarray(Math.max(0, from), Math.min(view.length, to)));
    const missing = [...new Set(hits.map((h) => this.hitArticle[h]))].filter((a) => !this.texts.has(a.uri));
    await eachText(missing, { ...work, progress: undefined }, (a, text) => {
      this.texts.set(a.uri, text);
      this.readWords(a, text);
    });
    const out: ConcordanceLine[] = [];
    for (const hit of hits) {
      const a = this.hitArticle[hit];
      const text = this.texts.get(a.uri);
      if (text === undefined) continue;
      out.push(this.lineOf(hit, text, width, sort));
    }
    // Keep the texts of the last pages only.
    while (this.texts.size > 64) this.texts.delete(this.texts.keys().next().value!);
    return out;
  }

  private lineOf(hit: number, text: string, width: number, sort: readonly SortKey[]): ConcordanceLine {
    const a = this.hitArticle[hit];
    const start = Math.min(this.hitStart[hit], text.length);
    const end = Math.min(this.hitEnd[hit], text.length);
    const { from, to } = lineAround(text, start, end);
    const leftFrom = leftCut(text, Math.max(from, start - width), start);
    const rightTo = rightCut(text, end, Math.min(to, end + width));
    const entity = this.query.kind === 'entity' ? this.query.id : this.index.mentionAt(a.uri, start)?.entity;
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


function grown(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const out = new Int32Array(Math.max(n, 2 * a.length)).fill(-1);
  out.set(a);
  return out;
}

/** Oldest first (`order` 1) or newest first (-1); undated last either way. */
function byDate(a: Article, b: Article, order: 1 | -1): number {
  if (a.date === b.date) return 0;
  if (!a.date) return 1;
  if (!b.date) return -1;
  return a.date < b.date ? -order : order;
}
