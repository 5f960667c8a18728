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
  /**
   * Where the token's key starts in `map`, the key map of the whole tokenised range:
   * `map[keyStart + i]` = original offset of key unit `i`; `map[keyStart + key.length]` ≥ `end`
   * (where the next key unit starts). Shared by all tokens of one call.
   */
  readonly keyStart: number;
  readonly map: Uint32Array;
  /** `keyHash(key)`, computed while tokenising: lookups filter on it before comparing strings. */
  readonly hash: number;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `key`'s UTF-16 units from `from` on (a token's `hash` when `from` is 0). */
export function keyHash(key: string, from = 0): number {
  let h = FNV_BASIS;
  for (let i = from; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

/**
 * Per BMP code unit, learnt on first sight: 0 separator, 1 word character, 2 ignorable mark that
 * stays in a word, 3 ignorable that does not, 4 not seen yet. Surrogates are separators here
 * (pairs take the regex path).
 */
const CLASS = new Uint8Array(0x10000).fill(4);

function learn(cu: number): number {
  let cls = 0;
  if (cu >= 0xd800 && cu <= 0xdfff) cls = 0;
  else if (isIgnorable(cu)) {
    const mark = cu === 0x0640 || (cu >= 0x064b && cu <= 0x065f) || cu === 0x0670 || (cu >= 0x0610 && cu <= 0x061a) || (cu >= 0x06d6 && cu <= 0x06ed);
    cls = mark ? 2 : 3;
  } else if (WORD.test(String.fromCharCode(cu))) cls = 1;
  CLASS[cu] = cls;
  return cls;
}

/** Class of the character at `i`; astral characters (width 2) take the regex path. */
function astralClass(text: string, i: number): number {
  return WORD.test(text.slice(i, i + 2)) ? 1 : 0;
}

const isHigh = (cu: number) => cu >= 0xd800 && cu <= 0xdbff;

/**
 * Tokenises `text[start, end)`. The range is normalised once; each token's key is a slice of
 * that key. Tokens whose key is empty (only marks or tatweel) are dropped.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const table = CLASS;
  const all = normalizeRange(text, start, end);
  const key = all.key;
  const map = all.map;
  const tokens: Token[] = [];
  let k = 0;
  let i = start;
  while (i < end) {
    const cu = text.charCodeAt(i);
    const astral = isHigh(cu) && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    let cls = astral ? astralClass(text, i) : table[cu];
    if (cls === 4) cls = learn(cu);
    if (cls !== 1) {
      i += astral ? 2 : 1;
      continue;
    }
    const tokStart = i;
    let tokEnd = i + (astral ? 2 : 1);
    let j = tokEnd;
    // Extend over word characters and over ignorable marks between or after letters; marks
    // and tatweel belong to the word they decorate, bidi and zero-width marks only inside it.
    while (j < end) {
      const c = text.charCodeAt(j);
      const wide = isHigh(c) && (text.charCodeAt(j + 1) & 0xfc00) === 0xdc00;
      let cl = wide ? astralClass(text, j) : table[c];
      if (cl === 4) cl = learn(c);
      if (cl === 0) break;
      j += wide ? 2 : 1;
      if (cl !== 3) tokEnd = j;
    }
    while (k < key.length && map[k] < tokStart) k++;
    const ks = k;
    let h = FNV_BASIS;
    while (k < key.length && map[k] < tokEnd) h = Math.imul(h ^ key.charCodeAt(k++), FNV_PRIME);
    if (k > ks) tokens.push({ start: tokStart, end: tokEnd, key: key.slice(ks, k), keyStart: ks, map, hash: h >>> 0 });
    i = Math.max(j, tokEnd);
  }
  return tokens;
}

/** Keys of the tokens of a name or query. */
export function tokenKeys(text: string): string[] {
  return tokenize(text).map((t) => t.key);
}
