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

/** Candidate readings of `key`, whole token first, each with at least two letters left. */
export function cliticReadings(key: string): CliticSplit[] {
  const out: CliticSplit[] = [{ prefixLength: 0, rest: key }];
  const seen = new Set<string>([key]);
  const add = (prefixLength: number, rest: string) => {
    if (rest.length >= 2 && !seen.has(rest)) {
      seen.add(rest);
      out.push({ prefixLength, rest });
    }
  };
  const conj = [0];
  if (key.length >= 3 && (key[0] === 'و' || key[0] === 'ف')) conj.push(1);
  for (const c of conj) {
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
