/**
 * People: after a title and its role phrase, from a given name or a name particle, after a
 * report verb when a role in apposition vouches for the name, or standing before a title at a
 * clause start. A name is taken whole and ends before verbs, prepositions, time words and other
 * words no name holds.
 */
import type { Token } from '../text/tokenize';
import type { Scan } from './discoveryScan';
import type { KnownMention } from './discovery';
import { COMMON_NOUNS, FOREIGN_PARTICLES, GENERIC_ADJECTIVES, GIVEN_NAMES, NAME_PARTICLES, ORG_HEADS, PERSON_TITLES, PLACE_CUES, ROLE_WORDS, START_PARTICLES, STOP_WORDS } from './lexicon';
import { ALEF, WAW, commaGap, endsAsNoSurname, hasDigit, hasPronounSuffix, hasTanween, isDefinite, isNisba, isPlainDefinite, isVerbLike, mayBeNameWord, nameGap, noNameStart, roleGap, writtenArticle } from './nameWords';
import { abdPrefix, triggerOf } from './triggerWords';

/** Titles that stand without the article before a name (نظيره, د). */
const INDEFINITE_TITLES = new Set(['نظيره', 'نظيرته', 'نظيرها', 'نظيرهم', 'د', 'ايه', 'ولي']);

/** The role phrase after token i (a title): definite words, role words and recognised mentions. Returns where the name may start. */
export function roleEnd(scan: Scan, i: number): number {
  const { tokens, text } = scan;
  let j = i + 1;
  while (j < tokens.length && j - i <= 10 && roleGap(text, tokens[j - 1], tokens[j])) {
    const key = tokens[j].key;
    if (scan.cover[j] > 0) {
      const m = scan.mention(j)!;
      if (m.type === 'person') break;
      j = scan.mentionLast(j) + 1;
      continue;
    }
    if (scan.taken[j]) {
      // A body this scan found (رئيس مجلس السيادة …).
      while (j + 1 < tokens.length && scan.taken[j + 1]) j++;
      j++;
      continue;
    }
    if ((isDefinite(key) && !STOP_WORDS.has(key) && !GIVEN_NAMES.has(key)) || ROLE_WORDS.has(key)) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

/** A person after a title and its role phrase (الفريق أول …, مديرة صندوق النقد الدولي …). */
export function afterTitle(scan: Scan, i: number): number {
  const { tokens, text } = scan;
  const j = roleEnd(scan, i);
  if (j >= tokens.length || !scan.free(j) || !roleGap(text, tokens[j - 1], tokens[j])) return i;
  const key = tokens[j].key;
  const title = triggerOf(tokens[i])!;
  const givenFirst = GIVEN_NAMES.has(key) || abdPrefix(key) === 0 || key === 'عبد' || START_PARTICLES.has(key) || !!triggerOf(tokens[j])?.given;
  // A bare indefinite title (قاضية, مرشح) is as often a noun: a given name must follow it.
  if (j === i + 1 && !isDefinite(title.base) && !INDEFINITE_TITLES.has(title.base) && !givenFirst) return i;
  // و or ف before the first word joins another phrase (ومنصب وزير), unless a given name follows it.
  let prefix = 0;
  if ((key.charCodeAt(0) === WAW || key.charCodeAt(0) === 0x641) && !GIVEN_NAMES.has(key)) {
    const t = triggerOf(tokens[j]);
    if (t && t.given && t.prefix === 1) prefix = 1;
    else if (abdPrefix(key) === 1) prefix = 1;
    else return i;
  }
  const end = nameEnd(scan, j, prefix);
  if (!scan.enoughWords(j, end)) return i;
  scan.take('person', j, end - 1, prefix, scan.keyOf(j, end, prefix), text.slice(tokens[i].start, tokens[j - 1].end));
  return end - 1;
}

/** A person from a given name or a name particle, without a title. */
export function fromGivenName(scan: Scan, i: number, prefix: number): number {
  // A given name that is the surname of someone named before (مؤمن زكريا … زكريا) stands for them.
  if (scan.surnames.has(scan.tokens[i].key.slice(prefix))) return i;
  const end = nameEnd(scan, i, prefix);
  if (!scan.enoughWords(i, end)) return i;
  scan.take('person', i, end - 1, prefix, scan.keyOf(i, end, prefix), appositionAfter(scan, end));
  return end - 1;
}

/** The role after a name (X Y، المتحدث باسم …; X Y المدير الرياضي …), as its description; '' when none. */
export function appositionAfter(scan: Scan, end: number): string {
  const { tokens, text } = scan;
  if (end >= tokens.length || !scan.isTitle(end)) return '';
  if (!nameGap(text, tokens[end - 1], tokens[end]) && !commaGap(text, tokens[end - 1], tokens[end])) return '';
  const roleLast = roleEnd(scan, end) - 1;
  return text.slice(tokens[end].start, tokens[roleLast].end);
}

/**
 * A name with neither title nor given name is taken only where the prose vouches for it: after
 * a report verb and followed by a role in apposition (وقال ستيفان دوجاريك، المتحدث …). Without
 * the role (قال X Y إن) it is left alone: the person is linked once a title introduces them.
 */
export function afterSpeech(scan: Scan, j: number): number {
  const { tokens } = scan;
  if (j >= tokens.length || !scan.free(j)) return j - 1;
  const key = tokens[j].key;
  if (!mayBeNameWord(key) || triggerOf(tokens[j]) || COMMON_NOUNS.has(key)) return j - 1;
  const end = nameEnd(scan, j, 0);
  if (!scan.enoughWords(j, end) || end - j > 4) return j - 1;
  const role = appositionAfter(scan, end);
  if (!role) return j - 1;
  scan.take('person', j, end - 1, 0, scan.keyOf(j, end, 0), role);
  return end - 1;
}

/** A name standing before the title at token i, at a clause start (أرني سلوت، مدرب ليفربول). */
export function beforeTitle(scan: Scan, i: number): void {
  const { tokens, text } = scan;
  if (i < 2 || !commaGap(text, tokens[i - 1], tokens[i])) return;
  for (let s = i - 2; s >= Math.max(0, i - 4); s--) {
    if (!scan.free(s) || !scan.free(s + 1)) return;
    if (!scan.clauseStart(s)) continue;
    const key = tokens[s].key;
    if (!mayBeNameWord(key) || STOP_WORDS.has(key) || COMMON_NOUNS.has(key) || isVerbLike(key)) return;
    if (nameEnd(scan, s, 0) !== i || !scan.enoughWords(s, i)) return;
    const role = appositionAfter(scan, i);
    if (role) scan.take('person', s, i - 1, 0, scan.keyOf(s, i, 0), role);
    return;
  }
}

/**
 * The end (exclusive) of the name starting at token `j` (whose key is read without `prefix`
 * units of proclitics): given names, name words, particles with the word they join, and a
 * definite family name where one may stand. `j` itself when no name starts there.
 */
export function nameEnd(scan: Scan, j: number, prefix: number): number {
  const walk = new NameWalk(scan, j, prefix);
  while (walk.n < scan.tokens.length && walk.n - j < 9 && walk.step());
  return walk.end;
}

/** Whether a word may stand in a name at all (given names aside, no stop word, verb, number or word with a pronoun). */
function mayStandInName(text: string, tok: Token, key: string, given: boolean): boolean {
  // آن (a name) folds to the same key as أن/إن (particles); the written alef tells them apart.
  if (!given && STOP_WORDS.has(key) && text[tok.start] !== 'آ') return false;
  if (!given && isVerbLike(key)) return false;
  if (hasDigit(key) || key.length < 2 || hasTanween(text, tok)) return false;
  return given || !hasPronounSuffix(key);
}

/** The walk over a name's tokens (see `nameEnd`): where it stands and what it has seen. */
class NameWalk {
  /** The token looked at, and the end (exclusive) of the name so far. */
  n: number;
  end: number;
  /** A particle (or عبد) waits for the word it joins; `joiner` is the last one: آل ends the name with that word. */
  private joinNext = false;
  private joiner = '';
  private sawDefinite = false;
  private prevGiven = false;
  private firstGiven = false;

  constructor(
    private readonly scan: Scan,
    private readonly j: number,
    private readonly prefix: number,
  ) {
    this.n = j;
    this.end = j;
  }

  /** Takes token `n` into the name, or ends the name (false). */
  step(): boolean {
    const { tokens, text } = this.scan;
    const { n, j } = this;
    const tok = tokens[n];
    const key = n === j && this.prefix > 0 ? tok.key.slice(this.prefix) : tok.key;
    if (n > j && !nameGap(text, tokens[n - 1], tok)) return false;
    if (this.scan.taken[n]) return false;
    const m = this.scan.mention(n);
    if (m && !(n === j && this.scan.givenDemonym(n))) return this.mention(m, key);
    const given = GIVEN_NAMES.has(key) && !(key === 'علي' && text.charCodeAt(tok.end - 1) === 0x649);
    if (!mayStandInName(text, tok, key, given)) return false;
    if (NAME_PARTICLES.has(key) && !this.joinNext) {
      if (n === j && (!START_PARTICLES.has(key) || FOREIGN_PARTICLES.has(key))) return false;
      return this.join(key);
    }
    if (key === 'عبد') {
      if (n === j) this.firstGiven = true;
      return this.join(key);
    }
    if (!given && isDefinite(key) && writtenArticle(text, tok)) return this.definite(key);
    return this.word(tok, key, given);
  }

  /** A particle or عبد: the next word is joined to it. */
  private join(key: string): boolean {
    this.joinNext = true;
    this.joiner = key;
    this.n++;
    return true;
  }

  /** A recognised mention: a short form inside the name is the name's; a demonym after it may be its family name; else the name ends. */
  private mention(m: KnownMention, key: string): boolean {
    const { n, j } = this;
    // A short form inside a longer name is that name's (بندر بن محمد العطية), and so is a
    // given name read as a demonym before a particle (تركي بن …).
    if (m.short && n > j && (this.prevGiven || this.joinNext) && !this.sawDefinite) {
      this.n = this.scan.mentionLast(n) + 1;
      this.end = this.n;
      this.prevGiven = false;
      this.joinNext = false;
      this.sawDefinite = isDefinite(this.scan.tokens[this.n - 1].key);
      return true;
    }
    // A demonym after a given name and another word is a family name (محمد شياع السوداني).
    if (m.demonym && !this.joinNext && !this.sawDefinite && this.firstGiven && n - j >= 2 && this.scan.mentionLast(n) === n && !endsAsNoSurname(key)) {
      this.end = n + 1;
      this.sawDefinite = true;
    }
    return false;
  }

  /** A word with the article: the family name after a particle, or after a given name when it reads as one. */
  private definite(key: string): boolean {
    if (!this.joinNext) {
      if (this.n === this.j || this.sawDefinite) return false;
      const ok = isPlainDefinite(key) && key.charCodeAt(0) === ALEF && !PERSON_TITLES.has(key) && !ROLE_WORDS.has(key) && !GENERIC_ADJECTIVES.has(key) && !endsAsNoSurname(key) && (this.prevGiven || isNisba(key));
      if (!ok) return false;
      this.sawDefinite = true;
    } else if (this.joiner !== 'عبد') this.sawDefinite = true;
    this.joinNext = false;
    this.prevGiven = false;
    this.n++;
    this.end = this.n;
    return this.joiner !== 'ال';
  }

  /** Any other word: a name word, unless it is a noun, a title or a head that no name starts or goes on with. */
  private word(tok: Token, key: string, given: boolean): boolean {
    const { n, j } = this;
    if (this.sawDefinite && !this.joinNext) return false;
    if (n === j && (COMMON_NOUNS.has(key) || PERSON_TITLES.has(key) || ORG_HEADS.has(key) || PLACE_CUES.has(key) || noNameStart(key)) && !given) return false;
    if (n > j && !given && (PERSON_TITLES.has(key) || COMMON_NOUNS.has(key) || ORG_HEADS.has(key))) return false;
    // A conjunction before a word that could start another name ends this one (محمد وأحمد).
    if (n > j && key.charCodeAt(0) === WAW && !given && key.length > 3 && (GIVEN_NAMES.has(key.slice(1)) || triggerOf(tok))) return false;
    if (n === j) this.firstGiven = given || abdPrefix(key) === 0;
    this.prevGiven = given || abdPrefix(key) === 0;
    // آل and the family's name end a name (عبدالعزيز آل سعود).
    const family = this.joinNext && this.joiner === 'ال';
    this.joinNext = false;
    this.n++;
    this.end = this.n;
    return !family;
  }
}
