/**
 * Worker thread of the initial scan: reads, decodes and analyses batches of corpus files against
 * the catalog it was last given, and posts the analyses back for the server thread to commit.
 */
import { parentPort } from 'worker_threads';
import type { Entity } from '../core/catalog/types';
import { Recognizer } from '../core/entities/recognizer';
import { analyzeFilesSync } from './fileAnalysis';
import { packAnalyses, packedTransferables, type PackedAnalyses } from './packedAnalyses';
import { lowerThreadPriority } from './threadPriority';

export type WorkerRequest =
  | { readonly type: 'catalog'; readonly generation: number; readonly entities: readonly Entity[] }
  /** People discovered since, whose names the recogniser is to know. */
  | { readonly type: 'learn'; readonly entities: readonly Entity[] }
  | { readonly type: 'analyze'; readonly batch: number; readonly files: readonly string[]; readonly maxFileSize: number }
  /** No more work: the worker closes its port and ends. */
  | { readonly type: 'stop' };

export type WorkerReply = { readonly batch: number; readonly generation: number; readonly packed: PackedAnalyses };

lowerThreadPriority();

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
  const rec = recognizer;
  const gen = generation;
  const results = analyzeFilesSync(msg.files, msg.maxFileSize, rec);
  const reply: WorkerReply = { batch: msg.batch, generation: gen, packed: packAnalyses(results) };
  parentPort!.postMessage(reply, packedTransferables(reply.packed));
});
