/**
 * Writes the persisted index: at once after a scan that indexed most files (in slices, once the
 * scan has reported itself done), a few seconds after a warm start that indexed a few or after
 * a watched file changed; a shutdown waits for a write under way or writes a pending one.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { SearchEngine } from '../core/search/search';
import type { CatalogSource } from './catalogSource';
import type { WorkspaceHost } from './host';
import type { IndexCache } from './indexCache';
import type { IndexingStatus } from './indexingStatus';
import { sliced } from './nextTurn';
import type { StampTable } from './stampTable';

/** How long a write waits for more changes, in milliseconds. */
const WRITE_AFTER_MS = 3000;

export class CacheWriter {
  private saving: Promise<void> | undefined;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: IndexCache | undefined,
    private readonly index: CorpusIndex,
    private readonly search: SearchEngine,
    private readonly catalog: CatalogSource,
    private readonly stamps: StampTable,
    private readonly status: IndexingStatus,
    private readonly host: WorkspaceHost,
  ) {}

  /**
   * After a scan that restored `restored` articles and indexed `indexed` files: a warm start
   * that changed nothing (`unchanged`) leaves the cache as it is; one that indexed a few files
   * writes it a little later rather than make the start wait while the whole cache is rewritten
   * for them; a scan that indexed most files writes it now.
   */
  scanned(restored: number, indexed: number, unchanged: boolean): void {
    if (restored > 0 && restored >= indexed) {
      if (!unchanged || indexed > 0) this.saveSoon();
    } else void this.save();
  }

  /** Writes the index, after a write under way. */
  async save(): Promise<void> {
    if (!this.cache) return;
    const cache = this.cache;
    const write = async () => {
      try {
        const started = Date.now();
        // Short slices: the write is not urgent, and it starts as a scan ends, while requests come.
        const words = await this.search.headlineWordsOf(sliced(2));
        await cache.save(this.catalog.key, (a) => this.stamps.get(a.slot), await this.index.persistence.source(sliced(2)), words);
        this.host.log(`index cache: ${this.index.articleCount} articles written in ${Date.now() - started} ms`);
      } catch (e) {
        this.host.log(`index cache: not written (${(e as Error).message})`);
      }
    };
    this.saving = (this.saving ?? Promise.resolve()).then(write);
    await this.saving;
  }

  /** Writes the index a few seconds from now (once a first scan is done), unless more changes come first. */
  saveSoon(): void {
    if (!this.cache || !this.status.scanned) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), WRITE_AFTER_MS);
  }

  /** Writes a pending update now (on shutdown). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;
  }
}
