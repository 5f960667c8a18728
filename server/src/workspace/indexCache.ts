/**
 * The persisted index: a snapshot of the core index with each file's size, modification time and
 * content hash, written to the extension's storage folder. A second start restores the articles
 * whose files are unchanged and indexes only the rest. A cache of another format, another
 * catalog or that fails to parse is discarded, never trusted.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { deserialize, serialize } from 'v8';
import type { IndexSnapshot } from '../core/index/corpusIndex';
import { nextTurn } from './nextTurn';

/** Bump when the snapshot's shape or the recognition it encodes changes. */
export const CACHE_FORMAT = 9;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** The first 52 bits of the content's SHA-1: a number, not a string, to keep 100,000 stamps small. */
  hash: number;
}

/**
 * The file is a sequence of chunks, each a 4-byte little-endian length and a v8-serialised value:
 * a header, then stamps and articles 500 at a time, then the table of headline words. Chunks are
 * serialised one by one with a turn of the event loop between them, so that writing the index of
 * a large corpus never holds up a request for long.
 */
interface Header {
  format: number;
  catalog: string;
  entityIds: string[];
  discovered: IndexSnapshot['discovered'];
  formTexts: string[];
}
type Article = IndexSnapshot['articles'][number];
/**
 * Articles travel without their data arrays, which are joined into one array per chunk (v8
 * serialises each typed array through a slow host-object path, so one per chunk instead of one
 * per article makes writing and reading several times faster), and without their headline words,
 * which are numbers into a table of distinct words written after the articles (a word recurs in
 * thousands of headlines; read back, each is one string, not thousands).
 */
interface ArticleChunk {
  articles: Omit<Article, 'data' | 'words'>[];
  /** Each article's data array length, then its number of words. */
  lengths: Uint32Array;
  data: Uint32Array;
  words: Uint32Array;
}
type Chunk = { stamps: [string, FileStamp][] } | ArticleChunk | { wordTable: string[] };

function packArticles(list: readonly Article[], wordId: (w: string) => number): ArticleChunk {
  const lengths = new Uint32Array(2 * list.length);
  let dataLength = 0;
  let wordCount = 0;
  list.forEach((a, i) => {
    lengths[2 * i] = a.data.length;
    lengths[2 * i + 1] = a.words.length;
    dataLength += a.data.length;
    wordCount += a.words.length;
  });
  const data = new Uint32Array(dataLength);
  const words = new Uint32Array(wordCount);
  let at = 0;
  let w = 0;
  const articles = list.map(({ data: d, words: ws, ...rest }) => {
    data.set(d, at);
    at += d.length;
    for (const x of ws) words[w++] = wordId(x);
    return rest;
  });
  return { articles, lengths, data, words };
}

/**
 * The articles of a chunk, each data array a view on a copy of the chunk's (the index adopts them
 * as they are; the chunk's own may view the reader's window); their words are filled in from the
 * table once it has been read.
 */
function unpackArticles(c: ArticleChunk, later: { article: Article; ids: Uint32Array }[]): Article[] {
  if (!(c.lengths instanceof Uint32Array) || !(c.data instanceof Uint32Array) || !(c.words instanceof Uint32Array) || c.lengths.length !== 2 * c.articles.length) throw new Error('malformed chunk');
  const data = c.data.slice();
  const words = c.words.slice();
  let at = 0;
  let w = 0;
  return c.articles.map((a, i) => {
    const end = at + c.lengths[2 * i];
    const wordsEnd = w + c.lengths[2 * i + 1];
    if (end > data.length || wordsEnd > words.length) throw new Error('malformed chunk');
    // Completed in place: a copy of each article made 100,000 more objects for the collector.
    const article = a as Article;
    article.data = data.subarray(at, end);
    article.words = [];
    later.push({ article, ids: words.subarray(w, wordsEnd) });
    at = end;
    w = wordsEnd;
    return article;
  });
}

const PER_CHUNK = 500;

export const contentHash = (bytes: Uint8Array) => parseInt(createHash('sha1').update(bytes).digest('hex').slice(0, 13), 16);

