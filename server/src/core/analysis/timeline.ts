/**
 * The timeline: how often entities are named per day, week, month or year over the articles'
 * dates, with the undated articles counted apart, and the corpus's own articles per period to
 * read the rises against.
 */
import type { EntityType } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { dateFilter, type DateRange, type WorkControl } from './articlePass';
import { corpusDates, entityDates, isoDate, type DatedCounts } from './datedCounts';
import { period, periodNumber, type Granularity } from './periods';

export { GRANULARITIES, periodOf, type Granularity } from './periods';

/** The most entities one timeline compares (those after are left out). */
export const MAX_SERIES = 12;

export interface TimelineParams extends DateRange {
  /** The entities to chart (one series each, in this order; unknown ids are left out, and those after `MAX_SERIES`). */
  readonly ids: readonly string[];
  readonly granularity: Granularity;
}

export interface TimelinePeriod {
  /** `2025-07-10`, `2025-W28` (ISO week), `2025-07` or `2025`. */
  readonly key: string;
  /** The period's first and last day (ISO), for a request of its articles. */
  readonly from: string;
  readonly to: string;
  /** Articles of the whole corpus dated in it. */
  readonly corpusArticles: number;
}

export interface Counts {
  readonly mentions: number;
  readonly articles: number;
}

export interface TimelineSeries {
  readonly id: string;
  readonly type: EntityType;
  readonly ar: string;
  readonly en?: string;
  /** Per period (`Timeline.periods`, same order): mentions outside boilerplate, and articles naming it. */
  readonly mentions: number[];
  readonly articles: number[];
  /** Its undated articles (counted whatever the date range, which they fall outside of). */
  readonly undated: Counts;
  /** Over the periods. */
  readonly total: Counts;
}

export interface Timeline {
  readonly granularity: Granularity;
  /** Every period from the first to the last that one of the entities is named in, empty ones too. */
  readonly periods: TimelinePeriod[];
  readonly series: TimelineSeries[];
  /** Undated articles of the whole corpus. */
  readonly undatedCorpusArticles: number;
}

/** An entity's counts per period number, and its undated ones. */
interface Counted {
  readonly id: string;
  readonly entity: number;
  readonly periods: Map<number, Counts>;
  readonly undated: Counts;
}

/** Adds up counts per date into counts per period, the dates in the range only; the span of the periods met widens `span`. */
function perPeriod(g: Granularity, dates: DatedCounts, inRange: (date: string) => boolean, span: { first: number; last: number }): Map<number, Counts> {
  const periods = new Map<number, { mentions: number; articles: number }>();
  for (const [day, c] of dates.byDate) {
    const date = isoDate(day);
    if (!inRange(date)) continue;
    const n = periodNumber(g, date);
    const p = periods.get(n);
    if (p) {
      p.mentions += c.mentions;
      p.articles += c.articles;
    } else periods.set(n, { mentions: c.mentions, articles: c.articles });
    if (n < span.first) span.first = n;
    if (n > span.last) span.last = n;
  }
  return periods;
}

/** The series of a counted entity over the periods from `first`, `span` of them. */
function series(index: CorpusIndex, { id, entity, periods, undated }: Counted, first: number, span: number): TimelineSeries {
  const e = index.figures.entityByNumber(entity)!;
  const mentions = new Array<number>(span).fill(0);
  const articles = new Array<number>(span).fill(0);
  let m = 0;
  let n = 0;
  for (const [p, c] of periods) {
    mentions[p - first] = c.mentions;
    articles[p - first] = c.articles;
    m += c.mentions;
    n += c.articles;
  }
  return { id, type: e.type, ar: e.ar, en: e.en, mentions, articles, undated: { ...undated }, total: { mentions: m, articles: n } };
}

/**
 * Counts the entities' mentions and articles per period. Undefined when the work was cancelled.
 * Cost: the counts per date of the entities and of the corpus (datedCounts.ts: a pass over their
 * articles the first time, kept after), then one step per date.
 */
export async function timeline(index: CorpusIndex, params: TimelineParams, control: WorkControl = {}): Promise<Timeline | undefined> {
  const g = params.granularity;
  const inRange = dateFilter(params);
  const span = { first: Infinity, last: -Infinity };
  const counted: Counted[] = [];
  for (const id of [...new Set(params.ids)].slice(0, MAX_SERIES)) {
    const entity = index.figures.entityNumber(id);
    if (entity === undefined || !index.figures.entityByNumber(entity)) continue;
    const dates = await entityDates(index, id, control);
    if (!dates) return undefined;
    counted.push({ id, entity, periods: perPeriod(g, dates, inRange, span), undated: dates.undated });
  }
  const corpus = await corpusDates(index, control);
  if (!corpus) return undefined;
  // The corpus's articles per period, over the same span.
  const length = span.first <= span.last ? span.last - span.first + 1 : 0;
  const within = { first: span.first, last: span.last };
  const corpusPeriods = length > 0 ? perPeriod(g, corpus, inRange, within) : new Map<number, Counts>();
  const periods: TimelinePeriod[] = [];
  for (let i = 0; i < length; i++) periods.push({ ...period(g, span.first + i), corpusArticles: corpusPeriods.get(span.first + i)?.articles ?? 0 });
  return { granularity: g, periods, series: counted.map((c) => series(index, c, span.first, length)), undatedCorpusArticles: corpus.undated.articles };
}
