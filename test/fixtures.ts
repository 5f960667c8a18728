/**
 * Inline fixtures with markers, so that nobody counts UTF-16 columns by hand:
 * `⟦…⟧` marks expected ranges, `┃` marks the cursor.
 */
export interface Marked {
  text: string;
  ranges: { start: number; end: number; text: string }[];
  cursor: number;
}

export function marked(src: string): Marked {
  let text = '';
  const ranges: { start: number; end: number; text: string }[] = [];
  const open: number[] = [];
  let cursor = -1;
  for (const ch of src) {
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') {
      const start = open.pop()!;
      ranges.push({ start, end: text.length, text: text.slice(start, text.length) });
    } else if (ch === '┃') cursor = text.length;
    else text += ch;
  }
  return { text, ranges: ranges.sort((a, b) => a.start - b.start), cursor };
}

/** LSP position of an offset (UTF-16), computed independently of the code under test. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
