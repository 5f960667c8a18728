/**
 * The concordance requests: keeps the last few concordances made (so that a page, a re-sort or
 * the collocates of the same query do not find its hits again), reads the words of every hit
 * when a sort or filter needs them, and writes exports. Long work gives way to other requests
 * (see nextTurn.ts), shows progress when the client can show it, and stops when cancelled.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { collocates } from './core/analysis/collocates';
import { CancelledError, Concordance, needsWords, SORT_KEYS, type ConcordanceFilter, type SortKey, type Work } from './core/analysis/concordance';
import { exportLines } from './core/analysis/concordanceExport';
import { queryKey, type ConcordanceQuery } from './core/analysis/concordanceQuery';
import type { CorpusIndex } from './core/index/corpusIndex';
import type { CollocatesParams, Collocates, ConcordanceExportParams, ConcordancePage, ConcordanceParams } from './protocol';
import { writeInPieces } from './workspace/exportFile';
import { sliced } from './workspace/nextTurn';

/** Progress the client shows, with a cancel button. */
export interface ProgressReporter {
  report(percentage: number, message: string): void;
  done(): void;
  readonly cancelled: boolean;
}

export interface AnalysisHost {
  /** The index, open documents brought up to date. */
  index(): CorpusIndex;
  /** An article's text by its key (the open editor's, else the file's). */
  readText(key: string): Promise<string | undefined>;
  /** The key of a URI the client sent. */
  key(uri: string): string;
  /** The file system path of a `file:` URI. */
  pathOf(uri: string): string;
  /** Progress shown by the client, if it can show it. */
  progress(title: string): Promise<ProgressReporter | undefined>;
}

/** Articles to read before progress is shown. */
const QUIET_READS = 200;
const SESSIONS = 4;

interface Session {
  version: number;
  made: Promise<Concordance | { error: string }>;
  /** The reading of every hit's words, while under way. */
  reading?: Promise<void>;
}

export class AnalysisRequests {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly host: AnalysisHost) {}

  async concordance(p: ConcordanceParams, token: CancellationToken): Promise<ConcordancePage> {
    return this.run(token, 'Corpus Lens: concordance', async (work) => {
      const c = await this.session(p.query, work);
      const empty = { label: '', hits: 0, articles: 0, allHits: 0, offset: 0, lines: [], folders: [], undated: 0 };
      if ('error' in c) return { ...empty, error: c.error };
      const filter = this.filterOf(p.filter);
      const sort = sortOf(p.sort);
      if (needsWords(sort, filter)) await this.readWords(p.query, c, work);
      const view = c.view(filter, sort);
      const offset = Math.max(0, Math.min(p.offset ?? 0, view.length));
      const limit = Math.max(1, Math.min(p.limit ?? 100, 1000));
      const lines = await c.lines(view, offset, offset + limit, widthOf(p.width), work, sort);
      return { label: c.label, hits: view.length, articles: c.articleCount(view), allHits: c.count, offset, lines, ...c.facets() };
    });
  }

  async collocates(p: CollocatesParams, token: CancellationToken): Promise<Collocates & { error?: string }> {
    return this.run(token, 'Corpus Lens: collocates', async (work) => {
      const c = await this.session(p.query, work);
      if ('error' in c) return { collocates: [], window: 0, measure: p.measure ?? 'll', windowWords: 0, referenceWords: 0, error: c.error };
      await this.readWords(p.query, c, work);
      return collocates(c, this.filterOf(p.filter), p);
    });
  }

  async exportLines(p: ConcordanceExportParams, token: CancellationToken): Promise<{ lines: number; error?: string }> {
    return this.run(token, 'Corpus Lens: exporting the concordance', async (work) => {
      const c = await this.session(p.query, work);
      if ('error' in c) return { lines: 0, error: c.error };
      const filter = this.filterOf(p.filter);
      const sort = sortOf(p.sort);
      if (needsWords(sort, filter)) await this.readWords(p.query, c, work);
      const view = c.view(filter, sort);
      const path = this.host.pathOf(p.target);
      const lines = await writeInPieces(path, (write) => exportLines(c, view, widthOf(p.width), p.format, (uri) => this.host.pathOf(uri), write, work));
      return { lines };
    }, true);
  }

  /**
   * Runs `f` with the work's reading, pauses and cancellation; progress appears once it reads
   * many articles (at once for an export). A cancelled request answers with LSP's RequestCancelled.
   */
  private async run<T>(token: CancellationToken, title: string, f: (work: Work) => Promise<T>, showAtOnce = false): Promise<T> {
    let reporter: ProgressReporter | undefined;
    let asked: Promise<ProgressReporter | undefined> | undefined;
    const ask = () => (asked ??= this.host.progress(title).then((r) => (reporter = r)));
    if (showAtOnce) await ask();
    const work: Work = {
      readText: (uri) => this.host.readText(uri),
      // Short slices: a hover sent meanwhile waits a couple of milliseconds at most for its turn.
      pause: sliced(2),
      token: { get isCancellationRequested() { return token.isCancellationRequested || !!reporter?.cancelled; } },
      progress: (done, total) => {
        if (total > QUIET_READS || showAtOnce) void ask();
        reporter?.report(Math.round((100 * done) / Math.max(1, total)), `${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      },
    };
    try {
      return await f(work);
    } catch (e) {
      if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw e;
    } finally {
      if (asked) void asked.then((r) => r?.done());
    }
  }

  /** The concordance of `query` in the current index: the one kept, unless the index changed since. */
  private async session(query: ConcordanceQuery, work: Work): Promise<Concordance | { error: string }> {
    const key = queryKey(query);
    for (;;) {
      const index = this.host.index();
      let s = this.sessions.get(key);
      if (s && s.version !== index.version) s = undefined;
      if (!s) {
        s = { version: index.version, made: Concordance.create(index, query, work) };
        this.sessions.delete(key);
        this.sessions.set(key, s);
        while (this.sessions.size > SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
      }
      try {
        return await s.made;
      } catch (e) {
        // A making cancelled is not kept; a request that did not cancel it makes it again.
        if (this.sessions.get(key) === s) this.sessions.delete(key);
        if (!(e instanceof CancelledError) || work.token?.isCancellationRequested) throw e;
      }
    }
  }

  /** Reads the words around every hit, once for all the requests that need them. */
  private async readWords(query: ConcordanceQuery, c: Concordance, work: Work): Promise<void> {
    const s = this.sessions.get(queryKey(query));
    while (!c.wordsRead) {
      if (s && s.reading) {
        // Another request is reading them; if it is cancelled, this one reads on.
        await s.reading.catch(() => undefined);
        if (work.token?.isCancellationRequested) throw new CancelledError();
        continue;
      }
      const reading = c.readAllWords(work);
      if (s) s.reading = reading;
      try {
        await reading;
      } finally {
        if (s && s.reading === reading) s.reading = undefined;
      }
    }
  }

  private filterOf(f: ConcordanceFilter | undefined): ConcordanceFilter {
    if (!f) return {};
    return { ...f, folder: f.folder ? this.host.key(f.folder) : undefined };
  }
}

const sortOf = (keys: readonly SortKey[] | undefined): SortKey[] => (keys ?? ['newest']).filter((k) => SORT_KEYS.includes(k)).slice(0, 3);
const widthOf = (w: number | undefined) => Math.max(10, Math.min(w ?? 60, 300));
