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
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'year'];

export interface TimelineParams extends DateRange {
  /** The entities to chart (one series each, in this order; unknown ids are left out). */
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

const DAY = 86_400_000;

/** Midnight UTC of an ISO date, in milliseconds. */
const utcOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the period holding the day `ms`. */
function periodStart(g: Granularity, ms: number): number {
  const d = new Date(ms);
  switch (g) {
    case 'day':
      return ms;
    case 'week':
      // ISO weeks start on Monday.
      return ms - ((d.getUTCDay() + 6) % 7) * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

/** The first day of the period after the one starting on `start`. */
function nextPeriod(g: Granularity, start: number): number {
  const d = new Date(start);
  switch (g) {
    case 'day':
      return start + DAY;
    case 'week':
      return start + 7 * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
}

/** The key of the period starting on `start` (see `TimelinePeriod.key`). */
function periodKey(g: Granularity, start: number): string {
  const iso = isoOf(start);
  switch (g) {
    case 'day':
      return iso;
    case 'week': {
      // The ISO week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
      const thursday = new Date(start + 3 * DAY);
      const year = thursday.getUTCFullYear();
      const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return iso.slice(0, 7);
    case 'year':
      return iso.slice(0, 4);
  }
}

/** The period (its key and first and last day) that holds an ISO date. */
export function periodOf(g: Granularity, iso: string): { key: string; from: string; to: string } {
  const start = periodStart(g, utcOf(iso));
  return { key: periodKey(g, start), from: isoOf(start), to: isoOf(nextPeriod(g, start) - DAY) };
}

/**
 * Counts the entities' mentions and articles per period. Undefined when the work was cancelled.
 * Cost: one look at each article naming one of the entities, and one at each article of the corpus
 * (for its count per period).
 */
export async function timeline(index: CorpusIndex, params: TimelineParams, control: WorkControl = {}): Promise<Timeline | undefined> {
  const g = params.granularity;
  const inRange = dateFilter(params);
  // Period starts by date string: a corpus has a few thousand distinct dates at most.
  const startOfDate = new Map<string, number>();
  const startOf = (iso: string) => {
    let s = startOfDate.get(iso);
    if (s === undefined) startOfDate.set(iso, (s = periodStart(g, utcOf(iso))));
    return s;
  };
  type Bucket = { mentions: number; articles: number };
  const counted: { id: string; entity: number; buckets: Map<number, Bucket>; undated: Bucket }[] = [];
  for (const id of new Set(params.ids)) {
    const entity = index.entityNumber(id);
    if (entity === undefined || !index.entityByNumber(entity)) continue;
    const buckets = new Map<number, Bucket>();
    const undated = { mentions: 0, articles: 0 };
    const done = await eachArticle(index.unorderedArticlesOf(id), control, (a) => {
      const mentions = a.mentionsOf(entity);
      let b: Bucket | undefined;
      if (a.date === undefined) b = undated;
      else if (inRange(a.date)) {
        const s = startOf(a.date);
        b = buckets.get(s);
        if (!b) buckets.set(s, (b = { mentions: 0, articles: 0 }));
      }
      if (!b) return;
      b.mentions += mentions;
      b.articles++;
    });
    if (!done) return undefined;
    counted.push({ id, entity, buckets, undated });
  }

  let first: number | undefined;
  let last: number | undefined;
  for (const c of counted) {
    for (const s of c.buckets.keys()) {
      if (first === undefined || s < first) first = s;
      if (last === undefined || s > last) last = s;
    }
  }
  // The corpus's articles per period, over the same span.
  const corpus = new Map<number, number>();
  let undatedCorpus = 0;
  const all: Article[] = [...index.allArticles()];
  const done = await eachArticle(all, control, (a) => {
    if (a.date === undefined) undatedCorpus++;
    else if (first !== undefined && inRange(a.date)) {
      const s = startOf(a.date);
      if (s >= first && s <= last!) corpus.set(s, (corpus.get(s) ?? 0) + 1);
    }
  });
  if (!done) return undefined;

  const periods: TimelinePeriod[] = [];
  const at = new Map<number, number>();
  for (let s = first; s !== undefined && s <= last!; s = nextPeriod(g, s)) {
    at.set(s, periods.length);
    periods.push({ key: periodKey(g, s), from: isoOf(s), to: isoOf(nextPeriod(g, s) - DAY), corpusArticles: corpus.get(s) ?? 0 });
  }
  const series = counted.map(({ id, entity, buckets, undated }): TimelineSeries => {
    const e = index.entityByNumber(entity)!;
    const mentions = new Array<number>(periods.length).fill(0);
    const articles = new Array<number>(periods.length).fill(0);
    let m = 0;
    let n = 0;
    for (const [s, b] of buckets) {
      mentions[at.get(s)!] = b.mentions;
      articles[at.get(s)!] = b.articles;
      m += b.mentions;
      n += b.articles;
    }
    return { id, type: e.type, ar: e.ar, en: e.en, mentions, articles, undated, total: { mentions: m, articles: n } };
  });
  return { granularity: g, periods, series, undatedCorpusArticles: undatedCorpus };
}
