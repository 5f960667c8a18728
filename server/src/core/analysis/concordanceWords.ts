/**
 * The words around a concordance's hits, read from the texts once a sort or filter on them, or
 * the collocates, need them: kept as vocabulary numbers (the texts are not kept), with the node's
 * first and last token in its article, which tells apart two hits' windows that overlap.
 */
import { tokenize } from '../text/tokenize';
import { firstEndingAfter } from '../features/ranges';
import { Vocabulary } from './contextWords';
import { lineAround } from './concordanceLine';

/** Words kept on each side of a hit: the sort keys use three, collocates up to this many. */
export const WINDOW = 5;

export class ContextWords {
  readonly vocabulary = new Vocabulary();
  /** Each hit's words either side, nearest first, as vocabulary numbers (-1: none). */
  private context: Int32Array | undefined;
  private nodeTokens: Int32Array | undefined;
  /** Whether each article's words have been read, and how many have. */
  private readonly read: Uint8Array;
  private readCount = 0;

  constructor(
    private readonly hitCount: number,
    private readonly articleCount: number,
  ) {
    this.read = new Uint8Array(articleCount);
  }

  /** Whether every article's words have been read. */
  get complete(): boolean {
    return this.readCount === this.articleCount;
  }

  isRead(article: number): boolean {
    return this.read[article] === 1;
  }

  /**
   * Counts the words of an article's text and keeps those around each of its hits
   * (`[firstHit, firstHit + spans.length / 2)`, with their offsets in `spans`: start, end, …).
   */
  readArticle(article: number, text: string, firstHit: number, spans: ArrayLike<number>): void {
    if (this.read[article]) return;
    this.read[article] = 1;
    this.readCount++;
    const context = (this.context ??= new Int32Array(2 * WINDOW * this.hitCount).fill(-1));
    const nodeTokens = (this.nodeTokens ??= new Int32Array(2 * this.hitCount));
    const tokens = tokenize(text);
    const ids = new Int32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) ids[t] = this.vocabulary.add(tokens[t].key, text.slice(tokens[t].start, tokens[t].end), true);
    for (let k = 0; k < spans.length; k += 2) {
      const hit = firstHit + k / 2;
      const start = spans[k];
      const { from, to } = lineAround(text, start, spans[k + 1]);
      // The token holding the node's first unit, and the one holding its last.
      const first = firstEndingAfter(tokens, start);
      const last = firstEndingAfter(tokens, Math.max(start, spans[k + 1] - 1));
      nodeTokens[2 * hit] = first;
      nodeTokens[2 * hit + 1] = last;
      const base = 2 * WINDOW * hit;
      for (let d = 0, t = first - 1; d < WINDOW && t >= 0 && tokens[t].start >= from; d++, t--) context[base + d] = ids[t];
      for (let d = 0, t = last + 1; d < WINDOW && t < tokens.length && tokens[t].end <= to; d++, t++) context[base + WINDOW + d] = ids[t];
    }
  }

  /** The vocabulary number of the word `distance` words (0: the next) to the left (side 0) or right (side 1) of a hit; -1 when none or not read. */
  wordAt(hit: number, side: 0 | 1, distance: number): number {
    return this.context ? this.context[2 * WINDOW * hit + side * WINDOW + distance] : -1;
  }

  /** The number, in its article's tokens, of the word `wordAt` gives. */
  tokenAt(hit: number, side: 0 | 1, distance: number): number {
    const t = this.nodeTokens!;
    return side === 0 ? t[2 * hit] - 1 - distance : t[2 * hit + 1] + 1 + distance;
  }
}
