/**
 * The file system as the workspace sees it, a port: a folder's entries, a file's stat, a file
 * read up to a limit, and the changes a watcher saw. The server gives the workspace the disk
 * (`NodeFileSystem`, whose changes come from the client's file watcher); tests give it files held
 * in memory. Paths are absolute, in the platform's form.
 */

/** A folder's entry; a link answers for what it points to. (Node's `Dirent` is one.) */
export interface DirEntry {
  readonly name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

/** A file's bytes (cut on a character boundary at the limit), or why there are none (`ENOENT` for no file). */
export type ReadResult = { ok: true; bytes: Uint8Array; truncated: boolean; size: number; mtimeMs: number } | { ok: false; reason: string };

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  readonly path: string;
  readonly kind: FileChangeKind;
}

export interface FileSystem {
  /** A folder's entries, in no particular order, links followed (one that points nowhere is left out); rejects when the folder cannot be read. */
  readDirectory(folder: string): Promise<DirEntry[]>;
  /** The path with every link on it resolved; undefined when nothing is there. */
  realPath(path: string): Promise<string | undefined>;
  /**
   * A file's size and modification time; undefined when it is gone. Blocking: a warm start
   * states every listed file, in slices, and a round trip through a thread pool for each would
   * cost more than the stat.
   */
  stat(file: string): FileStat | undefined;
  /** At most `limit` bytes of a file. */
  read(file: string, limit: number): Promise<ReadResult>;
  /** Calls `listener` with the files created, changed or deleted, as they are seen. */
  watch(listener: (changes: readonly FileChange[]) => void): { dispose(): void };
  /** The path as the file system spells it (its case, where case does not count); absent where paths are taken as they come. */
  realCase?(path: string): string | undefined;
}
