/** What the status bar and the status notification tell: whether indexing runs, how far, what was skipped. */
import * as path from 'path';
import { uriPath } from './fileUris';
import type { WorkspaceHost } from './host';

export class IndexingStatus {
  indexing = false;
  /** Files done, and listed, in the scan under way or the last one. */
  done = 0;
  total = 0;
  /** How long the last scan took (listing included), in milliseconds. */
  scanMs: number | undefined;
  /** A scan has run to its end: later scans restore nothing from the persisted index. */
  scanned = false;
  /** Files left out, by URI, with why. */
  readonly skipped = new Map<string, string>();

  constructor(private readonly host: WorkspaceHost) {}

  /** Leaves a file out, naming it in the log the first time. */
  skip(uri: string, reason: string): void {
    if (!this.skipped.has(uri)) this.host.log(`skipped ${uriPath(uri)}: ${reason}`);
    this.skipped.set(uri, reason);
  }

  /** A scan that began at `listing` and indexed from `started` is done: logged, and the files skipped told to the user. */
  scanEnded(articles: number, listing: number, started: number): void {
    this.scanMs = Date.now() - listing;
    this.host.log(`indexed ${articles} articles in ${Date.now() - started} ms (listing ${started - listing} ms); ${this.skipped.size} skipped`);
    if (this.skipped.size > 0) {
      const list = [...this.skipped].slice(0, 3).map(([u, r]) => `${path.basename(uriPath(u))} (${r})`).join(', ');
      this.host.warn(`Corpus Lens skipped ${this.skipped.size} file${this.skipped.size > 1 ? 's' : ''}: ${list}${this.skipped.size > 3 ? ', …' : ''}`);
    }
  }
}
