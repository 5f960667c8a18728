/** Folding ranges of an article: its site chrome (as comments), its body, and each paragraph. */
import type { FoldingRange } from 'vscode-languageserver-types';
import { parseArticle } from '../article/structure';
import type { CorpusIndex } from '../index/corpusIndex';

export function foldingRanges(index: CorpusIndex, uri: string, text: string): FoldingRange[] {
  const a = index.article(uri);
  if (!a) return [];
  const structure = parseArticle(text);
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: string) => {
    const s = a.lines.positionAt(start).line;
    const e = a.lines.positionAt(end).line;
    if (e > s) out.push({ startLine: s, endLine: e, kind });
  };
  for (const z of structure.boilerplate) add(z.start, z.end, 'comment');
  const ps = structure.paragraphs;
  if (ps.length > 1) add(ps[0].start, ps[ps.length - 1].end, 'region');
  for (const p of ps) add(p.start, p.end);
  return out.sort((x, y) => x.startLine - y.startLine);
}
