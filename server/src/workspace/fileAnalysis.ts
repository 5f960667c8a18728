/**
 * One corpus file, read, decoded and analysed: the unit of work of the initial scan, done on a
 * worker thread (analysisWorker.ts) or, for small scans, on the server's own thread.
 */
import type { Recognizer } from '../core/entities/recognizer';
import { analyzeArticle, type ArticleAnalysis } from '../core/index/analysis';
import { decode } from '../core/text/decode';
import { readsAsArabic } from '../core/text/script';
import type { FileSystem, ReadResult } from './fileSystem';
import { contentHash, type FileStamp } from './indexCache';
import { ReadSpace, readBoundedSync } from './nodeFileSystem';

export type FileAnalysis =
  | { readonly file: string; readonly ok: true; readonly stamp: FileStamp; readonly truncated: boolean; readonly analysis: ArticleAnalysis; readonly arabic: boolean }
  | { readonly file: string; readonly ok: false; readonly missing: boolean; readonly reason: string };

/** One file, read through the workspace's file system, on the server's thread. */
export async function analyzeFile(files: Pick<FileSystem, 'read'>, file: string, maxFileSize: number, recognizer: Recognizer): Promise<FileAnalysis> {
  return analyzeRead(file, await files.read(file, maxFileSize), recognizer, true);
}

/**
 * `analyzeFile` for each of `files`, read from disk with blocking reads, for worker threads
 * (whose posted results are copies). The files are read a run at a time, before their analysis,
 * which costs a worker less than reading between analyses (docs/performance.md). A run ends
 * after `readAhead` bytes: a batch's files, unless they are large.
 */
export function analyzeFilesSync(files: readonly string[], maxFileSize: number, recognizer: Recognizer, readAhead = 1 << 20): FileAnalysis[] {
  const out: FileAnalysis[] = [];
  const space = readSpace(readAhead);
  for (let next = 0; next < files.length; ) {
    const run: ReadResult[] = [];
    // The run's bytes are only read while the run is analysed, before the next one is read.
    space.reset();
    for (let bytes = 0; next + run.length < files.length && bytes < readAhead; ) {
      const r = readBoundedSync(files[next + run.length], maxFileSize, space);
      run.push(r);
      if (r.ok) bytes += r.bytes.length;
    }
    for (const r of run) {
      const file = files[next++];
      try {
        out.push(analyzeRead(file, r, recognizer, false));
      } catch (e) {
        out.push({ file, ok: false, missing: false, reason: `analysis failed: ${(e as Error).message}` });
      }
    }
  }
  return out;
}

/** The thread's read space of `bytes` bytes, kept from call to call (a file past it gets its own buffer). */
let threadSpace: ReadSpace | undefined;
function readSpace(bytes: number): ReadSpace {
  if (threadSpace?.size !== bytes) threadSpace = new ReadSpace(bytes);
  return threadSpace;
}

function analyzeRead(file: string, r: ReadResult, recognizer: Recognizer, detach: boolean): FileAnalysis {
  if (!r.ok) return { file, ok: false, missing: r.reason === 'ENOENT', reason: `unreadable: ${r.reason}` };
  const d = decode(r.bytes);
  if (!d.ok) return { file, ok: false, missing: false, reason: d.reason };
  const stamp = { size: r.size, mtimeMs: r.mtimeMs, hash: contentHash(r.bytes) };
  const arabic = readsAsArabic(d.text);
  return { file, ok: true, stamp, truncated: r.truncated, analysis: analyzeArticle(d.text, recognizer, detach), arabic };
}
