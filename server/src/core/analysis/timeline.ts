/**
 * The timeline: how often entities are named per day, week, month or year over the articles'
 * dates, with the undated articles counted apart, and the corpus's own articles per period to
 * read the rises against.
 */
import type { EntityType } from '../catalog/types';
import type { Article } from '../index/article';
import type { CorpusIndex } from '../index/corpusIndex';
import { dateFilter, eachArticle, type DateRange, type WorkControl } from './articlePass';

export type Granularity = 'day' | 'week' | 'month' | 'year';
/** The most entities one timeline compares (those after are left out). */
export const MAX_SERIES = 12;
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'year'];

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

/**
 * Periods are numbered with consecutive integers, so that the next period is the number after:
 * a day by its days since 1970-01-01, a week by its Monday's day divided by seven, a month as
 * year · 12 + month − 1, a year by itself. Dates are read and written with calendar arithmetic
 * (no Date objects): a timeline of 100,000 articles reads as many dates.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The ISO date of a day number (civil_from_days). */
function isoOfDay(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Two or four digits of an ISO date, as a number. */
const digits2 = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
const yearOf = (iso: string) => digits2(iso, 0) * 100 + digits2(iso, 2);

/** The number of the period holding an ISO date (YYYY-MM-DD). */
function periodNumber(g: Granularity, iso: string): number {
  const y = yearOf(iso);
  const m = digits2(iso, 5);
  switch (g) {
    case 'day':
      return daysFromCivil(y, m, digits2(iso, 8));
    case 'week':
      // Day 0 was a Thursday: days + 3 counts from a Monday.
      return Math.floor((daysFromCivil(y, m, digits2(iso, 8)) + 3) / 7);
    case 'month':
      return y * 12 + m - 1;
    case 'year':
      return y;
  }
}

/** The first day (a day number) of period `n`. */
function firstDay(g: Granularity, n: number): number {
  switch (g) {
    case 'day':
      return n;
    case 'week':
      return 7 * n - 3;
    case 'month':
      return daysFromCivil(Math.floor(n / 12), (n % 12) + 1, 1);
    case 'year':
      return daysFromCivil(n, 1, 1);
  }
}

/** The key of period `n` (see `TimelinePeriod.key`). */
function periodKey(g: Granularity, n: number): string {
  switch (g) {
    case 'day':
      return isoOfDay(n);
    case 'week': {
      // The ISO week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
      const thursday = firstDay(g, n) + 3;
      const year = yearOf(isoOfDay(thursday));
      const week = 1 + Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
    case 'year':
      return String(n).padStart(4, '0');
  }
}

function period(g: Granularity, n: number): { key: string; from: string; to: string } {
  return { key: periodKey(g, n), from: isoOfDay(firstDay(g, n)), to: isoOfDay(firstDay(g, n + 1) - 1) };
}

/** The period (its key and first and last day) that holds an ISO date. */
export function periodOf(g: Granularity, iso: string): { key: string; from: string; to: string } {
  return period(g, periodNumber(g, iso));
}

/**
 * Counts the entities' mentions and articles per period. Undefined when the work was cancelled.
 * Cost: one look at each article naming one of the entities, and one at each article of the corpus
 * (for its count per period).
 */
export async function timeline(index: CorpusIndex, params: TimelineParams, control: WorkControl = {}): Promise<Timeline | undefined> {
  const g = params.granularity;
  const inRange = dateFilter(params);
  type Bucket = { mentions: number; articles: number };
  const counted: { id: string; entity: number; buckets: Map<number, Bucket>; undated: Bucket }[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const id of [...new Set(params.ids)].slice(0, MAX_SERIES)) {
    const entity = index.figures.entityNumber(id);
    if (entity === undefined || !index.figures.entityByNumber(entity)) continue;
    const buckets = new Map<number, Bucket>();
    const undated = { mentions: 0, articles: 0 };
    const done = await eachArticle(index.figures.unorderedArticlesOf(id), control, (a) => {
      let b: Bucket | undefined;
      if (a.date === undefined) b = undated;
      else if (inRange(a.date)) {
        const n = periodNumber(g, a.date);
        b = buckets.get(n);
        if (!b) {
          buckets.set(n, (b = { mentions: 0, articles: 0 }));
          if (n < first) first = n;
          if (n > last) last = n;
        }
      }
      if (!b) return;
      b.mentions += a.mentionsOf(entity);
      b.articles++;
    });
    if (!done) return undefined;
    counted.push({ id, entity, buckets, undated });
  }

  // The corpus's articles per period, over the same span.
  const span = first <= last ? last - first + 1 : 0;
  const corpus = new Array<number>(span).fill(0);
  let undatedCorpus = 0;
  const all: Article[] = [...index.allArticles()];
  const done = await eachArticle(all, control, (a) => {
    if (a.date === undefined) undatedCorpus++;
    else if (span > 0 && inRange(a.date)) {
      const n = periodNumber(g, a.date) - first;
      if (n >= 0 && n < span) corpus[n]++;
    }
  });
  if (!done) return undefined;

  const periods: TimelinePeriod[] = [];
  for (let i = 0; i < span; i++) periods.push({ ...period(g, first + i), corpusArticles: corpus[i] });
  const series = counted.map(({ id, entity, buckets, undated }): TimelineSeries => {
    const e = index.figures.entityByNumber(entity)!;
    const mentions = new Array<number>(span).fill(0);
    const articles = new Array<number>(span).fill(0);
    let m = 0;
    let n = 0;
    for (const [p, b] of buckets) {
      mentions[p - first] = b.mentions;
      articles[p - first] = b.articles;
      m += b.mentions;
      n += b.articles;
    }
    return { id, type: e.type, ar: e.ar, en: e.en, mentions, articles, undated, total: { mentions: m, articles: n } };
  });
  return { granularity: g, periods, series, undatedCorpusArticles: undatedCorpus };
}
