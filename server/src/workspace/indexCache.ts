/**
 * The persisted index: a snapshot of the core index with each file's size, modification time and
 * content hash, written to the extension's storage folder. A second start restores the articles
 * whose files are unchanged and indexes only the rest. A cache of another format, another
 * catalog or that fails to parse is discarded, never trusted.
 */
import { createHash, hash as cryptoHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { deserialize, serialize } from 'v8';
import { recordOf, type Article as IndexedArticle, type IndexSnapshot, type IndexSource, type SavedCounts } from '../core/index/corpusIndex';
import { articleDataLength } from '../core/index/article';
import { givenWay, sliced } from './nextTurn';

/** Bump when the file's layout or the recognition it encodes changes. */
export const CACHE_FORMAT = 16;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** The first 52 bits of the content's SHA-1: a number, not a string, to keep many stamps small. */
  hash: number;
}

/**
 * The file is a sequence of chunks, each a 4-byte little-endian length and its bytes: a header
 * (v8-serialised), then for each part of the articles their strings and numbers (v8-serialised)
 * followed by their data arrays as raw bytes, then the hover figures counted over those articles
 * (`SavedCounts`, v8-serialised). A reader hands the index each part as soon as it
 * is read, so that what it allocates for a part dies young instead of waiting for the whole file;
 * the raw bytes are copied once, from the read window or the file, into the memory the index
 * keeps (a v8-serialised typed array would be copied twice on the way; docs/performance.md).
 * Raw numbers are in the machine's byte order: the file never leaves the machine's storage
 * folder.
 */
interface Header {
  format: number;
  catalog: string;
  entityIds: string[];
  discovered: IndexSnapshot['discovered'];
  formTexts: string[];
  /** The distinct headline words, which parts give by number (a word recurs in thousands of headlines; read back, each is one string). */
  wordTable: string[];
  articles: number;
  /** Each part's data arrays, in 32-bit words: a reader can ask for their memory up front (see `load`). */
  partWords: number[];
}
type Article = IndexSnapshot['articles'][number];
/** One part of the articles, without their data arrays (the raw chunk after it). */
interface PartHead {
  uris: string[];
  headlines: string[];
  /** '' for none. */
  dates: string[];
  sources: string[];
  /** Each article's file size, modification time and hash; NaN when it has none (an open document's). */
  stamps: Float64Array;
  /** Each article's data array length, then its number of headline words. */
  lengths: Uint32Array;
  words: Uint32Array;
}

/**
 * What a part of the file gives back: articles under the header's numbering, and their files'
 * stamps, three numbers each in the same order (size, modification time, hash; a NaN size for
 * none, an open document's): see `stampAt`.
 */
export interface CachePart {
  readonly snapshot: IndexSnapshot;
  readonly stamps: Float64Array;
}

/** The stamp of a part's `i`th article, if it has one. */
export function stampAt(stamps: Float64Array, i: number): FileStamp | undefined {
  return Number.isNaN(stamps[3 * i]) ? undefined : { size: stamps[3 * i], mtimeMs: stamps[3 * i + 1], hash: stamps[3 * i + 2] };
}

/**
 * Packs a part for the file, awaiting `pause` every few articles: a part packed in one go would
 * hold up a request coming meanwhile (the write runs while a scan ends, as requests come).
 */
async function packPart(list: readonly IndexedArticle[], stampOf: (a: IndexedArticle) => FileStamp | undefined, wordIds: ReadonlyMap<string, number>, wordsOf: (a: IndexedArticle) => readonly string[], pause: () => Promise<void>): Promise<{ head: PartHead; data: Uint32Array }> {
  // Each article read once, as a record that dies with this part.
  const headlineWords: (readonly string[])[] = new Array(list.length);
  const records: ReturnType<typeof recordOf>[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    if (i % PACKED_AT_ONCE === 0) await pause();
    headlineWords[i] = wordsOf(list[i]);
    records[i] = recordOf(list[i], headlineWords[i]);
  }
  const lengths = new Uint32Array(2 * records.length);
  const stampList = new Float64Array(3 * records.length).fill(NaN);
  let dataLength = 0;
  let wordCount = 0;
  records.forEach((a, i) => {
    lengths[2 * i] = a.data.length;
    lengths[2 * i + 1] = headlineWords[i].length;
    dataLength += a.data.length;
    wordCount += headlineWords[i].length;
    const st = stampOf(list[i]);
    if (st) stampList.set([st.size, st.mtimeMs, st.hash], 3 * i);
  });
  const data = new Uint32Array(dataLength);
  const words = new Uint32Array(wordCount);
  let at = 0;
  let w = 0;
  for (let i = 0; i < records.length; i++) {
    if (i % PACKED_AT_ONCE === 0) await pause();
    const a = records[i];
    data.set(a.data, at);
    at += a.data.length;
    for (const x of headlineWords[i]) words[w++] = wordIds.get(x)!;
  }
  const head = { uris: records.map((a) => a.uri), headlines: records.map((a) => a.headline), dates: records.map((a) => a.date ?? ''), sources: records.map((a) => a.source ?? ''), stamps: stampList, lengths, words };
  return { head, data };
}

