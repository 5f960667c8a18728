/** Work that runs one piece at a time, in the order asked for: the scans, and the relinking an edit asks for. */
export class WorkQueue {
  private last: Promise<void> | undefined;

  /** Runs `work` after what was queued before it; resolves when it is done. */
  run(work: () => Promise<void>): Promise<void> {
    this.last = (this.last ?? Promise.resolve()).then(work);
    return this.last;
  }
}
