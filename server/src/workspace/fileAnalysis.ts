/**
 * One corpus file, read, decoded and analysed: the unit of work of the initial scan, done on a
 * worker thread (analysisWorker.ts) or, for small scans, on the server's own thread.
 */
import type { Recognizer } from '../core/entities/recognizer';
import { analyzeArticle, type ArticleAnalysis } from '../core/index/analysis';
import { decode } from '../core/text/decode';
import { readBounded, readBoundedSync, type ReadResult } from './corpusFiles';
import { contentHash, type FileStamp } from './indexCache';

export type FileAnalysis =
  | { readonly file: string; readonly ok: true; readonly stamp: FileStamp; readonly truncated: boolean; readonly analysis: ArticleAnalysis }
  | { readonly file: string; readonly ok: false; readonly missing: boolean; readonly reason: string };

export async function analyzeFile(file: string, maxFileSize: number, recognizer: Recognizer): Promise<FileAnalysis> {
  return analyzeRead(file, await readBounded(file, maxFileSize), recognizer, true);
}

/** `analyzeFile` with blocking reads, for worker threads (whose posted results are copies). */
export function analyzeFileSync(file: string, maxFileSize: number, recognizer: Recognizer): FileAnalysis {
  return analyzeRead(file, readBoundedSync(file, maxFileSize), recognizer, false);
}

function analyzeRead(file: string, r: ReadResult, recognizer: Recognizer, detach: boolean): FileAnalysis {
  if (!r.ok) return { file, ok: false, missing: r.reason === 'ENOENT', reason: `unreadable: ${r.reason}` };
  const d = decode(r.bytes);
  if (!d.ok) return { file, ok: false, missing: false, reason: d.reason };
  const stamp = { size: r.size, mtimeMs: r.mtimeMs, hash: contentHash(r.bytes) };
  return { file, ok: true, stamp, truncated: r.truncated, analysis: analyzeArticle(d.text, recognizer, detach) };
}
