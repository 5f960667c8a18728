/**
 * Collocates: the words most associated with a concordance's node within a window of words
 * either side, by log-likelihood (G²) or mutual information, from the 2×2 table of Evert (2008):
 * O11 = times the word is in a hit's window, R1 = words in all windows, C1 = the word's
 * frequency in the reference, N = the reference's words. The reference is the articles holding
 * the hits (their words are what the concordance reads). Words compare on their comparison keys
 * (folded, proclitics off: contextWords.ts); only words seen more often than chance are listed.
 */
import type { Article } from '../index/article';
import { WINDOW, type Concordance, type ConcordanceFilter } from './concordance';

export type CollocationMeasure = 'll' | 'mi';

export interface CollocateOptions {
  /** Words either side (1 to WINDOW). */
  readonly window?: number;
  readonly measure?: CollocationMeasure;
  /** Fewest times the word must be in a window. */
  readonly minTogether?: number;
  /** Fewest times the word must occur in the reference. */
  readonly minFrequency?: number;
  readonly limit?: number;
}

export interface Collocate {
  /** The comparison key (what a filter on it names). */
  readonly key: string;
  /** How it is written most often (الصين for the key صين). */
  readonly word: string;
  /** Times in a window: in all, on the left, on the right. */
  readonly together: number;
  readonly left: number;
  readonly right: number;
  /** Times in the reference. */
  readonly frequency: number;
  readonly ll: number;
  readonly mi: number;
}

export interface Collocates {
  readonly collocates: Collocate[];
  readonly window: number;
  readonly measure: CollocationMeasure;
  /** Words in all windows (R1) and in the reference (N). */
  readonly windowWords: number;
  readonly referenceWords: number;
}

/** Expected O11 under independence. */
const expected = (r1: number, c1: number, n: number) => (r1 * c1) / n;

/** Log-likelihood G² of the 2×2 table; 0 when the word is not in a window more often than chance. */
export function logLikelihood(o11: number, r1: number, c1: number, n: number): number {
  if (n <= 0 || o11 <= expected(r1, c1, n)) return 0;
  const o12 = Math.max(0, r1 - o11);
  const o21 = Math.max(0, c1 - o11);
  const o22 = Math.max(0, n - r1 - c1 + o11);
  const c2 = n - c1;
  const r2 = n - r1;
  const term = (o: number, e: number) => (o > 0 && e > 0 ? o * Math.log(o / e) : 0);
  return 2 * (term(o11, (r1 * c1) / n) + term(o12, (r1 * c2) / n) + term(o21, (r2 * c1) / n) + term(o22, (r2 * c2) / n));
}

/** Pointwise mutual information, log2(O11 / E11). */
export function mutualInformation(o11: number, r1: number, c1: number, n: number): number {
  const e = expected(r1, c1, n);
  return o11 > 0 && e > 0 ? Math.log2(o11 / e) : -Infinity;
}

/**
 * The collocates of the hits the filter keeps (their words must have been read). A word in the
 * windows of two hits close together counts once.
 */
export function collocates(c: Concordance, filter: ConcordanceFilter, opts: CollocateOptions = {}): Collocates {
  // In text order, article by article (no sort key), so that overlapping windows meet.
  const view = c.view(filter, []);
  const window = Math.max(1, Math.min(WINDOW, opts.window ?? WINDOW));
  const measure = opts.measure ?? 'll';
  const minTogether = Math.max(1, opts.minTogether ?? 3);
  const minFrequency = Math.max(1, opts.minFrequency ?? 3);
  const vocab = c.vocabulary;
  const keys = vocab.comparisonKeys();
  const frequency = vocab.comparisonFrequency();
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  let r1 = 0;
  let article: Article | undefined;
  const counted = new Set<number>();
  for (const hit of view) {
    if (c.articleOf(hit) !== article) {
      article = c.articleOf(hit);
      counted.clear();
    }
    for (let side = 0 as 0 | 1; side <= 1; side++) {
      const counts = side === 0 ? left : right;
      for (let d = 0; d < window; d++) {
        const id = c.wordAt(hit, side, d);
        if (id < 0) break;
        const token = c.tokenAt(hit, side, d);
        if (counted.has(token)) continue;
        counted.add(token);
        r1++;
        const k = keys[id];
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
  }
  const n = vocab.tokens;
  const out: Collocate[] = [];
  for (const k of new Set([...left.keys(), ...right.keys()])) {
    const l = left.get(k) ?? 0;
    const r = right.get(k) ?? 0;
    const o11 = l + r;
    const c1 = frequency[k];
    if (o11 < minTogether || c1 < minFrequency || o11 <= expected(r1, c1, n)) continue;
    out.push({ key: vocab.keys[k], word: vocab.shownKey(k), together: o11, left: l, right: r, frequency: c1, ll: logLikelihood(o11, r1, c1, n), mi: mutualInformation(o11, r1, c1, n) });
  }
  const score = (x: Collocate) => (measure === 'll' ? x.ll : x.mi);
  out.sort((a, b) => score(b) - score(a) || b.together - a.together || (a.key < b.key ? -1 : 1));
  return { collocates: out.slice(0, opts.limit ?? 100), window, measure, windowWords: r1, referenceWords: n };
}
