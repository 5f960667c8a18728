/**
 * The files the watcher reports created, changed or deleted: a catalog is read again, a corpus
 * file indexed again (its editor's text, when open) or dropped, one at a time; the persisted
 * index is written a little later.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { AnalysisCommitter } from './analysisCommitter';
import type { BatchIndexer } from './batchIndexer';
import type { CacheWriter } from './cacheWriter';
import type { CatalogSource } from './catalogSource';
import type { CorpusFolders } from './corpusFolders';
import { analyzeFile } from './fileAnalysis';
import type { FileChange, FileChangeKind, FileSystem } from './fileSystem';
import { fileUri } from './fileUris';
import type { WorkspaceHost } from './host';
import type { IndexingStatus } from './indexingStatus';
import type { OpenDocuments } from './openDocuments';
import type { Relinker } from './relinker';

export interface WatchedFilesDeps {
  readonly index: CorpusIndex;
  readonly folders: CorpusFolders;
  readonly files: FileSystem;
  readonly catalog: CatalogSource;
  readonly open: OpenDocuments;
  readonly committer: AnalysisCommitter;
  readonly indexer: BatchIndexer;
  readonly relinker: Relinker;
  readonly cacheWriter: CacheWriter;
  readonly status: IndexingStatus;
  readonly host: WorkspaceHost;
}

export class WatchedFiles {
  constructor(private readonly deps: WatchedFilesDeps) {}

  /** The changes of one event, in order. */
  async changed(changes: readonly FileChange[]): Promise<void> {
    for (const c of changes) await this.fileChanged(c.path, c.kind);
  }

  async fileChanged(file: string, kind: FileChangeKind): Promise<void> {
    const { index, folders, status } = this.deps;
    if (folders.isCatalogFile(file)) return this.deps.catalog.load(undefined, file);
    if (!folders.isCorpusFile(file)) return;
    const uri = fileUri(file);
    this.deps.indexer.fileChanged(uri);
    if (kind === 'deleted') {
      index.remove(uri);
      status.skipped.delete(uri);
      this.deps.relinker.afterChange(index.discovery.learntCount);
    } else {
      await this.indexFile(file);
    }
    this.deps.cacheWriter.saveSoon();
    this.deps.host.statusChanged();
  }

  /** Indexes one corpus file again: its editor's text when it is open, else the file's. */
  async indexFile(file: string): Promise<void> {
    const { index, open } = this.deps;
    const uri = fileUri(file);
    if (open.has(uri)) return open.analyse(uri);
    const mark = index.discovery.learntCount;
    this.deps.committer.commit(await analyzeFile(this.deps.files, file, this.deps.folders.settings.maxFileSize, index.discovery.recognizer), uri);
    this.deps.relinker.afterChange(mark);
  }
}