/** The part's head with typed arrays of its own: as deserialised, they may view the reader's window. */
function ownHead(h: PartHead): PartHead {
  if (!(h?.stamps instanceof Float64Array) || !(h.lengths instanceof Uint32Array) || !(h.words instanceof Uint32Array)) throw new Error('malformed part');
  return { ...h, stamps: h.stamps.slice(), lengths: h.lengths.slice(), words: h.words.slice() };
}

/**
 * The articles of a part, all holding `data` itself, each from its own `base` (the index adopts
 * the array as it is), and their headline words by number in `wordTable` (every one a string).
 * Dates and sources recur: `intern` makes each one string.
 */
function unpackPart(h: PartHead, data: Uint32Array, wordTable: readonly string[], intern: (s: string) => string | undefined): Article[] {
  const n = Array.isArray(h.uris) ? h.uris.length : -1;
  const ok = (xs: unknown) => Array.isArray(xs) && xs.length === n;
  // Its typed arrays are checked by `ownHead`.
  if (!ok(h.headlines) || !ok(h.dates) || !ok(h.sources) || h.stamps.length !== 3 * n || h.lengths.length !== 2 * n) throw new Error('malformed part');
  for (let k = 0; k < h.words.length; k++) if (h.words[k] >= wordTable.length) throw new Error('malformed words');
  const articles: Article[] = [];
  let at = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const end = at + h.lengths[2 * i];
    const wordsEnd = w + h.lengths[2 * i + 1];
    if (end > data.length || wordsEnd > h.words.length) throw new Error('malformed part');
    const uri = h.uris[i];
    // The articles share the part's array; each one's header must give the length the head does.
    if (articleDataLength(data, at) !== end - at) throw new Error('malformed article');
    const words = { table: wordTable, ids: h.words, start: w, end: wordsEnd };
    articles.push({ uri, headline: h.headlines[i], date: intern(h.dates[i]), source: intern(h.sources[i]), data, base: at, words });
    at = end;
    w = wordsEnd;
  }
  if (at !== data.length) throw new Error('malformed part');
  return articles;
}

/** Articles a write packs between two calls of its pause (see `packPart`). */
const PACKED_AT_ONCE = 50;

/** Articles whose hover figures a write counts between two turns (a few milliseconds' worth). */
const COUNTED_AT_ONCE = 250;

/** Articles a part: reading and restoring one holds the thread some milliseconds at a time. */
const PER_PART = 1000;

/**
 * The first 52 bits of the bytes' SHA-1, a number. With the one-shot `crypto.hash` (Node 20.12
 * on) where there is one, which is faster than a `Hash` object for each small file.
 */
export const contentHash = (bytes: Uint8Array) => parseInt((typeof cryptoHash === 'function' ? cryptoHash('sha1', bytes, 'hex') : createHash('sha1').update(bytes).digest('hex')).slice(0, 13), 16);

/**
 * Reads the cache's chunks one after the other through one reused window: reading the whole file
 * into a new buffer first costs mostly the first touch of so much new memory. What a chunk's
 * values view in the window is copied out by the caller before the next chunk is read.
 */
class ChunkReader {
  private buf = Buffer.allocUnsafe(READ_WINDOW);
  private start = 0;
  private end = 0;
  private pos = 0;

  private constructor(private readonly file: fs.FileHandle, private readonly size: number) {}

  static async open(path: string): Promise<ChunkReader> {
    const file = await fs.open(path, 'r');
    try {
      return new ChunkReader(file, (await file.stat()).size);
    } catch (e) {
      await file.close();
      throw e;
    }
  }

  get fileSize(): number {
    return this.size;
  }

  get done(): boolean {
    return this.start === this.end && this.pos >= this.size;
  }

