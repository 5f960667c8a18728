import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { newStatShare, STAT_CHUNK, statChunk, takeChunk } from '../../server/src/workspace/sharedStats';
import { StatsInProgress } from '../../server/src/workspace/warmStartHelper';

describe('stats shared by the warm start worker and the server thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-stats-'));
  // Two chunks and a bit, a file gone in the middle.
  const files = Array.from({ length: 2 * STAT_CHUNK + 7 }, (_, k) => path.join(dir, `${k}.txt`));
  files.forEach((f, k) => k !== STAT_CHUNK + 3 && fs.writeFileSync(f, 'x'.repeat(k)));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const noPause = async () => undefined;

  /** What stating every file here, one by one, gives. */
  const expected = () => {
    const out = new Float64Array(2 * files.length).fill(NaN);
    files.forEach((f, k) => {
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st) [out[2 * k], out[2 * k + 1]] = [st.size, st.mtimeMs];
    });
    return out;
  };

  it('gives each file its size and time, whoever took its chunk, and NaN for a file gone', async () => {
    const share = newStatShare(files);
    // The worker takes the first chunk, then the server thread joins in.
    const first = takeChunk(share);
    assert.equal(first, 0);
    let workerDone!: () => void;
    const worker = new Promise<void>((r) => (workerDone = r));
    const finished = new StatsInProgress(share, worker).finish(noPause);
    statChunk(share, first);
    workerDone();
    const stats = await finished;
    assert.deepEqual([...stats], [...expected()]);
    assert.ok(Number.isNaN(stats[2 * (STAT_CHUNK + 3)]));
    assert.equal(stats[2 * 5], 5);
    assert.equal(takeChunk(share), -1, 'every chunk was taken');
  });

  it('states here what a failed worker took and left', async () => {
    const share = newStatShare(files);
    takeChunk(share);
    takeChunk(share);
    // The helper's promise settles, whether the worker answered or failed.
    const stats = await new StatsInProgress(share, Promise.resolve()).finish(noPause);
    assert.deepEqual([...stats], [...expected()]);
  });

  it('leaves NaN for a file that cannot be stated, as for one gone', async () => {
    const below = path.join(files[0], 'below.txt');
    assert.throws(() => fs.statSync(below, { throwIfNoEntry: false }), /ENOTDIR/);
    const share = newStatShare([below, files[1]]);
    const stats = await new StatsInProgress(share, Promise.resolve()).finish(noPause);
    assert.ok(Number.isNaN(stats[0]) && Number.isNaN(stats[1]));
    assert.equal(stats[2], 1);
  });

  it('has nothing to state for no files', async () => {
    const share = newStatShare([]);
    assert.equal(takeChunk(share), -1);
    assert.equal((await new StatsInProgress(share, Promise.resolve()).finish(noPause)).length, 0);
  });
});
