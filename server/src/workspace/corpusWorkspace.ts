/**
 * Keeps the core index in step with the workspace, through collaborators with one job each: the
 * folders and settings, the catalog, the open documents, the scans (with the warm start and the
 * relinking), the watched files and the persisted index's writer. Every file is read through the
 * injected file system; the core reads none.
 */
import type { CatalogEntry } from '../core/catalog/types';
import { decode } from '../core/text/decode';
import { CorpusIndex, type Article } from '../core/index/corpusIndex';
import { SearchEngine } from '../core/search/search';
import { AnalysisCommitter } from './analysisCommitter';
import { AnalysisPool } from './analysisPool';
import { BatchIndexer } from './batchIndexer';
import { CacheWriter } from './cacheWriter';
import { shippedCatalog } from '../shippedCatalog';
import { CatalogSource } from './catalogSource';
import { CorpusFolders } from './corpusFolders';
import type { FileSystem } from './fileSystem';
import { ClientUris, isFileUri, uriPath } from './fileUris';
import type { Progress, WorkspaceHost } from './host';
import type { IndexCache } from './indexCache';
import { IndexingStatus } from './indexingStatus';
import { OpenDocuments } from './openDocuments';
import { Relinker } from './relinker';
import { Scanner } from './scanner';
import type { WorkspaceSettings } from './settings';
import { StampTable } from './stampTable';
import { WarmStart } from './warmStart';
import { WarmStartHelper } from './warmStartHelper';
import { WatchedFiles } from './watchedFiles';
import { WorkQueue } from './workQueue';

export type { Progress, WorkspaceHost } from './host';
export { DEFAULT_SETTINGS, type WorkspaceSettings } from './settings';

/** Worker threads, which read the files from disk themselves: for the disk's file system only. */
export interface DiskWorkers {
  analysisPool(log: (m: string) => void): AnalysisPool | undefined;
  warmStartHelper(log: (m: string) => void): WarmStartHelper | undefined;
}

export const DISK_WORKERS: DiskWorkers = {
  analysisPool: (log) => AnalysisPool.create(log),
  warmStartHelper: (log) => WarmStartHelper.start(log),
};

export interface WorkspaceOptions {
  readonly files: FileSystem;
  /** The persisted index; none, no warm start. */
  readonly cache?: IndexCache;
  /** Without them, every file is read and analysed on this thread. */
  readonly workers?: DiskWorkers;
  /** The catalog that ships with the extension, unless another is given (a test's). */
  readonly shipped?: readonly CatalogEntry[];
}

/** What a request about one document needs, together: the index, the document's article, and its text. */
export interface RequestedDocument {
  readonly uri: string;
  readonly index: CorpusIndex;
  readonly article: Article;
  readonly text: string;
}

export class CorpusWorkspace {
  readonly index: CorpusIndex;
  /** Search structures, kept in step with the index through its change events. */
  readonly search: SearchEngine;
  readonly status: IndexingStatus;
  readonly folders: CorpusFolders;
  /** The keys of the URIs clients send, and their spellings (see `fileUris.ts`). */
  readonly uris: ClientUris;
  private readonly host: WorkspaceHost;
  private readonly files: FileSystem;
  private readonly catalog: CatalogSource;
  private readonly open: OpenDocuments;
  private readonly cacheWriter: CacheWriter;
  private readonly scanner: Scanner;
  private readonly watched: WatchedFiles;

  /** The collaborators that call each other back are wired through closures, which run only once all are built. */
  constructor(roots: string[], host: WorkspaceHost, options: WorkspaceOptions) {
    const shipped = options.shipped ?? shippedCatalog();
    const index = (this.index = new CorpusIndex(shipped));
    const search = (this.search = new SearchEngine(index));
    this.host = host;
    const files = (this.files = options.files);
    const status = (this.status = new IndexingStatus(host));
    const folders = (this.folders = new CorpusFolders(roots));
    const stamps = new StampTable();
    const catalog = (this.catalog = new CatalogSource(index, shipped, folders, files, host, () => catalogChanged()));
    const open = (this.open = new OpenDocuments(index, folders, status, stamps, host, (mark) => relinker.afterChange(mark)));
    const committer = new AnalysisCommitter(index, open, folders, stamps, status, host);
    const indexer = new BatchIndexer(index, catalog, committer, folders, files, status, host, options.workers?.analysisPool((m) => host.log(m)));
    const cacheWriter = (this.cacheWriter = new CacheWriter(options.cache, index, search, catalog, stamps, status, host));
    const queue = new WorkQueue();
    const relinker = new Relinker(index, open, indexer, status, host, queue, () => cacheWriter.saveSoon());
    const cache = options.cache;
    const helper = options.workers && (() => options.workers!.warmStartHelper((m) => host.log(m)));
    const warmStart = cache && (() => WarmStart.prepare({ index, stamps, open, cache, catalog, folders, files, host, helper }));
    const scanner = (this.scanner = new Scanner({ index, folders, files, status, open, indexer, relinker, cacheWriter, queue, host, warmStart }));
    this.watched = new WatchedFiles({ index, folders, files, catalog, open, committer, indexer, relinker, cacheWriter, status, host });
    this.uris = new ClientUris({
      caseInsensitive: process.platform === 'win32' || process.platform === 'darwin',
      known: (key) => index.article(key) !== undefined,
      realCase: (p) => files.realCase?.(p),
    });
    files.watch((changes) => void this.watched.changed(changes));
    // A new catalog empties the index; the index keeps no texts, so recognising with it means
    // reading the corpus again. Open documents are analysed again after the scan (those not on
    // disk would otherwise be left out until edited).
    const catalogChanged = () => {
      open.markAllStale();
      relinker.reset();
      host.statusChanged();
      if (status.scanned) void scanner.scan();
    };
  }

