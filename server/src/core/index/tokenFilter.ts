/**
 * A Bloom filter of the word pairs an article contains, and of the words after a title (see
 * `filterHashes` in analysis), kept with the article so that a person discovered later can be
 * linked in articles indexed earlier: only the articles whose filter holds every pair of the
 * person's name, or their surname after a title, are read again. Twenty bits
 * per pair and ten hashes make a false positive rare (docs/performance.md), as it must be: the
 * check runs once per person per article; a false positive costs one re-analysis, never a wrong link.
 */
import { keyHash } from '../text/tokenize';

const BITS_PER_KEY = 20;
const HASHES = 10;

/**
 * The hash of the pair "first second" from the words' own hashes (`keyHash`, which tokens carry),
 * so that an article's pairs cost no hashing beyond its tokens'.
 */
export function pairHash(first: number, second: number): number {
  return (Math.imul(first ^ (first >>> 15), 0x2c1b3c6d) ^ second) >>> 0;
}

/** murmur3's finaliser: spreads FNV's weak low bits over the whole word. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The two hashes double hashing needs, from a key's FNV hash (31 bits each, so that `%` stays an integer operation). */
function probeOf(h: number): FilterProbe {
  const a = mix(h);
  return { a: a >>> 1, b: mix((a + 0x9e3779b9) >>> 0) >>> 1 };
}

/** Scratch open-addressing set for counting distinct hashes (reused: an article has a few hundred). */
let slots = new Uint32Array(1024);
let used = new Uint8Array(1024);

function distinctCount(hashes: ArrayLike<number>, count: number): number {
  let size = 1024;
  while (size < 2 * count) size *= 2;
  if (slots.length < size) {
    slots = new Uint32Array(size);
    used = new Uint8Array(size);
  } else used.fill(0, 0, size);
  const mask = size - 1;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const h = hashes[k] >>> 0;
    let i = mix(h) & mask;
    while (used[i] === 1 && slots[i] !== h) i = (i + 1) & mask;
    if (used[i] === 0) {
      used[i] = 1;
      slots[i] = h;
      n++;
    }
  }
  return n;
}

/** The filter's words for keys given by the first `count` of `hashes` (`pairHash`; repeats allowed). */
export function tokenFilter(hashes: ArrayLike<number>, count = hashes.length): Uint32Array {
  const words = Math.ceil((distinctCount(hashes, count) * BITS_PER_KEY) / 32);
  const out = new Uint32Array(words);
  const m = words * 32;
  for (let k = 0; k < count; k++) {
    // Double hashing, a + i·b mod m, stepped without a division per bit and with a step that is
    // never 0 mod m (or every bit would be the same one). Repeats set the same bits.
    const { a, b } = probeOf(hashes[k]);
    let bit = a % m;
    const step = m > 1 ? (b % (m - 1)) + 1 : 0;
    for (let i = 0; i < HASHES; i++) {
      out[bit >>> 5] |= 1 << (bit & 31);
      bit += step;
      if (bit >= m) bit -= m;
    }
  }
  return out;
}

/** A key's two hashes, computed once for looking it up in many filters. */
export interface FilterProbe {
  readonly a: number;
  readonly b: number;
}

export function filterProbe(first: string, second: string): FilterProbe {
  return probeOf(pairHash(keyHash(first), keyHash(second)));
}

/** What stands for a title in the pair of a titled word (a key no token has). */
const TITLE_MARK = keyHash('');

/** The hash a word after a title (`titleBefore`) is filed under, from its own hash. */
export const titledHash = (word: number) => pairHash(TITLE_MARK, word);

/** The probe of a word after a title (الوزير كرافينيو): a learnt person's surname links there. */
export function titledProbe(word: string): FilterProbe {
  return probeOf(titledHash(keyHash(word)));
}

/** Whether the filter stored in `data` at `at` (`words` long) may hold the probed key (false means it certainly does not). */
export function filterHas(data: Uint32Array, at: number, words: number, { a, b }: FilterProbe): boolean {
  if (words === 0) return false;
  // Double hashing as `tokenFilter` sets the bits; written out, as a relinking pass asks every
  // article's filter about every person discovered.
  const m = words * 32;
  let bit = a % m;
  const step = m > 1 ? (b % (m - 1)) + 1 : 0;
  for (let i = 0; i < HASHES; i++) {
    if ((data[at + (bit >>> 5)] & (1 << (bit & 31))) === 0) return false;
    bit += step;
    if (bit >= m) bit -= m;
  }
  return true;
}
