/**
 * Worker thread that helps a warm start (see `WarmStartHelper`): it allocates and first touches
 * the memory the persisted index is read into, and stats the listed files. Kept apart from the
 * scan's analysis worker, whose code makes it slower to start (docs/performance.md).
 */
import { parentPort } from 'worker_threads';
import { statChunk, takeChunk, type StatShare } from './sharedStats';
import { lowerThreadPriority } from './threadPriority';

export type HelperRequest =
  /** Shared memory of this many bytes, written to page by page. */
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
    // Written to, page by page: freshly mapped memory reads as zeros without being touched.
    const bytes = new Uint8Array(memory);
    for (let i = 0; i < bytes.length; i += PAGE_SIZE) bytes[i] = 0;
    const reply: HelperReply = { id: msg.id, memory };
    parentPort!.postMessage(reply);
    return;
  }
  for (let c = takeChunk(msg.share); c >= 0; c = takeChunk(msg.share)) statChunk(msg.share, c);
  const reply: HelperReply = { id: msg.id, stated: true };
  parentPort!.postMessage(reply);
});
