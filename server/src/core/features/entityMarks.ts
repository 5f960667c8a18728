/**
 * The mentions of an article marked by type (people, organisations, places, topics) and its
 * dates: as decoration ranges, which the editor draws behind the text without splitting a
 * line's runs, and as LSP semantic tokens, which colour the letters (an opt-in: the editor lays
 * out each coloured piece of a line on its own, out of right-to-left order).
 */
import { ENTITY_TYPES } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { findDates } from '../text/dates';
import type { Range } from 'vscode-languageserver-types';
import { rangeOf } from './ranges';

/** The entity types' mentions, and dates (`package.json` declares the types' tokens under the same names). */
export const SEMANTIC_TOKEN_TYPES = [...ENTITY_TYPES, 'date'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['demonym', 'discovered', 'boilerplate'] as const;

export type MarkType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/** A mention or date to mark in the editor (the `corpusLens/entityMarks` request's answer). */
export interface EntityMark {
  range: Range;
  type: MarkType;
  /** An adjective mention of a place (الروسي → Russia). */
  demonym: boolean;
  /** A name found from the text, not in any catalog. */
  discovered: boolean;
  /** Inside site chrome or a teaser. */
  boilerplate: boolean;
}

interface Mark extends Omit<EntityMark, 'range'> {
  start: number;
  end: number;
}

/** The article's mentions and the dates no mention covers, in text order. */
function marks(index: CorpusIndex, uri: string, text: string): Mark[] | undefined {
  const a = index.article(uri);
  if (!a) return undefined;
  const items: Mark[] = [];
  for (const m of index.articleMentions.of(a)) {
    const e = index.figures.entity(m.entity);
    if (!e) continue;
    items.push({ start: m.start, end: m.end, type: e.type, demonym: m.kind === 'demonym', discovered: m.kind === 'discovered', boilerplate: m.boilerplate });
  }
  for (const d of findDates(text)) {
    if (!items.some((i) => i.start < d.end && d.start < i.end)) items.push({ start: d.start, end: d.end, type: 'date', demonym: false, discovered: false, boilerplate: false });
  }
  return items.sort((x, y) => x.start - y.start);
}

/** Ranges to draw behind (or under) the text, by type. */
export function entityMarks(index: CorpusIndex, uri: string, text: string): EntityMark[] {
  const a = index.article(uri);
  const items = a && marks(index, uri, text);
  if (!a || !items) return [];
  return items.map(({ start, end, ...rest }) => ({ ...rest, range: rangeOf(a, start, end) }));
}

/** LSP semantic tokens, relative-encoded: [deltaLine, deltaStart, length, type, modifiers]*. */
export function semanticTokens(index: CorpusIndex, uri: string, text: string): number[] {
  const a = index.article(uri);
  const items = a && marks(index, uri, text);
  if (!a || !items) return [];
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const it of items) {
    const s = a.lines.positionAt(it.start);
    const e = a.lines.positionAt(it.end);
    // A token never spans lines; cut it at the end of its first line.
    const length = e.line === s.line ? e.character - s.character : a.lines.lineStart(s.line + 1) - it.start - 1;
    if (length <= 0) continue;
    const mods = (it.demonym ? 1 : 0) | (it.discovered ? 2 : 0) | (it.boilerplate ? 4 : 0);
    data.push(s.line - prevLine, s.line === prevLine ? s.character - prevChar : s.character, length, SEMANTIC_TOKEN_TYPES.indexOf(it.type), mods);
    prevLine = s.line;
    prevChar = s.character;
  }
  return data;
}
