/**
 * The start of a page that shows a pass over the corpus (the Timeline, the Network): its channel
 * to the panel, its status line (counting, or why a request failed) and its list of articles,
 * each opening its article when chosen.
 */
import type { OpenArticleMessage, ReadyMessage, WaitingMessage } from '../../src/panels/pageMessages';
import { articleListView, type ArticleListView } from './articleList';
import { byId } from './dom';
import { pageChannel } from './pageChannel';

export interface AnalysisPage<ToPage, FromPage, State> {
  post(message: FromPage): void;
  /** The page's messages other than the waiting ones, which the status line shows. */
  onMessage(handler: (message: ToPage) => void): void;
  /** The state saved last (after a reload too), if any. */
  readonly saved: State | undefined;
  save(state: State): void;
  /** Tells the panel the page is loaded, with its state. */
  ready(state: State | undefined): void;
  readonly status: HTMLElement;
  readonly articles: ArticleListView;
}

const isWaiting = (m: { type: string }): m is WaitingMessage => m.type === 'busy' || m.type === 'error';

/** `listId`: the page's list of articles (an `<ol>`). */
export function analysisPage<ToPage extends { type: string }, FromPage extends { type: string }, State>(listId: string): AnalysisPage<ToPage, FromPage, State> {
  const channel = pageChannel<ToPage | WaitingMessage, FromPage | ReadyMessage<State> | OpenArticleMessage, State>();
  const status = byId<HTMLParagraphElement>('status');
  return {
    post: (message) => channel.post(message),
    onMessage: (handler) =>
      channel.onMessage((m) => {
        if (!isWaiting(m)) handler(m as ToPage);
        else if (m.type === 'busy') {
          status.classList.remove('error');
          status.textContent = 'Counting…';
        } else {
          status.textContent = m.message;
          status.classList.add('error');
        }
      }),
    saved: channel.state(),
    save: (state) => channel.save(state),
    ready: (state) => channel.post({ type: 'ready', state }),
    status,
    articles: articleListView(byId<HTMLOListElement>(listId), (a) => channel.post({ type: 'open', uri: a.uri, range: a.range })),
  };
}
