/**
 * Indexes a list of files in batches: on the analysis workers when there are many (they read the
 * files from disk themselves), on this thread through the workspace's file system otherwise. The
 * analyses are committed here, in order, under the catalog they were made with; requests are
 * answered between batches. A file changed while its batch was analysed is left to its own event.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { AnalysisCommitter } from './analysisCommitter';
import type { AnalysisPool } from './analysisPool';
import type { CatalogSource } from './catalogSource';
import type { CorpusFolders } from './corpusFolders';
import { analyzeFile, type FileAnalysis } from './fileAnalysis';
import type { FileSystem } from './fileSystem';
import { fileUri } from './fileUris';
import type { Progress, WorkspaceHost } from './host';
import type { IndexingStatus } from './indexingStatus';
import { givenWay, messagesWait } from './nextTurn';

/** A batch asked for: its files, its analyses to come, the count of changes seen then, and the people the workers knew (an analysis here knows those too). */
interface Batch {
  readonly files: string[];
  readonly results: Promise<FileAnalysis[]>;
  readonly asOf: number;
  readonly taught: number;
}

/** A scan of this many files or more runs on every worker of the pool; a smaller one on one (docs/performance.md). */
const ALL_WORKERS_FROM = 6000;

export class BatchIndexer {
  /** When each file last had a watched-file event (a running count): a batch read before it is not committed for that file. */
  private readonly changedAt = new Map<string, number>();
  private changes = 0;

  constructor(
    private readonly index: CorpusIndex,
    private readonly catalog: CatalogSource,
    private readonly committer: AnalysisCommitter,
    private readonly folders: CorpusFolders,
    private readonly files: FileSystem,
    private readonly status: IndexingStatus,
    private readonly host: WorkspaceHost,
    private readonly pool: AnalysisPool | undefined,
  ) {}

  /** A watched-file event for `uri`: what a batch under way read of it is dropped. */
  fileChanged(uri: string): void {
    this.changedAt.set(uri, ++this.changes);
  }

  /** Indexes `todo` (of `total` files in the scan), counting the files done in the status. */
  async indexAll(todo: string[], total: number, progress?: Progress): Promise<void> {
    const generation = this.catalog.generation;
    const pool = this.poolFor(todo.length, generation);
    // Workers learn the people discovered so far, and those discovered while they work.
    let learnt = 0;
    const teach = () => {
      pool?.learn(this.index.discovery.learntSince(learnt));
      learnt = this.index.discovery.learntCount;
    };
    teach();
    if (pool) this.host.log(`indexing ${todo.length} files on ${pool.workers} worker thread${pool.workers === 1 ? '' : 's'}`);
    // Batches of 64 files on workers, which post fewer and larger messages so (docs/performance.md).
    const size = pool ? 64 : 4;
    const depth = pool ? 2 * pool.workers : 2;
    const analyser = this.analyser(pool);
    const window: Batch[] = [];
    let next = 0;
    let lastYield = Date.now();
    while (next < todo.length || window.length > 0) {
      while (window.length < depth && next < todo.length) {
        const files = todo.slice(next, (next += size));
        window.push({ files, results: analyser.run(files), asOf: this.changes, taught: learnt });
      }
      const batch = window.shift()!;
      const results = await batch.results;
      if (progress?.cancelled) {
        this.host.log(`indexing cancelled after ${this.status.done} of ${total} files`);
        break;
      }
      // A catalog change started over; the scan that follows this one indexes everything again.
      if (generation !== this.catalog.generation) break;
      this.commit(batch, results);
      teach();
      this.status.done += results.length;
      // Between batches: every 15 ms, or at once while the client's messages wait.
      const due = Date.now() - lastYield > 15;
      if (due || messagesWait()) {
        if (due) {
          progress?.report(this.status.done, total);
          this.host.statusChanged();
        }
        await givenWay();
        if (due) lastYield = Date.now();
      }
    }
    this.changedAt.clear();
    analyser.giveUp();
  }

  /** Idle workers would hold their heaps; a later large scan starts them again. */
  stopWorkers(): void {
    this.pool?.stop();
  }

  /**
   * The pool, given the catalog, for `files` files: workers pay off from a few dozen files, or at
   * once when they are already running; one of them below a few thousand files, where a second
   * one's start costs more than it saves.
   */
  private poolFor(files: number, generation: number): AnalysisPool | undefined {
    const pool = files >= 64 || (files > 0 && (this.pool?.workers ?? 0) > 0) ? this.pool : undefined;
    pool?.setCatalog(generation, this.index.discovery.catalogEntities, files >= ALL_WORKERS_FROM ? undefined : 1);
    return pool;
  }

  /** Analyses batches on the pool's workers, or here; a batch a worker could not finish is analysed here, unless the scan was given up. */
  private analyser(pool: AnalysisPool | undefined): { run(files: string[]): Promise<FileAnalysis[]>; giveUp(): void } {
    const maxFileSize = () => this.folders.settings.maxFileSize;
    const here = async (files: readonly string[]) => {
      const out: FileAnalysis[] = [];
      for (const f of files) out.push(await analyzeFile(this.files, f, maxFileSize(), this.index.discovery.recognizer));
      return out;
    };
    let givenUp = false;
    return {
      run: (files) => (pool && pool.workers > 0 ? pool.analyze(files, maxFileSize()).catch(() => (givenUp ? [] : here(files))) : here(files)),
      giveUp: () => (givenUp = true),
    };
  }

  /** Commits a batch's analyses, but not those of files changed since it was asked for. */
  private commit(batch: Batch, results: readonly FileAnalysis[]): void {
    for (const r of results) {
      const uri = fileUri(r.file);
      if ((this.changedAt.get(uri) ?? 0) <= batch.asOf) this.committer.commit(r, uri, batch.taught);
    }
  }
}
