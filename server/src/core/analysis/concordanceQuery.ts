/**
 * What a concordance looks for, and where a text holds it: an entity (its mentions, which the
 * index keeps: every spelling, clitic and short form), a word or phrase compared on the
 * normalised text (hamza, alef maqsura, ta marbuta, diacritics and tatweel folded) with its
 * proclitics optional, or a regular expression over the text as written.
 */
import type { Entity } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { mentionNear } from '../features/navigation';
import { normalizeKey } from '../text/normalize';
import { keyUnitOffset, tokenize, tokenKeys, type Token } from '../text/tokenize';

export type ConcordanceQuery =
  | { readonly kind: 'entity'; readonly id: string }
  | { readonly kind: 'words'; readonly text: string }
  | { readonly kind: 'regex'; readonly pattern: string; readonly ignoreCase?: boolean };

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A word of a query: its key, and its key without the article when it has one. */
interface QueryWord {
  readonly forms: readonly string[];
  /** What every matching token's key ends with (proclitics only come before it). */
  readonly tail: string;
}

/** Finds a query's matches in a text; made once per query, used on every article. */
export interface TextMatcher {
  find(text: string): Span[];
}

/** The matcher of a words or regex query, or why there is none. */
export function textMatcher(q: Exclude<ConcordanceQuery, { kind: 'entity' }>): TextMatcher | { error: string } {
  if (q.kind === 'regex') {
    if (!q.pattern) return { error: 'The regular expression is empty.' };
    try {
      const re = new RegExp(q.pattern, q.ignoreCase ? 'giu' : 'gu');
      return { find: (text) => findRegex(text, re) };
    } catch (e) {
      return { error: `Not a regular expression: ${(e as Error).message}` };
    }
  }
  const words = tokenKeys(q.text).map(queryWord);
  if (words.length === 0) return { error: 'Type a word or phrase (letters or digits).' };
  return { find: (text) => findPhrase(text, tokenize(text), words) };
}

/** The article ال off a key, when a word of two letters or more is left. */
const withoutArticle = (k: string) => (k.length >= 4 && k.startsWith('ال') ? k.slice(2) : k);

function queryWord(key: string): QueryWord {
  const bare = withoutArticle(key);
  return { forms: bare === key ? [key] : [key, bare], tail: bare };
}

/** What may come before a word: a conjunction, a preposition, the article (ل + ال written لل). */
const PROCLITICS = /^[وف]?[بكل]?(?:ال|ل)?$/u;

/**
 * The key units a token's proclitics take when, without them, it reads as the word (0 when it
 * is the word itself); -1 when it is not the word. The article counts as a proclitic either way:
 * العقوبات finds عقوبات and وللعقوبات, عقوبات finds العقوبات (the node then starts after it).
 */
function proclitics(token: Token, w: QueryWord): number {
  const key = token.key;
  if (!key.endsWith(w.tail)) return -1;
  // The longer form first: a query with the article keeps it in the node.
  for (const f of w.forms) if (key.endsWith(f) && PROCLITICS.test(key.slice(0, key.length - f.length))) return key.length - f.length;
  return -1;
}

/**
 * The places the words of `words` follow one another in `tokens` on one line, each with its
 * proclitics optional. A match starts after the first word's proclitics (they are context: و
 * in ولافروف is not the name) and ends with the last word.
 */
export function findPhrase(text: string, tokens: readonly Token[], words: readonly QueryWord[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    const lead = proclitics(tokens[i], words[0]);
    if (lead < 0) continue;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) ok = proclitics(tokens[i + k], words[k]) >= 0;
    if (!ok) continue;
    const last = tokens[i + words.length - 1];
    if (words.length > 1 && lineBreakWithin(text, tokens[i].end, last.start)) continue;
    out.push({ start: lead === 0 ? tokens[i].start : keyUnitOffset(text, tokens[i], lead), end: last.end });
  }
  return out;
}

function lineBreakWithin(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return true;
  return false;
}

/**
 * The non-empty matches of `re` (global), line by line: a pattern never spans lines, and a
 * costly pattern is bounded by the length of a line.
 */
function findRegex(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    re.lastIndex = 0;
    for (const m of line.matchAll(re)) {
      if (m[0].length > 0) out.push({ start: lineStart + m.index, end: lineStart + m.index + m[0].length });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** A short label of the query, for titles and file names. */
export function queryLabel(q: ConcordanceQuery, entityName?: string): string {
  if (q.kind === 'entity') return entityName ?? q.id;
  if (q.kind === 'words') return q.text.trim();
  return `/${q.pattern}/${q.ignoreCase ? 'i' : ''}`;
}

/** The same query, whatever its spacing or spelling variant: what sessions are kept under. */
export function queryKey(q: ConcordanceQuery): string {
  if (q.kind === 'entity') return `entity:${q.id}`;
  if (q.kind === 'words') return `words:${tokenKeys(normalizeKey(q.text)).join(' ')}`;
  return `regex:${q.ignoreCase ? 'i' : ''}:${q.pattern}`;
}

/** The entity named at `offset` of an article (on its name, or just before it), for a concordance of it. */
export function entityAt(index: CorpusIndex, uri: string, offset: number, text: string): { id: string; label: string } | undefined {
  const m = mentionNear(index, uri, offset, text);
  const e = m && index.figures.entity(m.entity);
  return e ? { id: e.id, label: entityLabel(e) } : undefined;
}

/** An entity as a concordance names it: its Arabic name, and its Latin one when it has one. */
export const entityLabel = (e: Entity): string => (e.en ? `${e.ar} (${e.en})` : e.ar);
