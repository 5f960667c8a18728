import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Article, HoverCounts, type HeadlineWords, type IndexSnapshot } from '../../server/src/core/index/corpusIndex';
import { articleDataLength } from '../../server/src/core/index/article';
import { contentHash, IndexCache, READ_WINDOW, stampAt, type CachePart, type FileStamp } from '../../server/src/workspace/indexCache';
import { StampTable } from '../../server/src/workspace/stampTable';
import { giveWayWhile, nextTurn } from '../../server/src/workspace/nextTurn';

/** Headline words as a list, from a list or from their numbers in a table. */
function wordList(w: HeadlineWords): string[] {
  if (Array.isArray(w)) return [...w];
  const t = w as Exclude<HeadlineWords, readonly string[]>;
  return [...t.ids.subarray(t.start, t.end)].map((k) => t.table[k]);
}

/** Writes a snapshot's articles to the cache, as the index hands its own over. */
function save(cache: IndexCache, catalog: string, stamps: Map<string, FileStamp>, snap: IndexSnapshot, counts = new HoverCounts(0, [], [])): Promise<void> {
  const words = new Map<Article, readonly string[]>();
  const articles = snap.articles.map((r) => {
    const a = new Article(r.uri, r.headline, r.date, r.source, r.data);
    words.set(a, wordList(r.words));
    return a;
  });
  return cache.save(catalog, (a) => stamps.get(a.uri), { ...snap, articles, counts }, (a) => words.get(a)!);
}

/** A record's own data array (those read back share their part's). */
const own = (r: IndexSnapshot['articles'][number]) => r.data.subarray(r.base ?? 0, (r.base ?? 0) + articleDataLength(r.data, r.base ?? 0));

/** The byte length of each chunk of a cache file, in order. */
function chunkLengths(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const out: number[] = [];
  for (let at = 0; at < bytes.length; at += 4 + out[out.length - 1]) out.push(bytes.readUInt32LE(at));
  return out;
}

/** Reads the cache whole: the parts it handed over, joined, and what `load` returned. */
async function loadAll(cache: IndexCache, catalog: string, memory?: Parameters<IndexCache['load']>[2]) {
  const parts: CachePart[] = [];
  const result = await cache.load(catalog, (p) => parts.push(p), memory);
  const stamps = new Map<string, FileStamp>();
  for (const p of parts) {
    p.snapshot.articles.forEach((a, i) => {
      const st = stampAt(p.stamps, i);
      if (st) stamps.set(a.uri, st);
    });
  }
  return { result, parts, articles: parts.flatMap((p) => p.snapshot.articles), stamps };
}

