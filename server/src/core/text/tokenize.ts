/**
 * Tokens with original offsets. Word characters are Unicode letters, marks and digits (never
 * `\b`, which knows nothing of Arabic); bidi and zero-width marks inside a word stay in it.
 */
import { isIgnorable, normalizeRange } from './normalize';

export interface Token {
  /** Original UTF-16 start offset. */
  readonly start: number;
  /** Original UTF-16 end offset (exclusive). */
  readonly end: number;
  /** Normalised key of the token. */
  readonly key: string;
  /** `keyMap[i]` = original offset of key unit `i`; `keyMap[key.length]` = `end`. */
  readonly keyMap: Uint32Array;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

function isWordAt(text: string, i: number): { word: boolean; width: number } {
  const cp = text.codePointAt(i)!;
  const width = cp > 0xffff ? 2 : 1;
  if (isIgnorable(cp)) return { word: false, width };
  return { word: WORD.test(text.slice(i, i + width)), width };
}

/** Tokenises `text[start, end)`. Tokens whose key is empty (only marks or tatweel) are dropped. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const { word, width } = isWordAt(text, i);
    if (!word) {
      i += width;
      continue;
    }
    const tokStart = i;
    let tokEnd = i + width;
    let j = tokEnd;
    // Extend over word characters and over ignorable marks that sit between or after letters.
    while (j < end) {
      const cp = text.codePointAt(j)!;
      const w = cp > 0xffff ? 2 : 1;
      if (isIgnorable(cp)) {
        j += w;
        // Tatweel and combining marks belong to the word they decorate.
        if (cp === 0x0640 || (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x0610 && cp <= 0x061a) || (cp >= 0x06d6 && cp <= 0x06ed)) tokEnd = j;
        continue;
      }
      if (!WORD.test(text.slice(j, j + w))) break;
      j += w;
      tokEnd = j;
    }
    const n = normalizeRange(text, tokStart, tokEnd);
    if (n.key.length > 0) tokens.push({ start: tokStart, end: tokEnd, key: n.key, keyMap: n.map });
    i = Math.max(j, tokEnd);
  }
  return tokens;
}

/** Keys of the tokens of a name or query. */
export function tokenKeys(text: string): string[] {
  return tokenize(text).map((t) => t.key);
}
