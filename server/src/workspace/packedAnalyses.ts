/**
 * A batch of file analyses in the form a worker posts it: its strings in one list, every other
 * field as numbers in one array, and the articles' data arrays one after the other in one array,
 * so that the copy holds no objects or property names and the server thread takes in one
 * buffer, not one an article. Each string is sent as often as it occurs: sending a repeated one
 * once costs the worker more than it saves (docs/performance.md).
 */
import { ownArticleData, type ArticleAnalysis } from '../core/index/analysis';
import type { FileAnalysis } from './fileAnalysis';

export interface PackedAnalyses {
  /** The batch's strings, in the order the fields name them. */
  readonly strings: string[];
  /** Per file, the fields below; a string as its index in `strings`, a missing one as -1. */
  readonly fields: Float64Array;
  /** The data arrays of the analysed files, in order, one after the other. */
  readonly data: Uint32Array;
}

// Per file, in the order of the batch's files (whose names the receiver has already): whether it
// was analysed; then, when it was, the stamp (size, time, hash), flags (1 truncated, 2 mostly
// Arabic), the length of its data array, headline, date, source and three counted lists (forms,
// headline words, discovered people as key, text and role); when it was not, missing and reason.
const ANALYSED = 1;
const FAILED = 0;

export function packAnalyses(results: readonly FileAnalysis[]): PackedAnalyses {
  const strings: string[] = [];
  const id = (s: string | undefined) => (s === undefined ? -1 : strings.push(s) - 1);
  const fields: number[] = [];
  const own: Uint32Array[] = [];
  let words = 0;
  for (const r of results) {
    if (!r.ok) {
      fields.push(FAILED, r.missing ? 1 : 0, id(r.reason));
      continue;
    }
    const a = r.analysis;
    const data = ownArticleData(a);
    own.push(data);
    words += data.length;
    fields.push(ANALYSED, r.stamp.size, r.stamp.mtimeMs, r.stamp.hash, (r.truncated ? 1 : 0) | (r.arabic ? 2 : 0), data.length, id(a.headline), id(a.date), id(a.source));
    fields.push(a.formTexts.length, a.headlineWords.length, a.discovered.length);
    for (const f of a.formTexts) fields.push(id(f));
    for (const w of a.headlineWords) fields.push(id(w));
    for (const d of a.discovered) fields.push(id(d.key), id(d.text), id(d.role));
  }
  const data = new Uint32Array(words);
  let at = 0;
  for (const d of own) {
    data.set(d, at);
    at += d.length;
  }
  return { strings, fields: Float64Array.from(fields), data };
}

/** The buffers posting `packed` moves instead of copying. */
export function packedTransferables(packed: PackedAnalyses): ArrayBuffer[] {
  return [packed.fields.buffer as ArrayBuffer, packed.data.buffer as ArrayBuffer];
}

/** The analyses of `files`, the batch `packed` was made from, in its order. */
export function unpackAnalyses({ strings, fields, data }: PackedAnalyses, files: readonly string[]): FileAnalysis[] {
  const out: FileAnalysis[] = [];
  let at = 0;
  let base = 0;
  const str = () => strings[fields[at++]];
  const maybe = () => {
    const i = fields[at++];
    return i < 0 ? undefined : strings[i];
  };
  const list = (n: number) => {
    const l: string[] = new Array(n);
    for (let k = 0; k < n; k++) l[k] = strings[fields[at++]];
    return l;
  };
  while (at < fields.length) {
    const kind = fields[at++];
    const file = files[out.length];
    if (kind === FAILED) {
      const missing = fields[at++] === 1;
      out.push({ file, ok: false, missing, reason: str() });
      continue;
    }
    const stamp = { size: fields[at], mtimeMs: fields[at + 1], hash: fields[at + 2] };
    const truncated = (fields[at + 3] & 1) === 1;
    const arabic = (fields[at + 3] & 2) === 2;
    const dataBase = base;
    base += fields[at + 4];
    at += 5;
    const headline = str();
    const date = maybe();
    const source = maybe();
    const forms = fields[at];
    const words = fields[at + 1];
    const people = fields[at + 2];
    at += 3;
    const formTexts = list(forms);
    const headlineWords = list(words);
    const discovered: { key: string; text: string; role: string }[] = new Array(people);
    for (let k = 0; k < people; k++) discovered[k] = { key: str(), text: str(), role: str() };
    const analysis: ArticleAnalysis = { headline, date, source, data, dataBase, discovered, formTexts, headlineWords };
    out.push({ file, ok: true, stamp, truncated, analysis, arabic });
  }
  return out;
}
