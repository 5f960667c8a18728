/** The orders the index gives articles in: newest first for lists, earliest first for definitions. */
import type { Article } from './article';

/** Dated before undated, then by date, then by URI. */
export function earlier(a: Article, b: Article): boolean {
  if (!!a.date !== !!b.date) return !!a.date;
  return a.date === b.date ? a.uri < b.uri : a.date! < b.date!;
}

/** Newest first, undated last, then by URI. */
export function byDateDesc(a: Article, b: Article): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  // Code-unit order for URIs: `localeCompare` is far slower (docs/performance.md).
  return da === db ? (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) : da < db ? 1 : -1;
}

/** Puts `a` into `top` (in `byDateDesc` order, at most `size`) when it is among the newest. */
export function addToTop(top: Article[], a: Article, size: number): void {
  if (top.length === size && byDateDesc(a, top[size - 1]) >= 0) return;
  let i = top.length;
  while (i > 0 && byDateDesc(a, top[i - 1]) < 0) i--;
  top.splice(i, 0, a);
  if (top.length > size) top.pop();
}

/**
 * The articles, dated before undated, newest first, ties in their given order: sorted as numbers
 * (date and position in one double), which is much faster than a comparison function over the
 * articles naming a frequent entity.
 */
export function newestFirst(arts: readonly Article[]): Article[] {
  const keys = new Float64Array(arts.length);
  // (99,999,999 − YYYYMMDD) · 2^25 + position stays below 2^53: exact in a double.
  for (let i = 0; i < arts.length; i++) keys[i] = (99_999_999 - dayNumber(arts[i].date)) * POSITIONS + i;
  keys.sort();
  const out: Article[] = new Array(arts.length);
  for (let j = 0; j < keys.length; j++) out[j] = arts[keys[j] % POSITIONS];
  return out;
}

const POSITIONS = 2 ** 25;

/** An ISO date (YYYY-MM-DD) as the number YYYYMMDD; 0 when undated. */
function dayNumber(iso: string | undefined): number {
  if (!iso) return 0;
  return Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}