/** `n` articles whose data arrays hold `len` numbers each, every one of them telling where it is. */
function snapshotOf(n: number, len: (i: number) => number, pad = 0): IndexSnapshot {
  const articles = Array.from({ length: n }, (_, i) => {
    const data = new Uint32Array(len(i));
    for (let k = 0; k < data.length; k++) data[k] = i * 7919 + k;
    // A header that gives the array's length (all of it line starts), as a reader checks.
    data.set([len(i) - 9, 0, 0, 0], 0);
    data[8] = 0;
    return { uri: `file:///corpus/${i}.txt`, headline: `عنوان ${i}`, date: i % 5 ? '2025-07-11' : undefined, source: i % 3 ? 'سبوتنيك' : undefined, data, words: [`كلمة${i % 13}`, 'لافروف'] };
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
      // The first 1,000 articles (one part) hold 18 MB of data, more than the window; the next
      // 3,500 another 11 MB in parts smaller than it, so that the window is refilled over the
      // bytes of parts already read. One article in seven has no stamp (an open document's).
      const snap = snapshotOf(4500, (i) => (i < 1000 ? 4500 : 800 + (i % 9)), pad);
      const stamps = new Map<string, FileStamp>(snap.articles.filter((_, i) => i % 7 !== 3).map((a, i) => [a.uri, { size: 1000 + i, mtimeMs: 1.7e12 + i, hash: i }]));
      // Entity 0 keeps its hover figures: none, as these articles name nobody.
      await save(cache, 'catalog-1', stamps, snap, new HoverCounts(1, [0], [0]));
      const back = await loadAll(cache, 'catalog-1');
      const counts = [{ entity: 0, forms: new Uint32Array(), shared: new Uint32Array(), top: [], latest: undefined }];
      assert.deepEqual(back.result, { articles: 4500, entityIds: snap.entityIds, formTexts: snap.formTexts, counts }, logs.join('\n'));
      assert.ok(back.parts.length > 1);
      assert.equal(back.articles.length, 4500);
      assert.deepEqual([...back.stamps], [...stamps]);
      back.articles.forEach((a, i) => {
        assert.equal(a.uri, snap.articles[i].uri);
        assert.equal(a.headline, snap.articles[i].headline);
        assert.equal(a.date, snap.articles[i].date);
        assert.equal(a.source, snap.articles[i].source);
        assert.deepEqual(wordList(a.words), snap.articles[i].words, `words of article ${i}`);
        assert.deepEqual([...own(a)], [...snap.articles[i].data], `data of article ${i}`);
      });
    });
  }

  // Every alignment of the part's head in the window (its typed arrays may view the window).
  for (const pad of [0, 1, 2, 3]) {
    it(`gives back a part whose head ends in the last bytes of the read window, which then moves on before the part is unpacked (header padded by ${pad})`, async () => {
      const cache = IndexCache.forWorkspace(dir, ['/corpus']);
      // Header, head of part 1, its data, head of part 2 (2,000 articles in all): the first
      // article's data array is sized so that the head of part 2 ends 0 to 3 bytes before the end
      // of the first window; the data of part 2, larger than the window, is read over it.
      const parts = (first: number) => snapshotOf(2000, (i) => (i === 0 ? first : i === 1000 ? 2_200_000 : 10), pad);
      const save1 = async (first: number) => {
        const snap = parts(first);
        await save(cache, 'catalog-1', new Map(snap.articles.map((a, i) => [a.uri, { size: i, mtimeMs: 2 * i, hash: 3 * i }])), snap);
        const [file] = fs.readdirSync(dir);
        return { snap, ends: chunkLengths(path.join(dir, file)).slice(0, 4).reduce((n, c) => n + 4 + c, 0) };
      };
      // Sized by trial: how a string is serialised (one or two bytes a character) may change
      // from one save to the next, and the heads' lengths with it.
      let first = 1_000_000;
      let saved = await save1(first);
      for (let tries = 0; tries < 5 && !(READ_WINDOW - saved.ends >= 0 && READ_WINDOW - saved.ends <= 3); tries++) {
        first += Math.floor((READ_WINDOW - saved.ends) / 4);
        saved = await save1(first);
      }
      const { snap, ends } = saved;
      assert.ok(READ_WINDOW - ends >= 0 && READ_WINDOW - ends <= 3, `head of part 2 ends at ${ends}`);
      const back = await loadAll(cache, 'catalog-1');
      assert.deepEqual(back.result, { articles: 2000, entityIds: snap.entityIds, formTexts: snap.formTexts, counts: [] });
      for (let i = 1000; i < 2000; i++) {
        const a = back.articles[i];
        assert.equal(a.uri, snap.articles[i].uri);
        assert.deepEqual(wordList(a.words), snap.articles[i].words, `words of article ${i}`);
        assert.equal(own(a).length, snap.articles[i].data.length, `data of article ${i}`);
        assert.deepEqual(back.stamps.get(a.uri), { size: i, mtimeMs: 2 * i, hash: 3 * i });
      }
      assert.deepEqual([...own(back.articles[1999])], [...snap.articles[1999].data]);
    });
  }

  it('reads parts into the memory given for them, and into its own where none came or it has another size', async () => {
    const cache = IndexCache.forWorkspace(dir, ['/corpus']);
    const snap = snapshotOf(3500, (i) => 20 + (i % 5));
    await save(cache, 'catalog-1', new Map(), snap);
    let asked: readonly number[] = [];
    const given: (SharedArrayBuffer | undefined)[] = [];
    const back = await loadAll(cache, 'catalog-1', (sizes) => {
      asked = sizes;
      // Part 1 gets none, part 2 memory a word short.
      sizes.forEach((n, p) => (given[p] = p === 1 ? undefined : new SharedArrayBuffer(p === 2 ? n - 4 : n)));
      return (p) => given[p];
    });
    assert.equal(back.result?.articles, 3500);
    // Each part's data arrays, in bytes: 1,000 articles of 22 words on average, then 500.
    assert.deepEqual(asked, [88_000, 88_000, 88_000, 44_000]);
    assert.equal(back.parts.length, 4);
    back.parts.forEach((part, p) => {
      const buffer = part.snapshot.articles[0].data.buffer;
      assert.equal(buffer === given[p], p === 0 || p === 3, `part ${p}`);
      assert.equal(buffer instanceof SharedArrayBuffer, p === 0 || p === 3, `part ${p}`);
    });
    back.articles.forEach((a, i) => assert.deepEqual([...own(a)], [...snap.articles[i].data], `data of article ${i}`));
  });

  it('discards a file whose header gives a part another size than the part has', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    await save(cache, 'catalog-1', new Map(), snapshotOf(1500, () => 30));
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    const headerLength = bytes.readUInt32LE(0);
    const header = v8.deserialize(bytes.subarray(4, 4 + headerLength));
    assert.deepEqual(header.partWords, [30_000, 15_000]);
    for (const partWords of [[30_000, 15_001], [30_001, 15_000], [30_000], [30_000, 15_000, 0], [30_000, 5e9]]) {
      const changed = v8.serialize({ ...header, partWords });
      const length = Buffer.alloc(4);
      length.writeUInt32LE(changed.length);
      fs.writeFileSync(path.join(dir, file), Buffer.concat([length, changed, bytes.subarray(4 + headerLength)]));
      for (const memory of [undefined, (sizes: readonly number[]) => (p: number) => new SharedArrayBuffer(sizes[p])]) {
        logs.length = 0;
        const back = await loadAll(cache, 'catalog-1', memory);
        assert.equal(back.result, undefined, `${partWords}`);
        assert.ok(logs.some((l) => /unreadable \(malformed (part|header)\)/.test(l)), logs.join('\n'));
      }
    }
  });

  it('discards a file in which an article’s data does not have the length its part gives it', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    const snap = snapshotOf(1500, () => 40);
    // The 1,200th article's header claims one line start more than its array holds.
    snap.articles[1200].data[0]++;
    await save(cache, 'catalog-1', new Map(), snap);
    const back = await loadAll(cache, 'catalog-1');
    assert.equal(back.result, undefined);
    assert.ok(logs.some((l) => /unreadable \(malformed article\)/.test(l)), logs.join('\n'));
  });

  it('discards a file written under another catalog before handing anything over, and says so of a file cut short', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    const snap = snapshotOf(2600, () => 50);
    await save(cache, 'catalog-1', new Map(snap.articles.map((a) => [a.uri, { size: 1, mtimeMs: 1, hash: 1 }])), snap);
    const other = await loadAll(cache, 'catalog-2');
    assert.equal(other.result, undefined);
    assert.equal(other.parts.length, 0);
    assert.ok(logs.some((l) => /another catalog; discarded/.test(l)), logs.join('\n'));
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    // Cut inside the last part's data, and just before it: either way the file is short of articles.
    for (const cut of [100, 4 * 50 * 600 + 4]) {
      fs.writeFileSync(path.join(dir, file), bytes.subarray(0, bytes.length - cut));
      logs.length = 0;
      const short = await loadAll(cache, 'catalog-1');
      assert.equal(short.result, undefined, `cut ${cut}`);
      assert.equal(short.articles.length, 2000, `cut ${cut}`);
      assert.deepEqual(logs, ['index cache: unreadable (truncated); discarded']);
    }
  });

  it('discards a file whose first length runs past its end, without reading towards it', async () => {
    const logs: string[] = [];
    const cache = IndexCache.forWorkspace(dir, ['/corpus']).withLog((m) => logs.push(m));
    await save(cache, 'catalog-1', new Map(), snapshotOf(1, () => 10));
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    bytes.writeUInt32LE(0xfffffff0, 0);
    fs.writeFileSync(path.join(dir, file), bytes);
    const back = await loadAll(cache, 'catalog-1');
    assert.equal(back.result, undefined);
    assert.equal(back.parts.length, 0);
    assert.deepEqual(logs, ['index cache: unreadable (truncated); discarded']);
  });
});

