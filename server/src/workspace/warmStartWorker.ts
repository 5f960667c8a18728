/**
 * Worker thread that helps a warm start (see `WarmStartHelper`): it allocates and first touches
 * the memory the persisted index is read into, and stats the listed files. Kept apart from the
 * scan's analysis worker, whose code makes it slower to start (ready to answer in 69 to 82 ms
 * against 51 to 64 ms on the machine the benchmark ran on).
 */
import { statSync } from 'fs';
import { parentPort } from 'worker_threads';
import { lowerThreadPriority } from './threadPriority';

export type HelperRequest =
  /** Shared memory of this many bytes, written to page by page. */
  | { readonly type: 'memory'; readonly id: number; readonly bytes: number }
  /** Each file's size and modification time (NaN for a file that is gone). */
  | { readonly type: 'stat'; readonly id: number; readonly files: readonly string[] }
  /** No more work: the worker closes its port and ends. */
  | { readonly type: 'stop' };

export type HelperReply =
  | { readonly id: number; readonly memory: SharedArrayBuffer }
  /** Size and modification time of file k at 2k and 2k + 1. */
  | { readonly id: number; readonly stats: Float64Array };

/** Bytes in a page of memory (4 KiB on the machines this runs on; a smaller stride is only slower). */
const PAGE_SIZE = 4096;

lowerThreadPriority();

parentPort?.on('message', (msg: HelperRequest) => {
  if (msg.type === 'stop') {
    parentPort!.close();
    return;
  }
  if (msg.type === 'memory') {
    const memory = new SharedArrayBuffer(msg.bytes);
    // Written to, page by page: freshly mapped memory reads as zeros without being touched.
    const bytes = new Uint8Array(memory);
    for (let i = 0; i < bytes.length; i += PAGE_SIZE) bytes[i] = 0;
    const reply: HelperReply = { id: msg.id, memory };
    parentPort!.postMessage(reply);
    return;
  }
  const stats = new Float64Array(2 * msg.files.length).fill(NaN);
  msg.files.forEach((f, k) => {
    const st = statSync(f, { throwIfNoEntry: false });
    if (!st) return;
    stats[2 * k] = st.size;
    stats[2 * k + 1] = st.mtimeMs;
  });
  const reply: HelperReply = { id: msg.id, stats };
  parentPort!.postMessage(reply, [stats.buffer]);
});
