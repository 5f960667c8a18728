/**
 * Discovery of names the catalog does not know, from the way news prose introduces them:
 * - people after a title or role phrase (وزير الخارجية الهندي …, الفريق أول …, رئيس مجلس
 *   السيادة السوداني …), from a given name or a name particle (محمد …, عبد الله …, أبو …), or
 *   from a report verb or a name standing before a role in apposition (وقال X Y، المتحدث …);
 * - organisations from a head noun and its complement (وزارة الصحة, الهيئة الوطنية للانتخابات);
 * - places from a cue word and the name after it (بلدة القطينة, ولاية ميتشغان).
 * A name is taken whole and ends before verbs, prepositions, time words and other words no
 * name holds (see `lexicon.ts`).
 */
import type { Entity, EntityType } from '../catalog/types';
import { keyHash, keyUnitOffset, type Token } from '../text/tokenize';
import {
  COMMON_NOUNS,
  DEFINITE_ORG_HEADS,
  DEMONYM_HEADS,
  FOREIGN_PARTICLES,
  GENERIC_ADJECTIVES,
  DESCRIPTIVE_ADJECTIVES,
  GENERIC_COMPLEMENTS,
  GIVEN_NAMES,
  NAME_ADJECTIVES,
  NAME_PARTICLES,
  NOT_BY_PLACE,
  ORG_CONNECTORS,
  ORG_HEADS,
  PERSON_TITLES,
  PLACE_CUES,
  PLACE_CUES_DEFINITE,
  ROLE_WORDS,
  SOLE_ADJECTIVES,
  SPEECH_VERBS,
  START_PARTICLES,
  STOP_WORDS,
  VERBS,
  WEAK_ORG_HEADS,
} from './lexicon';

export type DiscoveredType = 'person' | 'organisation' | 'place';

export interface DiscoveredName {
  /**
   * Identity key: the normalised name, after `org:` or `place:` for organisations and places
   * (a person's key is the bare name), so that one key gives both the type and the name.
   */
  readonly key: string;
  readonly type: DiscoveredType;
  /** The name as written. */
  readonly text: string;
  /** The phrase that introduced it: a role, a head noun or a place cue. */
  readonly role: string;
  readonly start: number;
  readonly end: number;
  /** Its tokens, `first` to `last` inclusive. */
  readonly first: number;
  readonly last: number;
}

/** What discovery is told of one recognised mention. */
export interface KnownMention {
  readonly type: EntityType;
  readonly demonym: boolean;
  /** A short form (عون, العطية): a discovered full name around it takes its place. */
  readonly short: boolean;
}

const TYPE_PREFIX: Record<DiscoveredType, string> = { person: '', organisation: 'org:', place: 'place:' };

/** The type a discovered key stands for (see `DiscoveredName.key`). */
export function discoveredType(key: string): DiscoveredType {
  return key.startsWith('org:') ? 'organisation' : key.startsWith('place:') ? 'place' : 'person';
}

/**
 * The entity a discovered key makes. A person's surname is a short form that needs the full
 * name before it in an article (مراد شتينكايا … شتينكايا).
 */
export function discoveredEntity(id: string, key: string, text: string, role: string): Entity {
  const type = discoveredType(key);
  const surname = type === 'person' ? surnameOf(key.split(' '), text) : undefined;
  return { id, type, ar: text, description: role, discovered: true, ...(surname ? { short: [{ text: surname, requiresAntecedent: true }] } : {}) };
}

