/**
 * A first scan's warm start: restores the persisted index part by part while the folders are
 * listed, then compares each listed file's size and time with its article's stamp (the content
 * hash decides when only the time differs) and gives the files still to index. An article whose
 * file changed stays until its file is indexed again; one whose editor holds other text is not
 * restored. From a large cache a worker helps: it makes the memory the parts are read into, then
 * states the listed files while the parts are restored.
 */
import type { Article, CorpusIndex } from '../core/index/corpusIndex';
import type { CatalogSource } from './catalogSource';
import type { CorpusFolders } from './corpusFolders';
import type { FileStat, FileSystem } from './fileSystem';
import type { WorkspaceHost } from './host';
import { contentHash, type FileStamp, type IndexCache } from './indexCache';
import { sliced } from './nextTurn';
import type { OpenDocuments } from './openDocuments';
import type { StampTable } from './stampTable';
import type { StatsInProgress, WarmStartHelper } from './warmStartHelper';

export interface WarmStartDeps {
  readonly index: CorpusIndex;
  readonly stamps: StampTable;
  readonly open: OpenDocuments;
  readonly cache: IndexCache;
  readonly catalog: CatalogSource;
  readonly folders: CorpusFolders;
  readonly files: FileSystem;
  readonly host: WorkspaceHost;
  /** A worker that reads from disk itself, given only with the disk's file system. */
  readonly helper?: () => WarmStartHelper | undefined;
}

/** The listed files compared with the articles restored. */
export interface ComparedStamps {
  /** The files still to index. */
  readonly todo: string[];
  /** How many listed files have an article. */
  readonly listed: number;
  /** The cache just restored holds exactly the index (nothing to write back). */
  readonly unchanged: boolean;
}

/** How many articles the cache held, and those restored. */
interface Restored {
  readonly articles: number;
  readonly restored: readonly Article[];
}

/** From a persisted index of this many bytes (some 4,500 articles), a worker helps; below it, starting one costs more than it saves. */
const HELPED_FROM = 8 * 1024 * 1024;

export class WarmStart {
  private restoring: Promise<Restored | undefined> | undefined;
  private stats: StatsInProgress | undefined;

  private constructor(
    private readonly deps: WarmStartDeps,
    private readonly helper: WarmStartHelper | undefined,
  ) {}

  /** A warm start, when there is a persisted index (the helper started now, so that it is ready when wanted). */
  static async prepare(deps: WarmStartDeps): Promise<WarmStart | undefined> {
    const size = await deps.cache.size();
    if (size === undefined) return undefined;
    return new WarmStart(deps, size >= HELPED_FROM ? deps.helper?.() : undefined);
  }

  /**
   * Starts restoring while `listing` lists the folders, which mostly waits on the disk; with a
   * helper, the parts are restored once the listing is done, so that the files are stated while
   * they are restored rather than after.
   */
  restore(listing: Promise<unknown>): void {
    this.restoring = this.load(this.helper && listing.catch(() => undefined));
  }

  /** The folders are listed: the helper starts stating the files, while the cache is still being read. */
  listed(files: readonly string[]): void {
    this.stats = this.helper?.stat(files);
  }

  /** The listed files (`uris`, in the same order) compared with the articles restored; undefined when the cache gave none (damaged, or foreign). */
  async compare(files: readonly string[], uris: readonly string[]): Promise<ComparedStamps | undefined> {
    const loaded = await this.restoring;
    // With a helper, the files are stated here too once the cache is read (`StatsInProgress`); otherwise here, one by one.
    const stated = loaded ? await this.stats?.finish(sliced()) : undefined;
    this.helper?.stop();
    return loaded ? this.compareStamps(files, uris, stated, loaded) : undefined;
  }

  /**
   * Restores articles from the persisted index, part by part as it is read: those with a stamp
   * whose editors (if open) hold the text the stamp was made from. Returns how many articles the
   * file held; undefined, and nothing restored, when it is damaged. The helper makes the memory
   * the parts are read into; the parts are restored once `partsAfter` settles.
   */
  private async load(partsAfter?: Promise<unknown>): Promise<Restored | undefined> {
    const { index, stamps, open, host } = this.deps;
    const restored: Article[] = [];
    // Articles of the file not restored (open documents with other text, articles without a file).
    const left: Article[] = [];
    const empty = index.articleCount === 0;
    const version = index.version;
    const memory = this.helper && new WorkerMemory(this.helper);
    const loaded = await this.deps.cache.load(
      this.deps.catalog.key,
      ({ snapshot, stamps: st }) => {
        const keep = (uri: string, i: number) => !Number.isNaN(st[3 * i]) && (!open.has(uri) || open.hash(uri) === st[3 * i + 2]);
        const kept = (a: Article, i: number) => {
          stamps.set(a.slot, st[3 * i], st[3 * i + 1], st[3 * i + 2]);
          restored.push(a);
        };
        index.persistence.restore(snapshot, keep, true, kept, (a) => left.push(a));
      },
      memory?.ask,
      partsAfter,
    );
    if (memory) host.log(`index cache: ${memory.used} of ${memory.asked} parts read into memory a worker made`);
    // A damaged file: what its first parts gave is not trusted either.
    if (!loaded) {
      for (const a of restored) if (index.article(a.uri) === a) index.remove(a.uri);
      return undefined;
    }
    // The hover figures saved with the cache hold for exactly its articles: taken when the index
    // is those articles, less those left out, and nothing else (each restore adds one to the
    // version; anything else that changed the index meanwhile adds more).
    if (empty && restored.length + left.length === loaded.articles && index.version === version + restored.length) {
      const taken = index.persistence.adoptCounts(loaded.counts, loaded.entityIds, loaded.formTexts, left);
      host.log(taken === undefined ? 'index cache: hover figures not taken (numbering differs, or damaged)' : `index cache: hover figures of ${taken} entities taken`);
    }
    return { articles: loaded.articles, restored };
  }

