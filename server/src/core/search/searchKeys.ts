/**
 * The keys fuzzy search compares: Arabic keys and Latin skeletons of names and headlines, and the
 * words the shortlist indexes them by. Headline words are derived with the article's analysis
 * (on a worker thread during a scan), so that the search index only files them.
 */
import { normalizeKey } from '../text/normalize';
import { latinKey } from '../text/transliterate';

export interface Doc {
  readonly keys: string[];
  readonly latin: string[];
}

/**
 * Search keys of a name or headline: Arabic keys, and Latin skeletons of the whole name (so that
 * "xi jinping" meets شي جين بينغ) and of each word (so that "lavrov" meets a headline naming him).
 */
export function docOf(names: string[], latinNames: string[] = []): Doc {
  const skeletons = (n: string) => {
    const words = n.split(WHITESPACE).filter(Boolean).map(wordSkeleton);
    // A name's skeleton is its words' skeletons run together (latinKey(n) === words joined).
    return words.length > 1 ? [words.join(''), ...words] : words.length === 1 ? words : [''];
  };
  return {
    keys: names.map(normalizeKey),
    latin: [...names.flatMap(skeletons), ...latinNames.flatMap((n) => [n.toLowerCase(), latinKey(n)])].filter(Boolean),
  };
}

export function wordsOf(doc: Doc): string[] {
  const out: string[] = [];
  for (const k of doc.keys) out.push(...k.split(NOT_WORD));
  for (const l of doc.latin) out.push(...l.split(NOT_WORD).map((w) => `~${w}`));
  return out.filter((w) => w.length >= 2);
}

/** The shortlist words of a headline: `wordsOf(docOf([headline]))` without repeats. */
export function headlineWords(headline: string): string[] {
  const out = new Set<string>();
  for (const w of normalizeKey(headline).split(NOT_WORD)) if (w.length >= 2) out.add(w);
  const skeletons = headline.split(WHITESPACE).filter(Boolean).map(wordSkeleton);
  // Skeletons are made of [a-z0-9] only, so each is one shortlist word.
  if (skeletons.length > 1) addSkeleton(out, skeletons.join(''));
  for (const s of skeletons) addSkeleton(out, s);
  return [...out];
}

// As in wordsOf, a one-letter skeleton makes a word ("~b" is two characters long).
const addSkeleton = (out: Set<string>, s: string) => s.length > 0 && out.add(`~${s}`);

const WHITESPACE = /\s+/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * `latinKey` of one word, remembered: headlines repeat the same few thousand words, and a scan
 * computes the skeletons of every headline. Cleared when full, to bound its memory.
 */
const skeletonCache = new Map<string, string>();

function wordSkeleton(word: string): string {
  let s = skeletonCache.get(word);
  if (s === undefined) {
    if (skeletonCache.size >= 50_000) skeletonCache.clear();
    skeletonCache.set(word, (s = latinKey(word)));
  }
  return s;
}
