/** The messages between the Timeline panel and its page (types only: both sides import them). */
import type { Granularity, Timeline } from '../../../server/src/protocol';
import type { ArticlesMessage, OpenArticleMessage, ReadyMessage, WaitingMessage } from './pageMessages';

export type Measure = 'mentions' | 'articles';

/** What the panel shows; the page saves it, and a window reload brings it back. */
export interface TimelineState {
  ids: string[];
  granularity: Granularity;
  measure: Measure;
}

/** One entity in one period (or undated), whose articles are listed under the chart. */
export interface EntityPeriod {
  id: string;
  /** The period's key, or `undated`. */
  period: string;
}

export type ToTimelinePage =
  | { type: 'timeline'; state: TimelineState; timeline: Timeline }
  | ArticlesMessage<EntityPeriod>
  | WaitingMessage;

export type FromTimelinePage =
  | ReadyMessage<TimelineState>
  | { type: 'set'; granularity?: Granularity; measure?: Measure }
  | { type: 'add' }
  | { type: 'remove'; id: string }
  | { type: 'period'; id: string; period: string; from?: string; to?: string; offset?: number }
  /** The concordance of an entity over a period's dates. */
  | { type: 'concordance'; id: string; from: string; to: string }
  | OpenArticleMessage;
