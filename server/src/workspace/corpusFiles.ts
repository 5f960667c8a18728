/** The server's file system access: listing corpus files by glob and reading them, bounded. */
import * as fsCb from 'fs';
import { promises as fs } from 'fs';
import { promisify } from 'util';
import * as path from 'path';
import picomatch from 'picomatch';
import { isNormalPosixPath } from './fileUris';
import { sliced } from './nextTurn';

export interface CorpusSettings {
  include: string[];
  exclude: string[];
  maxFileSize: number;
}

export function corpusMatcher(root: string, s: CorpusSettings): (file: string) => boolean {
  const inc = picomatch(s.include, { dot: false });
  const exc = picomatch(s.exclude, { dot: true });
  const base = path.resolve(root);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  return (file) => {
    // The listing hands over plain absolute paths under the root: those need no path.relative,
    // which cost more than the glob match itself at 100,000 files.
    const plain = path.sep === '/' && file.startsWith(prefix) && isNormalPosixPath(file);
    const rel = plain ? file.slice(prefix.length) : path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('..') && inc(rel) && !exc(rel);
  };
}

/**
 * Lists matching files under `root`, following symlinks once (loops are cut by real path), in
 * a fixed order: each folder's entries by name. (Sorting the whole list at the end held the
 * thread 50 ms at 100,000 files.) Up to `FOLDERS_AT_ONCE` subfolders are read at a time rather
 * than one after another: a warm start reads the persisted index meanwhile, and a folder at a
 * time then waited for it between every two disk calls (100 folders listed in 1.9 s instead of
 * 0.25 s); all at once, their entries came back together and held a request up 400 ms. A folder
 * reached twice through links is listed under the path whose real path was known first.
 */
export async function listCorpusFiles(root: string, matches: (file: string) => boolean, log: (msg: string) => void): Promise<string[]> {
  const seen = new Set<string>();
  const pause = sliced(4);
  let reading = 0;
  const waiting: (() => void)[] = [];
  const walk = async (dir: string): Promise<string[]> => {
    if (reading === FOLDERS_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
    else reading++;
    let parts: (string | Promise<string[]>)[];
    try {
      parts = await readFolder(dir);
    } finally {
      // The turn passes to a waiting folder (or the count goes down) before the subfolders are awaited.
      const next = waiting.shift();
      if (next) next();
      else reading--;
    }
    const out: string[] = [];
    for (const x of parts) {
      if (typeof x === 'string') out.push(x);
      else for (const f of await x) out.push(f);
    }
    return out;
  };
  /** The folder's matching files, and its subfolders' listings under way, in entry order. */
  const readFolder = async (dir: string): Promise<(string | Promise<string[]>)[]> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return [];
    }
    if (seen.has(real)) return [];
    seen.add(real);
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      log(`cannot list ${dir}: ${(e as Error).message}`);
      return [];
    }
    const parent = dir.endsWith(path.sep) ? dir : dir + path.sep;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const parts: (string | Promise<string[]>)[] = [];
    for (let k = 0; k < entries.length; k++) {
      // A few milliseconds of entries at a time, shared by the folders being read; none while
      // the client's messages wait (a folder of a thousand entries takes milliseconds).
      if (k % 64 === 0) await pause();
      const d = entries[k];
      // `dir` is resolved already, and an entry's name holds no separator: joining by hand is exact.
      const p = parent + d.name;
      if (d.name === 'node_modules' || d.name === '.git') continue;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try {
          const st = await fs.stat(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) parts.push(walk(p));
      else if (isFile && matches(p)) parts.push(p);
    }
    return parts;
  };
  return walk(path.resolve(root));
}

/** How many folders a listing reads at a time (see `listCorpusFiles`). */
const FOLDERS_AT_ONCE = 4;

export type ReadResult = { ok: true; bytes: Uint8Array; truncated: boolean; size: number; mtimeMs: number } | { ok: false; reason: string };

const statP = promisify(fsCb.stat);
const readFileP = promisify(fsCb.readFile);
const openP = promisify(fsCb.open);
const readP = promisify(fsCb.read);
const closeP = promisify(fsCb.close);

/**
 * Reads at most `limit` bytes; a larger file is cut at the limit (on a UTF-8 character boundary).
 * Callback-style fs calls: the FileHandle API costs several times more per small file.
 */
export async function readBounded(file: string, limit: number): Promise<ReadResult> {
  try {
    const st = await statP(file);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size <= limit) {
      const bytes = await readFileP(file);
      return { ok: true, bytes, truncated: false, size: st.size, mtimeMs: st.mtimeMs };
    }
    const fd = await openP(file, 'r');
    try {
      const buf = Buffer.alloc(limit);
      const { bytesRead } = await readP(fd, buf, 0, limit, 0);
      return { ok: true, bytes: cutAtCharacter(buf, bytesRead), truncated: true, size: st.size, mtimeMs: st.mtimeMs };
    } finally {
      await closeP(fd);
    }
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

/**
 * `readBounded` with blocking calls, for worker threads, where blocking costs nothing and saves
 * the trips through libuv's thread pool that dominate reading many small files.
 */
export function readBoundedSync(file: string, limit: number, space?: ReadSpace): ReadResult {
  let fd: number | undefined;
  try {
    fd = fsCb.openSync(file, 'r');
    const st = fsCb.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    const want = Math.min(st.size, limit);
    const buf = space?.take(want) ?? Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = fsCb.readSync(fd, buf, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    const truncated = st.size > limit;
    return { ok: true, bytes: truncated ? cutAtCharacter(buf, got) : buf.subarray(0, got), truncated, size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    if (fd !== undefined) fsCb.closeSync(fd);
  }
}

/**
 * One buffer that a run of files is read into, one after the other, so that reading allocates
 * no buffer per file (each a new one that died young). What `take` gave is valid until `reset`.
 */
export class ReadSpace {
  private readonly buf: Buffer;
  private used = 0;

  constructor(readonly size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** `bytes` bytes of the space, or undefined when they do not fit in what is left. */
  take(bytes: number): Buffer | undefined {
    if (this.used + bytes > this.buf.length) return undefined;
    const out = this.buf.subarray(this.used, this.used + bytes);
    this.used += bytes;
    return out;
  }

  /** Gives the whole space again: what `take` gave before is then overwritten. */
  reset(): void {
    this.used = 0;
  }
}

/** The first `length` bytes, cut back to the last whole UTF-8 character. */
function cutAtCharacter(buf: Buffer, length: number): Buffer {
  let end = length;
  while (end > 0 && (buf[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && buf[end - 1] >= 0xc0) end--;
  return buf.subarray(0, end);
}
