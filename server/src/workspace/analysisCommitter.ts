/**
 * Puts a file's analysis into the index (on the server thread, the only one that commits): the
 * editor's text wins over the file, unreadable files are skipped and named, files that are no
 * articles are left out, and each article keeps its file's stamp for the persisted index.
 */
import type { CorpusIndex } from '../core/index/corpusIndex';
import type { CorpusFolders } from './corpusFolders';
import type { FileAnalysis } from './fileAnalysis';
import { fileUri } from './fileUris';
import type { WorkspaceHost } from './host';
import type { IndexingStatus } from './indexingStatus';
import type { OpenDocuments } from './openDocuments';
import type { StampTable } from './stampTable';

export class AnalysisCommitter {
  constructor(
    private readonly index: CorpusIndex,
    private readonly open: OpenDocuments,
    private readonly folders: CorpusFolders,
    private readonly stamps: StampTable,
    private readonly status: IndexingStatus,
    private readonly host: WorkspaceHost,
  ) {}

  /** `learntKnown`: see `CorpusIndex.commit`. */
  commit(r: FileAnalysis, uri = fileUri(r.file), learntKnown = 0): void {
    const open = this.open.text(uri);
    // The editor's text wins over the file on disk; when the two are the same, the file's
    // analysis stands for both (and the article goes into the cache).
    if (open !== undefined) {
      this.open.settled(uri);
      if (!r.ok || r.stamp.hash !== this.open.hash(uri)) {
        this.open.put(uri, open);
        return;
      }
    }
    if (!r.ok) {
      this.index.remove(uri);
      if (!r.missing) this.status.skip(uri, r.reason);
      return;
    }
    this.status.skipped.delete(uri);
    if (!r.arabic && !this.folders.takesAnyScript(r.file)) {
      // Not an article (an English note, a README): left out without a warning.
      this.index.remove(uri);
      return;
    }
    if (r.truncated) this.host.log(`${r.file}: larger than corpusLens.maxFileSize (${this.folders.settings.maxFileSize} bytes); indexed up to the limit`);
    const a = this.index.commit(uri, r.analysis, learntKnown);
    if (a) this.stamps.set(a.slot, r.stamp.size, r.stamp.mtimeMs, r.stamp.hash);
  }
}
