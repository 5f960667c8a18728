/**
 * Editor aids over an article: semantic tokens (mentions by entity type, and dates), folding
 * ranges, code lenses, entity-name completion and Latin-name inlay hints.
 */
import type { CodeLens, CompletionItem, FoldingRange, InlayHint } from 'vscode-languageserver-types';
import type { EntityType } from '../catalog/types';
import { parseArticle } from '../article/structure';
import type { CorpusIndex } from '../index/corpusIndex';
import { findDates } from '../text/dates';
import { normalizeKey } from '../text/normalize';
import { latinKey } from '../text/transliterate';
import { tokenKeys } from '../text/tokenize';
import { rangeOf } from './ranges';

export const SEMANTIC_TOKEN_TYPES = ['person', 'organisation', 'place', 'topic', 'date'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['demonym', 'discovered', 'boilerplate'] as const;

const TYPE_INDEX: Record<EntityType | 'date', number> = { person: 0, organisation: 1, place: 2, topic: 3, date: 4 };

/** LSP semantic tokens, relative-encoded: [deltaLine, deltaStart, length, type, modifiers]*. */
export function semanticTokens(index: CorpusIndex, uri: string, text: string): number[] {
  const a = index.article(uri);
  if (!a) return [];
  const items: { start: number; end: number; type: number; mods: number }[] = [];
  for (const m of index.mentions(a)) {
    const e = index.entity(m.entity);
    if (!e) continue;
    const mods = (m.kind === 'demonym' ? 1 : 0) | (m.kind === 'discovered' ? 2 : 0) | (m.boilerplate ? 4 : 0);
    items.push({ start: m.start, end: m.end, type: TYPE_INDEX[e.type], mods });
  }
  for (const d of findDates(text)) {
    if (!items.some((i) => i.start < d.end && d.start < i.end)) items.push({ start: d.start, end: d.end, type: TYPE_INDEX.date, mods: 0 });
  }
  items.sort((x, y) => x.start - y.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const it of items) {
    const s = a.lines.positionAt(it.start);
    const e = a.lines.positionAt(it.end);
    // A token never spans lines; cut it at the end of its first line.
    const length = e.line === s.line ? e.character - s.character : a.lines.lineStart(s.line + 1) - it.start - 1;
    if (length <= 0) continue;
    data.push(s.line - prevLine, s.line === prevLine ? s.character - prevChar : s.character, length, it.type, it.mods);
    prevLine = s.line;
    prevChar = s.character;
  }
  return data;
}

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
  return [{ range, command: { title: `${entities} ${entities === 1 ? 'entity' : 'entities'} · ${mentions} mention${mentions === 1 ? '' : 's'}`, command: '' } }];
}

/** Lenses over workspace catalog entries: mentions and articles of each. */
export function catalogLenses(index: CorpusIndex, catalogUri: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const e of index.allEntities()) {
    if (e.source?.uri !== catalogUri) continue;
    const s = index.summary(e.id);
    const title = `${s?.mentions ?? 0} mentions in ${s?.articles ?? 0} articles`;
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
