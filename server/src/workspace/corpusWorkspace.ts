/**
 * Keeps the core index in step with the workspace: the initial scan (in batches that yield to the
 * event loop, with progress and cancellation), watched-file events, open documents, and the
 * workspace catalog. All file reading happens here, never in the core.
 */
import * as path from 'path';
import { realpathSync } from 'fs';
import { shippedCatalog } from '../shippedCatalog';
import { isMostlyArabic } from '../core/text/script';
import { keptShipped, mergeCatalogs, parseCatalog, workspaceEntities } from '../core/catalog/catalog';
import type { CatalogEntry, CatalogProblem } from '../core/catalog/types';
import { decode } from '../core/text/decode';
import { CorpusIndex, type Article } from '../core/index/corpusIndex';
import { SearchEngine } from '../core/features/search';
import { LineIndex } from '../core/text/lines';
import { createHash } from 'crypto';
import { statOrNothing } from './sharedStats';
import { AnalysisPool } from './analysisPool';
import { WarmStartHelper } from './warmStartHelper';
import { corpusMatcher, listCorpusFiles, readBounded, type CorpusSettings } from './corpusFiles';
import { ClientUris, fileUri, isFileUri, uriPath } from './fileUris';
import { analyzeFile, type FileAnalysis } from './fileAnalysis';
import { givenWay, messagesWait, sliced } from './nextTurn';
import { CACHE_FORMAT, contentHash, type FileStamp, type IndexCache } from './indexCache';
import { StampTable } from './stampTable';

/** The catalog that ships with the extension. */
const SHIPPED = shippedCatalog();

export interface WorkspaceSettings extends CorpusSettings {
  catalogPath: string;
  includeDemonyms: boolean;
  /** The most mentions a list of references or mentions holds; 0 for no limit. */
  maxReferences: number;
  latinInlayHints: boolean;
  /** Each workspace folder's own include and exclude globs (by folder URI), where they differ from the rest. */
  folders?: { uri: string; include?: string[]; exclude?: string[] }[];
  /** Which scripts make a file an article: Arabic by default; `latin` takes Latin-script files too. */
  articleScripts: string[];
  /** Semantic tokens: the letters of mentions coloured by type (off: the editor draws marks behind the text). */
  colourByType: boolean;
  /** Shipped catalog entries left out: types, subtypes, ids or id prefixes ending in `*` (see `keptShipped`). */
  leaveOut: string[];
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  include: ['**/*.txt'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  catalogPath: '.corpus-lens/catalog.json',
  maxFileSize: 4 * 1024 * 1024,
  includeDemonyms: true,
  maxReferences: 20_000,
  latinInlayHints: false,
  articleScripts: ['arabic'],
  colourByType: false,
  leaveOut: [],
};

export interface Progress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
  readonly cancelled: boolean;
}

export interface WorkspaceHost {
  log(message: string): void;
  /** Diagnostics for the workspace catalog (empty list clears them). */
  catalogProblems(uri: string, problems: { message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): void;
  /** A message a user must see once (malformed catalog, skipped files). */
  warn(message: string): void;
  statusChanged(): void;
}

export class CorpusWorkspace {
  readonly index = new CorpusIndex(SHIPPED);
  /** Search structures, kept in step with the index through its change events. */
  readonly search = new SearchEngine(this.index);
  settings: WorkspaceSettings = DEFAULT_SETTINGS;
  readonly skipped = new Map<string, string>();
  indexing = false;
  done = 0;
  total = 0;
  /** How long the last scan took (listing included), in milliseconds. */
  scanMs: number | undefined;
  private matchers: ((file: string) => boolean)[] = [];
  /** Texts of the documents open in the editor, which win over the files on disk. */
  private openDocs = new Map<string, string>();
  private scanned = false;
  /** Each folder's workspace catalog entries, by file. */
  /** Each workspace catalog file's entries, and the names it tells discovery to ignore. */
  private readonly workspaceCatalogs = new Map<string, { entities: ReturnType<typeof workspaceEntities>; ignore: readonly string[] }>();
  /** The keys of the URIs clients send, and their spellings (see `fileUris.ts`). */
  readonly uris = new ClientUris({
    caseInsensitive: process.platform === 'win32' || process.platform === 'darwin',
    known: (key) => this.index.article(key) !== undefined,
    realCase,
  });

  /** Size, modification time and hash of each indexed file, for the persisted cache. */
  private readonly stamps = new StampTable();
  private catalogKey = '';
  /** Bumped with every catalog change; analyses made under an older one are not committed. */
  private catalogGeneration = 0;
  private readonly pool = AnalysisPool.create((m) => this.host.log(m));
  /**
   * When each file last had a watched-file event (a running count): a scan drops what it read
   * of a file before that file's latest event, which is indexed on its own.
   */
  private readonly changedAt = new Map<string, number>();
  private changes = 0;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private roots: string[], private readonly host: WorkspaceHost, private readonly cache?: IndexCache) {
    this.catalogKey = keyOf(SHIPPED);
  }

