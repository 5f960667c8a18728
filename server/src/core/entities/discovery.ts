/**
 * Discovery of names the catalog does not know, from the way news prose introduces them:
 * - people after a title or role phrase (وزير الخارجية الهندي …, الفريق أول …, رئيس مجلس
 *   السيادة السوداني …), from a given name or a name particle (محمد …, عبد الله …, أبو …), or
 *   from a report verb or a name standing before a role in apposition (وقال X Y، المتحدث …);
 * - organisations from a head noun and its complement (وزارة الصحة, الهيئة الوطنية للانتخابات);
 * - places from a cue word and the name after it (بلدة القطينة, ولاية ميتشغان).
 * A name is taken whole and ends before verbs, prepositions, time words and other words no
 * name holds (see `lexicon.ts`). This module drives a pass (`discoverNames`) and makes the
 * entities; `discoveryScan.ts` holds a pass's state, `personNames.ts` and
 * `organisationsAndPlaces.ts` the finders, `nameWords.ts` and `triggerWords.ts` how words read.
 */
import type { Entity, EntityType } from '../catalog/types';
import type { Token } from '../text/tokenize';
import { Scan } from './discoveryScan';
import { isDefinite, isNisba, nameGap, surnameKey, WAW } from './nameWords';
import { organisation, place } from './organisationsAndPlaces';
import { afterSpeech, afterTitle, beforeTitle, fromGivenName } from './personNames';
import { abdPrefix, triggerOf } from './triggerWords';

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
    if (t.head) i = organisation(scan, i, t);
    else if (t.cue) i = place(scan, i, t);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!scan.free(i)) continue;
    const tok = tokens[i];
    const t = triggerOf(tok);
    if (t) {
      if (t.title) {
        beforeTitle(scan, i);
        const at = afterTitle(scan, i);
        if (at > i) {
          i = at;
          continue;
        }
      }
      // A given name after ب or ل is as often a word (لصالح: in favour of).
      if (t.given && (t.prefix === 0 || (t.prefix === 1 && (tok.key.charCodeAt(0) === WAW || tok.key.charCodeAt(0) === 0x641)))) {
        const at = fromGivenName(scan, i, t.prefix);
        if (at > i) i = at;
        continue;
      }
      if (t.speech && i + 1 < tokens.length && nameGap(text, tok, tokens[i + 1])) i = afterSpeech(scan, i + 1);
      continue;
    }
    const abd = abdPrefix(tok.key);
    if (abd >= 0 || (tok.key.length === 3 && tok.key === 'عبد')) {
      i = Math.max(i, fromGivenName(scan, i, Math.max(abd, 0)));
      continue;
    }
  }
  return scan.out.sort((a, b) => a.start - b.start);
}
