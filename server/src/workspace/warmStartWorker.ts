/**
 * Worker thread that helps a warm start (see `WarmStartHelper`): it allocates and first touches
 * the memory the persisted index is read into, and stats the listed files. Kept apart from the
 * scan's analysis worker, whose code makes it slower to start (ready to answer in 69 to 82 ms
 * against 51 to 64 ms on the machine the benchmark ran on).
 */
import { parentPort } from 'worker_threads';
import { statChunk, takeChunk, type StatShare } from './sharedStats';
import { lowerThreadPriority } from './threadPriority';

export type HelperRequest =
  /** Shared memory of this many bytes, sent at once, then written to page by page. */
  | { readonly type: 'memory'; readonly id: number; readonly bytes: number }
  /** The listed files' sizes and modification times, chunk by chunk until none is left to take. */
  | { readonly type: 'stat'; readonly id: number; readonly share: StatShare }
  /** No more work: the worker closes its port and ends. */
  | { readonly type: 'stop' };

export type HelperReply =
  | { readonly id: number; readonly memory: SharedArrayBuffer }
  /** No chunk of stats is left to take; the worker's are done. */
  | { readonly id: number; readonly stated: true };

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
    // Sent before it is touched: the reader fills it from the start, behind this loop (which
    // went through 150 MB in 0.55 s with 4 KiB pages, and the reader at about 125 MB/s).
    const reply: HelperReply = { id: msg.id, memory };
    parentPort!.postMessage(reply);
    // Written to, page by page (freshly mapped memory reads as zeros without being touched), by
    // an atomic or with 0: the reader may have written there already, and that stands.
    const bytes = new Uint8Array(memory);
    for (let i = 0; i < bytes.length; i += PAGE_SIZE) Atomics.or(bytes, i, 0);
    return;
  }
  for (let c = takeChunk(msg.share); c >= 0; c = takeChunk(msg.share)) statChunk(msg.share, c);
  const reply: HelperReply = { id: msg.id, stated: true };
  parentPort!.postMessage(reply);
});
