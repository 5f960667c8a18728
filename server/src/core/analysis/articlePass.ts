/**
 * A pass over many articles, as the corpus-analysis features make one: in slices between which
 * the server answers waiting requests, given up when the request is cancelled, and limited to a
 * range of dates.
 */
import type { Article } from '../index/article';

/** How a long computation gives way and learns that it is no longer wanted. */
export interface WorkControl {
  /** Awaited between slices (the server yields to waiting messages there). */
  readonly pause?: () => Promise<void>;
  /** The request's cancellation (the LSP CancellationToken fits). */
  readonly token?: { readonly isCancellationRequested: boolean };
}

/** Articles handled between two pauses: a pause costs a clock reading, an article well under a microsecond. */
const SLICE = 256;

/**
 * Calls `f` with each article still in the index (the list is taken whole, and the index may
 * change during the pauses); false when the work was cancelled before the end.
 */
export async function eachArticle(articles: readonly Article[], control: WorkControl, f: (a: Article) => void): Promise<boolean> {
  for (let i = 0; i < articles.length; i++) {
    if (i % SLICE === 0 && i > 0) {
      await control.pause?.();
      if (control.token?.isCancellationRequested) return false;
    }
    const a = articles[i];
    if (!a.removed) f(a);
  }
  return !control.token?.isCancellationRequested;
}

/**
 * Inclusive bounds on articles' ISO dates; each may be a year (`2024`), a month (`2024-07`) or a
 * day. Undated articles fall outside any range that has a bound.
 */
export interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

/** A test of an article's date against the range (no bound: every article passes, undated ones too). */
export function dateFilter(range: DateRange | undefined): (date: string | undefined) => boolean {
  const from = range?.from || undefined;
  const to = range?.to || undefined;
  if (!from && !to) return () => true;
  // `to` as a prefix: 2024-07 takes every day of July.
  return (date) => date !== undefined && (!from || date >= from) && (!to || date.slice(0, to.length) <= to);
}
