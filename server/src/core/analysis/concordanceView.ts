/**
 * The views of a concordance: the hits a filter keeps (date range, folder, words nearby), in the
 * order of up to three sort keys, then the hits' own order (newest first, text order). A date
 * range or folder is tested on articles, so that a view in the hits' own order costs the hits it
 * keeps; the sort keys' ranks of every hit are made once each and kept.
 */
import type { ContextWords } from './concordanceWords';
import { WINDOW } from './concordanceWords';
import { dayNumber, type ConcordanceHits } from './concordanceHits';
import { WORD_KEY, type SortKey } from './sortKeys';

export interface ConcordanceFilter {
  /**
   * Inclusive bounds on the articles' dates: a year (`2024`), a month (`2024-07`) or a day; an
   * undated article is left out when either is given.
   */
  readonly from?: string;
  readonly to?: string;
  /** A folder's URI: only articles under it. */
  readonly folder?: string;
  /** Comparison keys of words (see contextWords.ts) that must each be within `nearWindow` words of the node. */
  readonly near?: readonly string[];
  readonly nearWindow?: number;
}

export const needsWords = (sort: readonly SortKey[], filter: ConcordanceFilter): boolean => sort.some((k) => WORD_KEY[k]) || (filter.near?.length ?? 0) > 0;

/** Views kept for a concordance (a page turned, a sort undone). */
const KEPT_VIEWS = 8;

export class ConcordanceViews {
  private views = new Map<string, Uint32Array>();
  /** How many articles each view's hits come from. */
  private articles = new WeakMap<Uint32Array, number>();
  /** Each sort key's rank of every hit (the word keys' once the words are read). */
  private ranks = new Map<SortKey, Int32Array>();

  constructor(
    private readonly hits: ConcordanceHits,
    private readonly words: ContextWords,
  ) {}

  /** Forgets the views and ranks (the words were read since they were made). */
  clear(): void {
    this.views = new Map();
    this.ranks = new Map();
  }

  /** The hits the filter keeps, in the order of the sort keys (then newest first, then text order). Keys or filters on words need the words read. */
  view(filter: ConcordanceFilter, sort: readonly SortKey[]): Uint32Array {
    const cacheKey = JSON.stringify([filter, sort]);
    const cached = this.views.get(cacheKey);
    if (cached) return cached;
    let order = this.ofArticles(filter);
    const near = this.nearTest(filter);
    if (near) {
      order = order.filter(near);
      this.articles.set(order, this.countArticles(order));
    }
    // The hits' own order is that of no key, or of 'newest' (then text order).
    if (sort.some((k) => k !== 'newest')) order.sort(this.comparator(sort));
    if (this.views.size >= KEPT_VIEWS) this.views.delete(this.views.keys().next().value!);
    this.views.set(cacheKey, order);
    return order;
  }

  /** How many articles the hits of a view come from. */
  articleCount(view: Uint32Array): number {
    return this.articles.get(view) ?? this.countArticles(view);
  }

  /** The hits of the articles in the date range and folder, in their own order. */
  private ofArticles(f: ConcordanceFilter): Uint32Array {
    const hits = this.hits;
    const dated = !!(f.from || f.to);
    if (!dated && !f.folder) {
      const all = new Uint32Array(hits.count);
      for (let h = 0; h < all.length; h++) all[h] = h;
      this.articles.set(all, hits.articleCount);
      return all;
    }
    const range = dated ? hits.datedBetween(f.from || undefined, f.to || undefined) : { from: 0, to: hits.articleCount };
    const folder = f.folder ? (f.folder.endsWith('/') ? f.folder : `${f.folder}/`) : undefined;
    const kept: number[] = [];
    let length = 0;
    for (let i = range.from; i < range.to; i++) {
      if (folder && !hits.article(i).uri.startsWith(folder)) continue;
      kept.push(i);
      length += hits.first(i + 1) - hits.first(i);
    }
    const order = new Uint32Array(length);
    let k = 0;
    for (const i of kept) for (let h = hits.first(i), end = hits.first(i + 1); h < end; h++) order[k++] = h;
    this.articles.set(order, kept.length);
    return order;
  }

