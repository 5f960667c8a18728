/**
 * The documents open in the editor, whose texts win over their files. An open document is
 * analysed when a request needs it (`current`) or in a later turn, so that requests sent right
 * after a burst of opened documents wait for their own document only.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import { readsAsArabic } from '../core/text/script';
import type { CorpusFolders } from './corpusFolders';
import { isFileUri, uriPath } from './fileUris';
import type { WorkspaceHost } from './host';
import { contentHash } from './indexCache';
import type { IndexingStatus } from './indexingStatus';
import { messagesWait } from './nextTurn';
import type { StampTable } from './stampTable';

export class OpenDocuments {
  private readonly texts = new Map<string, string>();
  /** Content hashes of the texts as UTF-8, computed when first asked for. */
  private readonly hashes = new Map<string, number>();
  /** Open documents whose latest text is not analysed yet. */
  private readonly stale = new Set<string>();
  private staleTimer: NodeJS.Timeout | undefined;

  /** `analysed`: after a document's text went into the index, with how many people the index had learnt before. */
  constructor(
    private readonly index: CorpusIndex,
    private readonly folders: CorpusFolders,
    private readonly status: IndexingStatus,
    private readonly stamps: StampTable,
    private readonly host: WorkspaceHost,
    private readonly analysed: (learntBefore: number) => void,
  ) {}

  has(uri: string): boolean {
    return this.texts.has(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  hash(uri: string): number | undefined {
    let h = this.hashes.get(uri);
    const text = this.texts.get(uri);
    if (h === undefined && text !== undefined) this.hashes.set(uri, (h = contentHash(Buffer.from(text, 'utf8'))));
    return h;
  }

  /** A corpus file's document was opened or edited: analysed soon. */
  changed(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.hashes.delete(uri);
    // The index stands for the file on disk (and may be cached) only while the editor holds the same text.
    const slot = this.index.article(uri)?.slot;
    const stamp = slot === undefined ? undefined : this.stamps.get(slot);
    if (stamp && stamp.hash !== this.hash(uri)) this.stamps.delete(slot!);
    this.stale.add(uri);
    this.analyseSoon();
  }

  closed(uri: string): void {
    this.texts.delete(uri);
    this.hashes.delete(uri);
    this.stale.delete(uri);
  }

  /** To be analysed again (the catalog changed, or someone it may name was discovered). */
  markStale(uri: string): void {
    this.stale.add(uri);
  }

  markAllStale(): void {
    for (const uri of this.texts.keys()) this.stale.add(uri);
  }

  /** Its latest text is in the index already (committed from its file, the same text). */
  settled(uri: string): void {
    // Most often none is stale: a warm start asks this of every file it keeps.
    if (this.stale.size > 0) this.stale.delete(uri);
  }

  /**
   * The index, with the open documents' latest texts in it: only `uri`'s when given (a request
   * about one document does not wait for the others), else as many as a few milliseconds allow
   * (at least one; a burst of opened documents catches up in the turns that follow).
   */
  current(uri?: string): CorpusIndex {
    if (uri !== undefined) {
      if (this.stale.has(uri)) this.analyse(uri);
      return this.index;
    }
    const started = performance.now();
    for (const u of this.stale) {
      if (this.awaitsScan(u)) continue;
      this.analyse(u);
      if (performance.now() - started > 20) break;
    }
    return this.index;
  }

  /** An open document's text into the index, when it is an article (see `takesAnyScript`). */
  put(uri: string, text: string): void {
    if (readsAsArabic(text) || (isFileUri(uri) && this.folders.takesAnyScript(uriPath(uri)))) this.index.upsert(uri, text);
    else this.index.remove(uri);
  }

  /** Analyses the document's latest text now. */
  analyse(uri: string): void {
    this.stale.delete(uri);
    const text = this.texts.get(uri);
    if (text === undefined) return;
    const mark = this.index.discovery.learntCount;
    const articles = this.index.articleCount;
    this.put(uri, text);
    this.analysed(mark);
    // A document that is a new article (or no longer one) changes the corpus's size.
    if (this.index.articleCount !== articles) this.host.statusChanged();
  }

  /**
   * Analyses the stale documents one a turn, starting a little later (the requests that follow
   * a burst of opened documents come first), unless a request did first.
   */
  analyseSoon(): void {
    if (this.staleTimer || this.stale.size === 0) return;
    const next = () => {
      let uri: string | undefined;
      for (const u of this.stale) {
        if (this.awaitsScan(u)) continue;
        uri = u;
        break;
      }
      if (uri === undefined) return void (this.staleTimer = undefined);
      if (messagesWait()) return void setImmediate(next);
      this.analyse(uri);
      this.host.statusChanged();
      setImmediate(next);
    };
    this.staleTimer = setTimeout(next, 20);
    this.staleTimer.unref();
  }

  /**
   * A document not indexed yet while a scan runs is left to the scan, which commits the editor's
   * text over its file's when they differ: analysing it here would only repeat a worker's work.
   */
  private awaitsScan(uri: string): boolean {
    return this.status.indexing && !this.index.article(uri);
  }
}
