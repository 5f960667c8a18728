/**
 * One indexed article, kept compact: its few strings, and everything else (line starts,
 * mentions, per-entity counts, written forms, headline range) in a single typed array, so that
 * an archive of 100,000 articles costs one small object and one buffer each. This module owns
 * that layout: the rest of the index reads an article through the accessors and iterators here.
 */
import type { MentionKind } from '../entities/recognizer';
import { LineIndex } from '../text/lines';
import { filterHas, type FilterProbe } from './tokenFilter';

/**
 * Header of the data array: line count, mention count, entity count, form count, headline start,
 * headline end, flags (`SYNTHETIC_HEADLINE`, `NAMES_EARLY`), text length, token filter length.
 * Then the sections:
 * - line starts;
 * - mentions, three words each, in text order: `mentionWord` (entity, kind, boilerplate), start, end;
 * - counts, two words each: entity, mentions outside boilerplate;
 * - forms, three words each: entity, form id, count (how each entity was written, outside boilerplate);
 * - the token filter (see `tokenFilter`).
 */
const HEADER = 9;
/** The header's words, in order (a `const enum`, so that the bundler writes the numbers themselves into the hot loops). */
const enum Word {
  Lines,
  Mentions,
  Entities,
  Forms,
  HeadlineStart,
  HeadlineEnd,
  Flags,
  Length,
  Filter,
}
/** Flags. */
const SYNTHETIC_HEADLINE = 1;
/**
 * The article may name someone it introduces, whom the recogniser did not know yet, before the
 * introduction (a headline: «جواو كرافينيو: ...»), where only a recogniser that knows them links
 * the name. Relinking analyses such an article again once they are learnt (see
 * `LearntPeople.relinkCandidates`), so that its links do not depend on the order of indexing.
 */
const NAMES_EARLY = 2;

/**
 * Kinds as the data array numbers them. A discovered entity's mention of kind 'discovered' is
 * one this article's own discovery found (the article introduces the entity); the full name of a
 * person learnt from another article is written as 'name' (the index reads it back as
 * 'discovered'), so that the index knows which articles introduce whom.
 */
export const MENTION_KINDS: readonly MentionKind[] = ['name', 'short', 'demonym', 'discovered'];
export const NAME_KIND = 0;
export const DEMONYM_KIND = 2;
export const DISCOVERED_KIND = 3;

/** A mention's first word in the data array. */
export const mentionWord = (entity: number, kind: number, boilerplate: boolean): number => (entity << 3) | (kind << 1) | (boilerplate ? 1 : 0);
export const entityOf = (word: number): number => word >>> 3;
export const kindOf = (word: number): number => (word >>> 1) & 3;
export const isBoilerplate = (word: number): boolean => (word & 1) === 1;
/** The mention gives its entity's full name, outside boilerplate. */
const isFullName = (word: number): boolean => (word & 1) === 0 && (kindOf(word) === NAME_KIND || kindOf(word) === DISCOVERED_KIND);

export interface ArticleParts {
  readonly lineStarts: ArrayLike<number>;
  readonly mentions: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
  readonly forms: ArrayLike<number>;
  readonly headline: { readonly start: number; readonly end: number; readonly synthetic: boolean };
  readonly length: number;
  readonly filter: Uint32Array;
  /** See `NAMES_EARLY`. */
  readonly namesEarly?: boolean;
}

export function articleData(p: ArticleParts): Uint32Array {
  const data = new Uint32Array(HEADER + p.lineStarts.length + p.mentions.length + p.counts.length + p.forms.length + p.filter.length);
  const flags = (p.headline.synthetic ? SYNTHETIC_HEADLINE : 0) | (p.namesEarly ? NAMES_EARLY : 0);
  data.set([p.lineStarts.length, p.mentions.length / 3, p.counts.length / 2, p.forms.length / 3, p.headline.start, p.headline.end, flags, p.length, p.filter.length]);
  let at = HEADER;
  for (const section of [p.lineStarts, p.mentions, p.counts, p.forms, p.filter]) {
    data.set(section, at);
    at += section.length;
  }
  return data;
}

/** The length of the data array (see `articleData`) that starts at `base` in `data`, from its header. */
export function articleDataLength(data: Uint32Array, base = 0): number {
  return filterAt(data, base) + data[base + Word.Filter] - base;
}

