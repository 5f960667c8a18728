/**
 * Messages that more than one panel and its page exchange (types only: the extension and the
 * pages' scripts both import them).
 */
import type { Range } from 'vscode-languageserver-types';
import type { ArticlesNamingPage } from '../../../server/src/protocol';

/** What a page is told while it waits for an answer (`LatestAnswer` sends them). */
export type WaitingMessage = { type: 'busy' } | { type: 'error'; message: string };

/** The page is loaded, with the state it saved last (after a window reload too), if any. */
export interface ReadyMessage<State> {
  type: 'ready';
  state?: State;
}

/** A page of the articles a page lists; `Of` says what they are the articles of. */
export interface ArticlesMessage<Of> {
  type: 'articles';
  list: Of & { page: ArticlesNamingPage };
}

/** The page asks for an article it lists, with a range to select in it. */
export interface OpenArticleMessage {
  type: 'open';
  uri: string;
  range: Range;
}
