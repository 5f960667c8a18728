/**
 * Links a discovered person in every article that names them: after a scan, and after an edit
 * that introduces someone (once the typing settles, queued behind any scan), the articles whose
 * token filter may hold the name, and whose analysis did not know the person yet, are analysed
 * again; also those still linking someone no article introduces any more.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { BatchIndexer } from './batchIndexer';
import { isFileUri, uriPath } from './fileUris';
import type { WorkspaceHost } from './host';
import type { IndexingStatus } from './indexingStatus';
import { sliced } from './nextTurn';
import type { OpenDocuments } from './openDocuments';
import type { WorkQueue } from './workQueue';

/** How long an edit's relinking waits for the typing to settle, in milliseconds. */
const SETTLE_MS = 1000;

export class Relinker {
  /** How many of the learnt people a relinking pass has looked for (reset with the catalog). */
  private relinkedUpTo = 0;
  private soonMark: number | undefined;
  private soonTimer: NodeJS.Timeout | undefined;

  /** `saveSoon`: the persisted index is to be written again. */
  constructor(
    private readonly index: CorpusIndex,
    private readonly open: OpenDocuments,
    private readonly indexer: BatchIndexer,
    private readonly status: IndexingStatus,
    private readonly host: WorkspaceHost,
    private readonly queue: WorkQueue,
    private readonly saveSoon: () => void,
  ) {}

  /** The catalog changed: every person is new again. */
  reset(): void {
    this.relinkedUpTo = 0;
  }

  /**
   * Analyses again the articles indexed before the people learnt since `mark` were introduced
   * and that may name them, so that those names link there too. Analysing them may introduce
   * more people; a few rounds settle it. Returns how many articles were analysed again.
   */
  async relink(mark: number): Promise<number> {
    let analysed = 0;
    const { discovery } = this.index;
    // People an earlier pass looked for are not looked for again (an edit's pass queued behind a scan would redo the scan's).
    mark = Math.max(mark, this.relinkedUpTo);
    // Also the articles still linking someone no article introduces any more (their links go
    // with them), and those an introduction came late for (see `Relinking.staleArticles`).
    for (let round = 0; round < 3 && (discovery.learntCount > mark || discovery.relinking.staleWaiting); round++) {
      const people = discovery.learntSince(mark);
      mark = discovery.learntCount;
      const candidates = people.length > 0 ? await discovery.relinking.relinkCandidates(people, sliced()) : [];
      const uris = [...new Set([...candidates, ...(await discovery.relinking.staleArticles(sliced()))])];
      // Open documents are analysed again from the editor's text.
      for (const u of uris) if (this.open.has(u)) this.open.markStale(u);
      const files = uris.filter((u) => isFileUri(u) && !this.open.has(u)).map((u) => uriPath(u));
      if (files.length === 0) continue;
      this.host.log(`linking again after ${people.length} ${people.length === 1 ? 'person' : 'people'} discovered or forgotten: ${files.length} articles to analyse again`);
      const done = this.status.done;
      await this.indexer.indexAll(files, files.length);
      this.status.done = done;
      analysed += files.length;
    }
    this.open.analyseSoon();
    this.relinkedUpTo = Math.max(this.relinkedUpTo, mark);
    return analysed;
  }

  /**
   * After a change to the index outside a scan (`learntBefore`: the people learnt before it):
   * relinks soon when it introduced someone, or left articles to analyse again (someone forgotten).
   */
  afterChange(learntBefore: number): void {
    const { discovery } = this.index;
    if (discovery.learntCount > learntBefore) this.soon(learntBefore);
    if (discovery.relinking.staleWaiting) this.soon(discovery.learntCount);
  }

  /** Relinks once the typing settles, after any scan. */
  private soon(mark: number): void {
    this.soonMark = Math.min(this.soonMark ?? mark, mark);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = setTimeout(() => {
      const from = this.soonMark!;
      this.soonMark = this.soonTimer = undefined;
      void this.queue.run(async () => {
        // The persisted index changes only when articles were analysed again.
        if ((await this.relink(from)) > 0) this.saveSoon();
        this.indexer.stopWorkers();
        this.host.statusChanged();
      });
    }, SETTLE_MS);
    this.soonTimer.unref();
  }
}
