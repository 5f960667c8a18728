/**
 * Organisations from a head noun and its complement (وزارة الصحة, الهيئة الوطنية للانتخابات), and
 * places from a cue word and the name after it (بلدة القطينة, ولاية ميتشغان).
 */
import { keyUnitOffset } from '../text/tokenize';
import type { Scan } from './discoveryScan';
import type { KnownMention } from './discovery';
import {
  COMMON_NOUNS,
  DEMONYM_HEADS,
  DESCRIPTIVE_ADJECTIVES,
  GENERIC_ADJECTIVES,
  GENERIC_COMPLEMENTS,
  NAME_ADJECTIVES,
  NOT_BY_PLACE,
  ORG_CONNECTORS,
  ORG_HEADS,
  PERSON_TITLES,
  PLACE_CUES_DEFINITE,
  SOLE_ADJECTIVES,
  STOP_WORDS,
  WEAK_ORG_HEADS,
} from './lexicon';
import { ALEF, LAM, WAW, endsAsNoSurname, isDefinite, isNisba, isPlainDefinite, isVerbLike, mayBeNameWord, nameGap, noNameStart } from './nameWords';
import { triggerOf, type Trigger } from './triggerWords';

/** How far an organisation's name runs after its head noun (`j`, exclusive), its words, and whether they make it specific. */
interface Complement {
  j: number;
  count: number;
  specific: boolean;
  afterPlace: boolean;
  afterDemonym: boolean;
}

/** An organisation from its head noun at token i (read after `t.prefix` units of proclitics). */
export function organisation(scan: Scan, i: number, t: Trigger): number {
  const { tokens, text } = scan;
  const weak = WEAK_ORG_HEADS.has(t.definiteHead ? t.base.slice(2) : t.base);
  const c = complementOf(scan, i, t, weak);
  if (!c || c.count === 0 || (weak && !c.specific)) return i;
  const j = c.j;
  if (t.definiteHead && c.count === 1) {
    const only = tokens[j - 1];
    const m = scan.mention(j - 1);
    if (m ? !DEMONYM_HEADS.has(t.base) : !SOLE_ADJECTIVES.has(only.key)) return i;
  }
  const head = tokens[i];
  // The name keeps its article; proclitics before it (ل, و, ب) are left out.
  const rest: string[] = [];
  for (let k = i + 1; k < j; k++) rest.push(tokens[k].key);
  const key = [t.base, ...rest].join(' ');
  const role = text.slice(head.start + (t.prefix > 0 ? keyUnitOffset(text, head, t.prefix) - head.start : 0), head.end);
  scan.take('organisation', i, j - 1, t.prefix, key, role);
  return j - 1;
}

/** The words after the head noun at token i that belong to the name; undefined when it names a known organisation's part. */
function complementOf(scan: Scan, i: number, t: Trigger, weak: boolean): Complement | undefined {
  const { tokens, text } = scan;
  const c: Complement = { j: i + 1, count: 0, specific: false, afterPlace: false, afterDemonym: false };
  while (c.j < tokens.length && c.count < 7 && nameGap(text, tokens[c.j - 1], tokens[c.j])) {
    const key = tokens[c.j].key;
    const m = scan.mention(c.j);
    if (m) {
      const taken = complementMention(m, key, t, c);
      if (taken === undefined) return undefined;
      if (!taken) break;
      c.j = scan.mentionLast(c.j) + 1;
      c.count++;
      continue;
    }
    if (scan.taken[c.j]) break;
    if (c.count === 0 && !t.definiteHead && ORG_CONNECTORS.has(key)) {
      c.j++;
      continue;
    }
    if (!complementWord(key, t, weak, c)) break;
    if (isNisba(key) || key.endsWith('يه') || NAME_ADJECTIVES.has(key) || c.count > 0) c.specific = true;
    // و before a second noun joins it to the name only where the name goes on (جهاز الأمن والمخابرات).
    if (key.charCodeAt(0) === WAW && c.count === 0) break;
    c.count++;
    c.j++;
  }
  return c;
}

