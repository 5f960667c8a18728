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

/** Bump when the snapshot's shape or the recognition it encodes changes. */
export const CACHE_FORMAT = 4;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** The first 52 bits of the content's SHA-1: a number, not a string, to keep 100,000 stamps small. */
  hash: number;
}

interface CacheFile {
  format: number;
  catalog: string;
  stamps: [string, FileStamp][];
  snapshot: IndexSnapshot;
}

export const contentHash = (bytes: Uint8Array) => parseInt(createHash('sha1').update(bytes).digest('hex').slice(0, 13), 16);

export class IndexCache {
  constructor(private readonly file: string, private readonly log: (m: string) => void) {}

  static forWorkspace(storageDir: string, roots: string[]): IndexCache {
    const key = createHash('sha1').update(roots.join('\n')).digest('hex').slice(0, 12);
    return new IndexCache(path.join(storageDir, `corpus-index-${key}.bin`), () => undefined);
  }

  withLog(log: (m: string) => void): IndexCache {
    return new IndexCache(this.file, log);
  }

  async load(catalog: string): Promise<{ stamps: Map<string, FileStamp>; snapshot: IndexSnapshot } | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file);
    } catch {
      return undefined;
    }
    try {
      const c = deserialize(bytes) as CacheFile;
      if (c?.format !== CACHE_FORMAT) return void this.log(`index cache: format ${c?.format} is not ${CACHE_FORMAT}; discarded`);
      if (c.catalog !== catalog) return void this.log('index cache: built with another catalog; discarded');
      if (!Array.isArray(c.stamps) || !Array.isArray(c.snapshot?.articles)) throw new Error('malformed');
      return { stamps: new Map(c.stamps), snapshot: c.snapshot };
    } catch (e) {
      this.log(`index cache: unreadable (${(e as Error).message}); discarded`);
      return undefined;
    }
  }

  async save(catalog: string, stamps: Map<string, FileStamp>, snapshot: IndexSnapshot): Promise<void> {
    const data: CacheFile = { format: CACHE_FORMAT, catalog, stamps: [...stamps], snapshot };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, serialize(data));
    await fs.rename(tmp, this.file);
  }
}
