/**
 * A Bloom filter of the word pairs an article contains (see `filterKeys` in analysis), kept with
 * the article so that a person discovered later can be linked in articles indexed earlier: only
 * the articles whose filter holds every pair of the person's name are read again. Twenty bits
 * per pair and fourteen hashes give about one false positive in 15,000 per pair looked up (the
 * check runs once per person per article, so it must be rare); a false positive costs one
 * re-analysis, never a wrong link.
 */
const BITS_PER_KEY = 20;
const HASHES = 14;

/** FNV-1a over the key's UTF-16 units. */
function hash1(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent-enough hash (murmur3's finaliser of the first), odd so that it cycles through every bit. */
function hash2(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) | 1) >>> 0;
}

/** The filter's words for a set of distinct keys (see `filterKeys` for what an article puts in). */
export function tokenFilter(keys: ReadonlySet<string>): Uint32Array {
  const words = Math.ceil((keys.size * BITS_PER_KEY) / 32);
  const out = new Uint32Array(words);
  const m = words * 32;
  for (const key of keys) {
    const a = hash1(key);
    const b = hash2(a);
    for (let i = 0; i < HASHES; i++) {
      const bit = ((a + Math.imul(i, b)) >>> 0) % m;
      out[bit >>> 5] |= 1 << (bit & 31);
    }
  }
  return out;
}

/** A key's two hashes, computed once for looking it up in many filters. */
export interface FilterProbe {
  readonly a: number;
  readonly b: number;
}

export function filterProbe(key: string): FilterProbe {
  const a = hash1(key);
  return { a, b: hash2(a) };
}

/** Whether the filter stored in `data` at `at` (`words` long) may hold the probed key (false means it certainly does not). */
export function filterHas(data: Uint32Array, at: number, words: number, { a, b }: FilterProbe): boolean {
  if (words === 0) return false;
  const m = words * 32;
  for (let i = 0; i < HASHES; i++) {
    const bit = ((a + Math.imul(i, b)) >>> 0) % m;
    if ((data[at + (bit >>> 5)] & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}
