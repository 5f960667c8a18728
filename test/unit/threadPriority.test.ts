import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';

/** Niceness of a thread, from its /proc stat line (the 19th field; the name may hold spaces). */
const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

describe('background thread priority', () => {
  it('lowers the calling worker thread only, not the thread that answers requests (on Linux; elsewhere it does nothing)', async () => {
    const mainBefore = process.platform === 'linux' ? niceOf(readFileSync('/proc/thread-self/stat', 'utf8')) : 0;
    const module = path.join(__dirname, '../../server/src/workspace/threadPriority.ts');
    const worker = new Worker(
      `const { parentPort } = require('worker_threads');
       const { lowerThreadPriority } = require(${JSON.stringify(module)});
       const lowered = lowerThreadPriority(19);
       parentPort.postMessage({ lowered, stat: lowered ? require('fs').readFileSync('/proc/thread-self/stat', 'utf8') : '' });`,
      { eval: true, execArgv: ['--require', 'tsx/cjs'] },
    );
    const reply = await new Promise<{ lowered: boolean; stat: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    if (process.platform !== 'linux') return assert.equal(reply.lowered, false);
    assert.equal(reply.lowered, true);
    assert.equal(niceOf(reply.stat), 19);
    assert.equal(niceOf(readFileSync('/proc/thread-self/stat', 'utf8')), mainBefore);
  });
});