  configure(settings: Partial<WorkspaceSettings>): void {
    const leftOut = JSON.stringify(this.settings?.leaveOut ?? []);
    this.settings = { ...DEFAULT_SETTINGS, ...settings, leaveOut: settings.leaveOut ?? [] };
    // The catalog is made again at the next load (see `loadCatalog`).
    if (JSON.stringify(this.settings.leaveOut) !== leftOut) this.leaveOutChanged = true;
    this.matchers = this.roots.map((r) => corpusMatcher(r, this.folderSettings(r)));
  }

  /** A folder's own include and exclude globs, when its settings give them (resource-scoped settings). */
  private folderSettings(root: string): CorpusSettings {
    const own = this.settings.folders?.find((f) => path.resolve(uriPath(f.uri)) === path.resolve(root));
    return { ...this.settings, include: own?.include ?? this.settings.include, exclude: own?.exclude ?? this.settings.exclude };
  }

  isCorpusFile(file: string): boolean {
    return this.matchers.some((m) => m(file));
  }

  /**
   * Whether a file counts as an article whatever its script: when the settings take Latin-script
   * articles too, or the include globs name the file itself (a pattern without wildcards).
   */
  takesAnyScript(file: string): boolean {
    if (this.settings.articleScripts.includes('latin')) return true;
    return this.roots.some((root) => this.folderSettings(root).include.some((g) => !/[*?[\]{}!]/.test(g) && path.resolve(root, g) === file));
  }

  /** The workspace catalog of each folder (the setting's path, relative to the folder). */
  catalogFiles(): string[] {
    if (!this.settings.catalogPath) return [];
    return [...new Set(this.roots.map((r) => path.resolve(r, this.settings.catalogPath)))];
  }

  /** The workspace catalog `file` names, if it is one. */
  isCatalogFile(file: string): boolean {
    return this.catalogFiles().includes(file);
  }

  /**
   * Loads the workspace catalogs (`only`: that one, with `textOverride` as its text when the
   * editor holds it); on problems a catalog's last good entries keep serving.
   */
  async loadCatalog(textOverride?: string, only?: string): Promise<void> {
    const files = only ? [only] : this.catalogFiles();
    let changed = false;
    for (const file of files) changed = (await this.loadCatalogFile(file, file === only ? textOverride : undefined)) || changed;
    // Catalogs of folders no longer in the workspace go.
    for (const file of [...this.workspaceCatalogs.keys()]) {
      if (this.isCatalogFile(file)) continue;
      this.workspaceCatalogs.delete(file);
      this.host.catalogProblems(fileUri(file), []);
      changed = true;
    }
    if (changed || this.leaveOutChanged) this.applyCatalog();
  }

  /** The setting of shipped entries left out changed since the catalog was made. */
  private leaveOutChanged = false;