  /**
   * Compares the listed files with the stamps of the articles restored. An article whose file
   * changed stays until it is indexed again. `stated`: the files' sizes and times, when stated
   * on the helper; otherwise stated here one by one, blocking, in slices of a few milliseconds.
   */
  private async compareStamps(files: readonly string[], uris: readonly string[], stated: Float64Array | undefined, loaded: Restored): Promise<ComparedStamps> {
    const { stamps, open } = this.deps;
    const todo: string[] = [];
    const statOf = (k: number): FileStat | undefined => {
      if (!stated) return this.deps.files.stat(files[k]);
      return Number.isNaN(stated[2 * k]) ? undefined : { size: stated[2 * k], mtimeMs: stated[2 * k + 1] };
    };
    const pause = sliced();
    const sameSize: { f: string; slot: number; old: FileStamp }[] = [];
    const articleOf = restoredInOrder(this.deps.index, loaded.restored);
    let kept = 0;
    let listed = 0;
    for (let k = 0; k < files.length; k++) {
      if (k % 64 === 0) await pause();
      const slot = articleOf(uris[k])?.slot;
      if (slot !== undefined) listed++;
      const old = slot === undefined ? undefined : stamps.get(slot);
      const st = old && statOf(k);
      if (!old || !st || st.size !== old.size) {
        if (old) stamps.delete(slot!);
        todo.push(files[k]);
      } else if (st.mtimeMs === old.mtimeMs) {
        open.settled(uris[k]);
        kept++;
      }
      // Same size, another time: the content hash decides (below, reading the file).
      else sameSize.push({ f: files[k], slot: slot!, old });
    }
    kept += await this.sameContent(sameSize, todo);
    const unchanged = kept === loaded.articles && todo.length === 0;
    this.deps.host.log(`index cache: ${kept} articles restored, ${todo.length} files to index`);
    return { todo, listed, unchanged };
  }

  /** Reads the files of the same size as their stamps: those with the same content hash keep their articles, the others go to `todo`. Returns how many kept theirs. */
  private async sameContent(files: readonly { f: string; slot: number; old: FileStamp }[], todo: string[]): Promise<number> {
    let kept = 0;
    for (const { f, slot, old } of files) {
      const r = await this.deps.files.read(f, this.deps.folders.settings.maxFileSize);
      if (r.ok && contentHash(r.bytes) === old.hash) {
        this.deps.stamps.set(slot, old.size, r.mtimeMs, old.hash);
        kept++;
      } else {
        this.deps.stamps.delete(slot);
        todo.push(f);
      }
    }
    return kept;
  }
}

/**
 * The article of each listed URI, asked for in the listing's order. The cache lists articles
 * mostly in that order (the index's, from a scan of the same folders), so the next restored
 * article is tried before the index's map by URI, which costs more.
 */
function restoredInOrder(index: CorpusIndex, restored: readonly Article[]): (uri: string) => Article | undefined {
  let next = 0;
  return (uri) => {
    const a = restored[next];
    if (a?.uri === uri && !a.removed) {
      next++;
      return a;
    }
    const found = index.article(uri);
    // Back in step after the articles the cache held elsewhere (those analysed again late in a scan go last).
    for (let d = 1; d <= 4 && found; d++) {
      if (restored[next + d] !== found) continue;
      next += d + 1;
      break;
    }
    return found;
  };
}

/**
 * Memory for the persisted index's parts (see `IndexCache.load`), asked of the helper all at
 * once, part by part; a part read before its memory came is read into memory of the reader's
 * own. Counts how many parts were asked for and how many came in time.
 */
class WorkerMemory {
  asked = 0;
  used = 0;
  constructor(private readonly helper: WarmStartHelper) {}

  readonly ask = (sizes: readonly number[]): ((part: number) => SharedArrayBuffer | undefined) => {
    const came: (SharedArrayBuffer | undefined)[] = [];
    this.asked = sizes.length;
    sizes.forEach((bytes, p) => {
      this.helper.memory(bytes).then(
        (m) => (came[p] = m),
        () => undefined,
      );
    });
    return (p) => {
      const m = came[p];
      came[p] = undefined;
      if (m) this.used++;
      return m;
    };
  };
}
