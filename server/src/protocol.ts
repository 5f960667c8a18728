/**
 * Custom requests and notifications, declared once for server and client. Standard LSP carries
 * every feature it has a verb for; these only add the sidebar tree, the palette search and status.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Location } from 'vscode-languageserver-types';

export type { ArticleGroup, EntityArticle, EntityItem, EntityKind, EntitySort, MaybeDerived, MentionLine, SearchResult, UnlistedName } from './core/features/viewTypes';
import type { ArticleGroup, EntityArticle, EntityItem, EntityKind, EntitySort, MentionLine, SearchResult, UnlistedName } from './core/features/viewTypes';
export { DERIVED_HEADLINE_NOTE } from './core/features/viewTypes';
/** The server's commands that edit the workspace catalog (`workspace/executeCommand`). */
export { CATALOG_COMMANDS } from './core/features/viewTypes';
/** The entity types and how each is shown (views, icons, labels), for the client's trees. */
export { ENTITY_TYPES } from './core/catalog/types';
export { ENTITY_TYPE_INFO, type EntityTypeInfo } from './core/catalog/entityTypes';
/** The settings the client sends (initialization options, configuration changes) and their defaults. */
export { DEFAULT_SETTINGS, type WorkspaceSettings } from './workspace/settings';

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
export const EntityRequest = new RequestType<{ id: string }, Entity | null, void>('corpusLens/entity');
/** A catalog entry, as `EntityRequest` answers it. */
export type { Entity } from './core/catalog/types';
import type { Entity } from './core/catalog/types';

// Concordance
// Keyword in context, its collocates and the export of its lines (core: server/src/core/analysis/).
// Each request is cancellable; long work (reading many articles) reports server-side progress.
export type { ConcordanceQuery } from './core/analysis/concordanceQuery';
export type { ConcordanceFilter, ConcordanceLine, SortWord } from './core/analysis/concordance';
export { SORT_KEYS, type SortKey } from './core/analysis/sortKeys';
export type { Collocate, CollocationMeasure, Collocates } from './core/analysis/collocates';
export type { ExportFormat } from './core/analysis/concordanceExport';
import type { ConcordanceQuery } from './core/analysis/concordanceQuery';
import type { ConcordanceFilter, ConcordanceLine } from './core/analysis/concordance';
import type { SortKey } from './core/analysis/sortKeys';
import type { Collocates, CollocationMeasure } from './core/analysis/collocates';
import type { ExportFormat } from './core/analysis/concordanceExport';

export interface ConcordanceParams {
  query: ConcordanceQuery;
  filter?: ConcordanceFilter;
  /** Up to three keys, the first deciding first (default: newest first). */
  sort?: SortKey[];
  /** Characters of context either side (default 60). */
  width?: number;
  /** The page: lines from `offset` (default 0), at most `limit` (default 100, at most 1,000). */
  offset?: number;
  limit?: number;
}

export interface ConcordancePage {
  /** What was looked for, as shown in a title. */
  label: string;
  /** Hits and articles the filter keeps, and hits of the query in all. */
  hits: number;
  articles: number;
  allHits: number;
  offset: number;
  lines: ConcordanceLine[];
  /** The folders of the query's articles (with how many each), and the dates they span. */
  folders: { uri: string; articles: number }[];
  first?: string;
  last?: string;
  undated: number;
  /** Why the query finds nothing (an unknown entity, a malformed regular expression). */
  error?: string;
}
export const ConcordanceRequest = new RequestType<ConcordanceParams, ConcordancePage, void>('corpusLens/concordance');

export interface CollocatesParams {
  query: ConcordanceQuery;
  filter?: ConcordanceFilter;
  /** Words either side (1–5, default 5). */
  window?: number;
  measure?: CollocationMeasure;
  /** Fewest times in a window (default 3) and in the articles read (default 3). */
  minTogether?: number;
  minFrequency?: number;
  limit?: number;
}
export const CollocatesRequest = new RequestType<CollocatesParams, Collocates & { error?: string }, void>('corpusLens/collocates');

export interface ConcordanceExportParams {
  query: ConcordanceQuery;
  filter?: ConcordanceFilter;
  sort?: SortKey[];
  width?: number;
  format: ExportFormat;
  /** The file to write, as a `file:` URI (replaced if it exists; removed again when cancelled). */
  target: string;
}
export const ConcordanceExportRequest = new RequestType<ConcordanceExportParams, { lines: number; error?: string }, void>('corpusLens/concordanceExport');

/** The entity named at a position, for a concordance of the name under the cursor. */
export const EntityAtRequest = new RequestType<{ uri: string; position: { line: number; character: number } }, { id: string; label: string } | null, void>('corpusLens/entityAt');

// Timeline, network, export
export type { Counts, Granularity, Timeline, TimelineParams, TimelinePeriod, TimelineSeries } from './core/analysis/timeline';
export type { CooccurrenceBasis, Network, NetworkEdge, NetworkNode, NetworkParams } from './core/analysis/network';
export type { ArticlesNamingPage, ArticlesNamingParams, NamingArticle } from './core/analysis/articlesNaming';
export type { EntityRow, EntityTableExportPage, EntityTableFormat, EntityTablePage, EntityTableParams } from './core/analysis/entityTableExport';
export type { NetworkFormat } from './core/analysis/networkExport';
import type { Timeline, TimelineParams } from './core/analysis/timeline';
import type { Network, NetworkParams } from './core/analysis/network';
import type { ArticlesNamingPage, ArticlesNamingParams } from './core/analysis/articlesNaming';
import type { EntityTableExportPage, EntityTableFormat, EntityTablePage, EntityTableParams } from './core/analysis/entityTableExport';
import type { NetworkFormat } from './core/analysis/networkExport';
/** Mentions and articles per period for one or several entities (cancellable). */
export const TimelineRequest = new RequestType<TimelineParams, Timeline, void>('corpusLens/timeline');
/** The co-occurrence network of the top entities under the filters (cancellable). */
export const NetworkRequest = new RequestType<NetworkParams, Network, void>('corpusLens/network');
/** A page of the articles naming all of the given entities: a period of the timeline, an edge of the network (cancellable). */
export const ArticlesNamingRequest = new RequestType<ArticlesNamingParams, ArticlesNamingPage, void>('corpusLens/articlesNaming');
/** A page of the entity table (id order; pass `next` back as `after`). */
export const EntityTableRequest = new RequestType<EntityTableParams, EntityTablePage, void>('corpusLens/entityTable');
/** A page of the entity table as the text of a CSV or JSON file: the pages' texts in order make the file. */
export const EntityTableExportRequest = new RequestType<EntityTableParams & { format: EntityTableFormat }, EntityTableExportPage, void>('corpusLens/entityTableExport');
/** The network under the filters as the text of one file: nodes or edges as CSV, GEXF, or JSON (cancellable). */
export const NetworkExportRequest = new RequestType<{ format: NetworkFormat; network: NetworkParams }, { text: string }, void>('corpusLens/networkExport');