/** The article's own array in `data` from `base`, by its header's length: `data` itself when it holds just that article. */
export function articleDataAt(data: Uint32Array, base = 0): Uint32Array {
  const n = articleDataLength(data, base);
  return base === 0 && n === data.length ? data : data.subarray(base, base + n);
}

// Where each section of the array at `b` starts, each spelt out in full: these run for every
// article of a restore, before the compiler has inlined anything.
/** Where the mention triples of the array at `b` start. */
const mentionsAt = (d: Uint32Array, b: number) => b + HEADER + d[b + Word.Lines];
/** Where its count pairs start. */
const countsAt = (d: Uint32Array, b: number) => b + HEADER + d[b + Word.Lines] + 3 * d[b + Word.Mentions];
/** Where its form triples start. */
const formsAt = (d: Uint32Array, b: number) => b + HEADER + d[b + Word.Lines] + 3 * d[b + Word.Mentions] + 2 * d[b + Word.Entities];
/** Where its token filter starts. */
const filterAt = (d: Uint32Array, b: number) => b + HEADER + d[b + Word.Lines] + 3 * d[b + Word.Mentions] + 2 * d[b + Word.Entities] + 3 * d[b + Word.Forms];

export class Article {
  /** Set when the index lets go of this article (lists holding it skip it from then on). */
  removed = false;
  /** The index's number for it (see `ArticleTable`), given when the index takes it. */
  slot = 0;
  /**
   * How many of the people learnt since the catalog was set its analysis knew, at least (see
   * `LearntPeople.relinkCandidates`); 0 when that is not known (a restored article).
   */
  learntKnown = 0;

