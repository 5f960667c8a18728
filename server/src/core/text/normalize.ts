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
  if (cp < 0x80) return ch.toLowerCase();
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

/** Normalises `text[start, end)`; offsets in the map are absolute offsets into `text`. */
export function normalizeRange(text: string, start = 0, end = text.length): NormalizedText {
  let key = '';
  const map: number[] = [];
  let i = start;
  while (i < end) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff && i + 1 < end ? 2 : 1;
    const ch = text.slice(i, i + width);
    let out = '';
    for (const part of nfkcOf(ch)) out += foldCodePoint(part);
    for (let k = 0; k < out.length; k++) map.push(i);
    key += out;
    i += width;
  }
  map.push(end);
  return { key, map: Uint32Array.from(map) };
}

/** The key alone, for names, queries and catalog aliases. */
export function normalizeKey(text: string): string {
  return normalizeRange(text).key;
}

/** Original range of key range `[keyStart, keyEnd)`. */
export function originalRange(n: NormalizedText, keyStart: number, keyEnd: number): { start: number; end: number } {
  const start = n.map[keyStart];
  // The end is the original start of the next key unit, which swallows trailing dropped marks
  // (diacritics belong to the letter they sit on).
  const end = keyEnd < n.map.length ? n.map[keyEnd] : n.map[n.map.length - 1];
  return { start, end: Math.max(start, end) };
}
