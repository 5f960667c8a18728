/** Offsets ↔ LSP positions (line, UTF-16 character). Handles LF, CRLF and lone CR. */

export interface Position {
  line: number;
  character: number;
}

/** Start offsets of the lines of `text` (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // Without CR, the native search for LF is several times faster than a loop over characters.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export class LineIndex {
  /**
   * A view on line starts stored at `data[base, base + count)` (a compact index keeps them inside
   * a larger array), for a text of `length` units.
   */
  static view(data: Uint32Array, base: number, count: number, length: number): LineIndex {
    const li = Object.create(LineIndex.prototype) as { data: Uint32Array; base: number; lineCount: number; length: number };
    li.data = data;
    li.base = base;
    li.lineCount = count;
    li.length = length;
    return li as unknown as LineIndex;
  }

  private readonly data: Uint32Array;
  private readonly base: number;
  readonly lineCount: number;
  readonly length: number;

  constructor(text: string) {
    this.data = Uint32Array.from(lineStarts(text));
    this.base = 0;
    this.lineCount = this.data.length;
    this.length = text.length;
  }

  lineStart(line: number): number {
    return this.data[this.base + Math.max(0, Math.min(line, this.lineCount - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.data[this.base + mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.data[this.base + lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineCount) return this.length;
    if (pos.line < 0) return 0;
    const start = this.data[this.base + pos.line];
    const next = pos.line + 1 < this.lineCount ? this.data[this.base + pos.line + 1] : this.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }
}
