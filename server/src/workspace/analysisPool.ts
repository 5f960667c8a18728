/**
 * Worker threads for the initial scan. Reading, decoding and recognition of a large corpus run
 * on them, in parallel, while the server thread only commits their analyses to the index and
 * keeps answering requests. A worker that fails hands its batch back, and the caller analyses
 * those files itself.
 */
import { existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Entity } from '../core/catalog/types';
import type { WorkerReply, WorkerRequest } from './analysisWorker';
import type { FileAnalysis } from './fileAnalysis';
import { unpackAnalyses } from './packedAnalyses';

interface Slot {
  readonly worker: Worker;
  inFlight: number;
  readonly pending: Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>;
}

export class AnalysisPool {
  private slots: Slot[] = [];
  private nextBatch = 0;
  private generation = -1;

  /** A pool of `size` workers; undefined when the worker script is not beside this bundle. */
  static create(log: (m: string) => void, size = defaultSize()): AnalysisPool | undefined {
    const script = path.join(__dirname, 'analysisWorker.js');
    if (size < 1 || !existsSync(script)) return undefined;
    return new AnalysisPool(script, size, log);
  }

  private constructor(private readonly script: string, private readonly size: number, private readonly log: (m: string) => void) {}

  get workers(): number {
    return this.slots.length;
  }

  /**
   * Gives the workers the catalog to recognise against, starting up to `workers` of them (at most
   * the pool's size) if fewer run.
   */
  setCatalog(generation: number, entities: readonly Entity[], workers = this.size): void {
    const fresh = this.ensureStarted(Math.min(workers, this.size));
    const msg: WorkerRequest = { type: 'catalog', generation, entities };
    if (generation === this.generation) {
      for (const s of fresh) s.worker.postMessage(msg);
      return;
    }
    this.generation = generation;
    for (const s of this.slots) s.worker.postMessage(msg);
  }

  /** Passes on people discovered since the catalog was given. */
  learn(entities: readonly Entity[]): void {
    if (entities.length === 0) return;
    const msg: WorkerRequest = { type: 'learn', entities };
    for (const s of this.slots) s.worker.postMessage(msg);
  }

  /** Analyses files on the least busy worker; rejects when no worker is left or one fails. */
  async analyze(files: readonly string[], maxFileSize: number): Promise<FileAnalysis[]> {
    const reply = await this.ask((batch) => ({ type: 'analyze', batch, files, maxFileSize }));
    if (reply.generation !== this.generation) throw new Error('analysed against an older catalog');
    return unpackAnalyses(reply.packed, files);
  }

  private ask(request: (batch: number) => WorkerRequest): Promise<WorkerReply> {
    const slot = this.slots.reduce<Slot | undefined>((best, s) => (!best || s.inFlight < best.inFlight ? s : best), undefined);
    if (!slot) return Promise.reject(new Error('no analysis worker'));
    const batch = this.nextBatch++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      slot.pending.set(batch, { resolve, reject });
      slot.worker.postMessage(request(batch));
    });
  }

  /** Starts workers until `count` run; returns those started. */
  private ensureStarted(count: number): Slot[] {
    const fresh: Slot[] = [];
    while (this.slots.length < count) {
      const s = this.start();
      this.slots.push(s);
      fresh.push(s);
    }
    return fresh;
  }

  /**
   * Stops the workers (they hold a recogniser and a heap each); the next scan starts new ones.
   * Each is asked to end rather than terminated: tearing down a worker's heap from this thread
   * holds up requests (docs/performance.md).
   */
  stop(): void {
    const slots = this.slots;
    this.slots = [];
    this.generation = -1;
    for (const s of slots) for (const p of s.pending.values()) p.reject(new Error('analysis pool stopped'));
    const msg: WorkerRequest = { type: 'stop' };
    for (const s of slots) s.worker.postMessage(msg);
  }

  private start(): Slot {
    const worker = new Worker(this.script);
    worker.unref();
    const slot: Slot = { worker, inFlight: 0, pending: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.batch);
      if (!p) return;
      slot.pending.delete(reply.batch);
      slot.inFlight--;
      p.resolve(reply);
    });
    const fail = (why: string) => {
      this.log(`analysis worker stopped: ${why}`);
      this.slots = this.slots.filter((s) => s !== slot);
      for (const p of slot.pending.values()) p.reject(new Error(why));
      slot.pending.clear();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(`exit code ${code}`);
    });
    return slot;
  }
}

/** One worker per core the machine gives this process, at most four. */
function defaultSize(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}
