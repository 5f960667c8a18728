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
    const words = n.split(/\s+/u).filter(Boolean);
    return words.length > 1 ? [latinKey(n), ...words.map(latinKey)] : [latinKey(n)];
  };
  return {
    keys: names.map(normalizeKey),
    latin: [...names.flatMap(skeletons), ...latinNames.flatMap((n) => [n.toLowerCase(), latinKey(n)])].filter(Boolean),
  };
}

export function wordsOf(doc: Doc): string[] {
  const out: string[] = [];
  for (const k of doc.keys) out.push(...k.split(/[^\p{L}\p{N}]+/u));
  for (const l of doc.latin) out.push(...l.split(/[^\p{L}\p{N}]+/u).map((w) => `~${w}`));
  return out.filter((w) => w.length >= 2);
}

/** The shortlist words of a headline. */
export function headlineWords(headline: string): string[] {
  return [...new Set(wordsOf(docOf([headline])))];
}
