/**
 * A concordance's hits in their own order: articles newest first (undated last, ties by URI),
 * then text order within an article. Hit `h` of article `i` is numbered from `first(i)`.
 *
 * An entity's hits are not all decoded at once: a first page needs the first hundred, while the
 * most named entity has hundreds of thousands. The articles are sorted on their dates as numbers;
 * a run of articles of one date is put in URI order, the hits before an article counted, and an
 * article's offsets read from the index, each when first needed.
 */
import type { Article } from '../index/article';

/** Where an entity's hits come from (the index), or every hit already found (a text query). */
export interface HitSource {
  /** The article's hits, counted without decoding them. */
  countIn(a: Article): number;
  /** Calls `visit` with the offsets of each of the article's hits, in text order. */
  spansIn(a: Article, visit: (start: number, end: number) => void): void;
}

/** An ISO date (YYYY-MM-DD) as the number YYYYMMDD; 0 when undated. */
export function dayNumber(iso: string | undefined): number {
  if (!iso) return 0;
  // Digit by digit: this runs for every article naming the most named entity.
  let n = 0;
  for (let at = 0; at < 10; at++) if (at !== 4 && at !== 7) n = 10 * n + iso.charCodeAt(at) - 48;
  return n;
}

/** (99,999,999 − YYYYMMDD) · 2^25 + position stays below 2^53: exact in a double. */
const POSITIONS = 2 ** 25;

export class ConcordanceHits {
  /** The articles in their order once `settled` says so (before it, a run of one date is in no order). */
  private readonly order: Article[];
  private settled = 0;
  /** The hits before each article, known for the first `counted + 1`. */
  private readonly firsts: Uint32Array;
  private counted = 0;
  /** Each hit's start and end, for the articles `decoded` says. */
  private spans: Uint32Array | undefined;
  private readonly decoded: Uint8Array;
  private articleNumbers: Uint32Array | undefined;

  /** `count`: the hits of all the articles, which `source.countIn` adds up to. */
  constructor(
    private readonly given: readonly Article[],
    readonly count: number,
    private readonly source: HitSource,
  ) {
    const articles = given;
    const keys = new Float64Array(articles.length);
    for (let i = 0; i < articles.length; i++) keys[i] = (99_999_999 - dayNumber(articles[i].date)) * POSITIONS + i;
    keys.sort();
    this.order = new Array<Article>(articles.length);
    for (let i = 0; i < keys.length; i++) this.order[i] = articles[keys[i] % POSITIONS];
    this.firsts = new Uint32Array(articles.length + 1);
    this.decoded = new Uint8Array(articles.length);
  }

  get articleCount(): number {
    return this.order.length;
  }

  /** The article at a place in the order. */
  article(i: number): Article {
    this.settle(i + 1);
    return this.order[i];
  }

  /** Every article, in the order given (for counts that need none). */
  unordered(): readonly Article[] {
    return this.given;
  }

  /** The date of the article at a place (a run of one date need not be in order for it). */
  dateAt(i: number): string | undefined {
    return this.order[i].date;
  }

  /** Every article, in order. */
  articles(): readonly Article[] {
    this.settle(this.order.length);
    return this.order;
  }

  /** The number of article `i`'s first hit (`i` up to the article count: then the number of hits). */
  first(i: number): number {
    while (this.counted < i) {
      const a = this.article(this.counted);
      this.firsts[this.counted + 1] = this.firsts[this.counted] + this.source.countIn(a);
      this.counted++;
    }
    return this.firsts[i];
  }

  /** The place of the article of hit `hit`. */
  articleOf(hit: number): number {
    if (this.articleNumbers) return this.articleNumbers[hit];
    while (this.counted < this.order.length && this.firsts[this.counted] <= hit) this.first(this.counted + 1);
    // The last article whose first hit is at or before `hit`.
    let lo = 0;
    let hi = this.counted - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid] <= hit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Every hit's article place (for filters and sort keys on all of them). */
  allArticleNumbers(): Uint32Array {
    if (this.articleNumbers) return this.articleNumbers;
    const out = new Uint32Array(this.count);
    for (let i = 0; i < this.order.length; i++) out.fill(i, this.first(i), this.first(i + 1));
    return (this.articleNumbers = out);
  }

  start(hit: number): number {
    this.decode(this.articleOf(hit));
    return this.spans![2 * hit];
  }

  end(hit: number): number {
    this.decode(this.articleOf(hit));
    return this.spans![2 * hit + 1];
  }

  /** Reads the offsets of article `i`'s hits. */
  decode(i: number): void {
    if (this.decoded[i]) return;
    this.decoded[i] = 1;
    const spans = (this.spans ??= new Uint32Array(2 * this.count));
    let k = 2 * this.first(i);
    const end = 2 * this.first(i + 1);
    this.source.spansIn(this.article(i), (start, stop) => {
      // A source that finds more than it counted keeps to the count.
      if (k >= end) return;
      spans[k++] = start;
      spans[k++] = stop;
    });
  }

  /** The offsets of article `i`'s hits: start, end, … */
  spansOf(i: number): Uint32Array {
    this.decode(i);
    return this.spans!.subarray(2 * this.first(i), 2 * this.first(i + 1));
  }

  /** The places of the articles dated in an inclusive range of ISO dates (the undated ones are after every date). */
  datedBetween(from: string | undefined, to: string | undefined): { from: number; to: number } {
    const dated = this.firstUndated();
    // Newest first: the articles after `to` come first, those before `from` last.
    const after = (a: Article) => !!to && a.date!.slice(0, to.length) > to;
    const before = (a: Article) => !!from && a.date! < from;
    return { from: this.search(0, dated, (a) => !after(a)), to: this.search(0, dated, before) };
  }

  /** The place of the first undated article (all of them are last). */
  firstUndated(): number {
    return this.search(0, this.order.length, (a) => !a.date);
  }

  /** The first place in `[lo, hi)` where `test` holds, for a test that holds from some place on. */
  private search(lo: number, hi: number, test: (a: Article) => boolean): number {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // A run of one date is searched as it stands: the test reads only the date.
      if (test(this.order[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Puts the articles before place `n` in their order: each run of one date in URI order. */
  private settle(n: number): void {
    const order = this.order;
    while (this.settled < n) {
      const s = this.settled;
      let e = s + 1;
      while (e < order.length && order[e].date === order[s].date) e++;
      if (e - s > 1) {
        const run = order.slice(s, e).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
        for (let k = s; k < e; k++) order[k] = run[k - s];
      }
      this.settled = e;
    }
  }
}