  get settings(): WorkspaceSettings {
    return this.folders.settings;
  }

  configure(settings: Partial<WorkspaceSettings>): void {
    this.folders.configure(settings);
  }

  /** Loads the workspace catalogs (`only`: that one, with `textOverride` as its text when the editor holds it). */
  loadCatalog(textOverride?: string, only?: string): Promise<void> {
    return this.catalog.load(textOverride, only);
  }

  /** A workspace catalog file's text; undefined when there is none. */
  catalogText(file: string): Promise<string | undefined> {
    return this.catalog.fileText(file);
  }

  /** Scans the folders, after any scan under way (`onlyNew`: files indexed already are left as they are). */
  scan(progress?: Progress, onlyNew = false): Promise<void> {
    return this.scanner.scan(progress, onlyNew);
  }

  /**
   * The workspace's folders changed: the articles of the folders removed are dropped, the files
   * of those added are indexed (with `progress`); their workspace catalogs are read, or dropped.
   */
  async changeFolders(added: readonly string[], removed: readonly string[], progress?: Progress): Promise<void> {
    this.folders.change(added, removed);
    this.host.log(`workspace folders: ${this.folders.all.join(', ') || '(none)'}`);
    await this.loadCatalog();
    await this.scan(progress, true);
  }

  /** An open editor's text, which wins over the file on disk (a catalog's is read as the catalog). */
  documentChanged(uri: string, text: string): void {
    if (!isFileUri(uri)) return;
    const file = uriPath(uri);
    if (this.folders.isCatalogFile(file)) void this.loadCatalog(text, file);
    else if (this.folders.isCorpusFile(file)) this.open.changed(uri, text);
  }

  /** The file on disk takes over from a closed document: its article, or none when there is no file. */
  async documentClosed(uri: string): Promise<void> {
    this.open.closed(uri);
    const file = isFileUri(uri) ? uriPath(uri) : undefined;
    // A catalog edited and closed unsaved: the file's entries serve again.
    if (file !== undefined && this.folders.isCatalogFile(file)) return this.loadCatalog(undefined, file);
    if (file !== undefined && this.folders.isCorpusFile(file)) await this.watched.indexFile(file);
    this.host.statusChanged();
  }

  /**
   * The index, with the open documents' latest texts in it: only `uri`'s when given (a request
   * about one document does not wait for the others), else as many as a few milliseconds allow.
   */
  current(uri?: string): CorpusIndex {
    return this.open.current(uri);
  }

  /**
   * The one path of a request about a document: the index (with the document's latest text in
   * it; with the other open documents' too when `corpus`), its article and its text; undefined
   * when it is no article or its text cannot be read.
   */
  async document(uri: string, corpus = false): Promise<RequestedDocument | undefined> {
    const index = corpus ? this.current() : this.current(uri);
    const article = index.article(uri);
    const text = article && (await this.text(uri));
    return article && text !== undefined ? { uri, index, article, text } : undefined;
  }

  /** The text of a document: the editor's, else its file's, read again (the index keeps no texts). */
  async text(uri: string): Promise<string | undefined> {
    const open = this.open.text(uri);
    if (open !== undefined || !isFileUri(uri)) return open;
    const r = await this.files.read(uriPath(uri), this.settings.maxFileSize);
    if (!r.ok) return undefined;
    const d = decode(r.bytes);
    return d.ok ? d.text : undefined;
  }

  /** Writes a pending update of the persisted index now (on shutdown). */
  flush(): Promise<void> {
    return this.cacheWriter.flush();
  }
}
