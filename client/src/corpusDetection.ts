/**
 * Whether a workspace is a corpus, so that a software project holding a `requirements.txt` or a
 * licence file gets no server and no sidebar: it has a `.corpus-lens/` folder, or the
 * `corpusLens.include` setting set for it, or `.txt` files whose text is mostly Arabic (a sample
 * of them, each read in part).
 */
import * as vscode from 'vscode';
import { decode } from '../../server/src/core/text/decode';
import { isMostlyArabic } from '../../server/src/core/text/script';
import { CATALOG_FOLDER, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, includeSetIn } from './settings';

const SAMPLE_FILES = 24;
const SAMPLE_BYTES = 4096;

export type CorpusReason = 'catalog folder' | 'include setting' | 'Arabic text files';

export async function corpusReason(): Promise<CorpusReason | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const f of folders) {
    const stat = await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, CATALOG_FOLDER))).catch(() => undefined);
    if (stat && stat.type & vscode.FileType.Directory) return 'catalog folder';
  }
  if (folders.some((f) => includeSetIn(f.uri))) return 'include setting';
  const files = await vscode.workspace.findFiles(DEFAULT_INCLUDE, DEFAULT_EXCLUDE, SAMPLE_FILES);
  let arabic = 0;
  for (const uri of files) {
    const bytes = await Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
    const text = bytes && decode(sampleOf(bytes));
    if (text?.ok && isMostlyArabic(text.text)) arabic++;
  }
  // Half of the sample: a corpus may hold a few notes or a README beside its articles.
  return files.length > 0 && arabic * 2 >= files.length ? 'Arabic text files' : undefined;
}

/** The file's first bytes, cut before a UTF-8 continuation byte so that the sample decodes as the file does. */
function sampleOf(bytes: Uint8Array): Uint8Array {
  let end = Math.min(bytes.length, SAMPLE_BYTES);
  while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
