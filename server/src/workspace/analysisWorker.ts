/**
 * Worker thread of the initial scan: reads, decodes and analyses batches of corpus files against
 * the catalog it was last given, and posts the analyses back for the server thread to commit.
 */
import { statSync } from 'fs';
import { parentPort } from 'worker_threads';
import type { Entity } from '../core/catalog/types';
import { Recognizer } from '../core/entities/recognizer';
import { analyzeFileSync, transferables, type FileAnalysis } from './fileAnalysis';
import { lowerThreadPriority } from './threadPriority';

export type WorkerRequest =
  | { readonly type: 'catalog'; readonly generation: number; readonly entities: readonly Entity[] }
  /** People discovered since, whose names the recogniser is to know. */
  | { readonly type: 'learn'; readonly entities: readonly Entity[] }
  | { readonly type: 'analyze'; readonly batch: number; readonly files: readonly string[]; readonly maxFileSize: number }
  /** Each file's size and modification time (NaN for a file that is gone), for a warm start. */
  | { readonly type: 'stat'; readonly batch: number; readonly files: readonly string[] }
  /** Memory to allocate and touch (see `AnalysisPool.memory`). */
  | { readonly type: 'memory'; readonly batch: number; readonly bytes: number }
  /** No more work: the worker closes its port and ends. */
  | { readonly type: 'stop' };

export type WorkerReply =
  | { readonly batch: number; readonly generation: number; readonly results: FileAnalysis[] }
  /** Size and modification time of file k at 2k and 2k + 1. */
  | { readonly batch: number; readonly stats: Float64Array }
  | { readonly batch: number; readonly memory: SharedArrayBuffer };

lowerThreadPriority();

/** Bytes in a page of memory (4 KiB on the machines this runs on; a smaller stride is only slower). */
const PAGE_SIZE = 4096;

let recognizer = new Recognizer([]);
let generation = -1;

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'catalog') {
    recognizer = new Recognizer(msg.entities);
    generation = msg.generation;
    return;
  }
  if (msg.type === 'stop') {
    parentPort!.close();
    return;
  }
  if (msg.type === 'learn') {
    for (const e of msg.entities) recognizer.learn(e);
    return;
  }
  if (msg.type === 'stat') {
    const stats = new Float64Array(2 * msg.files.length).fill(NaN);
    msg.files.forEach((f, k) => {
      const st = statSync(f, { throwIfNoEntry: false });
      if (!st) return;
      stats[2 * k] = st.size;
      stats[2 * k + 1] = st.mtimeMs;
    });
    const reply: WorkerReply = { batch: msg.batch, stats };
    parentPort!.postMessage(reply, [stats.buffer]);
    return;
  }
  if (msg.type === 'memory') {
    const memory = new SharedArrayBuffer(msg.bytes);
    // Written to, page by page (freshly mapped memory reads as zeros without being touched).
    const bytes = new Uint8Array(memory);
    for (let i = 0; i < bytes.length; i += PAGE_SIZE) bytes[i] = 0;
    const reply: WorkerReply = { batch: msg.batch, memory };
    parentPort!.postMessage(reply);
    return;
  }
  const rec = recognizer;
  const gen = generation;
  const results: FileAnalysis[] = [];
  for (const f of msg.files) {
    try {
      results.push(analyzeFileSync(f, msg.maxFileSize, rec));
    } catch (e) {
      results.push({ file: f, ok: false, missing: false, reason: `analysis failed: ${(e as Error).message}` });
    }
  }
  const reply: WorkerReply = { batch: msg.batch, generation: gen, results };
  parentPort!.postMessage(reply, transferables(results));
});