/**
 * Reads the cache's chunks one after the other through one reused window. Reading the whole file
 * into a new buffer first cost 0.55 s at 100,000 articles (200 MB), most of it the first touch
 * of so much new memory; a window of a few megabytes costs 0.1 s. What a chunk's values view in
 * the window is copied out by the caller before the next chunk is read.
 */
class ChunkReader {
  private buf = Buffer.allocUnsafe(WINDOW);
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

const WINDOW = 8 * 1024 * 1024;

export class IndexCache {
  constructor(private readonly file: string, private readonly log: (m: string) => void) {}

  static forWorkspace(storageDir: string, roots: string[]): IndexCache {
    const key = createHash('sha1').update(roots.join('\n')).digest('hex').slice(0, 12);
    return new IndexCache(path.join(storageDir, `corpus-index-${key}.bin`), () => undefined);
  }

  withLog(log: (m: string) => void): IndexCache {
    return new IndexCache(this.file, log);
  }

  /** Whether there is a cache file to load (a first start has none). */
  async exists(): Promise<boolean> {
    return fs.stat(this.file).then(
      (st) => st.isFile(),
      () => false,
    );
  }

  async load(catalog: string): Promise<{ stamps: Map<string, FileStamp>; snapshot: IndexSnapshot } | undefined> {
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
      const stamps = new Map<string, FileStamp>();
      const articles: Article[] = [];
      const words: { article: Article; ids: Uint32Array }[] = [];
      let table: string[] | undefined;
      while (!reader.done) {
        const c = (await reader.next()) as Chunk;
        if ('stamps' in c && Array.isArray(c.stamps)) for (const [k, v] of c.stamps) stamps.set(k, v);
        else if ('articles' in c && Array.isArray(c.articles)) articles.push(...unpackArticles(c, words));
        else if ('wordTable' in c && Array.isArray(c.wordTable)) table = c.wordTable;
        else throw new Error('malformed chunk');
        // Deserialising is synchronous too: let requests in between chunks.
        await nextTurn();
      }
      if (!table && words.length > 0) throw new Error('no word table');
      for (const { article, ids } of words) {
        const out: string[] = new Array(ids.length);
        for (let i = 0; i < ids.length; i++) {
          const w = table![ids[i]];
          if (typeof w !== 'string') throw new Error('malformed words');
          out[i] = w;
        }
        article.words = out;
      }
      if (!Array.isArray(h.entityIds) || !Array.isArray(h.formTexts) || !Array.isArray(h.discovered)) throw new Error('malformed header');
      return { stamps, snapshot: { entityIds: h.entityIds, discovered: h.discovered, formTexts: h.formTexts, articles } };
    } catch (e) {
      this.log(`index cache: unreadable (${(e as Error).message}); discarded`);
      return undefined;
    } finally {
      await reader.close();
    }
  }

  async save(catalog: string, stamps: Map<string, FileStamp>, snapshot: IndexSnapshot): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const out = await fs.open(tmp, 'w');
    // Each chunk goes to the file as soon as it is serialised: holding them all until the end
    // doubled the memory a write took (about 200 MB at 100,000 articles).
    const put = async (value: unknown) => {
      const body = serialize(value);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(body.length);
      await out.write(len);
      await out.write(body);
    };
    try {
      await put({ format: CACHE_FORMAT, catalog, entityIds: snapshot.entityIds, discovered: snapshot.discovered, formTexts: snapshot.formTexts } satisfies Header);
      const entries = [...stamps];
      for (let i = 0; i < entries.length; i += PER_CHUNK) {
        await put({ stamps: entries.slice(i, i + PER_CHUNK) });
        await nextTurn();
      }
      const wordIds = new Map<string, number>();
      const wordTable: string[] = [];
      const wordId = (w: string) => {
        let id = wordIds.get(w);
        if (id === undefined) wordIds.set(w, (id = wordTable.push(w) - 1));
        return id;
      };
      for (let i = 0; i < snapshot.articles.length; i += PER_CHUNK) {
        await put(packArticles(snapshot.articles.slice(i, i + PER_CHUNK), wordId));
        await nextTurn();
      }
      await put({ wordTable });
    } catch (e) {
      await out.close();
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await out.close();
    await fs.rename(tmp, this.file);
  }
}
