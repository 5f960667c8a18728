/**
 * A concordance (keyword in context): every hit of a query in the corpus, filtered (date range,
 * folder, words nearby), sorted on up to three keys as AntConc does (the words left and right
 * of the node, the date, the source) and read a page at a time as aligned lines.
 *
 * An entity's hits come from the index without reading a text, each article's when first needed
 * (concordanceHits.ts); the texts are read for the lines shown, and for the words around every
 * hit once a sort or filter on them, or the collocates, need them (concordanceWords.ts). A words
 * or regular-expression query reads every article to find its hits.
 */
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { entityLabel, queryLabel, textMatcher, type ConcordanceQuery } from './concordanceQuery';
import { ConcordanceHits, type HitSource } from './concordanceHits';
import { concordanceLine, type ConcordanceLine } from './concordanceLine';
import { ConcordanceViews, needsWords, type ConcordanceFilter } from './concordanceView';
import { ContextWords } from './concordanceWords';
import type { Vocabulary } from './contextWords';
import { SORT_KEYS, type SortKey } from './sortKeys';

export { WINDOW } from './concordanceWords';
export { needsWords, type ConcordanceFilter } from './concordanceView';
export type { ConcordanceLine, SortWord } from './concordanceLine';
export { SORT_KEYS, type SortKey };

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
/** Texts kept for the next pages. */
const KEPT_TEXTS = 64;

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

export interface ConcordanceFacets {
  /** The folders of the hits' articles, with how many articles each. */
  readonly folders: { uri: string; articles: number }[];
  /** The dates the articles span, and how many are undated. */
  readonly first?: string;
  readonly last?: string;
  readonly undated: number;
}

export class Concordance {
  private readonly words: ContextWords;
  private readonly views: ConcordanceViews;
  private facetsOf: ConcordanceFacets | undefined;
  private readonly texts = new Map<string, string>();

  private constructor(
    private readonly index: CorpusIndex,
    readonly query: ConcordanceQuery,
    readonly label: string,
    private readonly hits: ConcordanceHits,
  ) {
    this.words = new ContextWords(hits.count, hits.articleCount);
    this.views = new ConcordanceViews(hits, this.words);
  }

  /**
   * The concordance of `query` in the index: an entity's hits from the index, a words or regex
   * query's by reading every article. An error tells why the query finds nothing.
   */
  static async create(index: CorpusIndex, query: ConcordanceQuery, work: Work): Promise<Concordance | { error: string }> {
    if (query.kind === 'entity') {
      const entity = index.figures.entity(query.id);
      const number = index.figures.entityNumber(query.id);
      if (!entity || number === undefined) return { error: `No entity ${query.id} in the index.` };
      const source: HitSource = { countIn: (a) => a.mentionsOf(number), spansIn: (a, visit) => index.articleMentions.spans(a, query.id, visit) };
      const hits = new ConcordanceHits(index.figures.unorderedArticlesOf(query.id), index.figures.summary(query.id)?.mentions ?? 0, source);
      return new Concordance(index, query, queryLabel(query, entityLabel(entity)), hits);
    }
    const matcher = textMatcher(query);
    if ('error' in matcher) return matcher;
    const found = new Map<Article, number[]>();
    let count = 0;
    await eachText([...index.allArticles()], work, (a, text) => {
      const spans = matcher.find(text);
      if (spans.length === 0) return;
      found.set(a, spans.flatMap((s) => [s.start, s.end]));
      count += spans.length;
    });
    const source: HitSource = {
      countIn: (a) => found.get(a)!.length / 2,
      spansIn: (a, visit) => {
        const spans = found.get(a)!;
        for (let k = 0; k < spans.length; k += 2) visit(spans[k], spans[k + 1]);
      },
    };
    return new Concordance(index, query, queryLabel(query), new ConcordanceHits([...found.keys()], count, source));
  }

  get count(): number {
    return this.hits.count;
  }

  get vocabulary(): Vocabulary {
    return this.words.vocabulary;
  }

