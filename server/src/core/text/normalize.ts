/**
 * Arabic-aware normalisation that keeps a map back to the original text.
 *
 * The key is what matching and search compare; `map[i]` is the UTF-16 offset in the original
 * string of the code point that produced key unit `i`, and `map[key.length]` is the original
 * end. Every range found on a key is therefore translated back to the exact original characters.
 */

/** Characters dropped from keys: Arabic diacritics, Quranic marks, tatweel, bidi and zero-width marks. */
export function isIgnorable(cp: number): boolean {
  return (
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x06d6 && cp <= 0x06ed) ||
    cp === 0x0640 ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x061c ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

const LETTER_FOLDS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه',
  'ؤ': 'و', 'ئ': 'ي',
  // Persian and Urdu letters folded to the Arabic letters news text uses for them.
  'پ': 'ب', 'چ': 'تش', 'ژ': 'ج', 'ڤ': 'ف', 'ک': 'ك', 'گ': 'غ',
};

/** Folds one code point (already NFKC-decomposed) to its key text; '' when it is dropped. */
function foldCodePoint(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (isIgnorable(cp)) return '';
  if (cp >= 0x0660 && cp <= 0x0669) return String.fromCharCode(0x30 + cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String.fromCharCode(0x30 + cp - 0x06f0);
  const folded = LETTER_FOLDS[ch];
  if (folded !== undefined) return folded;
  return ch.toLowerCase();
}

export interface NormalizedText {
  /** The search key. */
  readonly key: string;
  /** `map[i]` = original UTF-16 offset of key unit `i`; `map[key.length]` = original end. */
  readonly map: Uint32Array;
}

const nfkcCache = new Map<string, string>();

function nfkcOf(ch: string): string {
  let out = nfkcCache.get(ch);
  if (out === undefined) {
    // A lone surrogate has no normal form; keep it as it is.
    out = ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff ? ch : ch.normalize('NFKC');
    if (nfkcCache.size < 4096) nfkcCache.set(ch, out);
  }
  return out;
}

/**
 * The folded form of every BMP code unit, each computed on first sight, so that indexing costs
 * one table lookup a character: `FOLD1[cu]` is the single unit it folds to, DROP when it is
 * dropped, MANY when it folds to several units (NFKC ligatures, چ) or is a surrogate (both then
 * take the string path), and UNKNOWN until it has been seen.
 */
const DROP = 0;
const MANY = 0xffff;
const UNKNOWN = 0xfffe;
const FOLD1 = new Uint16Array(0x10000).fill(UNKNOWN);
const FOLD_MANY = new Map<number, string>();

function learn(cu: number): number {
  let out = '';
  if (cu >= 0xd800 && cu <= 0xdfff) out = String.fromCharCode(cu);
  else for (const part of nfkcOf(String.fromCharCode(cu))) out += foldCodePoint(part);
  const one = out.length === 1 ? out.charCodeAt(0) : -1;
  if (out.length === 0) FOLD1[cu] = DROP;
  else if (one !== -1 && one !== DROP && one !== MANY && one !== UNKNOWN && !(cu >= 0xd800 && cu <= 0xdfff)) FOLD1[cu] = one;
  else {
    FOLD1[cu] = MANY;
    FOLD_MANY.set(cu, out);
  }
  return FOLD1[cu];
}

/**
 * The single unit the BMP code unit `cu` folds to: FOLDS_TO_NOTHING (0) when it is dropped,
 * FOLDS_TO_MANY when it folds to several units or is a surrogate (`foldedText` gives those).
 */
export function foldUnit(cu: number): number {
  const one = FOLD1[cu];
  return one === UNKNOWN ? learn(cu) : one;
}
export { DROP as FOLDS_TO_NOTHING, MANY as FOLDS_TO_MANY };

/** Key text of the character at `i` for which `foldUnit` gave FOLDS_TO_MANY: a surrogate pair (width 2) or one unit. */
export function foldedText(text: string, i: number, end: number): string {
  const cu = text.charCodeAt(i);
  if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    let out = '';
    for (const part of nfkcOf(text.slice(i, i + 2))) out += foldCodePoint(part);
    return out;
  }
  return FOLD_MANY.get(cu)!;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** A byte view of the last array `unitsText` was given (the scratch buffers, which rarely grow). */
let viewed: Uint16Array | undefined;
let viewedBytes: Buffer = Buffer.alloc(0);

/**
 * The first `n` units of `codes` as a string. A byte copy through `Buffer` where the units are
 * little-endian: the fastest way from a few units on (docs/performance.md).
 */
export function unitsText(codes: Uint16Array, n: number): string {
  if (n === 0) return '';
  if (!LITTLE_ENDIAN) {
    let out = '';
    for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
    return out;
  }
  if (viewed !== codes) {
    viewed = codes;
    viewedBytes = Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
  }
  return viewedBytes.toString('utf16le', 0, 2 * n);
}

/**
 * Scratch buffers reused by every call: allocating (and zero-filling) fresh typed arrays for
 * each article cost as much as the folding itself. Only the map is copied out.
 */
let scratchCodes = new Uint16Array(4096);
let scratchMap = new Uint32Array(4097);

/** Normalises `text[start, end)`; offsets in the map are absolute offsets into `text`. */
export function normalizeRange(text: string, start = 0, end = text.length): NormalizedText {
  const n = fold(text, start, end);
  scratchMap[n] = end;
  return { key: keyOf(n), map: scratchMap.slice(0, n + 1) };
}

/** The key alone, for names, queries, catalog aliases and short lines (no map is copied out). */
export function normalizeKey(text: string): string {
  return keyOf(fold(text, 0, text.length));
}

/** The first `n` folded units as a string. */
const keyOf = (n: number) => unitsText(scratchCodes, n);

/** Folds `text[start, end)` into the scratch buffers; returns how many key units it made. */
function fold(text: string, start: number, end: number): number {
  const table = FOLD1;
  // Most characters fold to one unit; NFKC expansions (ﻻ → لا) may add a few.
  if (scratchCodes.length < end - start + 16) grow(end - start + 16);
  let codes = scratchCodes;
  let map = scratchMap;
  let n = 0;
  let i = start;
  while (i < end) {
    const cu = text.charCodeAt(i);
    let one = table[cu];
    if (one === UNKNOWN) one = learn(cu);
    if (one !== MANY) {
      if (one !== DROP) {
        codes[n] = one;
        map[n++] = i;
      }
      i++;
      continue;
    }
    const width = cu >= 0xd800 && cu <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const out = foldedText(text, i, end);
    // Expansions are rare; the buffers keep `end - i + 16` units free for the one-unit path.
    if (n + out.length + (end - i) + 16 > codes.length) {
      grow(2 * codes.length + out.length);
      codes = scratchCodes;
      map = scratchMap;
    }
    for (let k = 0; k < out.length; k++) {
      codes[n] = out.charCodeAt(k);
      map[n++] = i;
    }
    i += width;
  }
  return n;
}

/**
 * The scratch buffers, at least `units` long (grown, keeping what they hold): tokenising folds into
 * them too, and neither it nor normalising calls the other while it holds them.
 */
export function scratchUnits(units: number): { codes: Uint16Array; map: Uint32Array } {
  if (scratchCodes.length < units) grow(units);
  return { codes: scratchCodes, map: scratchMap };
}

function grow(units: number): void {
  const codes = new Uint16Array(units);
  codes.set(scratchCodes);
  const map = new Uint32Array(units + 1);
  map.set(scratchMap);
  scratchCodes = codes;
  scratchMap = map;
}

/** Original range of key range `[keyStart, keyEnd)`. */
export function originalRange(n: NormalizedText, keyStart: number, keyEnd: number): { start: number; end: number } {
  const start = n.map[keyStart];
  // The end is the original start of the next key unit, which swallows trailing dropped marks
  // (diacritics belong to the letter they sit on).
  const end = keyEnd < n.map.length ? n.map[keyEnd] : n.map[n.map.length - 1];
  return { start, end: Math.max(start, end) };
}
