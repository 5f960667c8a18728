import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IndexSnapshot } from '../../server/src/core/index/corpusIndex';
import { IndexCache, type FileStamp } from '../../server/src/workspace/indexCache';

/** `n` articles whose data arrays hold `len` numbers each, every one of them telling where it is. */
function snapshotOf(n: number, len: (i: number) => number, pad = 0): IndexSnapshot {
  const articles = Array.from({ length: n }, (_, i) => {
    const data = new Uint32Array(len(i));
    for (let k = 0; k < data.length; k++) data[k] = i * 7919 + k;
    return { uri: `file:///corpus/${i}.txt`, headline: `عنوان ${i}`, date: '2025-07-11', data, words: [`كلمة${i % 13}`, 'لافروف'] };
  });
  // `pad` moves every later byte of the file, so that typed arrays fall at every alignment.
  return { entityIds: ['sergey-lavrov'], discovered: [], formTexts: ['لافروف', 'x'.repeat(pad)], articles };
}

describe('persisted index file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const pad of [0, 3]) {
    it(`gives back every article, data array and headline word, also from chunks larger than its read window (header padded by ${pad})`, async () => {
      const logs: string[] = [];
      const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
      // The first 500 articles (one chunk) hold 9 MB of data; the next 4,000 another 13 MB, so
      // that the window is refilled over the bytes of chunks already read.
      const snap = snapshotOf(4500, (i) => (i < 500 ? 4500 : 800 + (i % 9)), pad);
      const stamps = new Map<string, FileStamp>(snap.articles.map((a, i) => [a.uri, { size: 1000 + i, mtimeMs: 1.7e12 + i, hash: i }]));
      await cache.save('catalog-1', stamps, snap);
      const back = await cache.load('catalog-1');
      assert.ok(back, logs.join('\n'));
      assert.equal(back.snapshot.articles.length, 4500);
      assert.deepEqual(back.stamps.get('file:///corpus/650.txt'), { size: 1650, mtimeMs: 1.7e12 + 650, hash: 650 });
      back.snapshot.articles.forEach((a, i) => {
        assert.equal(a.uri, snap.articles[i].uri);
        assert.deepEqual(a.words, snap.articles[i].words, `words of article ${i}`);
        assert.deepEqual([...a.data], [...snap.articles[i].data], `data of article ${i}`);
      });
    });
  }

  it('discards a file cut short, or written under another catalog', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    const snap = snapshotOf(600, () => 50);
    await cache.save('catalog-1', new Map(snap.articles.map((a) => [a.uri, { size: 1, mtimeMs: 1, hash: 1 }])), snap);
    assert.equal(await cache.load('catalog-2'), undefined);
    assert.ok(logs.some((l) => /another catalog; discarded/.test(l)), logs.join('\n'));
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    fs.writeFileSync(path.join(dir, file), bytes.subarray(0, bytes.length - 100));
    assert.equal(await cache.load('catalog-1'), undefined);
    assert.ok(logs.some((l) => /unreadable \(truncated\); discarded/.test(l)), logs.join('\n'));
  });

  it('discards a file whose first length runs past its end, without reading towards it', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    await cache.save('catalog-1', new Map(), snapshotOf(1, () => 10));
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    bytes.writeUInt32LE(0xfffffff0, 0);
    fs.writeFileSync(path.join(dir, file), bytes);
    assert.equal(await cache.load('catalog-1'), undefined);
    assert.deepEqual(logs, ['index cache: unreadable (truncated); discarded']);
  });
});