describe('a cache write while the client’s messages wait', () => {
  let dir: string;
  let waiting = false;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-wait-'));
    waiting = false;
    giveWayWhile(() => waiting);
  });
  afterEach(() => {
    giveWayWhile(() => false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('packs a part a few dozen articles at a time, and goes on when they have been handled', async () => {
    const snap = snapshotOf(1000, () => 20);
    const articles = snap.articles.map((r) => new Article(r.uri, r.headline, r.date, r.source, r.data));
    // Each article's words are asked for twice: once for the table of words, once as its part is packed.
    let asked = 0;
    const wordsOf = () => {
      // A message comes as packing begins.
      if (++asked === articles.length + 1) waiting = true;
      return ['لافروف'];
    };
    const cache = IndexCache.forWorkspace(dir, ['/corpus']);
    let written = false;
    const writing = cache.save('catalog-1', () => ({ size: 1, mtimeMs: 1, hash: 1 }), { ...snap, articles, counts: new HoverCounts(0, [], []) }, wordsOf).then(() => (written = true));
    // Until the message comes (after the file is opened and the table of words made), then some turns more.
    for (let i = 0; i < 500 && !waiting; i++) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 20; i++) await nextTurn();
    assert.equal(written, false);
    assert.ok(asked > articles.length && asked <= articles.length + 100, `${asked - articles.length} articles packed while a message waited`);
    waiting = false;
    await writing;
    assert.equal(asked, 2 * articles.length);
    assert.equal((await cache.load('catalog-1', () => undefined))?.articles, 1000);
  });
});

