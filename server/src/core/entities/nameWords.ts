/**
 * How discovery reads a word and the gaps between words: the article, verbs and verbal nouns,
 * the endings names have or never have, the gaps that hold a name together or end it, and a
 * person's surname. Character codes rather than patterns: these run for most tokens.
 */
import type { Token } from '../text/tokenize';
import { NAME_PARTICLES, STOP_WORDS, VERBS, GIVEN_NAMES } from './lexicon';

/** Whether a key starts with the article (ال), alone or after و, ب, ف or ك, or as لل; char codes, as this runs for most tokens. */
export function isDefinite(key: string): boolean {
  const c = key.charCodeAt(0);
  const at = c === 0x648 || c === 0x628 || c === 0x641 || c === 0x643 ? 1 : 0;
  const a = key.charCodeAt(at);
  const l = key.charCodeAt(at + 1);
  if (a === 0x627 && l === 0x644) return true;
  return at === 0 && a === 0x644 && l === 0x644;
}

/**
 * Whether the ال a definite-looking key starts with is written as the article: أل, إل and آل start
 * names (ألكسندر, إلياس), not the article.
 */
export function writtenArticle(text: string, t: Token): boolean {
  for (let i = t.start; i < t.end && i < t.start + 4; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x627) return true;
    if (c === 0x623 || c === 0x625 || c === 0x622 || c === 0x671) return false;
  }
  return true;
}

/** The article alone or after و (الهيئة, والمخابرات) or ل (للانتخابات): what continues a body's name. */
export function isPlainDefinite(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c === 0x627) return key.charCodeAt(1) === 0x644;
  if (c === 0x644) return key.charCodeAt(1) === 0x644;
  if (c === 0x648) return key.charCodeAt(1) === 0x627 && key.charCodeAt(2) === 0x644;
  return false;
}

export const hasDigit = (key: string) => {
  for (let i = 0; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if ((d >= 0x30 && d <= 0x39) || (d >= 0x660 && d <= 0x669) || (d >= 0x6f0 && d <= 0x6f9)) return true;
  }
  return false;
};

/** Whether a token may be part of a discovered name: indefinite, without digits, two letters or more. */
export function mayBeNameWord(key: string): boolean {
  if (key.length < 2) return false;
  // The common case first: a word that starts with no article or clitic letter.
  const c = key.charCodeAt(0);
  if ((c === 0x627 || c === 0x648 || c === 0x628 || c === 0x644 || c === 0x641 || c === 0x643) && isDefinite(key)) return false;
  return !hasDigit(key);
}

export const ALEF = 0x627;
export const WAW = 0x648;
export const YEH = 0x64a;
export const LAM = 0x644;
export const TEH = 0x62a;
export const HEH = 0x647;
export const AIN = 0x639;

/**
 * Whether a word reads as a verb or as a preposition with a verbal noun wherever it stands: the
 * listed verbs, Form V, VI and X presents (يستقبل, يتولى), four-letter presents (يدشن, يعني), and
 * ل before a consonant (لمناقشة, لتولي, لعقد), which no name begins with.
 */
export function isVerbLike(key: string): boolean {
  if (VERBS.has(key) || GIVEN_NAMES.has(key)) return VERBS.has(key);
  const c = key.charCodeAt(0);
  const d = key.charCodeAt(1);
  if ((c === WAW || c === 0x641) && key.length > 3 && VERBS.has(key.slice(1))) return true;
  if ((c === YEH || c === TEH) && key.length >= 5 && (key.startsWith('ست', 1) || d === TEH)) return true;
  // يفعل (يدشن, يعني) and يفاعل (يقاضي, يطالب); ينار, يمامة are names.
  if (c === YEH && d !== ALEF && d !== WAW && ((key.length === 4 && key.charCodeAt(2) !== ALEF) || (key.length === 5 && key.charCodeAt(2) === ALEF && key.charCodeAt(4) !== HEH))) return true;
  if (c === LAM && key.length >= 4 && d !== ALEF && d !== WAW && d !== YEH && d !== LAM) return true;
  return false;
}

/**
 * A word that never starts a name: a verbal noun of the تفعيل pattern (تعزيز), or a word in ت
 * and a consonant (تعثر, تقدم), as verbal nouns and presents are; تش (ch) starts foreign names.
 */