  private countArticles(view: Uint32Array): number {
    const numbers = this.hits.allArticleNumbers();
    const seen = new Uint8Array(this.hits.articleCount);
    let n = 0;
    for (const hit of view) {
      if (seen[numbers[hit]]) continue;
      seen[numbers[hit]] = 1;
      n++;
    }
    return n;
  }

  /** The test that each word of `near` is within the window, compared on comparison keys. */
  private nearTest(f: ConcordanceFilter): ((hit: number) => boolean) | undefined {
    if (!f.near || f.near.length === 0) return undefined;
    const vocabulary = this.words.vocabulary;
    const keys = vocabulary.comparisonKeys();
    const wanted = f.near.map((w) => vocabulary.idOf(w) ?? -2);
    const window = Math.max(1, Math.min(WINDOW, f.nearWindow ?? WINDOW));
    const within = (hit: number, w: number) => {
      for (let side = 0 as 0 | 1; side <= 1; side++) {
        for (let d = 0; d < window; d++) {
          const id = this.words.wordAt(hit, side, d);
          if (id >= 0 && keys[id] === w) return true;
        }
      }
      return false;
    };
    return (hit) => wanted.every((w) => within(hit, w));
  }

  /** Sort keys in turn, then the hits' own order (newest first, text order). */
  private comparator(sort: readonly SortKey[]): (a: number, b: number) => number {
    const [r1, r2, r3] = sort.map((k) => this.rankOf(k));
    if (r3) return (a, b) => r1[a] - r1[b] || r2[a] - r2[b] || r3[a] - r3[b] || a - b;
    if (r2) return (a, b) => r1[a] - r1[b] || r2[a] - r2[b] || a - b;
    return (a, b) => r1[a] - r1[b] || a - b;
  }

  /** Each hit's rank for a sort key: lower first. */
  private rankOf(key: SortKey): Int32Array {
    const known = this.ranks.get(key);
    if (known) return known;
    const rank = WORD_KEY[key] ? this.wordRanks(key) : this.articleRanks(key);
    this.ranks.set(key, rank);
    return rank;
  }

  private wordRanks(key: SortKey): Int32Array {
    const { side, distance } = WORD_KEY[key]!;
    const rank = new Int32Array(this.hits.count);
    const keys = this.words.vocabulary.comparisonKeys();
    const ranks = this.words.vocabulary.collationRanks();
    // A hit without a word there (the line ends) comes first, as AntConc puts it.
    for (let i = 0; i < rank.length; i++) {
      const id = this.words.wordAt(i, side, distance);
      rank[i] = id < 0 ? -1 : ranks[keys[id]];
    }
    return rank;
  }

  /** Ranks by the hit's article: its date (undated last either way) or its source (Arabic collation, none last). */
  private articleRanks(key: SortKey): Int32Array {
    const articles = this.hits.articles();
    let perArticle: Int32Array;
    if (key === 'source') {
      const collator = new Intl.Collator('ar');
      const sources = [...new Set(articles.map((a) => a.source ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b)));
      const at = new Map(sources.map((x, i) => [x, i]));
      perArticle = Int32Array.from(articles, (a) => at.get(a.source ?? '')!);
    } else {
      // Undated articles last either way.
      const sign = key === 'oldest' ? 1 : -1;
      perArticle = Int32Array.from(articles, (a) => (a.date ? sign * (dayNumber(a.date) - 0x40000000) : 0x7fffffff));
    }
    const numbers = this.hits.allArticleNumbers();
    const rank = new Int32Array(this.hits.count);
    for (let i = 0; i < rank.length; i++) rank[i] = perArticle[numbers[i]];
    return rank;
  }
}