  /** Reads and parses one catalog; true when its entries changed. */
  private async loadCatalogFile(file: string, textOverride?: string): Promise<boolean> {
    const uri = fileUri(file);
    let text = textOverride;
    if (text === undefined) {
      const r = await readBounded(file, 8 * 1024 * 1024);
      if (!r.ok) {
        if (r.reason !== 'ENOENT') this.host.warn(`Corpus Lens: cannot read the catalog ${file}: ${r.reason}`);
        this.host.catalogProblems(uri, []);
        return r.reason === 'ENOENT' && this.workspaceCatalogs.delete(file);
      }
      const d = decode(r.bytes);
      text = d.ok ? d.text : '';
    }
    const parsed = parseCatalog(text);
    const lines = new LineIndex(text);
    const toDiag = (p: CatalogProblem) => ({ message: p.message, range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) } });
    this.host.catalogProblems(uri, parsed.problems.map(toDiag));
    // The problems are the catalog's diagnostics (once each, in the Problems view and the editor).
    if (!parsed.file) {
      this.host.log(`catalog ${file} has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; its last good entries are still in use`);
      return false;
    }
    this.workspaceCatalogs.set(file, { entities: workspaceEntities(parsed, uri, text), ignore: parsed.file.ignore ?? [] });
    return true;
  }

  /**
   * The shipped catalog with the workspace catalogs over it: a workspace entry replaces a shipped
   * one of the same id, and the first folder's entry wins over a later folder's.
   */
  private applyCatalog(): void {
    const files = this.catalogFiles().flatMap((f) => this.workspaceCatalogs.get(f) ?? []);
    const workspace = files.flatMap((c) => c.entities);
    const ignored = [...new Set(files.flatMap((c) => c.ignore))];
    const firstWins = [...new Map([...workspace].reverse().map((e) => [e.id, e])).values()];
    this.leaveOutChanged = false;
    const merged = mergeCatalogs(keptShipped(SHIPPED, this.settings.leaveOut), firstWins);
    this.catalogKey = keyOf(merged, ignored);
    this.catalogGeneration++;
    this.index.setCatalog(merged, ignored);
    // The index is emptied: open documents are analysed again after the scan (those not on disk
    // would otherwise be left out until edited).
    for (const uri of this.openDocs.keys()) this.stale.add(uri);
    this.relinkedUpTo = 0;
    this.host.log(`catalog: ${workspace.length} workspace entries`);
    this.host.statusChanged();
    // The index keeps no texts: recognising with the new catalog means reading the corpus again.
    if (this.scanned) void this.scan();
  }

  private scanning: Promise<void> | undefined;

  /**
   * Full scan of the workspace folders; scans asked for while one runs follow it, one at a time.
   * `onlyNew`: files already indexed are not analysed again (folders added, files listed anew).
   */
  scan(progress?: Progress, onlyNew = false): Promise<void> {
    this.scanning = (this.scanning ?? Promise.resolve()).then(() => this.scanOnce(progress, onlyNew));
    return this.scanning;
  }

  /**
   * The workspace's folders changed: the articles of the folders removed are dropped, the files
   * of those added are indexed (with `progress`); their workspace catalogs are read, or dropped.
   */
  async changeFolders(added: readonly string[], removed: readonly string[], progress?: Progress): Promise<void> {
    this.roots = [...this.roots.filter((r) => !removed.includes(r)), ...added.filter((a) => !this.roots.includes(a))];
    this.matchers = this.roots.map((r) => corpusMatcher(r, this.folderSettings(r)));
    this.host.log(`workspace folders: ${this.roots.join(', ') || '(none)'}`);
    await this.loadCatalog();
    await this.scan(progress, true);
  }

  private async scanOnce(progress: Progress | undefined, onlyNew: boolean): Promise<void> {
    this.indexing = true;
    const listing = Date.now();
    // A first scan restores the persisted index while the folders are listed: the listing mostly
    // waits on the disk (0.25 s at 100,000 files, a tenth of it work here). A large index is
    // read with a worker's help (`WarmStartHelper`), started now so that it is ready when
    // wanted: it makes the memory the index is read into, then stats the listed files. The
    // articles are then restored once the folders are listed, so that the files are stated
    // while they are restored rather than after (a restore of 100,000 articles held the listing
    // up 0.8 s).
    const cacheSize = !this.scanned && this.cache ? await this.cache.size() : undefined;
    const helper = cacheSize !== undefined && cacheSize >= HELPED_FROM ? WarmStartHelper.start((m) => this.host.log(m)) : undefined;
    const listed = this.listFiles();
    const restoring = cacheSize !== undefined ? this.loadCache(helper, helper && listed.catch(() => undefined)) : undefined;
    const files = await listed;
    const started = Date.now();
    // With a helper, the files are stated on it while the cache is still being read, and here
    // too once the cache is read (`StatsInProgress`); otherwise here afterwards (`compareStamps`).
    const stats = restoring && helper ? helper.stat(files) : undefined;
    // 100,000 URIs take about 0.1 s: computed in slices, answering requests in between.
    const uris: string[] = new Array(files.length);
    const pause = sliced();
    for (let i = 0; i < files.length; i++) {
      if (i % 256 === 0) await pause();
      uris[i] = fileUri(files[i]);
    }
    const loaded = await restoring;
    const stated = loaded ? await stats?.finish(sliced()) : undefined;
    helper?.stop();
    const compared = loaded ? await this.compareStamps(files, uris, stated, loaded) : undefined;
    const todo = compared?.todo ?? (onlyNew ? files.filter((_, i) => !this.index.article(uris[i])) : files);
    await this.dropUnlisted(uris, compared?.listed);
    const learnt = this.index.learntCount;
    this.total = files.length;
    this.done = files.length - todo.length;
    progress?.begin(files.length);
    await this.indexAll(todo, files.length, progress);
    // The relinking pass reuses the scan's workers, which know the catalog and the people learnt.
    if (!progress?.cancelled) await this.relink(learnt);
    this.stopWorkers();
    this.scanned = true;
    // A warm start that changed nothing leaves the cache as it is. One that indexed a few files
    // writes it a little later rather than make the start wait while the whole cache is
    // rewritten for them (a fifth of a warm start at 10,000 articles). A scan that indexed most
    // files writes it at once, in slices that let requests in, after reporting itself done (the
    // write took 1.4 s at 100,000 articles, a fifteenth of the scan). A shutdown waits for a
    // write under way and writes a pending one.
    const restored = files.length - todo.length;
    if (restored > 0 && restored >= todo.length) {
      if (!this.cacheUnchanged || todo.length > 0) this.scheduleSave();
    } else void this.saveCache();
    this.cacheUnchanged = false;
    this.indexing = false;
    // Open documents the scan did not reach (not on disk, or a cancelled scan).
    this.analyseSoon();
    progress?.done();
    this.scanMs = Date.now() - listing;
    this.host.log(`indexed ${this.index.articleCount} articles in ${Date.now() - started} ms (listing ${started - listing} ms); ${this.skipped.size} skipped`);
    if (this.skipped.size > 0) {
      const list = [...this.skipped].slice(0, 3).map(([u, r]) => `${path.basename(uriPath(u))} (${r})`).join(', ');
      this.host.warn(`Corpus Lens skipped ${this.skipped.size} file${this.skipped.size > 1 ? 's' : ''}: ${list}${this.skipped.size > 3 ? ', …' : ''}`);
    }
    this.host.statusChanged();
  }

  /**
   * Indexes `todo` in batches: on worker threads when there are many files, here otherwise. The
   * analyses are committed here in order; requests are answered between batches.
   */
  private async indexAll(todo: string[], total: number, progress?: Progress): Promise<void> {
    const generation = this.catalogGeneration;
    // Workers pay off from a few dozen files, or at once when they are already running.
    const pool = todo.length >= 64 || (todo.length > 0 && (this.pool?.workers ?? 0) > 0) ? this.pool : undefined;
    // One worker below a few thousand files: a second one's start and compilation cost more
    // than it saved (scans of 1,000 files took 0.74 to 0.76 s with one, 0.93 to 0.96 s with two;
    // of 4,000 files, 1.38 to 1.47 s against 1.48 to 1.58 s; of 10,000, 2.62 to 2.66 s against
    // 2.46 to 2.50 s).
    pool?.setCatalog(generation, this.index.catalogEntities, todo.length >= ALL_WORKERS_FROM ? undefined : 1);
    // Workers learn the people discovered so far, and those discovered while they work.
    let learnt = 0;
    const teach = () => {
      pool?.learn(this.index.learntSince(learnt));
      learnt = this.index.learntCount;
    };
    teach();
    if (pool) this.host.log(`indexing ${todo.length} files on ${pool.workers} worker thread${pool.workers === 1 ? '' : 's'}`);
    // Batches of 64 files: with 16, posting and committing them made a cold scan of 100,000
    // articles about a second longer (21.0 and 21.5 s against 19.6 and 20.4 s here).
    const size = pool ? 64 : 4;
    const depth = pool ? 2 * pool.workers : 2;
    const here = async (files: readonly string[]) => {
      const out: FileAnalysis[] = [];
      for (const f of files) out.push(await analyzeFile(f, this.settings.maxFileSize, this.index.recognizer));
      return out;
    };
    // A batch a worker could not finish is analysed here (unless the scan was given up).
    let givenUp = false;
    const run = (files: string[]) => (pool && pool.workers > 0 ? pool.analyze(files, this.settings.maxFileSize).catch(() => (givenUp ? [] : here(files))) : here(files));
    // `taught`: the people the workers had been told of before the batch was asked for (an
    // analysis here knows those too).
    const window: { files: string[]; results: Promise<FileAnalysis[]>; asOf: number; taught: number }[] = [];
    let next = 0;
    let lastYield = Date.now();
    while (next < todo.length || window.length > 0) {
      while (window.length < depth && next < todo.length) {
        const files = todo.slice(next, (next += size));
        window.push({ files, results: run(files), asOf: this.changes, taught: learnt });
      }
      const batch = window.shift()!;
      const results = await batch.results;
      if (progress?.cancelled) {
        this.host.log(`indexing cancelled after ${this.done} of ${total} files`);
        break;
      }
      // A catalog change started over; the scan that follows this one indexes everything again.
      if (generation !== this.catalogGeneration) break;
      for (const r of results) {
        const uri = fileUri(r.file);
        if ((this.changedAt.get(uri) ?? 0) <= batch.asOf) this.commit(r, uri, batch.taught);
      }
      teach();
      this.done += results.length;
      // Between batches: every 15 ms, or at once while the client's messages wait.
      const due = Date.now() - lastYield > 15;
      if (due || messagesWait()) {
        if (due) {
          progress?.report(this.done, total);
          this.host.statusChanged();
        }
        await givenWay();
        if (due) lastYield = Date.now();
      }
    }
    this.changedAt.clear();
    givenUp = true;
  }

  /** Idle workers would hold their heaps; a later large scan starts them again. */
  private stopWorkers(): void {
    this.pool?.stop();
  }

  /**
   * Analyses again the articles indexed before the people learnt since `mark` were introduced
   * and that may name them, so that those names link there too. Analysing them may introduce
   * more people; a few rounds settle it. Returns how many articles were analysed again.
   */
  private async relink(mark: number): Promise<number> {
    let analysed = 0;
    // People an earlier pass looked for are not looked for again (an edit's pass queued behind a scan would redo the scan's).
    mark = Math.max(mark, this.relinkedUpTo);
    // Also the articles still linking someone no article introduces any more (their links go
    // with them), and those an introduction came late for (see `CorpusIndex.staleArticles`).
    for (let round = 0; round < 3 && (this.index.learntCount > mark || this.index.staleWaiting); round++) {
      const people = this.index.learntSince(mark);
      mark = this.index.learntCount;
      const candidates = people.length > 0 ? await this.index.relinkCandidates(people, sliced()) : [];
      const uris = [...new Set([...candidates, ...(await this.index.staleArticles(sliced()))])];
      // Open documents are analysed again from the editor's text.
      for (const u of uris) if (this.openDocs.has(u)) this.stale.add(u);
      const files = uris.filter((u) => isFileUri(u) && !this.openDocs.has(u)).map((u) => uriPath(u));
      if (files.length === 0) continue;
      this.host.log(`linking again after ${people.length} ${people.length === 1 ? 'person' : 'people'} discovered or forgotten: ${files.length} articles to analyse again`);
      const done = this.done;
      await this.indexAll(files, files.length);
      this.done = done;
      analysed += files.length;
    }
    if (this.stale.size > 0) this.analyseSoon();
    this.relinkedUpTo = Math.max(this.relinkedUpTo, mark);
    return analysed;
  }

  /** After a change that left the index with articles to analyse again (someone forgotten): relink soon. */
  private relinkIfStale(): void {
    if (this.index.staleWaiting) this.relinkSoon(this.index.learntCount);
  }

  /** How many of the learnt people a relinking pass has looked for (reset with the catalog). */
  private relinkedUpTo = 0;

  /** After an edit that introduced someone: relink once the typing settles, after any scan. */
  private relinkSoon(mark: number): void {
    this.relinkMark = Math.min(this.relinkMark ?? mark, mark);
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => {
      const from = this.relinkMark!;
      this.relinkMark = this.relinkTimer = undefined;
      this.scanning = (this.scanning ?? Promise.resolve()).then(async () => {
        // The cache changes only when articles were analysed again.
        if ((await this.relink(from)) > 0) this.scheduleSave();
        this.stopWorkers();
        this.host.statusChanged();
      });
    }, 1000);
    this.relinkTimer.unref();
  }

  private relinkMark: number | undefined;
  private relinkTimer: NodeJS.Timeout | undefined;

  /** `learntKnown`: see `CorpusIndex.commit`. */
  private commit(r: FileAnalysis, uri = fileUri(r.file), learntKnown = 0): void {
    const open = this.openDocs.get(uri);
    // The editor's text wins over the file on disk; when the two are the same, the file's
    // analysis stands for both (and the article goes into the cache).
    if (open !== undefined) {
      this.stale.delete(uri);
      if (!r.ok || r.stamp.hash !== this.openHash(uri)) {
        this.upsertOpen(uri, open);
        return;
      }
    }
    if (!r.ok) {
      this.index.remove(uri);
      if (!r.missing) this.skip(uri, r.reason);
      return;
    }
    this.skipped.delete(uri);
    if (!r.arabic && !this.takesAnyScript(r.file)) {
      // Not an article (an English note, a README): left out without a warning.
      this.index.remove(uri);
      return;
    }
    if (r.truncated) this.host.log(`${r.file}: larger than corpusLens.maxFileSize (${this.settings.maxFileSize} bytes); indexed up to the limit`);
    const a = this.index.commit(uri, r.analysis, learntKnown);
    if (a) this.stamps.set(a.slot, r.stamp.size, r.stamp.mtimeMs, r.stamp.hash);
  }

  async indexFile(file: string): Promise<void> {
    const mark = this.index.learntCount;
    const uri = fileUri(file);
    const open = this.openDocs.get(uri);
    if (open !== undefined) {
      this.stale.delete(uri);
      this.upsertOpen(uri, open);
    } else this.commit(await analyzeFile(file, this.settings.maxFileSize, this.index.recognizer), uri);
    if (this.index.learntCount > mark) this.relinkSoon(mark);
    this.relinkIfStale();
  }

  /** The corpus files of every folder, each once (folders may overlap). */
  private async listFiles(): Promise<string[]> {
    const files: string[] = [];
    // One by one: spreading a listing into arguments overflows the stack from some 100,000 files.
    for (let i = 0; i < this.roots.length; i++) for (const f of await listCorpusFiles(this.roots[i], this.matchers[i], this.host.log)) files.push(f);
    return this.roots.length > 1 ? [...new Set(files)] : files;
  }

  /**
   * Takes out the articles of files no longer listed (`uris`, each once). Every listed file is
   * looked up once, unless the caller counted how many have an article (`listed`); the set of
   * listed files is made only when some article is not among them (on a first scan, open
   * documents a request analysed; after a restore, files gone since).
   */
  private async dropUnlisted(uris: readonly string[], listed?: number): Promise<void> {
    if (this.index.articleCount === 0) return;
    const pause = sliced();
    if (listed === undefined) {
      listed = 0;
      for (let k = 0; k < uris.length; k++) {
        if (k % 256 === 0) await pause();
        if (this.index.article(uris[k])) listed++;
      }
    }
    if (listed === this.index.articleCount) return;
    const present = new Set<string>();
    for (let k = 0; k < uris.length; k++) {
      if (k % 256 === 0) await pause();
      present.add(uris[k]);
    }
    let n = 0;
    for (const a of [...this.index.allArticles()]) {
      if (++n % 256 === 0) await pause();
      // An open document with no file (new, unsaved) stays an article while it is open.
      if (!present.has(a.uri) && !this.openDocs.has(a.uri)) this.index.remove(a.uri);
    }
  }

  /**
   * Restores articles from the persisted index, part by part as it is read: those with a stamp
   * whose editors (if open) hold the text the stamp was made from. Files are compared with their
   * stamps afterwards (`compareStamps`). Returns how many articles the file held; undefined, and
   * nothing restored, when it is damaged. `helper` makes the memory the parts are read into; the
   * parts are restored once `partsAfter` settles.
   */
  private async loadCache(helper?: WarmStartHelper, partsAfter?: Promise<unknown>): Promise<{ articles: number; restored: readonly Article[] } | undefined> {
    // Restored articles' stamps go in with the articles; those of changed files are taken out later.
    const restored: Article[] = [];
    // Articles of the file not restored (open documents with other text, articles without a file).
    const left: Article[] = [];
    const empty = this.index.articleCount === 0;
    const version = this.index.version;
    const memory = helper && new WorkerMemory(helper);
    const loaded = await this.cache!.load(this.catalogKey, ({ snapshot, stamps }) => {
      const keep = (uri: string, i: number) => !Number.isNaN(stamps[3 * i]) && (!this.openDocs.has(uri) || this.openHash(uri) === stamps[3 * i + 2]);
      this.index.restore(
        snapshot,
        keep,
        true,
        (a, i) => {
          this.stamps.set(a.slot, stamps[3 * i], stamps[3 * i + 1], stamps[3 * i + 2]);
          restored.push(a);
        },
        (a) => left.push(a),
      );
    }, memory?.ask, partsAfter);
    if (memory) this.host.log(`index cache: ${memory.used} of ${memory.asked} parts read into memory a worker made`);
    // A damaged file: what its first parts gave is not trusted either.
    if (!loaded) {
      for (const a of restored) if (this.index.article(a.uri) === a) this.index.remove(a.uri);
      return undefined;
    }
    // The hover figures saved with the cache hold for exactly its articles: taken when the index
    // is those articles, less those left out, and nothing else (each restore adds one to the
    // version; anything else that changed the index meanwhile adds more).
    if (empty && restored.length + left.length === loaded.articles && this.index.version === version + restored.length) {
      const taken = this.index.adoptCounts(loaded.counts, loaded.entityIds, loaded.formTexts, left);
      this.host.log(taken === undefined ? 'index cache: hover figures not taken (numbering differs, or damaged)' : `index cache: hover figures of ${taken} entities taken`);
    }
    return { articles: loaded.articles, restored };
  }

  /**
   * Compares the listed files with the stamps of the articles restored (`loaded` of them in the
   * file); returns the files still to index, and how many listed files have an article. An
   * article whose file changed stays until it is indexed again. `stated`: the files' sizes and
   * times, when stated on a worker.
   */
  private async compareStamps(files: readonly string[], uris: readonly string[], stated: Float64Array | undefined, loaded: { articles: number; restored: readonly Article[] }): Promise<{ todo: string[]; listed: number }> {
    const todo: string[] = [];
    // Otherwise stats one by one and blocking, in slices of a few milliseconds: through the
    // thread pool, 100,000 of them cost 1.2 s of promise handling here against 0.25 s.
    const statOf = (k: number): { size: number; mtimeMs: number } | undefined => {
      if (!stated) return statOrNothing(files[k]);
      return Number.isNaN(stated[2 * k]) ? undefined : { size: stated[2 * k], mtimeMs: stated[2 * k + 1] };
    };
    const pause = sliced();
    const sameBytes: { f: string; slot: number; old: FileStamp }[] = [];
    let kept = 0;
    // The cache lists articles mostly in the listing's order (the index's, from a scan of the
    // same folders): the next restored article is tried before the index's map by URI, which
    // cost 90 ms at 100,000 files.
    const restored = loaded.restored;
    let next = 0;
    const articleOf = (uri: string) => {
      const a = restored[next];
      if (a?.uri === uri && !a.removed) {
        next++;
        return a;
      }
      const found = this.index.article(uri);
      // Back in step after the articles the cache held elsewhere (those analysed again late in a scan go last).
      for (let d = 1; d <= 4 && found; d++) {
        if (restored[next + d] !== found) continue;
        next += d + 1;
        break;
      }
      return found;
    };
    let listed = 0;
    for (let k = 0; k < files.length; k++) {
      if (k % 64 === 0) await pause();
      const f = files[k];
      const uri = uris[k];
      const slot = articleOf(uri)?.slot;
      if (slot !== undefined) listed++;
      const old = slot === undefined ? undefined : this.stamps.get(slot);
      const st = old && statOf(k);
      if (!old || !st || st.size !== old.size) {
        if (old) this.stamps.delete(slot!);
        todo.push(f);
      } else if (st.mtimeMs === old.mtimeMs) {
        if (this.stale.size > 0) this.stale.delete(uri);
        kept++;
      }
      // Same size, other time: the content hash decides (below, reading the file).
      else sameBytes.push({ f, slot: slot!, old });
    }
    for (const { f, slot, old } of sameBytes) {
      const r = await readBounded(f, this.settings.maxFileSize);
      if (r.ok && contentHash(r.bytes) === old.hash) {
        this.stamps.set(slot, old.size, r.mtimeMs, old.hash);
        kept++;
      } else {
        this.stamps.delete(slot);
        todo.push(f);
      }
    }
    this.cacheUnchanged = kept === loaded.articles && todo.length === 0;
    this.host.log(`index cache: ${kept} articles restored, ${todo.length} files to index`);
    return { todo, listed };
  }

  private saving: Promise<void> | undefined;
  /** The cache just restored holds exactly the index (nothing to write back). */
  private cacheUnchanged = false;

  async saveCache(): Promise<void> {
    if (!this.cache) return;
    const write = async () => {
      try {
        const started = Date.now();
        // Short slices: the write is not urgent, and it starts as a scan ends, while requests come.
        const words = await this.search.headlineWordsOf(sliced(2));
        await this.cache!.save(this.catalogKey, (a) => this.stamps.get(a.slot), await this.index.source(sliced(2)), words);
        this.host.log(`index cache: ${this.index.articleCount} articles written in ${Date.now() - started} ms`);
      } catch (e) {
        this.host.log(`index cache: not written (${(e as Error).message})`);
      }
    };
    this.saving = (this.saving ?? Promise.resolve()).then(write);
    await this.saving;
  }

  /** Writes a pending cache update now (on shutdown). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.saveCache();
    }
    await this.saving;
  }

  private scheduleSave(): void {
    if (!this.cache || !this.scanned) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveCache(), 3000);
  }

  private skip(uri: string, reason: string): void {
    if (!this.skipped.has(uri)) this.host.log(`skipped ${uriPath(uri)}: ${reason}`);
    this.skipped.set(uri, reason);
  }

  /** The text of an indexed file, read again from disk (the index keeps no texts). */
  async readText(uri: string): Promise<string | undefined> {
    if (!isFileUri(uri)) return undefined;
    const r = await readBounded(uriPath(uri), this.settings.maxFileSize);
    if (!r.ok) return undefined;
    const d = decode(r.bytes);
    return d.ok ? d.text : undefined;
  }

  /**
   * An open editor's text wins over the file on disk. It is analysed when a request needs it
   * (see `current`) or in a later turn, so that requests sent right after a burst of opened
   * documents wait for their own document only.
   */
  documentChanged(uri: string, text: string): void {
    if (isFileUri(uri) && this.isCatalogFile(uriPath(uri))) {
      void this.loadCatalog(text, uriPath(uri));
      return;
    }
    if (!isFileUri(uri) || !this.isCorpusFile(uriPath(uri))) return;
    this.openDocs.set(uri, text);
    this.openHashes.delete(uri);
    // The index stands for the file on disk (and may be cached) only while the editor holds the same text.
    const slot = this.index.article(uri)?.slot;
    const stamp = slot === undefined ? undefined : this.stamps.get(slot);
    if (stamp && stamp.hash !== this.openHash(uri)) this.stamps.delete(slot!);
    this.stale.add(uri);
    this.analyseSoon();
  }

  /**
   * The index, with the open documents' latest texts in it: only `uri`'s when given (a request
   * about one document does not wait for the others), else as many as a few milliseconds allow
   * (at least one; a burst of opened documents catches up in the turns that follow).
   */
  current(uri?: string): CorpusIndex {
    if (uri !== undefined) {
      if (this.stale.has(uri)) this.analyseOpen(uri);
      return this.index;
    }
    const started = performance.now();
    for (const u of this.stale) {
      if (this.awaitsScan(u)) continue;
      this.analyseOpen(u);
      if (performance.now() - started > 20) break;
    }
    return this.index;
  }

  /**
   * A document not indexed yet while a scan runs is left to the scan, which commits the editor's
   * text over its file's when they differ: analysing it here would only repeat a worker's work.
   */
  private awaitsScan(uri: string): boolean {
    return this.indexing && !this.index.article(uri);
  }

  /** Open documents whose latest text is not analysed yet. */
  private readonly stale = new Set<string>();
  private staleTimer: NodeJS.Timeout | undefined;
  /** Content hashes of the open documents' texts as UTF-8, computed when first asked for. */
  private readonly openHashes = new Map<string, number>();

  private openHash(uri: string): number | undefined {
    let h = this.openHashes.get(uri);
    const text = this.openDocs.get(uri);
    if (h === undefined && text !== undefined) this.openHashes.set(uri, (h = contentHash(Buffer.from(text, 'utf8'))));
    return h;
  }

  private analyseOpen(uri: string): void {
    this.stale.delete(uri);
    const text = this.openDocs.get(uri);
    if (text === undefined) return;
    const mark = this.index.learntCount;
    const articles = this.index.articleCount;
    this.upsertOpen(uri, text);
    if (this.index.learntCount > mark) this.relinkSoon(mark);
    this.relinkIfStale();
    // A document that is a new article (or no longer one) changes the corpus's size.
    if (this.index.articleCount !== articles) this.host.statusChanged();
  }

  /** An open document's text into the index, when it is an article (see `takesAnyScript`). */
  private upsertOpen(uri: string, text: string): void {
    if (isMostlyArabic(text.slice(0, 4096)) || (isFileUri(uri) && this.takesAnyScript(uriPath(uri)))) this.index.upsert(uri, text);
    else this.index.remove(uri);
  }

  /**
   * Analyses the stale documents one a turn, starting a little later (the requests that follow
   * a burst of opened documents come first), unless a request did first.
   */
  private analyseSoon(): void {
    if (this.staleTimer) return;
    const next = () => {
      let uri: string | undefined;
      for (const u of this.stale) {
        if (this.awaitsScan(u)) continue;
        uri = u;
        break;
      }
      if (uri === undefined) return void (this.staleTimer = undefined);
      if (messagesWait()) return void setImmediate(next);
      this.analyseOpen(uri);
      this.host.statusChanged();
      setImmediate(next);
    };
    this.staleTimer = setTimeout(next, 20);
    this.staleTimer.unref();
  }

  /** The file on disk takes over from a closed document: its article, or none when there is no file. */
  async documentClosed(uri: string): Promise<void> {
    this.openDocs.delete(uri);
    this.openHashes.delete(uri);
    this.stale.delete(uri);
    // A catalog edited and closed unsaved: the file's entries serve again.
    if (isFileUri(uri) && this.isCatalogFile(uriPath(uri))) return this.loadCatalog(undefined, uriPath(uri));
    if (isFileUri(uri) && this.isCorpusFile(uriPath(uri))) await this.indexFile(uriPath(uri));
    this.host.statusChanged();
  }

  async fileChanged(uri: string, kind: 'created' | 'changed' | 'deleted'): Promise<void> {
    if (!isFileUri(uri)) return;
    const file = uriPath(uri);
    if (this.isCatalogFile(file)) return this.loadCatalog(undefined, file);
    if (!this.isCorpusFile(file)) return;
    this.changedAt.set(uri, ++this.changes);
    if (kind === 'deleted') {
      this.index.remove(uri);
      this.skipped.delete(uri);
      this.relinkIfStale();
    } else {
      await this.indexFile(file);
    }
    this.scheduleSave();
    this.host.statusChanged();
  }
}

/** A path as the file system spells it (its case, on a case-insensitive one); undefined when it does not exist. */
function realCase(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Identifies a catalog and the cache format, so that a cache built under another is discarded. */
function keyOf(entities: readonly CatalogEntry[], ignored: readonly string[] = []): string {
  return createHash('sha1').update(`${CACHE_FORMAT}\n${JSON.stringify(entities)}\n${JSON.stringify(ignored)}`).digest('hex');
}

/**
 * Memory for the persisted index's parts (see `IndexCache.load`), asked of the warm start's
 * worker all at once, part by part; a part read before its memory came is read into memory of
 * the reader's own. Counts how many parts were asked for and how many came in time.
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

/**
 * From a persisted index of this many bytes (some 4,500 articles), a warm start has a worker
 * thread make the memory the index is read into (see `IndexCache.load`) and stat the files
 * meanwhile. Starting it doubled a warm start of 1,000 articles (0.09 → 0.17 s).
 */
const HELPED_FROM = 8 * 1024 * 1024;

/** A scan of this many files or more runs on every worker of the pool; a smaller one on one (see `indexAll`). */
const ALL_WORKERS_FROM = 6000;