  constructor(
    readonly uri: string,
    private readonly headlineText: string,
    readonly date: string | undefined,
    readonly source: string | undefined,
    /**
     * See `articleData`; entity numbers are the index's interned ones. The article's own array
     * starts at `base`: articles restored from a persisted index share one array a part, so that
     * a restore makes no view object for each.
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
    const d = this.data;
    const b = this.base;
    return { text: this.headlineText, start: d[b + Word.HeadlineStart], end: d[b + Word.HeadlineEnd], synthetic: (d[b + Word.Flags] & SYNTHETIC_HEADLINE) !== 0 };
  }

  /** See `NAMES_EARLY`. */
  get namesEarly(): boolean {
    return (this.data[this.base + Word.Flags] & NAMES_EARLY) !== 0;
  }

  /** Whether the text has no headline and the article's title is derived from its lead's first sentence. */
  get derivedHeadline(): boolean {
    return (this.data[this.base + Word.Flags] & SYNTHETIC_HEADLINE) !== 0 && this.headlineText !== '';
  }

  get lines(): LineIndex {
    return LineIndex.view(this.data, this.base + HEADER, this.data[this.base + Word.Lines], this.data[this.base + Word.Length]);
  }

  /** How many entities the article names outside boilerplate. */
  get entityCount(): number {
    return this.data[this.base + Word.Entities];
  }

  /** Mentions outside boilerplate. */
  get mentionTotal(): number {
    const d = this.data;
    let n = 0;
    for (let k = countsAt(d, this.base), end = formsAt(d, this.base); k < end; k += 2) n += d[k + 1];
    return n;
  }

  /** Whether the article may contain the probed pair of words (see `filterHashes` in analysis; false means it certainly does not). */
  mayContain(key: FilterProbe): boolean {
    return filterHas(this.data, filterAt(this.data, this.base), this.data[this.base + Word.Filter], key);
  }

  /**
   * Calls `visit` with each mention in text order: its entity number (the index's), kind number
   * (see `MENTION_KINDS`), whether it is in boilerplate, and its offsets.
   */
  forEachMention(visit: (entity: number, kind: number, boilerplate: boolean, start: number, end: number) => void): void {
    const d = this.data;
    for (let k = mentionsAt(d, this.base), end = countsAt(d, this.base); k < end; k += 3) {
      const w = d[k];
      visit(w >>> 3, (w >>> 1) & 3, (w & 1) === 1, d[k + 1], d[k + 2]);
    }
  }

  /** Each mention, in text order, as `decode` makes it of its first word (see `mentionWord`), start and end. */
  mapMentions<T>(decode: (word: number, start: number, end: number) => T): T[] {
    const d = this.data;
    const out: T[] = [];
    for (let k = mentionsAt(d, this.base), end = countsAt(d, this.base); k < end; k += 3) out.push(decode(d[k], d[k + 1], d[k + 2]));
    return out;
  }

  /**
   * Calls `visit` with the offsets (and kind number) of each mention of entity number `entity`, in
   * text order, leaving out those in boilerplate unless asked, and those of kind `leaveKind` (-1:
   * none). One tight loop: an entity named in most articles has hundreds of thousands of mentions.
   */
  forEachMentionOf(entity: number, withBoilerplate: boolean, leaveKind: number, visit: (start: number, end: number, kind: number, boilerplate: boolean) => void): void {
    const d = this.data;
    for (let k = mentionsAt(d, this.base), end = countsAt(d, this.base); k < end; k += 3) {
      const w = d[k];
      if (w >>> 3 !== entity || ((w & 1) === 1 && !withBoilerplate) || ((w >>> 1) & 3) === leaveKind) continue;
      visit(d[k + 1], d[k + 2], (w >>> 1) & 3, (w & 1) === 1);
    }
  }

  /**
   * Calls `f` with each mention outside boilerplate, in text order: its entity's index number and
   * the number of the line it starts on (each line of a plain-text article is a paragraph).
   */
  forEachMentionLine(f: (entity: number, line: number) => void): void {
    const d = this.data;
    const lines = this.base + HEADER;
    const lineCount = d[this.base + Word.Lines];
    let line = 0;
    for (let k = mentionsAt(d, this.base), end = countsAt(d, this.base); k < end; k += 3) {
      if ((d[k] & 1) === 1) continue;
      // Mentions come in text order: the line only moves forward.
      while (line + 1 < lineCount && d[lines + line + 1] <= d[k + 1]) line++;
      f(d[k] >>> 3, line);
    }
  }

  /** Whether a mention names the entity (`inFull`: gives its full name outside boilerplate). */
  hasMention(entity: number, inFull = false): boolean {
    const d = this.data;
    for (let k = mentionsAt(d, this.base), end = countsAt(d, this.base); k < end; k += 3) if (d[k] >>> 3 === entity && (!inFull || isFullName(d[k]))) return true;
    return false;
  }

  /** The mention that covers `offset` (its end included), as `decode` makes it of its first word, start and end; undefined when none does. */
  mentionAt<T>(offset: number, decode: (word: number, start: number, end: number) => T): T | undefined {
    const d = this.data;
    const at = mentionsAt(d, this.base);
    let lo = 0;
    let hi = d[this.base + Word.Mentions] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = at + 3 * mid;
      if (d[k + 2] < offset) lo = mid + 1;
      else if (d[k + 1] > offset) hi = mid - 1;
      else return decode(d[k], d[k + 1], d[k + 2]);
    }
    return undefined;
  }

  /** Calls `f` with each entity the article names outside boilerplate (its index number) and its count of mentions there. */
  forEachEntity(f: (entity: number, mentions: number) => void): void {
    const d = this.data;
    for (let k = countsAt(d, this.base), end = formsAt(d, this.base); k < end; k += 2) f(d[k], d[k + 1]);
  }

  /** Mentions of the entity (its index number) outside boilerplate; 0 when the article does not name it. */
  mentionsOf(entity: number): number {
    const d = this.data;
    for (let k = countsAt(d, this.base), end = formsAt(d, this.base); k < end; k += 2) if (d[k] === entity) return d[k + 1];
    return 0;
  }
}

// The index's own passes over an article's sections, beside the class rather than in it: its
// statistics, discovery and persistence run them for every article they take in or let go.

/** Calls `f` with each entity the article introduces: those its own discovery found (see `MENTION_KINDS`). */
export function forEachIntroduced(a: Article, f: (entity: number) => void): void {
  const d = a.data;
  // The bits spelt out (see `mentionWord`): this runs over every mention of every article restored.
  for (let k = mentionsAt(d, a.base), end = countsAt(d, a.base); k < end; k += 3) if (((d[k] >>> 1) & 3) === DISCOVERED_KIND) f(d[k] >>> 3);
}

