/**
 * Proclitic splitting without stemming: a token is split only when what remains is a name the
 * caller knows. Order follows Arabic morphology: conjunction (و/ف), then preposition (ب/ك/ل),
 * then the article (ال); ل before a word with the article drops the article's alef (للحزب = ل + الحزب).
 */

export interface CliticSplit {
  /** Length of the proclitic part in key units (0 for the whole token). */
  readonly prefixLength: number;
  /** The remaining key to look up. */
  readonly rest: string;
}

const WHOLE = (key: string): CliticSplit[] => [{ prefixLength: 0, rest: key }];

/** Candidate readings of `key`, whole token first, each with at least two letters left. */
export function cliticReadings(key: string): CliticSplit[] {
  // Most tokens start with no proclitic letter: one reading, no work.
  if (key.length < 3 || !'وفبكلا'.includes(key[0])) return WHOLE(key);
  const out: CliticSplit[] = [{ prefixLength: 0, rest: key }];
  const add = (prefixLength: number, rest: string) => {
    if (rest.length >= 2 && !out.some((r) => r.rest === rest)) out.push({ prefixLength, rest });
  };
  const conjs = key[0] === 'و' || key[0] === 'ف' ? [0, 1] : [0];
  for (const c of conjs) {
    const afterConj = key.slice(c);
    if (c > 0) add(c, afterConj);
    if (afterConj.length > 3 && 'بكل'.includes(afterConj[0])) {
      add(c + 1, afterConj.slice(1));
      // ل + ال… is written لل…: read the second lam as the article.
      if (afterConj[0] === 'ل' && afterConj[1] === 'ل') add(c + 1, 'ا' + afterConj.slice(1));
      const afterPrep = afterConj.slice(1);
      if (afterPrep.startsWith('ال') && afterPrep.length > 4) add(c + 3, afterPrep.slice(2));
    }
    if (afterConj.startsWith('ال') && afterConj.length > 4) add(c + 2, afterConj.slice(2));
  }
  return out;
}
