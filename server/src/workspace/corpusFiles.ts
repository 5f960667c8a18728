/** Which files are the corpus (globs), and listing them through the workspace's file system. */
import * as path from 'path';
import picomatch from 'picomatch';
import { isNormalPosixPath } from './fileUris';
import type { DirEntry, FileSystem } from './fileSystem';
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
    // which costs more than the glob match itself.
    const plain = path.sep === '/' && file.startsWith(prefix) && isNormalPosixPath(file);
    const rel = plain ? file.slice(prefix.length) : path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('..') && inc(rel) && !exc(rel);
  };
}

/**
 * Lists matching files under `root`, following symlinks once (loops are cut by real path), in
 * a fixed order: each folder's entries by name (sorted folder by folder, which holds the thread
 * less than sorting the whole list). Up to `FOLDERS_AT_ONCE` subfolders are read at a time: a
 * warm start reads the persisted index meanwhile, which one folder at a time would wait for
 * between every two disk calls, and all at once would bring back so many entries together that
 * a request waits for them (docs/performance.md). A folder reached twice through links is
 * listed under the path whose real path was known first.
 */
export async function listCorpusFiles(root: string, matches: (file: string) => boolean, log: (msg: string) => void, files: FileSystem): Promise<string[]> {
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
    const real = await files.realPath(dir);
    if (real === undefined || seen.has(real)) return [];
    seen.add(real);
    let entries: DirEntry[];
    try {
      entries = await files.readDirectory(dir);
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
      if (d.name === 'node_modules' || d.name === '.git') continue;
      // `dir` is resolved already, and an entry's name holds no separator: joining by hand is exact.
      const p = parent + d.name;
      if (d.isDirectory()) parts.push(walk(p));
      else if (d.isFile() && matches(p)) parts.push(p);
    }
    return parts;
  };
  return walk(path.resolve(root));
}

/** How many folders a listing reads at a time (see `listCorpusFiles`). */
const FOLDERS_AT_ONCE = 4;