export function noNameStart(key: string): boolean {
  if (key.charCodeAt(0) !== TEH || key.length < 4 || key.length > 5) return false;
  const d = key.charCodeAt(1);
  return (key.length === 5 && key.charCodeAt(3) === YEH) || (d !== ALEF && d !== WAW && d !== YEH && d !== 0x634);
}

/** A word with a pronoun suffix (مستقبليهم, قواتها); نا is left out, as names end so (ماريانا). */
export function hasPronounSuffix(key: string): boolean {
  if (key.length < 5) return false;
  const two = key.slice(key.length - 2);
  return two === 'هم' || two === 'ها' || two === 'كم';
}

/** Whether the token is written with tanween (حساباً, رسمياً): an indefinite noun or adverb, never a name. */
export function hasTanween(text: string, t: Token): boolean {
  for (let i = t.start; i < t.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x64b && c <= 0x64d) return true;
  }
  return false;
}

/**
 * What a word ending tells of a definite word after a name: plurals and feminine adjectives (the
 * long words in ية: الاقتصادية) are no surnames; short ones (العطية) and other feminine endings
 * (الطراونة) may be.
 */
export function endsAsNoSurname(key: string): boolean {
  const n = key.length;
  const two = key.slice(n - 2);
  if (key.charCodeAt(n - 1) === HEH) return n < 6 || (two === 'يه' && n > 6);
  return two === 'ات' || two === 'ون' || two === 'ين';
}

/** A nisba (الدليمي, السوداني): the ending most Arabic family names have. */
export const isNisba = (key: string) => key.charCodeAt(key.length - 1) === YEH;

/**
 * Tokens of one name are separated by spaces, or by a hyphen with no space (ليبتاكو-غورما); a
 * spaced hyphen separates the items of a list, and punctuation or a line break ends a name.
 */
export function nameGap(text: string, a: Token, b: Token): boolean {
  let space = false;
  let dash = false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0) space = true;
    else if (c === 0x2d || c === 0x2013) dash = true;
    else if (c !== 0x640) return false;
  }
  return !(space && dash);
}

/** A role phrase may run over quotation marks and brackets (القيادي في "حزب الله" …) but not over a comma or a full stop. */
export function roleGap(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d || c === 0x640 || c === 0x22 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x28 || c === 0x29) continue;
    return false;
  }
  return true;
}

/** Whether a comma (Arabic or Latin) stands between two tokens, with spaces only besides. */
export function commaGap(text: string, a: Token, b: Token): boolean {
  let comma = false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x60c || c === 0x2c) comma = true;
    else if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  return comma;
}

/**
 * The key of a person's surname, when it can stand for the person alone: the last word, or the
 * last two after عبد or a particle (عبد الشافي, آل الشيخ); none when that is all of the name.
 */
export function surnameKey(keys: readonly string[]): string | undefined {
  const n = keys.length;
  if (n < 2) return undefined;
  const last = keys[n - 1];
  const before = keys[n - 2];
  const joined = before === 'عبد' || NAME_PARTICLES.has(before);
  if (joined) return n >= 3 && !NAME_PARTICLES.has(keys[n - 3]) && keys[n - 3] !== 'عبد' && before !== 'بن' && before !== 'ابن' && before !== 'بنت' ? `${before} ${last}` : undefined;
  if (last.length < 3 || last === 'علي' || NAME_PARTICLES.has(last) || STOP_WORDS.has(last)) return undefined;
  return last;
}

/**
 * The pairs of neighbouring words of a name (its keys) that an article's token filter holds
 * wherever the recogniser finds the name (`filterHashes` in index/analysis.ts): those of two
 * name words, the first read without its proclitics but not without the article. A discovered
 * name without one could not be looked for in the articles analysed before it was learnt, so
 * recognisers do not learn it (`Recognizer.learn`).
 */
export function filteredPairs(keys: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < keys.length; i++) if (mayBeNameWord(keys[i]) && mayBeNameWord(keys[i + 1])) out.push([keys[i], keys[i + 1]]);
  return out;
}

/**
 * A word in لل that is a name word after its first ل (للافروف: ل + لافروف): it reads as a
 * word with the article, but the recogniser reads a name in it.
 */
export function lamBeforeName(key: string): boolean {
  return key.charCodeAt(0) === LAM && key.charCodeAt(1) === LAM && key.length > 3 && !hasDigit(key);
}
