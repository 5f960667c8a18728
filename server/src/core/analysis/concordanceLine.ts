/**
 * A concordance line as shown: the node with the text before and after it on its line (a hit's
 * context never crosses into another paragraph), cut to a width at a word, and where the words
 * the sort keys compare are in it.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Article } from '../index/article';
import { tokenize } from '../text/tokenize';
import { firstEndingAfter, rangeOf } from '../features/ranges';
import { WORD_KEY, type SortKey } from './sortKeys';

export interface ConcordanceLine {
  readonly uri: string;
  readonly date?: string;
  readonly headline: string;
  readonly source?: string;
  /** The node in the article, as offsets (UTF-16) and as an LSP range. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  /** The text before the node on its line, the node, and the text after (each trimmed to the width asked for, at a word). */
  readonly left: string;
  readonly node: string;
  readonly right: string;
  /** The entity the node names, if any. */
  readonly entity?: string;
  /**
   * The words the sort keys compare (1L–3R among the keys asked for), where they are in `left`
   * or `right` (UTF-16 offsets) and the comparison key they sort by; a word cut off by the width is left out.
   */
  readonly sortWords?: readonly SortWord[];
}

export interface SortWord {
  readonly sortKey: SortKey;
  readonly in: 'left' | 'right';
  readonly start: number;
  readonly end: number;
  readonly key: string;
}

/** The hit's words as the sort keys compare them: its vocabulary number at a side and distance (-1: none), and a number's comparison key. */
export interface HitWords {
  readonly sort: readonly SortKey[];
  wordAt(side: 0 | 1, distance: number): number;
  keyOf(word: number): string;
}

/** The line of the hit `[start, end)` in an article's text, `width` characters of context either side at most. */
export function concordanceLine(a: Article, text: string, start: number, end: number, width: number, entity: string | undefined, words: HitWords): ConcordanceLine {
  start = Math.min(start, text.length);
  end = Math.min(end, text.length);
  const { from, to } = lineAround(text, start, end);
  const leftFrom = leftCut(text, Math.max(from, start - width), start);
  const rightTo = rightCut(text, end, Math.min(to, end + width));
  return {
    uri: a.uri,
    date: a.date,
    headline: a.headline.text,
    source: a.source,
    start,
    end,
    range: rangeOf(a, start, end),
    left: text.slice(leftFrom, start),
    node: text.slice(start, end),
    right: text.slice(end, rightTo),
    entity,
    sortWords: sortWords(text, { from, to, leftFrom, rightTo, start, end }, words),
  };
}

/** Where the words of the word sort keys are in a line's left and right text. */
function sortWords(text: string, at: { from: number; to: number; leftFrom: number; rightTo: number; start: number; end: number }, words: HitWords): SortWord[] | undefined {
  const wanted = words.sort.filter((k) => WORD_KEY[k]);
  if (wanted.length === 0) return undefined;
  const tokens = tokenize(text, at.from, at.to);
  const first = firstEndingAfter(tokens, at.start);
  const last = firstEndingAfter(tokens, Math.max(at.start, at.end - 1));
  const out: SortWord[] = [];
  for (const sortKey of wanted) {
    const { side, distance } = WORD_KEY[sortKey]!;
    const t = tokens[side === 0 ? first - 1 - distance : last + 1 + distance];
    const id = words.wordAt(side, distance);
    if (!t || id < 0) continue;
    if (side === 0 && t.start >= at.leftFrom) out.push({ sortKey, in: 'left', start: t.start - at.leftFrom, end: t.end - at.leftFrom, key: words.keyOf(id) });
    if (side === 1 && t.end <= at.rightTo) out.push({ sortKey, in: 'right', start: t.start - at.end, end: t.end - at.end, key: words.keyOf(id) });
  }
  return out;
}

/** The line holding `[start, end)`: the context of a hit never crosses into another paragraph. */
export function lineAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && text.charCodeAt(from - 1) !== 10 && text.charCodeAt(from - 1) !== 13) from--;
  let to = end;
  while (to < text.length && text.charCodeAt(to) !== 10 && text.charCodeAt(to) !== 13) to++;
  return { from, to };
}

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);

/** Where the text before the node starts, `from` moved on past a word it cuts and past spaces. */
function leftCut(text: string, from: number, to: number): number {
  let s = from;
  if (!isSpace(text[s - 1])) while (s < to && !isSpace(text[s])) s++;
  while (s < to && isSpace(text[s])) s++;
  return s;
}

/** Where the text after the node ends, `to` moved back before a word it cuts and before spaces. */
function rightCut(text: string, from: number, to: number): number {
  let e = to;
  if (!isSpace(text[e])) while (e > from && !isSpace(text[e - 1])) e--;
  while (e > from && isSpace(text[e - 1])) e--;
  return e;
}
