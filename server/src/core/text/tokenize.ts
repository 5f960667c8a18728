/**
 * Tokens with original offsets. Word characters are Unicode letters, marks and digits (never
 * `\b`, which knows nothing of Arabic); bidi and zero-width marks inside a word stay in it.
 */
import { FOLDS_TO_MANY, FOLDS_TO_NOTHING, foldedText, foldUnit, isIgnorable, scratchUnits, unitsText } from './normalize';

export interface Token {
  /** Original UTF-16 start offset. */
  readonly start: number;
  /** Original UTF-16 end offset (exclusive). */
  readonly end: number;
  /** Normalised key of the token (`keyUnitOffset` maps its units back to the text). */
  readonly key: string;
  /** `keyHash(key)`, computed while tokenising: lookups filter on it before comparing strings. */
  readonly hash: number;
}

/**
 * Original offset of unit `k` of `token`'s key, found by folding the token's characters again:
 * asked for a few mentions an article, where keeping each article's key map (an array as long as
 * its text) was asked for none of the others.
 */
export function keyUnitOffset(text: string, token: Token, k: number): number {
  let units = 0;
  for (let j = token.start; j < token.end; ) {
    const c = text.charCodeAt(j);
    const wide = isHigh(c) && (text.charCodeAt(j + 1) & 0xfc00) === 0xdc00;
    const one = wide ? FOLDS_TO_MANY : foldUnit(c);
    units += one === FOLDS_TO_MANY ? foldedText(text, j, token.end).length : one === FOLDS_TO_NOTHING ? 0 : 1;
    if (units > k) return j;
    j += wide ? 2 : 1;
  }
  return token.end;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/**
 * Hashes keep FNV-1a's low 30 bits: a number that fits a small integer, which V8 keeps in a
 * token without boxing it (a full 32-bit hash made one heap number a token).
 */
const HASH_MASK = 0x3fffffff;

/** FNV-1a of `key`'s UTF-16 units from `from` on (a token's `hash` when `from` is 0). */
export function keyHash(key: string, from = 0): number {
  return hashOn(FNV_BASIS, key, from);
}

/** FNV-1a's state after `key`, from which `hashOn` goes on. */
export function keyState(key: string): number {
  return fnvOn(FNV_BASIS, key, 0);
}

/** FNV-1a continued from `state` (`keyState` of some text before) over `key` from `from` on: the hash of the two joined, without joining them. */
export function hashOn(state: number, key: string, from = 0): number {
  return fnvOn(state, key, from) & HASH_MASK;
}

/** FNV-1a's state, from `state` on, after `key`'s UTF-16 units from `from` on. */
function fnvOn(state: number, key: string, from: number): number {
  let h = state;
  for (let i = from; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h;
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

/** Five numbers per token (start, end, key start, key end, hash), reused by every call. */
let spans = new Uint32Array(5 * 1024);

/**
 * Tokenises `text[start, end)`, folding each token's characters to its key in the same pass (the
 * text is read once). Tokens whose key is empty (only marks or tatweel) are dropped.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const table = CLASS;
  // The tokens' key units go to normalising's scratch buffer. Most characters fold to one unit;
  // expansions (ﻻ → لا) grow the buffer as they come.
  let codes = scratchUnits(end - start + 16).codes;
  let n = 0;
  let count = 0;
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
    const ks = n;
    let h = FNV_BASIS;
    let tokEnd = i;
    let j = i;
    // Extend over word characters and over ignorable marks between or after letters; marks
    // and tatweel belong to the word they decorate, bidi and zero-width marks only inside it.
    // Marks fold to nothing, so the key holds the word characters' units only.
    while (j < end) {
      const c = text.charCodeAt(j);
      const wide = isHigh(c) && (text.charCodeAt(j + 1) & 0xfc00) === 0xdc00;
      let cl = 1;
      if (j > tokStart) {
        cl = wide ? astralClass(text, j) : table[c];
        if (cl === 4) cl = learn(c);
        if (cl === 0) break;
      }
      const one = wide ? FOLDS_TO_MANY : foldUnit(c);
      if (one === FOLDS_TO_MANY) {
        const out = foldedText(text, j, end);
        if (n + out.length + (end - j) + 16 > codes.length) codes = scratchUnits(2 * codes.length + out.length).codes;
        for (let k = 0; k < out.length; k++) {
          const u = out.charCodeAt(k);
          codes[n++] = u;
          h = Math.imul(h ^ u, FNV_PRIME);
        }
      } else if (one !== FOLDS_TO_NOTHING) {
        codes[n++] = one;
        h = Math.imul(h ^ one, FNV_PRIME);
      }
      j += wide ? 2 : 1;
      if (cl !== 3) tokEnd = j;
    }
    if (n > ks) putSpan(count++, tokStart, tokEnd, ks, n, h & HASH_MASK);
    i = Math.max(j, tokEnd);
  }
  return tokensOf(unitsText(codes, n), count);
}

/** Writes token `t`'s span (see `spans`), growing the array as needed. */
function putSpan(t: number, start: number, end: number, keyStart: number, keyEnd: number, hash: number): void {
  if (spans.length < 5 * (t + 1)) {
    const grown = new Uint32Array(2 * spans.length);
    grown.set(spans);
    spans = grown;
  }
  const at = 5 * t;
  spans[at] = start;
  spans[at + 1] = end;
  spans[at + 2] = keyStart;
  spans[at + 3] = keyEnd;
  spans[at + 4] = hash;
}

/** The first `count` tokens of `spans`, their keys cut from `key`, the folded units of them all. */
function tokensOf(key: string, count: number): Token[] {
  const tokens: Token[] = new Array(count);
  for (let t = 0; t < count; t++) {
    const at = 5 * t;
    tokens[t] = { start: spans[at], end: spans[at + 1], key: key.slice(spans[at + 2], spans[at + 3]), hash: spans[at + 4] };
  }
  return tokens;
}

/** Keys of the tokens of a name or query. */
export function tokenKeys(text: string): string[] {
  return tokenize(text).map((t) => t.key);
}
