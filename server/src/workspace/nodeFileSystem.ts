/**
 * The disk as the workspace's file system (`fileSystem.ts`), and the bounded reads the worker
 * threads use directly: they read the same files, from disk, and are only used with this one.
 * Its changes are those the client's file watcher reports (`workspace/didChangeWatchedFiles`).
 */
import * as fsCb from 'fs';
import { promises as fs, realpathSync } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import type { DirEntry, FileChange, FileStat, FileSystem, ReadResult } from './fileSystem';
import { statOrNothing } from './sharedStats';

export class NodeFileSystem implements FileSystem {
  private readonly listeners = new Set<(changes: readonly FileChange[]) => void>();

  async readDirectory(folder: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    if (!entries.some((d) => d.isSymbolicLink())) return entries;
    const out: DirEntry[] = [];
    for (const d of entries) {
      if (!d.isSymbolicLink()) out.push(d);
      else {
        const st = await fs.stat(path.join(folder, d.name)).catch(() => undefined);
        if (st) out.push({ name: d.name, isFile: () => st.isFile(), isDirectory: () => st.isDirectory() });
      }
    }
    return out;
  }

  realPath(p: string): Promise<string | undefined> {
    return fs.realpath(p).catch(() => undefined);
  }

  stat(file: string): FileStat | undefined {
    return statOrNothing(file);
  }

  read(file: string, limit: number): Promise<ReadResult> {
    return readBounded(file, limit);
  }

  watch(listener: (changes: readonly FileChange[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells the watchers of changes the client's file watcher saw. */
  changed(changes: readonly FileChange[]): void {
    for (const listener of [...this.listeners]) listener(changes);
  }

  realCase(p: string): string | undefined {
    try {
      return realpathSync.native(p);
    } catch {
      return undefined;
    }
  }
}

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