  /** Whether the words around every hit have been read. */
  get wordsRead(): boolean {
    return this.words.complete;
  }

  /** Reads the words around every hit (the texts of the articles not read yet). */
  async readAllWords(work: Work): Promise<void> {
    const place = new Map<Article, number>();
    for (let i = 0; i < this.hits.articleCount; i++) if (!this.words.isRead(i)) place.set(this.hits.article(i), i);
    await eachText([...place.keys()], work, (a, text) => {
      const i = place.get(a)!;
      this.words.readArticle(i, text, this.hits.first(i), this.hits.spansOf(i));
    });
    this.views.clear();
  }

  /** The vocabulary number of the word `distance` words (0: the next) to the left (side 0) or right (side 1) of a hit; -1 when none or not read. */
  wordAt(hit: number, side: 0 | 1, distance: number): number {
    return this.words.wordAt(hit, side, distance);
  }

  /** The number, in its article's tokens, of the word `wordAt` gives (which tells apart two hits' windows that overlap). */
  tokenAt(hit: number, side: 0 | 1, distance: number): number {
    return this.words.tokenAt(hit, side, distance);
  }

  articleOf(hit: number): Article {
    return this.hits.article(this.hits.articleOf(hit));
  }

  /** The hits the filter keeps, in the order of the sort keys (then newest first, then in text order). Keys or filters on words need `wordsRead`. */
  view(filter: ConcordanceFilter, sort: readonly SortKey[]): Uint32Array {
    return this.views.view(filter, sort);
  }

  /** How many articles the hits of a view come from. */
  articleCount(view: Uint32Array): number {
    return this.views.articleCount(view);
  }

  /** The folders the hits' articles are in, with how many articles each, and the dates they span. */
  facets(): ConcordanceFacets {
    if (this.facetsOf) return this.facetsOf;
    const folders = new Map<string, number>();
    // Articles of one folder mostly come one after the other: the last folder is tested before the map.
    let folder = '';
    let inFolder = 0;
    const articles = this.hits.unordered();
    for (const { uri } of articles) {
      const slash = uri.lastIndexOf('/');
      if (slash === folder.length && uri.startsWith(folder)) {
        inFolder++;
        continue;
      }
      if (inFolder > 0) folders.set(folder, (folders.get(folder) ?? 0) + inFolder);
      folder = uri.slice(0, slash);
      inFolder = 1;
    }
    if (inFolder > 0) folders.set(folder, (folders.get(folder) ?? 0) + inFolder);
    // Newest first, undated last.
    const undatedFrom = this.hits.firstUndated();
    const dated = undatedFrom > 0;
    this.facetsOf = {
      folders: [...folders].map(([uri, articles]) => ({ uri, articles })).sort((a, b) => (a.uri < b.uri ? -1 : 1)),
      first: dated ? this.hits.dateAt(undatedFrom - 1) : undefined,
      last: dated ? this.hits.dateAt(0) : undefined,
      undated: articles.length - undatedFrom,
    };
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
    const keys = needsWords(sort, {}) ? this.vocabulary.comparisonKeys() : undefined;
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      const a = this.articleOf(hit);
      const text = this.texts.get(a.uri);
      if (text !== undefined) {
        const start = this.hits.start(hit);
        const entity = this.query.kind === 'entity' ? this.query.id : this.index.articleMentions.at(a.uri, start)?.entity;
        const words = { sort, wordAt: (side: 0 | 1, distance: number) => this.wordAt(hit, side, distance), keyOf: (id: number) => this.vocabulary.keys[keys![id]] };
        out.push(concordanceLine(a, text, start, this.hits.end(hit), width, entity, words));
      }
      // An export makes thousands of lines: other requests get their turn meanwhile.
      if (i % 64 === 63) await work.pause?.();
    }
    // Keep the texts of the last pages only.
    while (this.texts.size > KEPT_TEXTS) this.texts.delete(this.texts.keys().next().value!);
    return out;
  }
}
