/** Offsets of an article → LSP ranges and locations (UTF-16 positions). */
import type { Location, Range } from 'vscode-languageserver-types';
import type { Article } from '../index/corpusIndex';

export function rangeOf(article: Article, start: number, end: number): Range {
  return { start: article.lines.positionAt(start), end: article.lines.positionAt(end) };
}

export function locationOf(article: Article, start: number, end: number): Location {
  return { uri: article.uri, range: rangeOf(article, start, end) };
}

/** Where an article's headline stands. */
export function headlineLocation(article: Article): Location {
  return locationOf(article, article.headline.start, article.headline.end);
}

/**
 * A few words either side of `[start, end)` on its line (`words` before, `after` after), with the
 * mention's place in the result.
 */
export function keywordInContext(text: string, start: number, end: number, words = 5, after = words): { line: string; matchStart: number; matchEnd: number } {
  let from = start;
  let count = 0;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') {
    if (/\s/.test(text[from - 1]) && !/\s/.test(text[from])) if (++count > words) break;
    from--;
  }
  let to = end;
  count = 0;
  while (to < text.length && text[to] !== '\n' && text[to] !== '\r') {
    if (/\s/.test(text[to]) && to > end && !/\s/.test(text[to - 1])) if (++count >= after) break;
    to++;
  }
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const line = raw.trim();
  return { line, matchStart: start - from - lead, matchEnd: end - from - lead };
}

/** The first of `items` (sorted by `end`, as disjoint spans are) that ends after `offset`; `items.length` when none does. */
export function firstEndingAfter(items: readonly { readonly end: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
