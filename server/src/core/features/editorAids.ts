/**
 * Editor aids over an article: folding ranges, code lenses, entity-name completion and
 * Latin-name inlay hints. (Mentions marked by type are in `entityMarks.ts`.)
 */
import type { CodeLens, CompletionItem, FoldingRange, InlayHint } from 'vscode-languageserver-types';
import { parseArticle } from '../article/structure';
import type { CorpusIndex } from '../index/corpusIndex';
import { normalizeKey } from '../text/normalize';
import { latinKey } from '../text/transliterate';
import { tokenKeys } from '../text/tokenize';
import { rangeOf } from './ranges';

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

/** A lens on the headline: how many entities and mentions the article holds. */
export function articleLenses(index: CorpusIndex, uri: string): CodeLens[] {
  const a = index.article(uri);
  if (!a || (a.headline.synthetic && a.headline.end === 0)) return [];
  const mentions = a.mentionTotal;
  const range = rangeOf(a, a.headline.start, a.headline.start);
  const entities = a.entityCount;
  const title = `${entities} ${entities === 1 ? 'entity' : 'entities'} · ${mentions} mention${mentions === 1 ? '' : 's'}`;
  // Few names found: the names this corpus needs may be the user's to add.
  if (entities < FEW_ENTITIES) return [{ range, command: { title: `${title} — few names found: add yours to the workspace catalog`, command: 'corpusLens.openCatalog' } }];
  return [{ range, command: { title, command: '' } }];
}

/** Below this many entities an article's lens offers the workspace catalog. */
const FEW_ENTITIES = 3;

/** Lenses over workspace catalog entries: mentions and articles of each. */
export function catalogLenses(index: CorpusIndex, catalogUri: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const e of index.allEntities()) {
    if (e.source?.uri !== catalogUri) continue;
    const s = index.summary(e.id);
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const title = `${n(s?.mentions ?? 0, 'mention')} in ${n(s?.articles ?? 0, 'article')}`;
    out.push({ range: { start: e.source.range.start, end: e.source.range.start }, command: { title, command: s?.mentions ? 'corpusLens.showMentions' : '', arguments: s?.mentions ? [e.id] : undefined } });
  }
  return out;
}

/** Entity names whose Arabic key or Latin form starts with the word being typed. */
export function completions(index: CorpusIndex, uri: string, offset: number, text: string): CompletionItem[] {
  let from = offset;
  while (from > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[from - 1])) from--;
  const typed = text.slice(from, offset);
  if (typed.length < 2) return [];
  const key = normalizeKey(typed);
  const latin = /[a-z]/i.test(typed) ? latinKey(typed) : '';
  const out: CompletionItem[] = [];
  for (const e of index.allEntities()) {
    const names = [e.ar, ...(e.aliases ?? [])];
    // Any word of a name may be the one being typed (لافر… → سيرغي لافروف).
    const hit = names.find((n) => tokenKeys(n).some((k) => k.startsWith(key))) ?? (latin && e.en && (e.en.toLowerCase().split(/\s+/).some((w) => w.startsWith(typed.toLowerCase())) || latinKey(e.en).startsWith(latin)) ? e.ar : undefined);
    if (!hit) continue;
    const s = index.summary(e.id);
    out.push({
      label: hit,
      kind: e.type === 'person' ? 7 : e.type === 'place' ? 9 : e.type === 'organisation' ? 22 : 20,
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

/** After an Arabic mention of an entity with a Latin name: the Latin name, as a hint. */
export function latinInlayHints(index: CorpusIndex, uri: string, text: string, range?: { start: number; end: number }): InlayHint[] {
  const a = index.article(uri);
  if (!a) return [];
  const out: InlayHint[] = [];
  for (const m of index.mentions(a)) {
    if (range && (m.end < range.start || m.start > range.end)) continue;
    if (m.kind === 'demonym') continue;
    const e = index.entity(m.entity);
    if (!e?.en || /[a-z]/i.test(text.slice(m.start, m.end))) continue;
    out.push({ position: a.lines.positionAt(m.end), label: e.en, paddingLeft: true, kind: 1 });
  }
  return out;
}