/** A person's surname as written, when it can stand for the person alone. */
function surnameOf(keys: readonly string[], text: string): string | undefined {
  const s = surnameKey(keys);
  if (s === undefined) return undefined;
  const words = text.split(/\s+/);
  return words.length === keys.length ? words.slice(words.length - s.split(' ').length).join(' ') : undefined;
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

/** Whether a key starts with the article (ال), alone or after و, ب, ف or ك, or as لل; char codes, as this runs for most tokens. */
function isDefinite(key: string): boolean {
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
function writtenArticle(text: string, t: Token): boolean {
  for (let i = t.start; i < t.end && i < t.start + 4; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x627) return true;
    if (c === 0x623 || c === 0x625 || c === 0x622 || c === 0x671) return false;
  }
  return true;
}

/** The article alone or after و (الهيئة, والمخابرات) or ل (للانتخابات): what continues a body's name. */
function isPlainDefinite(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c === 0x627) return key.charCodeAt(1) === 0x644;
  if (c === 0x644) return key.charCodeAt(1) === 0x644;
  if (c === 0x648) return key.charCodeAt(1) === 0x627 && key.charCodeAt(2) === 0x644;
  return false;
}

/**
 * Whether a title stands right before token i (الرئيس عون, الشيخ تميم), or a title and one
 * definite word (الرئيس اللبناني عون): what lets a short form that needs an antecedent link.
 */
export function titleBefore(text: string, tokens: readonly Token[], i: number): boolean {
  // A definite short form ending in ي reads as an adjective after a title (القيادي الحوثي).
  const key = tokens[i].key;
  if (isDefinite(key) && isNisba(key)) return false;
  for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
    if (!nameGap(text, tokens[k], tokens[k + 1])) return false;
    const t = triggerOf(tokens[k]);
    if (t?.title) return t.prefix === 0 && !ROLE_TITLES.has(t.base);
    if (!isDefinite(tokens[k].key)) return false;
  }
  return false;
}

/** Titles of roles, not of address: they say what someone does (مساعدة, القائد), not who they are. */
const ROLE_TITLES = new Set(['مساعد', 'مساعده', 'المساعد', 'المساعده', 'القايد', 'قايد', 'القياده', 'المواطن', 'المواطنه', 'عضو', 'العضو', 'مرشح', 'المرشح']);

/** Titles that stand without the article before a name (نظيره, د). */
const INDEFINITE_TITLES = new Set(['نظيره', 'نظيرته', 'نظيرها', 'نظيرهم', 'د', 'ايه', 'ولي']);

