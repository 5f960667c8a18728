/**
 * Files held in memory, as the workspace's file system (`FileSystem`), for tests: what is written
 * here the workspace lists, states and reads, and the watcher reports a turn later, as the
 * client's would.
 * It records the files read, and lets a test act while a read is under way.
 */
import * as path from 'path';
import type { DirEntry, FileChange, FileStat, FileSystem, ReadResult } from '../../server/src/workspace/fileSystem';

interface MemoryFile {
  readonly bytes: Uint8Array;
  readonly mtimeMs: number;
}

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, MemoryFile>();
  private readonly listeners = new Set<(changes: readonly FileChange[]) => void>();
  private clock = Date.UTC(2025, 0, 1);
  /** Every file read, in order. */
  readonly reads: string[] = [];
  /** Called as a read has taken the file's bytes and before it returns them (the file may then change). */
  whileReading: ((file: string) => void) | undefined;

  /** Writes a file (a later modification time than any before); the watcher reports it unless `silent`. */
  write(file: string, content: string | Uint8Array, silent = false): void {
    const existed = this.files.has(file);
    this.files.set(file, { bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, mtimeMs: (this.clock += 1000) });
    if (!silent) this.report([{ path: file, kind: existed ? 'changed' : 'created' }]);
  }

  /** A new modification time, the same bytes (silently, as a copy that keeps its content would). */
  touch(file: string): void {
    const f = this.files.get(file)!;
    this.files.set(file, { bytes: f.bytes, mtimeMs: (this.clock += 1000) });
  }

  delete(file: string, silent = false): void {
    this.files.delete(file);
    if (!silent) this.report([{ path: file, kind: 'deleted' }]);
  }

  /** Reports changes on a later turn, as a watcher's notification comes. */
  report(changes: readonly FileChange[]): void {
    setImmediate(() => {
      for (const listener of [...this.listeners]) listener(changes);
    });
  }

  async readDirectory(folder: string): Promise<DirEntry[]> {
    await turn();
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    const entries = new Map<string, DirEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split(path.sep);
      const folderEntry = rest.length > 0;
      entries.set(name, { name, isFile: () => !folderEntry, isDirectory: () => folderEntry });
    }
    if (entries.size === 0) throw new Error(`ENOENT: no such folder, ${folder}`);
    return [...entries.values()];
  }

  async realPath(p: string): Promise<string | undefined> {
    await turn();
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    return this.files.has(p) || [...this.files.keys()].some((f) => f.startsWith(prefix)) ? p : undefined;
  }

  stat(file: string): FileStat | undefined {
    const f = this.files.get(file);
    return f && { size: f.bytes.length, mtimeMs: f.mtimeMs };
  }

  /** The whole file (the tests' files are under any limit). */
  async read(file: string): Promise<ReadResult> {
    this.reads.push(file);
    const f = this.files.get(file);
    this.whileReading?.(file);
    await turn();
    return f ? { ok: true, bytes: f.bytes, truncated: false, size: f.bytes.length, mtimeMs: f.mtimeMs } : { ok: false, reason: 'ENOENT' };
  }

  watch(listener: (changes: readonly FileChange[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/** A later turn of the event loop, as a call to the disk would take. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
