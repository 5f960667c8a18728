/**
 * Custom requests and notifications, declared once for server and client. Standard LSP carries
 * every feature it has a verb for; these only add the sidebar tree, the palette search and status.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Location } from 'vscode-languageserver-types';

export type { ArticleGroup, EntityArticle, EntityItem, EntityKind, EntitySort, MaybeDerived, MentionLine, SearchResult, UnlistedName } from './core/features/viewTypes';
import type { ArticleGroup, EntityArticle, EntityItem, EntityKind, EntitySort, MentionLine, SearchResult, UnlistedName } from './core/features/viewTypes';
export { DERIVED_HEADLINE_NOTE } from './core/features/viewTypes';

export interface StatusParams {
  articles: number;
  entities: number;
  indexing: boolean;
  done: number;
  /** Files listed by the last scan (articles, files that are no articles, skipped ones). */
  total: number;
  skipped: { uri: string; reason: string }[];
  /** How long the last scan took, in milliseconds. */
  scanMs?: number;
}

export const EntitiesRequest = new RequestType<{ type: EntityKind; sort?: EntitySort; filter?: string }, EntityItem[], void>('corpusLens/entities');
/** Names discovery found that no catalog holds, those in the most articles first (Names to Review). */
export const UnlistedNamesRequest = new RequestType<{ limit?: number; id?: string }, UnlistedName[], void>('corpusLens/unlistedNames');
/** The articles naming an entity, newest first (at most `limit`, default 500). */
export const EntityArticlesRequest = new RequestType<{ id: string; limit?: number }, EntityArticle[], void>('corpusLens/entityArticles');
export const ArticleMentionsRequest = new RequestType<{ id: string; uri: string }, MentionLine[], void>('corpusLens/articleMentions');
export const MentionsRequest = new RequestType<{ id: string }, Location[], void>('corpusLens/mentions');
/** The mentions and dates of an article, by type, for the editor to draw behind the text. */
export const EntityMarksRequest = new RequestType<{ uri: string }, EntityMark[], void>('corpusLens/entityMarks');
export type { EntityMark, MarkType } from './core/features/entityMarks';
import type { EntityMark } from './core/features/entityMarks';
/** What the Reader shows of an article (its parts and mentions as offsets into its text). */
export const ReaderRequest = new RequestType<{ uri: string }, ReaderArticle | null, void>('corpusLens/reader');
/** The hover card at an offset, in plain text (the Reader shows it). */
export const CardRequest = new RequestType<{ uri: string; offset: number }, string | null, void>('corpusLens/card');
export type { ReaderArticle, ReaderMark, ReaderSpan } from './core/features/reader';
import type { ReaderArticle } from './core/features/reader';
export const SearchRequest = new RequestType<{ query: string }, SearchResult, void>('corpusLens/search');
export const StatusNotification = new NotificationType<StatusParams>('corpusLens/status');

/** The server's memory (after a garbage collection when the process allows one) and process id, for benchmarks and diagnostics. */
export const MemoryRequest = new RequestType0<
  {
    heapUsed: number;
    rss: number;
    arrayBuffers: number;
    /** Bytes of the index's per-article typed arrays (held outside the JavaScript heap). */
    indexArrays: number;
    gc: boolean;
    pid: number;
  },
  void
>('corpusLens/memory');

/** Years (no params), the months of a year, or the articles of a month (`undated` for articles without a date). */
export const ArticlesRequest = new RequestType<{ year?: string; month?: string }, ArticleGroup[], void>('corpusLens/articles');

/** The catalog data of one entity (for copying its names, opening or extending its entry). */
export const EntityRequest = new RequestType<{ id: string }, (import('./core/catalog/types').Entity) | null, void>('corpusLens/entity');