const hasDigit = (key: string) => {
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

const ALEF = 0x627;
const WAW = 0x648;
const YEH = 0x64a;
const LAM = 0x644;
const TEH = 0x62a;
const HEH = 0x647;
const AIN = 0x639;

/**
 * Whether a word reads as a verb or as a preposition with a verbal noun wherever it stands: the
 * listed verbs, Form V, VI and X presents (يستقبل, يتولى), four-letter presents (يدشن, يعني), and
 * ل before a consonant (لمناقشة, لتولي, لعقد), which no name begins with.
 */
function isVerbLike(key: string): boolean {
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
function noNameStart(key: string): boolean {
  if (key.charCodeAt(0) !== TEH || key.length < 4 || key.length > 5) return false;
  const d = key.charCodeAt(1);
  return (key.length === 5 && key.charCodeAt(3) === YEH) || (d !== ALEF && d !== WAW && d !== YEH && d !== 0x634);
}

/** A word with a pronoun suffix (مستقبليهم, قواتها); نا is left out, as names end so (ماريانا). */
function hasPronounSuffix(key: string): boolean {
  if (key.length < 5) return false;
  const two = key.slice(key.length - 2);
  return two === 'هم' || two === 'ها' || two === 'كم';
}

/** Whether the token is written with tanween (حساباً, رسمياً): an indefinite noun or adverb, never a name. */
function hasTanween(text: string, t: Token): boolean {
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
function endsAsNoSurname(key: string): boolean {
  const n = key.length;
  const two = key.slice(n - 2);
  if (key.charCodeAt(n - 1) === HEH) return n < 6 || (two === 'يه' && n > 6);
  return two === 'ات' || two === 'ون' || two === 'ين';
}

/** A nisba (الدليمي, السوداني): the ending most Arabic family names have. */
const isNisba = (key: string) => key.charCodeAt(key.length - 1) === YEH;

/**
 * Tokens of one name are separated by spaces, or by a hyphen with no space (ليبتاكو-غورما); a
 * spaced hyphen separates the items of a list, and punctuation or a line break ends a name.
 */
function nameGap(text: string, a: Token, b: Token): boolean {
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
function roleGap(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d || c === 0x640 || c === 0x22 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x28 || c === 0x29) continue;
    return false;
  }
  return true;
}

/** Whether a comma (Arabic or Latin) stands between two tokens, with spaces only besides. */
function commaGap(text: string, a: Token, b: Token): boolean {
  let comma = false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x60c || c === 0x2c) comma = true;
    else if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  return comma;
}

/** One reading of a trigger word: which list it is in, its base key and how many key units of proclitics precede it. */
interface Trigger {
  readonly base: string;
  readonly prefix: number;
  readonly title: boolean;
  readonly given: boolean;
  readonly speech: boolean;
  /** An organisation head, with or without the article. */
  readonly head: boolean;
  readonly definiteHead: boolean;
  readonly cue: boolean;
}

/** Every written form of every trigger word (with و, ف, ب, ل, ك and the article as each takes them). */
const TRIGGERS = new Map<string, Trigger>();
const TRIGGER_BITS = new Uint32Array(1 << 15);
const TRIGGER_MASK = (1 << 15) - 1;

function addTrigger(form: string, t: Trigger): void {
  const old = TRIGGERS.get(form);
  // A form keeps its shortest proclitic reading, with the lists of all its readings of that length.
  if (old && old.prefix < t.prefix) return;
  const merged: Trigger = old && old.prefix === t.prefix
    ? { base: old.base, prefix: old.prefix, title: old.title || t.title, given: old.given || t.given, speech: old.speech || t.speech, head: old.head || t.head, definiteHead: old.definiteHead || t.definiteHead, cue: old.cue || t.cue }
    : t;
  TRIGGERS.set(form, merged);
  const h = keyHash(form);
  TRIGGER_BITS[(h >>> 5) & TRIGGER_MASK] |= 1 << (h & 31);
}

function addForms(word: string, kind: Partial<Trigger>, preps: boolean): void {
  const base: Trigger = { base: word, prefix: 0, title: false, given: false, speech: false, head: false, definiteHead: false, cue: false, ...kind };
  for (const conj of ['', 'و', 'ف']) {
    for (const prep of preps ? ['', 'ب', 'ل', 'ك'] : ['']) {
      const form = prep === 'ل' && word.startsWith('ال') ? `${conj}ل${word.slice(1)}` : `${conj}${prep}${word}`;
      // ل before the article drops its alef: the reading starts at the second lam.
      const prefix = conj.length + prep.length;
      addTrigger(form, { ...base, prefix });
    }
  }
}

for (const w of PERSON_TITLES) addForms(w, { title: true }, true);
for (const w of GIVEN_NAMES) addForms(w, { given: true }, true);
for (const w of START_PARTICLES) addForms(w, { given: true }, true);
for (const w of SPEECH_VERBS) addForms(w, { speech: true }, false);
for (const w of ORG_HEADS) {
  addForms(w, { head: true }, true);
  if (DEFINITE_ORG_HEADS.has(w)) addForms(`ال${w}`, { head: true, definiteHead: true }, true);
}
for (const w of PLACE_CUES) addForms(w, { cue: true }, true);

/** The trigger reading of a token, if any: one bit turns most tokens away. */
function triggerOf(t: Token): Trigger | undefined {
  if ((TRIGGER_BITS[(t.hash >>> 5) & TRIGGER_MASK] & (1 << (t.hash & 31))) === 0) return undefined;
  return TRIGGERS.get(t.key);
}

/** A given name written as one token with عبد (عبدالله, وعبدالسند): after at most one proclitic. */
function abdPrefix(key: string): number {
  // ع first or second: most tokens are turned away on one or two letters.
  if (key.charCodeAt(0) !== AIN && key.charCodeAt(1) !== AIN) return -1;
  if (key.startsWith('عبدال') && key.length > 6) return 0;
  const c = key.charCodeAt(0);
  if ((c === WAW || c === LAM || c === 0x628 || c === 0x641) && key.startsWith('عبدال', 1) && key.length > 7) return 1;
  return -1;
}

class Scan {
  readonly out: DiscoveredName[] = [];
  /** Tokens inside a name this scan found. */
  readonly taken: Uint8Array;
  /** Per token, 1 + the index of the recognised mention over it (0: none). */
  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly cover: Int32Array,
    readonly known: (m: number) => KnownMention,
  ) {
    this.taken = new Uint8Array(tokens.length);
  }

  mention(i: number): KnownMention | undefined {
    const m = this.cover[i];
    return m > 0 ? this.known(m - 1) : undefined;
  }

  /** The last token of the recognised mention over token i. */
  mentionLast(i: number): number {
    let j = i;
    const m = this.cover[i];
    while (j + 1 < this.tokens.length && this.cover[j + 1] === m) j++;
    return j;
  }

  free(i: number): boolean {
    return (this.cover[i] === 0 || this.givenDemonym(i)) && this.taken[i] === 0;
  }

  /** A given name read as a demonym that starts a name with a particle after it (تركي بن …, تركي آل الشيخ). */
  givenDemonym(i: number): boolean {
    const m = this.mention(i);
    if (!m || !m.demonym || this.mentionLast(i) !== i || !GIVEN_NAMES.has(this.tokens[i].key) || i + 1 >= this.tokens.length) return false;
    const next = this.tokens[i + 1].key;
    return NAME_PARTICLES.has(next) || next === 'عبد';
  }

  /** Whether token i is a title (with its proclitics), and a person's. */
  isTitle(i: number): boolean {
    const t = triggerOf(this.tokens[i]);
    return !!t && t.title;
  }

  /** Surnames of the people found so far. */
  readonly surnames = new Set<string>();

  take(type: DiscoveredType, first: number, last: number, prefix: number, key: string, role: string): void {
    if (type === 'person') {
      const s = surnameKey(key.split(' '));
      if (s) this.surnames.add(s);
    }
    const a = this.tokens[first];
    const start = prefix > 0 ? keyUnitOffset(this.text, a, prefix) : a.start;
    const end = this.tokens[last].end;
    this.out.push({ key: TYPE_PREFIX[type] + key, type, text: this.text.slice(start, end), role, start, end, first, last });
    for (let k = first; k <= last; k++) this.taken[k] = 1;
  }

  /**
   * The end (exclusive) of the name starting at token `j` (whose key is read without `prefix`
   * units of proclitics): given names, name words, particles with the word they join, and a
   * definite family name where one may stand. `j` itself when no name starts there.
   */
  nameEnd(j: number, prefix: number): number {
    const { tokens, text } = this;
    let n = j;
    let joinNext = false;
    /** What the pending particle was: آل ends the name with the word it joins. */
    let joiner = '';
    let sawDefinite = false;
    let prevGiven = false;
    let firstGiven = false;
    let end = j;
    while (n < tokens.length && n - j < 9) {
      const tok = tokens[n];
      const key = n === j && prefix > 0 ? tok.key.slice(prefix) : tok.key;
      if (n > j && !nameGap(text, tokens[n - 1], tok)) break;
      if (this.taken[n]) break;
      const m = this.mention(n);
      // A short form inside a longer name is that name's (بندر بن محمد العطية), and so is a
      // given name read as a demonym before a particle (تركي بن …).
      if (m && m.short && n > j && (prevGiven || joinNext) && !sawDefinite) {
        n = this.mentionLast(n) + 1;
        end = n;
        prevGiven = false;
        joinNext = false;
        sawDefinite = isDefinite(tokens[n - 1].key);
        continue;
      }
      const inName = m && n === j && this.givenDemonym(n);
      if (m && !inName) {
        // A demonym after a given name and another word is a family name (محمد شياع السوداني).
        if (m.demonym && !joinNext && !sawDefinite && firstGiven && n - j >= 2 && this.mentionLast(n) === n && !endsAsNoSurname(key)) {
          end = n + 1;
          sawDefinite = true;
        }
        break;
      }
      // آن (a name) folds to the same key as أن/إن (particles); the written alef tells them apart.
      const given = GIVEN_NAMES.has(key) && !(key === 'علي' && text.charCodeAt(tok.end - 1) === 0x649);
      if (!given && (STOP_WORDS.has(key) && text[tok.start] !== 'آ')) break;
      if (!given && isVerbLike(key)) break;
      if (hasDigit(key) || key.length < 2 || hasTanween(text, tok)) break;
      if (!given && hasPronounSuffix(key)) break;
      if (NAME_PARTICLES.has(key) && !joinNext) {
        if (n === j && !START_PARTICLES.has(key)) break;
        if (FOREIGN_PARTICLES.has(key) && n === j) break;
        joinNext = true;
        joiner = key;
        n++;
        continue;
      }
      if (key === 'عبد') {
        joinNext = true;
        joiner = key;
        if (n === j) firstGiven = true;
        n++;
        continue;
      }
      if (!given && isDefinite(key) && writtenArticle(text, tok)) {
        if (!joinNext) {
          if (n === j || sawDefinite) break;
          const ok = isPlainDefinite(key) && key.charCodeAt(0) === ALEF && !PERSON_TITLES.has(key) && !ROLE_WORDS.has(key) && !GENERIC_ADJECTIVES.has(key) && !endsAsNoSurname(key) && (prevGiven || isNisba(key));
          if (!ok) break;
          sawDefinite = true;
        } else if (joiner !== 'عبد') sawDefinite = true;
        joinNext = false;
        prevGiven = false;
        n++;
        end = n;
        if (joiner === 'ال') break;
        continue;
      }
      if (sawDefinite && !joinNext) break;
      if (n === j && (COMMON_NOUNS.has(key) || PERSON_TITLES.has(key) || ORG_HEADS.has(key) || PLACE_CUES.has(key) || noNameStart(key)) && !given) break;
      if (n > j && !given && (PERSON_TITLES.has(key) || COMMON_NOUNS.has(key) || ORG_HEADS.has(key))) break;
      // A conjunction before a word that could start another name ends this one (محمد وأحمد).
      if (n > j && key.charCodeAt(0) === WAW && !given && key.length > 3 && (GIVEN_NAMES.has(key.slice(1)) || triggerOf(tok))) break;
      if (n === j) firstGiven = given || abdPrefix(key) === 0;
      prevGiven = given || abdPrefix(key) === 0;
      const family = joinNext && joiner === 'ال';
      joinNext = false;
      n++;
      end = n;
      // آل and the family's name end a name (عبدالعزيز آل سعود).
      if (family) break;
    }
    return end;
  }

  /** Whether a name from j to end (exclusive) is long enough: two words, عبد and its word counting as one. */
  enoughWords(j: number, end: number): boolean {
    if (end - j < 2) return false;
    if (end - j === 2 && this.tokens[j].key === 'عبد') return false;
    return true;
  }

  /** The key of a name, the first token read without its proclitics. */
  keyOf(j: number, end: number, prefix: number): string {
    const parts: string[] = [];
    for (let k = j; k < end; k++) parts.push(k === j && prefix > 0 ? this.tokens[k].key.slice(prefix) : this.tokens[k].key);
    return parts.join(' ');
  }

  /** The role phrase after token i (a title): definite words, role words and recognised mentions. Returns where the name may start. */
  roleEnd(i: number): number {
    const { tokens, text } = this;
    let j = i + 1;
    while (j < tokens.length && j - i <= 10 && roleGap(text, tokens[j - 1], tokens[j])) {
      const key = tokens[j].key;
      if (this.cover[j] > 0) {
        const m = this.mention(j)!;
        if (m.type === 'person') break;
        j = this.mentionLast(j) + 1;
        continue;
      }
      if (this.taken[j]) {
        // A body this scan found (رئيس مجلس السيادة …).
        while (j + 1 < tokens.length && this.taken[j + 1]) j++;
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
  afterTitle(i: number): number {
    const { tokens, text } = this;
    const j = this.roleEnd(i);
    if (j >= tokens.length || !this.free(j) || !roleGap(text, tokens[j - 1], tokens[j])) return i;
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
    const end = this.nameEnd(j, prefix);
    if (!this.enoughWords(j, end)) return i;
    this.take('person', j, end - 1, prefix, this.keyOf(j, end, prefix), text.slice(tokens[i].start, tokens[j - 1].end));
    return end - 1;
  }

  /** A person from a given name or a name particle, without a title. */
  fromGivenName(i: number, prefix: number): number {
    // A given name that is the surname of someone named before (مؤمن زكريا … زكريا) stands for them.
    if (this.surnames.has(this.tokens[i].key.slice(prefix))) return i;
    const end = this.nameEnd(i, prefix);
    if (!this.enoughWords(i, end)) return i;
    this.take('person', i, end - 1, prefix, this.keyOf(i, end, prefix), this.appositionAfter(end));
    return end - 1;
  }

  /** The role after a name (X Y، المتحدث باسم …; X Y المدير الرياضي …), as its description; '' when none. */
  appositionAfter(end: number): string {
    const { tokens, text } = this;
    if (end >= tokens.length || !this.isTitle(end)) return '';
    if (!nameGap(text, tokens[end - 1], tokens[end]) && !commaGap(text, tokens[end - 1], tokens[end])) return '';
    const roleLast = this.roleEnd(end) - 1;
    return text.slice(tokens[end].start, tokens[roleLast].end);
  }

  /**
   * A name with neither title nor given name is taken only where the prose vouches for it: after
   * a report verb and followed by a role in apposition (وقال ستيفان دوجاريك، المتحدث …). Without
   * the role (قال X Y إن) it is left alone: the person is linked once a title introduces them.
   */
  afterSpeech(j: number): number {
    const { tokens } = this;
    if (j >= tokens.length || !this.free(j)) return j - 1;
    const key = tokens[j].key;
    if (!mayBeNameWord(key) || triggerOf(tokens[j]) || COMMON_NOUNS.has(key)) return j - 1;
    const end = this.nameEnd(j, 0);
    if (!this.enoughWords(j, end) || end - j > 4) return j - 1;
    const role = this.appositionAfter(end);
    if (!role) return j - 1;
    this.take('person', j, end - 1, 0, this.keyOf(j, end, 0), role);
    return end - 1;
  }

  /** A name standing before the title at token i, at a clause start (أرني سلوت، مدرب ليفربول). */
  beforeTitle(i: number): void {
    const { tokens, text } = this;
    if (i < 2 || !commaGap(text, tokens[i - 1], tokens[i])) return;
    for (let s = i - 2; s >= Math.max(0, i - 4); s--) {
      if (!this.free(s) || !this.free(s + 1)) return;
      if (!this.clauseStart(s)) continue;
      const key = tokens[s].key;
      if (!mayBeNameWord(key) || STOP_WORDS.has(key) || COMMON_NOUNS.has(key) || isVerbLike(key)) return;
      if (this.nameEnd(s, 0) !== i || !this.enoughWords(s, i)) return;
      const role = this.appositionAfter(i);
      if (role) this.take('person', s, i - 1, 0, this.keyOf(s, i, 0), role);
      return;
    }
  }

  /** Whether token i begins a clause: text start, punctuation before it, or a stop word or verb before it. */
  clauseStart(i: number): boolean {
    if (i === 0) return true;
    const { tokens, text } = this;
    const prev = tokens[i - 1];
    if (!nameGap(text, prev, tokens[i])) return true;
    return !!triggerOf(prev)?.speech;
  }

  /** An organisation from its head noun at token i (read after `t.prefix` units of proclitics). */
  organisation(i: number, t: Trigger): number {
    const { tokens, text } = this;
    const weak = WEAK_ORG_HEADS.has(t.definiteHead ? t.base.slice(2) : t.base);
    let j = i + 1;
    let specific = false;
    let count = 0;
    let afterPlace = false;
    let afterDemonym = false;
    while (j < tokens.length && count < 7 && nameGap(text, tokens[j - 1], tokens[j])) {
      const key = tokens[j].key;
      const m = this.mention(j);
      if (m) {
        if (m.type === 'person' || m.type === 'topic' || afterDemonym) break;
        // A body named after a known organisation is a part of it (لجنة … للحزب الشيوعي الصيني): the known one is linked.
        if (m.type === 'organisation' && !m.demonym) return i;
        // A demonym goes on a name with the article (هيئة الانتخابات التركية); تركي after it is someone's name.
        if (m.demonym && !isDefinite(key)) break;
        if (count === 0 && NOT_BY_PLACE.has(t.base)) break;
        // A body with the article takes a demonym (الجامعة الأميركية), not a place name.
        if (t.definiteHead && !m.demonym) break;
        if (t.definiteHead && count === 0 && (t.base === 'الوزاره' || t.base === 'اللجنه' || t.base === 'المجلس' || t.base === 'الهييه')) break;
        specific = true;
        afterPlace = !m.demonym;
        afterDemonym = m.demonym;
        j = this.mentionLast(j) + 1;
        count++;
        continue;
      }
      if (this.taken[j]) break;
      if (count === 0 && !t.definiteHead && ORG_CONNECTORS.has(key)) {
        j++;
        continue;
      }
      // An indefinite head takes a noun in the genitive (وزارة الصحة), not ل (تحالف للفصائل).
      if (count === 0 && !t.definiteHead && key.charCodeAt(0) === LAM) break;
      // …nor an adjective, which would agree with it (حركة التجارية is no name).
      if (count === 0 && !t.definiteHead && key.endsWith('يه') && key.length > 6) break;
      if (!isPlainDefinite(key) || STOP_WORDS.has(key) || PERSON_TITLES.has(key) || GENERIC_ADJECTIVES.has(key)) break;
      if (afterDemonym) break;
      if (afterPlace && !NAME_ADJECTIVES.has(key) && !isNisba(key) && !key.endsWith('يه')) break;
      if (count > 0 && DESCRIPTIVE_ADJECTIVES.has(key)) break;
      // A body with the article is named by an adjective (الهيئة الوطنية), not by a noun after it.
      if (t.definiteHead && count === 0 && !(isNisba(key) || key.endsWith('يه') || NAME_ADJECTIVES.has(key))) break;
      if (count === 0 && weak && GENERIC_COMPLEMENTS.has(key)) break;
      if (isNisba(key) || key.endsWith('يه') || NAME_ADJECTIVES.has(key) || count > 0) specific = true;
      const c = key.charCodeAt(0);
      // و before a second noun joins it to the name only where the name goes on (جهاز الأمن والمخابرات).
      if (c === WAW && count === 0) break;
      count++;
      j++;
    }
    if (count === 0 || (weak && !specific)) return i;
    if (t.definiteHead && count === 1) {
      const only = tokens[j - 1];
      const m = this.mention(j - 1);
      if (m ? !DEMONYM_HEADS.has(t.base) : !SOLE_ADJECTIVES.has(only.key)) return i;
    }
    const head = tokens[i];
    // The name keeps its article; proclitics before it (ل, و, ب) are left out.
    const baseKey = t.base;
    const rest: string[] = [];
    for (let k = i + 1; k < j; k++) rest.push(tokens[k].key);
    const key = [baseKey, ...rest].join(' ');
    const role = text.slice(head.start + (t.prefix > 0 ? keyUnitOffset(text, head, t.prefix) - head.start : 0), head.end);
    this.take('organisation', i, j - 1, t.prefix, key, role);
    return j - 1;
  }

  /** A place from its cue word at token i (مدينة, بلدة, مخيم …): the name after the cue. */
  place(i: number, t: Trigger): number {
    const { tokens, text } = this;
    const j = i + 1;
    if (j >= tokens.length || !this.free(j) || !nameGap(text, tokens[i], tokens[j])) return i;
    const key = tokens[j].key;
    let end = j;
    if (isDefinite(key)) {
      if (!PLACE_CUES_DEFINITE.has(t.base) || !isPlainDefinite(key) || key.charCodeAt(0) !== ALEF) return i;
      if (STOP_WORDS.has(key) || GENERIC_ADJECTIVES.has(key) || PERSON_TITLES.has(key) || COMMON_NOUNS.has(key.slice(2)) || ORG_HEADS.has(key.slice(2))) return i;
      if (isNisba(key) || key.endsWith('يه')) return i;
      end = j + 1;
    } else {
      while (end < tokens.length && end - j < 3 && this.free(end) && (end === j || nameGap(text, tokens[end - 1], tokens[end]))) {
        const k = tokens[end].key;
        if (!mayBeNameWord(k) || STOP_WORDS.has(k) || COMMON_NOUNS.has(k) || isVerbLike(k) || triggerOf(tokens[end]) || noNameStart(k)) break;
        // Adjectives after a cue (منطقة عسكرية, مدينة ساحلية) are no names.
        if (isNisba(k) || k.endsWith('يه') || endsAsNoSurname(k)) break;
        end++;
      }
      if (end === j) return i;
    }
    const role = text.slice(t.prefix > 0 ? keyUnitOffset(text, tokens[i], t.prefix) : tokens[i].start, tokens[i].end);
    this.take('place', j, end - 1, 0, this.keyOf(j, end, 0), role);
    return end - 1;
  }
}

/**
 * Finds names the catalog does not know among `tokens`. `cover[i]` is 1 + the index of the
 * recognised mention over token i (0 when none), which `known` describes (asked only near a trigger). Organisations and places come first, so
 * that a person's role phrase may hold them (رئيس مجلس السيادة السوداني …).
 */
export function discoverNames(text: string, tokens: readonly Token[], cover: Int32Array, known: (m: number) => KnownMention): DiscoveredName[] {
  const scan = new Scan(text, tokens, cover, known);
  for (let i = 0; i < tokens.length; i++) {
    if (cover[i] !== 0 || scan.taken[i]) continue;
    const t = triggerOf(tokens[i]);
    if (!t) continue;
    if (t.head) i = scan.organisation(i, t);
    else if (t.cue) i = scan.place(i, t);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!scan.free(i)) continue;
    const tok = tokens[i];
    const t = triggerOf(tok);
    if (t) {
      if (t.title) {
        scan.beforeTitle(i);
        const at = scan.afterTitle(i);
        if (at > i) {
          i = at;
          continue;
        }
      }
      // A given name after ب or ل is as often a word (لصالح: in favour of).
      if (t.given && (t.prefix === 0 || (t.prefix === 1 && (tok.key.charCodeAt(0) === WAW || tok.key.charCodeAt(0) === 0x641)))) {
        const at = scan.fromGivenName(i, t.prefix);
        if (at > i) i = at;
        continue;
      }
      if (t.speech && i + 1 < tokens.length && nameGap(text, tok, tokens[i + 1])) i = scan.afterSpeech(i + 1);
      continue;
    }
    const abd = abdPrefix(tok.key);
    if (abd >= 0 || (tok.key.length === 3 && tok.key === 'عبد')) {
      i = Math.max(i, scan.fromGivenName(i, Math.max(abd, 0)));
      continue;
    }
  }
  return scan.out.sort((a, b) => a.start - b.start);
}
