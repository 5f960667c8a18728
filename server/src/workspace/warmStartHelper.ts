/**
 * A worker thread that helps a warm start of a large persisted index (`warmStartWorker.ts`,
 * bundled as `dist/warmStartWorker.js`): the first touch of fresh memory is costly (a page fault
 * each 4 KiB; 0.55 s for the 150 MB of arrays of 100,000 articles on the machines the benchmark
 * ran on), and so are 100,000 stats (0.7 s); done there, they run beside the thread that
 * restores the index. Requests are answered in the order they are made.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
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

  /** Each file's size and modification time, stated on the worker: size of file k at 2k, time at 2k + 1 (NaN for a file that is gone). */
  async stat(files: readonly string[]): Promise<Float64Array> {
    const reply = await this.ask((id) => ({ type: 'stat', id, files }));
    if (!('stats' in reply) || reply.stats.length !== 2 * files.length) throw new Error('not the stats asked for');
    return reply.stats;
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