/** Whether a recognised mention goes on the name (a place or a demonym); undefined when it is a known organisation. */
function complementMention(m: KnownMention, key: string, t: Trigger, c: Complement): boolean | undefined {
  if (m.type === 'person' || m.type === 'topic' || c.afterDemonym) return false;
  // A body named after a known organisation is a part of it (لجنة … للحزب الشيوعي الصيني): the known one is linked.
  if (m.type === 'organisation' && !m.demonym) return undefined;
  // A demonym goes on a name with the article (هيئة الانتخابات التركية); تركي after it is someone's name.
  if (m.demonym && !isDefinite(key)) return false;
  if (c.count === 0 && NOT_BY_PLACE.has(t.base)) return false;
  // A body with the article takes a demonym (الجامعة الأميركية), not a place name.
  if (t.definiteHead && !m.demonym) return false;
  if (t.definiteHead && c.count === 0 && (t.base === 'الوزاره' || t.base === 'اللجنه' || t.base === 'المجلس' || t.base === 'الهييه')) return false;
  c.specific = true;
  c.afterPlace = !m.demonym;
  c.afterDemonym = m.demonym;
  return true;
}

/** Whether a word goes on the name after what `c` has taken. */
function complementWord(key: string, t: Trigger, weak: boolean, c: Complement): boolean {
  // An indefinite head takes a noun in the genitive (وزارة الصحة), not ل (تحالف للفصائل).
  if (c.count === 0 && !t.definiteHead && key.charCodeAt(0) === LAM) return false;
  // …nor an adjective, which would agree with it (حركة التجارية is no name).
  if (c.count === 0 && !t.definiteHead && key.endsWith('يه') && key.length > 6) return false;
  if (!isPlainDefinite(key) || STOP_WORDS.has(key) || PERSON_TITLES.has(key) || GENERIC_ADJECTIVES.has(key)) return false;
  if (c.afterDemonym) return false;
  if (c.afterPlace && !NAME_ADJECTIVES.has(key) && !isNisba(key) && !key.endsWith('يه')) return false;
  if (c.count > 0 && DESCRIPTIVE_ADJECTIVES.has(key)) return false;
  // A body with the article is named by an adjective (الهيئة الوطنية), not by a noun after it.
  if (t.definiteHead && c.count === 0 && !(isNisba(key) || key.endsWith('يه') || NAME_ADJECTIVES.has(key))) return false;
  return !(c.count === 0 && weak && GENERIC_COMPLEMENTS.has(key));
}

/** A place from its cue word at token i (مدينة, بلدة, مخيم …): the name after the cue. */
export function place(scan: Scan, i: number, t: Trigger): number {
  const { tokens, text } = scan;
  const j = i + 1;
  if (j >= tokens.length || !scan.free(j) || !nameGap(text, tokens[i], tokens[j])) return i;
  const key = tokens[j].key;
  let end = j;
  if (isDefinite(key)) {
    if (!PLACE_CUES_DEFINITE.has(t.base) || !isPlainDefinite(key) || key.charCodeAt(0) !== ALEF) return i;
    if (STOP_WORDS.has(key) || GENERIC_ADJECTIVES.has(key) || PERSON_TITLES.has(key) || COMMON_NOUNS.has(key.slice(2)) || ORG_HEADS.has(key.slice(2))) return i;
    if (isNisba(key) || key.endsWith('يه')) return i;
    end = j + 1;
  } else {
    while (end < tokens.length && end - j < 3 && scan.free(end) && (end === j || nameGap(text, tokens[end - 1], tokens[end]))) {
      const k = tokens[end].key;
      if (!mayBeNameWord(k) || STOP_WORDS.has(k) || COMMON_NOUNS.has(k) || isVerbLike(k) || triggerOf(tokens[end]) || noNameStart(k)) break;
      // Adjectives after a cue (منطقة عسكرية, مدينة ساحلية) are no names.
      if (isNisba(k) || k.endsWith('يه') || endsAsNoSurname(k)) break;
      end++;
    }
    if (end === j) return i;
  }
  const role = text.slice(t.prefix > 0 ? keyUnitOffset(text, tokens[i], t.prefix) : tokens[i].start, tokens[i].end);
  scan.take('place', j, end - 1, 0, scan.keyOf(j, end, 0), role);
  return end - 1;
}
