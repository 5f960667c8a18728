/**
 * A worker thread that helps a warm start of a large persisted index (`warmStartWorker.ts`,
 * bundled as `dist/warmStartWorker.js`): the first touch of fresh memory is costly (a page fault
 * each 4 KiB), and so are a large corpus's stats (docs/performance.md); done there, they run
 * beside the thread that restores the index. Requests are answered in the order they are made.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { chunkDone, newStatShare, statChunk, takeChunk, type StatShare } from './sharedStats';
import type { HelperReply, HelperRequest } from './warmStartWorker';

export class WarmStartHelper {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: HelperReply) => void; reject: (e: Error) => void }>();

  /** Starts the worker; undefined when its script is not beside this bundle. */
  static start(log: (m: string) => void): WarmStartHelper | undefined {
    const script = path.join(__dirname, 'warmStartWorker.js');
    return existsSync(script) ? new WarmStartHelper(new Worker(script), log) : undefined;
  }

  private constructor(private readonly worker: Worker, log: (m: string) => void) {
    worker.unref();
    worker.on('message', (reply: HelperReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    const fail = (why: string) => {
      if (this.pending.size > 0) log(`warm start worker stopped: ${why}`);
      for (const p of this.pending.values()) p.reject(new Error(why));
      this.pending.clear();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
  }

  /** Shared memory of `bytes` bytes, allocated and touched page by page on the worker. */
  async memory(bytes: number): Promise<SharedArrayBuffer> {
    const reply = await this.ask((id) => ({ type: 'memory', id, bytes }));
    if (!('memory' in reply) || reply.memory.byteLength !== bytes) throw new Error('not the memory asked for');
    return reply.memory;
  }

  /**
   * Starts stating `files` on the worker; `StatsInProgress.finish` has the caller state what is
   * left, with the worker, and gives the stats.
   */
  stat(files: readonly string[]): StatsInProgress {
    const share = newStatShare(files);
    // Settles when the worker has no chunk left or has failed: which chunks are done, the shared
    // memory tells.
    const worker = this.ask((id) => ({ type: 'stat', id, share })).then(
      () => undefined,
      () => undefined,
    );
    return new StatsInProgress(share, worker);
  }

  /** Asks the worker to end once it has answered what it was asked (it holds a heap of its own). */
  stop(): void {
    const msg: HelperRequest = { type: 'stop' };
    this.worker.postMessage(msg);
  }

  private ask(request: (id: number) => HelperRequest): Promise<HelperReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request(id));
    });
  }
}

/** Stats stated on the worker, which the caller joins in when it is ready (see `sharedStats.ts`). */
export class StatsInProgress {
  constructor(
    private readonly share: StatShare,
    private readonly worker: Promise<void>,
  ) {}

  /**
   * States the chunks nobody has taken yet, here, a chunk at a time with `pause` between (a
   * request may come in); then waits for the worker's last chunk. Chunks the worker took but did
   * not finish (it failed) are stated here. Size of file k at 2k, time at 2k + 1, NaN for a file
   * that is gone.
   */
  async finish(pause: () => Promise<void>): Promise<Float64Array> {
    const s = this.share;
    for (let c = takeChunk(s); c >= 0; c = takeChunk(s)) {
      statChunk(s, c);
      await pause();
    }
    await this.worker;
    for (let c = 0; c < s.done.length; c++) if (!chunkDone(s, c)) statChunk(s, c);
    return s.stats;
  }
}
