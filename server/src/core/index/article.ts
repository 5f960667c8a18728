/**
 * One indexed article, kept compact: its few strings, and everything else (line starts,
 * mentions, per-entity counts, written forms, headline range) in a single typed array, so that
 * an archive of 100,000 articles costs one small object and one buffer each.
 */
import { LineIndex } from '../text/lines';
import { filterHas, type FilterProbe } from './tokenFilter';

/**
 * Header of the data array: line count, mention count, entity count, form count, headline start,
 * headline end, flags (1 = synthetic headline), text length, token filter length. Then the sections:
 * - line starts;
 * - mentions, three words each, in text order: entity << 3 | kind << 1 | boilerplate, start, end;
 * - counts, two words each: entity, mentions outside boilerplate;
 * - forms, three words each: entity, form id, count (how each entity was written, outside boilerplate);
 * - the token filter (see `tokenFilter`).
 */
const HEADER = 9;

export interface ArticleParts {
  readonly lineStarts: readonly number[];
  readonly mentions: readonly number[];
  readonly counts: readonly number[];
  readonly forms: readonly number[];
  readonly headline: { readonly start: number; readonly end: number; readonly synthetic: boolean };
  readonly length: number;
  readonly filter: Uint32Array;
}

export function articleData(p: ArticleParts): Uint32Array {
  const data = new Uint32Array(HEADER + p.lineStarts.length + p.mentions.length + p.counts.length + p.forms.length + p.filter.length);
  data.set([p.lineStarts.length, p.mentions.length / 3, p.counts.length / 2, p.forms.length / 3, p.headline.start, p.headline.end, p.headline.synthetic ? 1 : 0, p.length, p.filter.length]);
  let at = HEADER;
  for (const section of [p.lineStarts, p.mentions, p.counts, p.forms, p.filter]) {
    data.set(section, at);
    at += section.length;
  }
  return data;
}

/** The length of the data array (see `articleData`) that starts at `base` in `data`, from its header. */
export function articleDataLength(data: Uint32Array, base = 0): number {
  return HEADER + data[base] + 3 * data[base + 1] + 2 * data[base + 2] + 3 * data[base + 3] + data[base + 8];
}

/** The article's own array in `data` from `base`, by its header's length: `data` itself when it holds just that article. */
export function articleDataAt(data: Uint32Array, base = 0): Uint32Array {
  const n = articleDataLength(data, base);
  return base === 0 && n === data.length ? data : data.subarray(base, base + n);
}

export class Article {
  /** Set when the index lets go of this article (lists holding it skip it from then on). */
  removed = false;
  /** The index's number for it (see `ArticleTable`), given when the index takes it. */
  slot = 0;
  /**
   * How many of the people learnt since the catalog was set its analysis knew, at least (see
   * `CorpusIndex.relinkCandidates`); 0 when that is not known (a restored article).
   */
  learntKnown = 0;

  constructor(
    readonly uri: string,
    private readonly headlineText: string,
    readonly date: string | undefined,
    readonly source: string | undefined,
    /**
     * See `articleData`; entity numbers are the index's interned ones. The article's own array
     * starts at `base`: articles restored from a persisted index share one array a part, as a
     * view each was 100,000 more objects for the collector to move.
     */
    readonly data: Uint32Array,
    readonly base = 0,
  ) {}

  /** The article's own data array (a view when it shares one). */
  ownData(): Uint32Array {
    return articleDataAt(this.data, this.base);
  }

  /** The length of `ownData()`, without making the view (its header's length, within the array). */
  get ownDataLength(): number {
    return Math.max(0, Math.min(this.dataLength, this.data.length - this.base));
  }

  /** Length of the article's data array, in words. */
  get dataLength(): number {
    return articleDataLength(this.data, this.base);
  }

  get headline(): { readonly text: string; readonly start: number; readonly end: number; readonly synthetic: boolean } {
    const b = this.base;
    return { text: this.headlineText, start: this.data[b + 4], end: this.data[b + 5], synthetic: (this.data[b + 6] & 1) === 1 };
  }

  /** Whether the text has no headline and the article's title is derived from its lead's first sentence. */
  get derivedHeadline(): boolean {
    return (this.data[this.base + 6] & 1) === 1 && this.headlineText !== '';
  }

