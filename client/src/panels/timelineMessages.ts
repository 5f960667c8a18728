/** The messages between the Timeline panel and its page (types only: both sides import them). */
import type { ArticlesNamingPage, Granularity, Timeline } from '../../../server/src/protocol';
import type { WaitingMessage } from './latestAnswer';

export type Measure = 'mentions' | 'articles';

/** What the panel shows; the page saves it, and a window reload brings it back. */
export interface TimelineState {
  ids: string[];
  granularity: Granularity;
  measure: Measure;
}

/** The articles listed under the chart: one entity's in one period (or undated). */
export interface PeriodArticles {
  id: string;
  /** The period's key, or `undated`. */
  period: string;
  page: ArticlesNamingPage;
}

export type ToTimelinePage =
  | { type: 'timeline'; state: TimelineState; timeline: Timeline }
  | { type: 'articles'; list: PeriodArticles }
  | WaitingMessage;

export type FromTimelinePage =
  | { type: 'ready'; state?: TimelineState }
  | { type: 'set'; granularity?: Granularity; measure?: Measure }
  | { type: 'add' }
  | { type: 'remove'; id: string }
  | { type: 'period'; id: string; period: string; from?: string; to?: string; offset?: number }
  /** The concordance of an entity over a period's dates. */
  | { type: 'concordance'; id: string; from: string; to: string }
  | { type: 'open'; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