  async next(): Promise<unknown> {
    await this.fill(4);
    const n = this.buf.readUInt32LE(this.start);
    // A length past the end of the file (a corrupt one) is not read towards.
    const unread = this.size - this.pos + (this.end - this.start);
    if (4 + n > unread) throw new Error('truncated');
    await this.fill(4 + n);
    const value = deserialize(this.buf.subarray(this.start + 4, this.start + 4 + n));
    this.start += 4 + n;
    return value;
  }

  /**
   * The next chunk's bytes in memory of their own (4-byte aligned), or in `into`, which must be
   * the chunk's size; read from the file straight into it past what the window already holds.
   */
  async nextRaw(into?: SharedArrayBuffer): Promise<Uint8Array> {
    await this.fill(4);
    const n = this.buf.readUInt32LE(this.start);
    const unread = this.size - this.pos + (this.end - this.start);
    if (4 + n > unread) throw new Error('truncated');
    if (into && into.byteLength !== n) throw new Error('malformed part');
    this.start += 4;
    const out = new Uint8Array(into ?? new ArrayBuffer(n));
    const held = Math.min(n, this.end - this.start);
    this.buf.copy(out, 0, this.start, this.start + held);
    this.start += held;
    for (let at = held; at < n; ) {
      const { bytesRead } = await this.file.read(out, at, n - at, this.pos);
      if (bytesRead === 0) throw new Error('truncated');
      at += bytesRead;
      this.pos += bytesRead;
    }
    return out;
  }

  close(): Promise<void> {
    return this.file.close();
  }

  /** Makes the window hold at least `need` unread bytes. */
  private async fill(need: number): Promise<void> {
    if (this.end - this.start >= need) return;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.buf.length));
      this.buf.copy(grown, 0, this.start, this.end);
      this.buf = grown;
    } else this.buf.copy(this.buf, 0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
    while (this.end < need) {
      const { bytesRead } = await this.file.read(this.buf, this.end, this.buf.length - this.end, this.pos);
      if (bytesRead === 0) throw new Error('truncated');
      this.end += bytesRead;
      this.pos += bytesRead;
    }
  }
}

/** A cache read whole: how many articles it held, its numbering, and its hover figures (see `IndexPersistence.adoptCounts`). */
export interface LoadedCache {
  readonly articles: number;
  readonly entityIds: readonly string[];
  readonly formTexts: readonly string[];
  readonly counts: readonly SavedCounts[];
}

/** Bytes the reader holds of the file at a time (grown for a larger chunk). */
export const READ_WINDOW = 8 * 1024 * 1024;

export class IndexCache {
  constructor(private readonly file: string, private readonly log: (m: string) => void) {}

  static forWorkspace(storageDir: string, roots: string[]): IndexCache {
    const key = createHash('sha1').update(roots.join('\n')).digest('hex').slice(0, 12);
    return new IndexCache(path.join(storageDir, `corpus-index-${key}.bin`), () => undefined);
  }

  withLog(log: (m: string) => void): IndexCache {
    return new IndexCache(this.file, log);
  }

  /** The size of the cache file in bytes; undefined when there is none (a first start). */
  async size(): Promise<number | undefined> {
    return fs.stat(this.file).then(
      (st) => (st.isFile() ? st.size : undefined),
      () => undefined,
    );
  }