  get lines(): LineIndex {
    return LineIndex.view(this.data, this.base + HEADER, this.data[this.base], this.data[this.base + 7]);
  }

  get mentionCount(): number {
    return this.data[this.base + 1];
  }

  /** How many entities the article names outside boilerplate. */
  get entityCount(): number {
    return this.data[this.base + 2];
  }

  get formCount(): number {
    return this.data[this.base + 3];
  }

  /** Offset of the first mention triple in `data`. */
  get mentionsAt(): number {
    return this.base + HEADER + this.data[this.base];
  }

  /** Offset of the first count pair in `data`. */
  get countsAt(): number {
    return this.mentionsAt + 3 * this.data[this.base + 1];
  }

  /** Offset of the first form triple in `data`. */
  get formsAt(): number {
    return this.countsAt + 2 * this.data[this.base + 2];
  }

  /** Offset of the token filter in `data`. */
  get filterAt(): number {
    return this.formsAt + 3 * this.data[this.base + 3];
  }

  /** Whether the article may contain the probed pair of words (see `filterHashes` in analysis; false means it certainly does not). */
  mayContain(key: FilterProbe): boolean {
    return filterHas(this.data, this.filterAt, this.filterWords, key);
  }

  /** The length of the token filter at `filterAt`, in 32-bit words. */
  get filterWords(): number {
    return this.data[this.base + 8];
  }

  /**
   * Calls `visit` with each mention in text order: its entity number (the index's), kind number
   * (see `MENTION_KINDS`), whether it is in boilerplate, and its offsets.
   */
  forEachMention(visit: (entity: number, kind: number, boilerplate: boolean, start: number, end: number) => void): void {
    const d = this.data;
    for (let k = this.mentionsAt, end = k + 3 * this.mentionCount; k < end; k += 3) {
      const w = d[k];
      visit(w >>> 3, (w >>> 1) & 3, (w & 1) === 1, d[k + 1], d[k + 2]);
    }
  }

  /**
   * Calls `visit` with the offsets of each mention of entity number `entity`, in text order,
   * leaving out those in boilerplate unless asked, and those of kind `leaveKind` (-1: none).
   * One tight loop: an entity named in most articles has hundreds of thousands of mentions.
   */
  forEachMentionOf(entity: number, withBoilerplate: boolean, leaveKind: number, visit: (start: number, end: number) => void): void {
    const d = this.data;
    for (let k = this.mentionsAt, end = k + 3 * this.mentionCount; k < end; k += 3) {
      const w = d[k];
      if (w >>> 3 !== entity || ((w & 1) === 1 && !withBoilerplate) || ((w >>> 1) & 3) === leaveKind) continue;
      visit(d[k + 1], d[k + 2]);
    }
  }

  /** Calls `f` with each entity the article names outside boilerplate (its index number) and its count of mentions there. */
  forEachEntity(f: (entity: number, mentions: number) => void): void {
    const d = this.data;
    for (let k = this.countsAt, end = k + 2 * this.entityCount; k < end; k += 2) f(d[k], d[k + 1]);
  }

  /** Mentions of the entity (its index number) outside boilerplate; 0 when the article does not name it. */
  mentionsOf(entity: number): number {
    const d = this.data;
    for (let k = this.countsAt, end = k + 2 * this.entityCount; k < end; k += 2) if (d[k] === entity) return d[k + 1];
    return 0;
  }

  /**
   * Calls `f` with each mention outside boilerplate, in text order: its entity's index number and
   * the number of the line it starts on (each line of a plain-text article is a paragraph).
   */
  forEachMentionLine(f: (entity: number, line: number) => void): void {
    const d = this.data;
    const lines = this.base + HEADER;
    const lineCount = d[this.base];
    let line = 0;
    for (let k = this.mentionsAt, end = k + 3 * this.mentionCount; k < end; k += 3) {
      if ((d[k] & 1) === 1) continue;
      // Mentions come in text order: the line only moves forward.
      while (line + 1 < lineCount && d[lines + line + 1] <= d[k + 1]) line++;
      f(d[k] >>> 3, line);
    }
  }

  /** Mentions outside boilerplate. */
  get mentionTotal(): number {
    let n = 0;
    for (let k = this.countsAt, end = k + 2 * this.entityCount; k < end; k += 2) n += this.data[k + 1];
    return n;
  }
}
