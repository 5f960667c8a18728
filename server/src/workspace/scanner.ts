/**
 * The scans of the workspace folders, one at a time: list the corpus files (a first scan
 * restoring the persisted index meanwhile), drop the articles of files no longer listed, index
 * the rest in batches with progress and cancellation, then relink the people discovered during
 * it, and have the persisted index written.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { BatchIndexer } from './batchIndexer';
import type { CacheWriter } from './cacheWriter';
import type { CorpusFolders } from './corpusFolders';
import type { FileSystem } from './fileSystem';
import { fileUri } from './fileUris';
import type { Progress, WorkspaceHost } from './host';
import type { IndexingStatus } from './indexingStatus';
import { sliced } from './nextTurn';
import type { OpenDocuments } from './openDocuments';
import type { Relinker } from './relinker';
import type { ComparedStamps, WarmStart } from './warmStart';
import type { WorkQueue } from './workQueue';

export interface ScannerDeps {
  readonly index: CorpusIndex;
  readonly folders: CorpusFolders;
  readonly files: FileSystem;
  readonly status: IndexingStatus;
  readonly open: OpenDocuments;
  readonly indexer: BatchIndexer;
  readonly relinker: Relinker;
  readonly cacheWriter: CacheWriter;
  readonly queue: WorkQueue;
  readonly host: WorkspaceHost;
  /** A warm start from the persisted index, when there is one. */
  readonly warmStart?: () => Promise<WarmStart | undefined>;
}

/** The files listed (by `listedAt`), their URIs (in the same order), and, after a warm start, how they compare with the articles restored. */
interface Listing {
  readonly files: string[];
  readonly listedAt: number;
  readonly uris: string[];
  readonly compared: ComparedStamps | undefined;
}

export class Scanner {
  constructor(private readonly deps: ScannerDeps) {}

  /**
   * Full scan of the workspace folders; scans asked for while one runs follow it, one at a time.
   * `onlyNew`: files already indexed are not analysed again (folders added, files listed anew).
   */
  scan(progress?: Progress, onlyNew = false): Promise<void> {
    return this.deps.queue.run(() => this.scanOnce(progress, onlyNew));
  }

  private async scanOnce(progress: Progress | undefined, onlyNew: boolean): Promise<void> {
    const { index, status, host } = this.deps;
    status.indexing = true;
    const listing = Date.now();
    const { files, listedAt: started, uris, compared } = await this.list();
    const todo = compared?.todo ?? (onlyNew ? files.filter((_, i) => !index.article(uris[i])) : files);
    await this.dropUnlisted(uris, compared?.listed);
    const learnt = index.discovery.learntCount;
    status.total = files.length;
    status.done = files.length - todo.length;
    progress?.begin(files.length);
    await this.deps.indexer.indexAll(todo, files.length, progress);
    // The relinking pass reuses the scan's workers, which know the catalog and the people learnt.
    if (!progress?.cancelled) await this.deps.relinker.relink(learnt);
    this.deps.indexer.stopWorkers();
    status.scanned = true;
    this.deps.cacheWriter.scanned(files.length - todo.length, todo.length, compared?.unchanged ?? false);
    status.indexing = false;
    // Open documents the scan did not reach (not on disk, or a cancelled scan).
    this.deps.open.analyseSoon();
    progress?.done();
    status.scanEnded(index.articleCount, listing, started);
    host.statusChanged();
  }

  /**
   * Lists the folders. A first scan restores the persisted index meanwhile (see `WarmStart`) and
   * compares the files with it once they are listed.
   */
  private async list(): Promise<Listing> {
    const { folders, files: fs, host } = this.deps;
    const warm = !this.deps.status.scanned && this.deps.warmStart ? await this.deps.warmStart() : undefined;
    const listed = folders.listFiles(fs, (m) => host.log(m));
    warm?.restore(listed);
    const files = await listed;
    const listedAt = Date.now();
    warm?.listed(files);
    // Many thousands of URIs take a while: made in slices, answering requests in between.
    const uris: string[] = new Array(files.length);
    const pause = sliced();
    for (let i = 0; i < files.length; i++) {
      if (i % 256 === 0) await pause();
      uris[i] = fileUri(files[i]);
    }
    return { files, listedAt, uris, compared: await warm?.compare(files, uris) };
  }

  /**
   * Takes out the articles of files no longer listed (`uris`, each once). Every listed file is
   * looked up once, unless the caller counted how many have an article (`listed`); the set of
   * listed files is made only when some article is not among them (on a first scan, open
   * documents a request analysed; after a restore, files gone since).
   */
  private async dropUnlisted(uris: readonly string[], listed?: number): Promise<void> {
    const { index, open } = this.deps;
    if (index.articleCount === 0) return;
    const pause = sliced();
    if (listed === undefined) {
      listed = 0;
      for (let k = 0; k < uris.length; k++) {
        if (k % 256 === 0) await pause();
        if (index.article(uris[k])) listed++;
      }
    }
    if (listed === index.articleCount) return;
    const present = new Set<string>();
    for (let k = 0; k < uris.length; k++) {
      if (k % 256 === 0) await pause();
      present.add(uris[k]);
    }
    let n = 0;
    for (const a of [...index.allArticles()]) {
      if (++n % 256 === 0) await pause();
      // An open document with no file (new, unsaved) stays an article while it is open.
      if (!present.has(a.uri) && !open.has(a.uri)) index.remove(a.uri);
    }
  }
}