  /**
   * Reads the cache written under `catalog`, handing each part to `take` as it comes, with a
   * turn of the event loop between parts. Returns how many articles the file held once it is read
   * whole; undefined when there is none, it was written under another format or catalog (nothing
   * is handed over), or a part failed to read (the caller drops what it took: a damaged file is
   * not trusted).
   *
   * `memory`, when given, is told the byte size of each part's data arrays as soon as the header
   * gives them, and answers with what it has, when the part is read, of memory of that size to
   * read them into (undefined: the reader allocates its own). The first touch of fresh memory,
   * not the copying, is most of the cost of reading the arrays: memory another thread allocated
   * and touched spares this one.
   * The parts are read once `partsAfter` settles (the header, at once).
   */
  async load(catalog: string, take: (part: CachePart) => void, memory?: (sizes: readonly number[]) => (part: number) => SharedArrayBuffer | undefined, partsAfter?: Promise<unknown>): Promise<LoadedCache | undefined> {
    let reader: ChunkReader;
    try {
      reader = await ChunkReader.open(this.file);
    } catch {
      return undefined;
    }
    try {
      const h = (await reader.next()) as Header;
      if (h?.format !== CACHE_FORMAT) return void this.log(`index cache: format ${h?.format} is not ${CACHE_FORMAT}; discarded`);
      if (h.catalog !== catalog) return void this.log('index cache: built with another catalog; discarded');
      if (!Array.isArray(h.entityIds) || !Array.isArray(h.formTexts) || !Array.isArray(h.discovered) || !Array.isArray(h.wordTable) || typeof h.articles !== 'number') throw new Error('malformed header');
      if (!h.wordTable.every((w) => typeof w === 'string')) throw new Error('malformed words');
      const parts = Math.ceil(h.articles / PER_PART);
      // The parts' sizes are believed only as far as the file could hold them.
      if (!Array.isArray(h.partWords) || h.partWords.length !== parts || !h.partWords.every((w) => Number.isInteger(w) && w >= 0) || 4 * h.partWords.reduce((a, b) => a + b, 0) > reader.fileSize) throw new Error('malformed header');
      const given = memory?.(h.partWords.map((w) => 4 * w));
      await partsAfter;
      const strings = new Map<string, string>();
      const intern = (x: string) => {
        if (!x) return undefined;
        const known = strings.get(x);
        if (known !== undefined) return known;
        strings.set(x, x);
        return x;
      };
      let read = 0;
      for (let p = 0; read < h.articles; p++) {
        const head = ownHead((await reader.next()) as PartHead);
        // Reading the data may move the window the head's arrays view.
        const into = given?.(p);
        const bytes = await reader.nextRaw(into?.byteLength === 4 * h.partWords[p] ? into : undefined);
        if (bytes.length !== 4 * h.partWords[p]) throw new Error('malformed part');
        const articles = unpackPart(head, new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4), h.wordTable, intern);
        take({ snapshot: { entityIds: h.entityIds, discovered: h.discovered, formTexts: h.formTexts, articles }, stamps: head.stamps });
        read += articles.length;
        await givenWay();
      }
      if (read !== h.articles) throw new Error('malformed part');
      const counts = (await reader.next()) as SavedCounts[];
      if (!reader.done) throw new Error('data past the end');
      return { articles: read, entityIds: h.entityIds, formTexts: h.formTexts, counts };
    } catch (e) {
      this.log(`index cache: unreadable (${(e as Error).message}); discarded`);
      return undefined;
    } finally {
      await reader.close();
    }
  }

  /** Writes the index's articles (`stampOf` gives each one's file stamp, `wordsOf` its headline search words). */
  async save(catalog: string, stampOf: (a: IndexedArticle) => FileStamp | undefined, source: IndexSource, wordsOf: (a: IndexedArticle) => readonly string[]): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const out = await fs.open(tmp, 'w');
    // Each chunk goes to the file as soon as it is made: holding them all until the end would
    // double the memory a write takes.
    const put = async (body: Uint8Array) => {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(body.length);
      await out.write(len);
      await out.write(body);
    };
    // Lets waiting requests in at once, and other work every 2 ms.
    const pause = sliced(2);
    try {
      const { entityIds, discovered, formTexts, articles } = source;
      const wordIds = new Map<string, number>();
      const wordTable: string[] = [];
      const partWords: number[] = [];
      for (let i = 0; i < articles.length; i++) {
        if (i % 500 === 0) await pause();
        for (const w of wordsOf(articles[i])) if (!wordIds.has(w)) wordIds.set(w, wordTable.push(w) - 1);
        if (i % PER_PART === 0) partWords.push(0);
        partWords[partWords.length - 1] += articles[i].ownDataLength;
      }
      await put(serialize({ format: CACHE_FORMAT, catalog, entityIds, discovered, formTexts, wordTable, articles: articles.length, partWords } satisfies Header));
      for (let i = 0; i < articles.length; i += PER_PART) {
        const part = articles.slice(i, i + PER_PART);
        const { head, data } = await packPart(part, stampOf, wordIds, wordsOf, pause);
        if (data.length !== partWords[i / PER_PART]) throw new Error('an article changed while the cache was written');
        await put(serialize(head));
        await put(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        await givenWay();
        // Counted in turns of their own, a few milliseconds each: the write runs as a scan ends,
        // while requests come.
        for (let k = 0; k < part.length; k += COUNTED_AT_ONCE) {
          for (const a of part.slice(k, k + COUNTED_AT_ONCE)) source.counts.add(a);
          await givenWay();
        }
      }
      await put(serialize(source.counts.result()));
    } catch (e) {
      await out.close();
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await out.close();
    await fs.rename(tmp, this.file);
  }
}