describe('file stamps by article number', () => {
  it('keeps each number’s stamp apart, grows for high numbers and forgets a deleted one', () => {
    const t = new StampTable();
    assert.equal(t.get(0), undefined);
    t.set(0, 10, 1.7e12 + 0.5, 2 ** 52 - 1);
    t.set(5000, 20, 1.8e12, 7);
    assert.deepEqual(t.get(0), { size: 10, mtimeMs: 1.7e12 + 0.5, hash: 2 ** 52 - 1 });
    assert.deepEqual(t.get(5000), { size: 20, mtimeMs: 1.8e12, hash: 7 });
    assert.equal(t.has(4999), false);
    assert.equal(t.get(10 ** 6), undefined);
    t.delete(0);
    assert.equal(t.get(0), undefined);
    assert.deepEqual(t.get(5000), { size: 20, mtimeMs: 1.8e12, hash: 7 });
  });
});

describe('content hash', () => {
  it("is the first 52 bits of the bytes' SHA-1, as caches written before hold it (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10000 }), (bytes) => {
        assert.equal(contentHash(bytes), parseInt(createHash('sha1').update(bytes).digest('hex').slice(0, 13), 16));
      }),
    );
    assert.equal(contentHash(Buffer.from('abc')), 0xa9993e3647068);
  });
});
