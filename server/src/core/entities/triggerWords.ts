/**
 * The words that trigger discovery (titles, given names and name particles, report verbs,
 * organisation heads, place cues), each in every written form with its proclitics, found by one
 * bit and one lookup a token.
 */
import { keyHash, type Token } from '../text/tokenize';
import { DEFINITE_ORG_HEADS, GIVEN_NAMES, ORG_HEADS, PERSON_TITLES, PLACE_CUES, SPEECH_VERBS, START_PARTICLES } from './lexicon';
import { AIN, LAM, WAW } from './nameWords';

/** One reading of a trigger word: which list it is in, its base key and how many key units of proclitics precede it. */
export interface Trigger {
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
export function triggerOf(t: Token): Trigger | undefined {
  if ((TRIGGER_BITS[(t.hash >>> 5) & TRIGGER_MASK] & (1 << (t.hash & 31))) === 0) return undefined;
  return TRIGGERS.get(t.key);
}

/** A given name written as one token with عبد (عبدالله, وعبدالسند): after at most one proclitic. */
export function abdPrefix(key: string): number {
  // ع first or second: most tokens are turned away on one or two letters.
  if (key.charCodeAt(0) !== AIN && key.charCodeAt(1) !== AIN) return -1;
  if (key.startsWith('عبدال') && key.length > 6) return 0;
  const c = key.charCodeAt(0);
  if ((c === WAW || c === LAM || c === 0x628 || c === 0x641) && key.startsWith('عبدال', 1) && key.length > 7) return 1;
  return -1;
}
