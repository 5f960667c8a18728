/**
 * The messages between the Concordance panel (concordancePanel.ts) and its page
 * (client/webview/concordance.ts). The page holds what is shown (query, filters, sort keys,
 * width, page, tab) as its state; the extension asks the server and posts the answers back.
 */
import type { OpenArticleMessage } from './pageMessages';
import type { CollocatesParams, Collocates, ConcordanceFilter, ConcordancePage, ConcordanceParams, ConcordanceQuery, ExportFormat } from '../../../server/src/protocol';

/** What the page keeps (and VS Code hands back after a reload). */
export interface ConcordanceState {
  query?: ConcordanceQuery;
  /** The query's own label until the server names it. */
  label?: string;
  request: Omit<ConcordanceParams, 'query'>;
  tab: 'lines' | 'collocates';
  collocates: Omit<CollocatesParams, 'query' | 'filter'>;
}

export type ToConcordancePage =
  /**
   * Show the concordance of a new query (from a command), its lines filtered when `filter` is
   * given (a period of the timeline: its dates); `keepFocus`: the first line is not focused.
   */
  | { type: 'query'; query: ConcordanceQuery; label: string; filter?: ConcordanceFilter; keepFocus?: boolean }
  | { type: 'page'; seq: number; page: ConcordancePage }
  | { type: 'collocates'; seq: number; result: Collocates & { error?: string } }
  /** A request failed or was cancelled (a newer one replaced it). */
  | { type: 'failed'; seq: number; message: string; cancelled: boolean };

export type FromConcordancePage =
  /** The page is loaded; it has shown its saved state, if any. */
  | { type: 'ready'; restored: boolean }
  | { type: 'fetch'; seq: number; params: ConcordanceParams }
  | { type: 'collocates'; seq: number; params: CollocatesParams }
  | OpenArticleMessage
  | { type: 'export'; format: ExportFormat; params: ConcordanceParams; label: string };
