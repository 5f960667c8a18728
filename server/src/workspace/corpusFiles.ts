/** The server's file system access: listing corpus files by glob and reading them, bounded. */
import * as fsCb from 'fs';
import { promises as fs } from 'fs';
import { promisify } from 'util';
import * as path from 'path';
import picomatch from 'picomatch';
import { pathToFileURL } from 'url';

export interface CorpusSettings {
  include: string[];
  exclude: string[];
  maxFileSize: number;
}

export function corpusMatcher(root: string, s: CorpusSettings): (file: string) => boolean {
  const inc = picomatch(s.include, { dot: false });
  const exc = picomatch(s.exclude, { dot: true });
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('..') && inc(rel) && !exc(rel);
  };
}

/** Lists matching files under `root`, following symlinks once (loops are cut by real path). */
export async function listCorpusFiles(root: string, matches: (file: string) => boolean, log: (msg: string) => void): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string) => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      log(`cannot list ${dir}: ${(e as Error).message}`);
      return;
    }
    for (const d of entries) {
      const p = path.join(dir, d.name);
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
      if (isDir) await walk(p);
      else if (isFile && matches(p)) out.push(p);
    }
  };
  await walk(root);
  return out.sort();
}

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
      let end = bytesRead;
      while (end > 0 && (buf[end - 1] & 0xc0) === 0x80) end--;
      if (end > 0 && buf[end - 1] >= 0xc0) end--;
      return { ok: true, bytes: buf.subarray(0, end), truncated: true, size: st.size, mtimeMs: st.mtimeMs };
    } finally {
      await closeP(fd);
    }
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

export const fileUri = (p: string) => pathToFileURL(p).toString();
