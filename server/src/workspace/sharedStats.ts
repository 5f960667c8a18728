/**
 * Stats of the listed files, shared between the warm start's worker and the server thread: both
 * take chunks of files, in order, from one shared counter, and write each file's size and time
 * into one shared array. The worker starts as soon as the folders are listed; the server thread
 * joins in once it has restored the persisted index, instead of waiting for the worker to end
 * (docs/performance.md).
 */
import { statSync, type Stats } from 'fs';

export interface StatShare {
  readonly files: readonly string[];
  /** Size of file k at 2k, modification time at 2k + 1; NaN for a file gone or not yet stated. */
  readonly stats: Float64Array;
  /** The next chunk to take, at 0. */
  readonly next: Int32Array;
  /** 1 for each chunk whose files are stated. */
  readonly done: Int32Array;
}

/** Files a chunk holds: about a millisecond of stats, so that a thread that takes one is soon done with it. */
export const STAT_CHUNK = 256;

export function newStatShare(files: readonly string[]): StatShare {
  const chunks = Math.ceil(files.length / STAT_CHUNK);
  const stats = new Float64Array(new SharedArrayBuffer(16 * files.length)).fill(NaN);
  return { files, stats, next: new Int32Array(new SharedArrayBuffer(4)), done: new Int32Array(new SharedArrayBuffer(4 * chunks)) };
}

/** Takes the next chunk nobody has taken; -1 when all are taken. */
export function takeChunk(s: StatShare): number {
  const c = Atomics.add(s.next, 0, 1);
  return c < s.done.length ? c : -1;
}

/** A file's stat, blocking; undefined for a file that is gone or cannot be stated (a folder on its path replaced by a file). */
export function statOrNothing(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Stats the files of chunk `c` and marks it done (NaN for a file `statOrNothing` gives nothing for). */
export function statChunk(s: StatShare, c: number): void {
  const end = Math.min(s.files.length, (c + 1) * STAT_CHUNK);
  for (let k = c * STAT_CHUNK; k < end; k++) {
    const st = statOrNothing(s.files[k]);
    if (!st) continue;
    s.stats[2 * k] = st.size;
    s.stats[2 * k + 1] = st.mtimeMs;
  }
  // The store orders the writes above before it: a thread that reads 1 here sees them.
  Atomics.store(s.done, c, 1);
}

/** Whether chunk `c` is stated (its stats visible to the caller). */
export const chunkDone = (s: StatShare, c: number) => Atomics.load(s.done, c) === 1;
