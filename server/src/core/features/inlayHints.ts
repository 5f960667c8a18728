/** Inlay hints: after an Arabic mention of an entity with a Latin name, the Latin name. */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver-types';
import type { CorpusIndex } from '../index/corpusIndex';

export function latinInlayHints(index: CorpusIndex, uri: string, text: string, range?: { start: number; end: number }): InlayHint[] {
  const a = index.article(uri);
  if (!a) return [];
  const out: InlayHint[] = [];
  for (const m of index.articleMentions.of(a)) {
    if (range && (m.end < range.start || m.start > range.end)) continue;
    if (m.kind === 'demonym') continue;
    const e = index.figures.entity(m.entity);
    if (!e?.en || /[a-z]/i.test(text.slice(m.start, m.end))) continue;
    out.push({ position: a.lines.positionAt(m.end), label: e.en, paddingLeft: true, kind: InlayHintKind.Type });
  }
  return out;
}
