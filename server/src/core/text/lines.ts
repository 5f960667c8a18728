/** Offsets ↔ LSP positions (line, UTF-16 character). Handles LF, CRLF and lone CR. */

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Builds an index from stored line starts and text length (a persisted index). */
  static fromStarts(starts: Uint32Array, length: number): LineIndex {
    const li = Object.create(LineIndex.prototype) as { starts: Uint32Array; length: number };
    li.starts = starts;
    li.length = length;
    return li as unknown as LineIndex;
  }

  readonly starts: Uint32Array;

  constructor(text: string) {
    const starts = [0];
    // Without CR, the native search for LF is several times faster than a loop over characters.
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = Uint32Array.from(starts);
      this.length = text.length;
      return;
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
    this.starts = Uint32Array.from(starts);
    this.length = text.length;
  }

  readonly length: number;

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.length;
    if (pos.line < 0) return 0;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }
}
