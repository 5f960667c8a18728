/** The messages between the Network panel and its page (types only: both sides import them). */
import type { Entity, Network, NetworkParams } from '../../../server/src/protocol';
import type { ArticlesMessage, OpenArticleMessage, ReadyMessage, WaitingMessage } from './pageMessages';

/** What the panel shows; the page saves it, and a window reload brings it back. */
export interface NetworkState {
  filters: NetworkParams;
  /** The node whose card is open. */
  selected?: string;
}

/** An edge, whose articles name both its ends (in one paragraph, when the edges count paragraphs). */
export interface Edge {
  source: string;
  target: string;
}

export type ToNetworkPage =
  | { type: 'network'; state: NetworkState; network: Network }
  | { type: 'card'; entity: Entity }
  | ArticlesMessage<Edge>
  | WaitingMessage;

export type FromNetworkPage =
  | ReadyMessage<NetworkState>
  | { type: 'set'; filters: NetworkParams }
  | { type: 'node'; id: string }
  | { type: 'edge'; source: string; target: string; offset?: number }
  | { type: 'reveal'; id: string }
  | { type: 'timeline'; id: string }
  | { type: 'export' }
  | OpenArticleMessage;