/** Calls `f` with the entity of each mention that gives a full name outside boilerplate (an entity once a mention). */
export function forEachFullName(a: Article, f: (entity: number) => void): void {
  const d = a.data;
  for (let k = mentionsAt(d, a.base), end = countsAt(d, a.base); k < end; k += 3) if (isFullName(d[k])) f(d[k] >>> 3);
}

/**
 * Copies the entities the article names outside boilerplate (index numbers), and their counts of
 * mentions there, into `entities` and `mentions` (each `entityCount` long at least); returns how
 * many. For the loops that run for every article of a restore, without a call per entity.
 */
export function copyEntities(a: Article, entities: Uint32Array, mentions: Uint32Array): number {
  const d = a.data;
  let n = 0;
  for (let k = countsAt(d, a.base), end = formsAt(d, a.base); k < end; k += 2, n++) {
    entities[n] = d[k];
    mentions[n] = d[k + 1];
  }
  return n;
}

/** Adds `by` to `into` at each entity the article names outside boilerplate, but `except`: a count of the entities named with it. */
export function countEntities(a: Article, into: Uint32Array, by: number, except: number): void {
  const d = a.data;
  for (let k = countsAt(d, a.base), end = formsAt(d, a.base); k < end; k += 2) if (d[k] !== except) into[d[k]] += by;
}

/** Calls `f` with each written form: its entity, form id and count. */
export function forEachForm(a: Article, f: (entity: number, form: number, count: number) => void): void {
  const d = a.data;
  for (let k = formsAt(d, a.base), end = filterAt(d, a.base); k < end; k += 3) f(d[k], d[k + 1], d[k + 2]);
}

/** True when every entity number in the article is below `entities` and every form id below `forms`. */
export function numbersBelow(a: Article, entities: number, forms = Infinity): boolean {
  const d = a.data;
  const counts = countsAt(d, a.base);
  const formList = formsAt(d, a.base);
  for (let k = mentionsAt(d, a.base); k < counts; k += 3) if (d[k] >>> 3 >= entities) return false;
  for (let k = counts; k < formList; k += 2) if (d[k] >= entities) return false;
  for (let k = formList, end = filterAt(d, a.base); k < end; k += 3) if (d[k] >= entities || d[k + 1] >= forms) return false;
  return true;
}

/** Rewrites, in place, the article's entity numbers through `entity` and its form ids through `form`. */
export function renumber(a: Article, entity: ArrayLike<number>, form: ArrayLike<number>): void {
  const d = a.data;
  const counts = countsAt(d, a.base);
  const formList = formsAt(d, a.base);
  for (let k = mentionsAt(d, a.base); k < counts; k += 3) d[k] = (entity[d[k] >>> 3] << 3) | (d[k] & 7);
  for (let k = counts; k < formList; k += 2) d[k] = entity[d[k]];
  for (let k = formList, end = filterAt(d, a.base); k < end; k += 3) {
    d[k] = entity[d[k]];
    d[k + 1] = form[d[k + 1]];
  }
}

/** The article without the mentions, counts and forms of the entities `dropped`, in an array of its own. */
export function withoutEntities(a: Article, dropped: readonly number[]): Article {
  const d = a.data;
  const keep = (e: number) => !dropped.includes(e);
  const mentions: number[] = [];
  for (let k = mentionsAt(d, a.base), end = countsAt(d, a.base); k < end; k += 3) if (keep(d[k] >>> 3)) mentions.push(d[k], d[k + 1], d[k + 2]);
  const counts: number[] = [];
  for (let k = countsAt(d, a.base), end = formsAt(d, a.base); k < end; k += 2) if (keep(d[k])) counts.push(d[k], d[k + 1]);
  const forms: number[] = [];
  for (let k = formsAt(d, a.base), end = filterAt(d, a.base); k < end; k += 3) if (keep(d[k])) forms.push(d[k], d[k + 1], d[k + 2]);
  const lineStarts = d.subarray(a.base + HEADER, mentionsAt(d, a.base));
  const filter = d.slice(filterAt(d, a.base), filterAt(d, a.base) + d[a.base + Word.Filter]);
  const data = articleData({ lineStarts, mentions, counts, forms, headline: a.headline, length: d[a.base + Word.Length], filter, namesEarly: a.namesEarly });
  return new Article(a.uri, a.headline.text, a.date, a.source, data);
}
