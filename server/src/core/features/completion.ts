/** Completion of entity names: those whose Arabic key or Latin form starts with the word being typed. */
import type { CompletionItem } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../catalog/entityTypes';
import type { CorpusIndex } from '../index/corpusIndex';
import { normalizeKey } from '../text/normalize';
import { latinKey } from '../text/transliterate';
import { tokenKeys } from '../text/tokenize';

export function completions(index: CorpusIndex, uri: string, offset: number, text: string): CompletionItem[] {
  let from = offset;
  while (from > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[from - 1])) from--;
  const typed = text.slice(from, offset);
  if (typed.length < 2) return [];
  const key = normalizeKey(typed);
  const latin = /[a-z]/i.test(typed) ? latinKey(typed) : '';
  const out: CompletionItem[] = [];
  for (const e of index.figures.allEntities()) {
    const names = [e.ar, ...(e.aliases ?? [])];
    // Any word of a name may be the one being typed (لافر… → سيرغي لافروف).
    const hit = names.find((n) => tokenKeys(n).some((k) => k.startsWith(key))) ?? (latin && e.en && (e.en.toLowerCase().split(/\s+/).some((w) => w.startsWith(typed.toLowerCase())) || latinKey(e.en).startsWith(latin)) ? e.ar : undefined);
    if (!hit) continue;
    const s = index.figures.summary(e.id);
    out.push({
      label: hit,
      kind: ENTITY_TYPE_INFO[e.type].completionKind,
      detail: [e.en, e.type].filter(Boolean).join(' · '),
      documentation: e.description,
      filterText: `${typed} ${hit} ${e.en ?? ''}`,
      sortText: String(1_000_000 - (s?.mentions ?? 0)).padStart(7, '0'),
      textEdit: { range: { start: positionIn(text, from), end: positionIn(text, offset) }, newText: hit },
    });
    if (out.length >= 100) break;
  }
  return out;
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
