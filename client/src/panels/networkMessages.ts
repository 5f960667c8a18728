/** The messages between the Network panel and its page (types only: both sides import them). */
import type { Entity } from '../../../server/src/core/catalog/types';
import type { ArticlesNamingPage, Network, NetworkParams } from '../../../server/src/protocol';
import type { WaitingMessage } from './latestAnswer';

/** What the panel shows; the page saves it, and a window reload brings it back. */
export interface NetworkState {
  filters: NetworkParams;
  /** The node whose card is open. */
  selected?: string;
}

/** The articles naming both ends of an edge (in one paragraph, when the edges count paragraphs). */
export interface EdgeArticles {
  source: string;
  target: string;
  page: ArticlesNamingPage;
}

export type ToNetworkPage =
  | { type: 'network'; state: NetworkState; network: Network }
  | { type: 'card'; entity: Entity }
  | { type: 'articles'; list: EdgeArticles }
  | WaitingMessage;

export type FromNetworkPage =
  | { type: 'ready'; state?: NetworkState }
  | { type: 'set'; filters: NetworkParams }
  | { type: 'node'; id: string }
  | { type: 'edge'; source: string; target: string; offset?: number }
  | { type: 'reveal'; id: string }
  | { type: 'timeline'; id: string }
  | { type: 'export' }
  | { type: 'open'; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
