/**
 * Entity recognition: longest match of catalog names over normalised tokens, with proclitics
 * resolved against known names, demonyms as their own kind of mention, short forms that need an
 * antecedent when ambiguous, and context words that pick between entities sharing a name.
 */
import type { Entity } from '../catalog/types';
import { cliticReadings } from '../text/clitics';
import { hashOn, keyHash, keyUnitOffset, tokenize, tokenKeys, type Token } from '../text/tokenize';
import { latinKey } from '../text/transliterate';
import { titleBefore } from './discovery';

export type MentionKind = 'name' | 'short' | 'demonym' | 'discovered';

export interface Mention {
  readonly entity: string;
  readonly kind: MentionKind;
  /** Original UTF-16 range. */
  readonly start: number;
  readonly end: number;
  readonly boilerplate: boolean;
  /** The entity's number in the recogniser that found it (what `indexOf(entity)` gives), saving that lookup. */
  readonly slot?: number;
}

interface Terminal {
  readonly entity: number;
  readonly kind: MentionKind;
  readonly requiresAntecedent: boolean;
  /**
   * A one-word name of an entity with context words (صور, the city of Tyre; العديد, the air
   * base): an ordinary word as often as a name, it links only after the entity's full name or
   * beside one of its context words.
   */
  readonly needsContext: boolean;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  terminals: Terminal[];
}


const newNode = (): TrieNode => ({ next: new Map(), terminals: [] });

/**
 * Whether `text[from, to)` may stand between two tokens of one name: spaces, hyphens, an editor's
 * brackets, the apostrophe of a Latin name (Ma'aden); never a line break.
 */
function isNameGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const ok = c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d || c === 0x2013 || c === 0x2010 || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x640 || (c >= 0x200b && c <= 0x200f) || c === 0x27 || c === 0x2019;
    if (!ok) return false;
  }
  return true;
}

export class Recognizer {
  private readonly root = newNode();
  private readonly contextKeys: string[][] = [];
  private readonly slots = new Map<string, number>();
  private readonly all: Entity[] = [];
  /** First tokens of catalog names (learnt names excluded): where discovery stops. */
  private readonly catalogStarts = new Set<string>();
  /**
   * The `keyHash`es of every written form a name's first token can take with proclitics (a
   * superset of what `cliticReadings` reads back), one bit each (2^22 bits): tokens carry their
   * hash, so most are turned away without a string lookup.
   */
  private readonly formBits = new Uint32Array(FORM_BITS >>> 5);
  /** First words of the names added so far (their proclitic forms are in `formBits`). */
  private readonly firstWords = new Set<string>();
  /** How many of `entities` are the catalog's (the rest were learnt). */
  readonly catalogSize: number;

  constructor(catalog: readonly Entity[]) {
    for (const e of catalog) this.addEntity(e);
    for (const k of this.root.next.keys()) this.catalogStarts.add(k);
    this.catalogSize = catalog.length;
  }

  /** Catalog entries, then learnt ones, in the numbering mentions use. */
  get entities(): readonly Entity[] {
    return this.all;
  }

  /**
   * Learns a discovered person, so that the full name is recognised from now on in articles
   * that do not introduce them with a role phrase.
   */
  learn(e: Entity): void {
    if (!this.slots.has(e.id)) this.addEntity(e);
  }

  private addEntity(e: Entity): void {
    const idx = this.all.length;
    this.all.push(e);
    this.slots.set(e.id, idx);
    // A one-word discovered name (a place after its cue, نصر) is an ordinary word elsewhere: it is
    // found again by its cue, never by itself.
    if (e.discovered && tokenKeys(e.ar).length < 2) {
      this.contextKeys.push([]);
      return;
    }
    const guarded = (name: string) => (e.context?.length ?? 0) > 0 && tokenKeys(name).length === 1;
    for (const name of [e.ar, ...(e.aliases ?? [])]) this.add(name, { entity: idx, kind: e.discovered ? 'discovered' : 'name', requiresAntecedent: false, needsContext: guarded(name) });
    for (const s of e.short ?? []) {
      const text = typeof s === 'string' ? s : s.text;
      const requiresAntecedent = typeof s === 'string' ? false : !!s.requiresAntecedent;
      this.add(text, { entity: idx, kind: 'short', requiresAntecedent, needsContext: guarded(text) });
    }
    for (const d of e.demonyms ?? []) this.add(d, { entity: idx, kind: 'demonym', requiresAntecedent: false, needsContext: false });
    this.contextKeys.push((e.context ?? []).map((c) => ` ${tokenKeys(c).join(' ')} `));
  }

  /** Whether the catalog's Latin names are still to be added (they are at the first Latin word recognised). */
  private latinPending = true;

  /**
   * Adds the catalog's Latin names, which link in Latin text (English notes), and each person's
   * surname after the full name. Done when a Latin word is first looked up, so that a corpus
   * without Latin text never pays for them (they double the time the catalog takes to load). A
   * topic's Latin name is a label ("Trade"), no name; a name that & or + belongs to (e&, OPEC+) is
   * another name without them, which tokens drop.
   */
  private addLatinNames(): void {
    this.latinPending = false;
    for (let idx = 0; idx < this.catalogSize; idx++) {
      const e = this.all[idx];
      if (!e.en || e.type === 'topic' || /[&+]/.test(e.en)) continue;
      this.add(e.en, { entity: idx, kind: 'name', requiresAntecedent: false, needsContext: (e.context?.length ?? 0) > 0 && tokenKeys(e.en).length === 1 });
      const surname = latinSurname(e);
      if (surname) this.add(surname, { entity: idx, kind: 'short', requiresAntecedent: true, needsContext: false });
    }
  }

  private add(name: string, t: Terminal): void {
    const keys = tokenKeys(name);
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        node.next.set(k, (child = newNode()));
        if (node === this.root) this.readings.clear();
      }
      node = child;
    }
    if (!node.terminals.some((x) => x.entity === t.entity && x.kind === t.kind)) node.terminals.push(t);
    // Names share first words (وزارة, الجيش, محمد): each one's forms are added once.
    if (this.firstWords.has(keys[0])) return;
    this.firstWords.add(keys[0]);
    // A Latin word takes no Arabic proclitics: its own hash only, so that the bits Arabic tokens
    // are tested against stay as sparse as the Arabic names make them.
    for (const h of isLatinKey(keys[0]) ? [keyHash(keys[0])] : procliticHashes(keys[0])) this.formBits[(h >>> 5) & FORM_MASK] |= 1 << (h & 31);
  }

  /** The position of an entity id in `entities` (-1 when unknown). */
  indexOf(id: string): number {
    return this.slots.get(id) ?? -1;
  }

  /**
   * The entity one of whose names is the whole of `text` (a dateline's word or two), when only one
   * entity has that name. A bound function, to be handed to `parseArticle` as it is.
   */
  readonly named = (text: string): Entity | undefined => {
    const tokens = tokenize(text);
    if (tokens.length === 0) return undefined;
    const m = this.longestAt(text, tokens, 0);
    if (!m || m.last !== tokens.length - 1) return undefined;
    const ids = new Set(m.node.terminals.map((t) => t.entity));
    return ids.size === 1 ? this.all[m.node.terminals[0].entity] : undefined;
  };

  /** True when `key` starts some catalog name (used by discovery to stop at known words). */
  startsName(key: string): boolean {
    return this.catalogStarts.has(key);
  }

  /**
   * Finds mentions in `text`. `inBoilerplate(offset)` tells whether an offset lies in a
   * boilerplate zone; antecedents are tracked over the whole text in order.
   */
  recognize(text: string, inBoilerplate: (offset: number) => boolean = () => false, tokens: Token[] = tokenize(text)): Mention[] {
    const mentions: Mention[] = [];
    const seenFull = new Set<number>();
    // Context words are compared as whole tokens, never as substrings; built only when needed.
    let joined: string | undefined;
    const articleKey = () => (joined ??= ` ${tokens.map((t) => t.key).join(' ')} `);
    let i = 0;
    while (i < tokens.length) {
      const m = this.longestAt(text, tokens, i);
      if (!m) {
        i++;
        continue;
      }
      const at = i;
      // Only a bare word counts after a title: ولي (و + لي) after وولي is no name.
      const entity = this.resolve(m.node.terminals, seenFull, articleKey, () => m.prefixLength === 0 && titleBefore(text, tokens, at));
      if (entity === undefined) {
        i++;
        continue;
      }
      const term = m.node.terminals.find((t) => t.entity === entity)!;
      const start = keyUnitOffset(text, tokens[i], m.prefixLength);
      const end = tokens[m.last].end;
      if ((term.kind === 'name' || term.kind === 'discovered') && !term.needsContext) seenFull.add(entity);
      mentions.push({ entity: this.entities[entity].id, kind: term.kind, start, end, boilerplate: inBoilerplate(start), slot: entity });
      i = m.last + 1;
    }
    return mentions;
  }

  private longestAt(text: string, tokens: Token[], i: number): { node: TrieNode; last: number; prefixLength: number } | undefined {
    let best: { node: TrieNode; last: number; prefixLength: number } | undefined;
    const { key, hash } = tokens[i];
    if (this.latinPending && isLatinKey(key)) this.addLatinNames();
    // Most tokens neither start a name nor are one with proclitics: one bit, then one lookup, decide.
    if ((this.formBits[(hash >>> 5) & FORM_MASK] & (1 << (hash & 31))) === 0) return undefined;
    for (const reading of this.readingsOf(key)) {
      let node: TrieNode | undefined = reading.node;
      let j = i;
      while (node) {
        if (node.terminals.length > 0 && (!best || j > best.last)) best = { node, last: j, prefixLength: reading.prefixLength };
        const nextTok = tokens[j + 1];
        if (node.next.size === 0 || !nextTok || !isNameGap(text, tokens[j].end, nextTok.start)) break;
        node = node.next.get(nextTok.key);
        j++;
      }
    }
    return best;
  }

  /**
   * The readings of a token that start some name, each with the trie node it reaches; remembered
   * per written form (the same few hundred forms recur in every article), and forgotten when a
   * name adds a first word.
   */
  private readingsOf(key: string): readonly { prefixLength: number; node: TrieNode }[] {
    let out = this.readings.get(key);
    if (out === undefined) {
      out = [];
      for (const r of cliticReadings(key)) {
        const node = this.root.next.get(r.rest);
        if (node) out.push({ prefixLength: r.prefixLength, node });
      }
      this.readings.set(key, out);
    }
    return out;
  }

  private readonly readings = new Map<string, { prefixLength: number; node: TrieNode }[]>();

  /**
   * The entity a name stands for here. `titled()`: whether a title stands before it, which
   * serves a person's short form as an antecedent does (الرئيس عون).
   */
  private resolve(terminals: readonly Terminal[], seenFull: ReadonlySet<number>, articleKey: () => string, titled: () => boolean): number | undefined {
    const person = (e: number) => this.all[e].type === 'person';
    // The common case, one terminal, without building the lists below.
    if (terminals.length === 1) {
      const t = terminals[0];
      if (t.needsContext) return seenFull.has(t.entity) || this.inContext(t.entity, articleKey) ? t.entity : undefined;
      return t.kind !== 'short' || !t.requiresAntecedent || seenFull.has(t.entity) || (person(t.entity) && titled()) ? t.entity : undefined;
    }
    const entities = [...new Set(terminals.map((t) => t.entity))];
    // A full name or demonym of exactly one entity needs no help.
    const firm = terminals.filter((t) => t.kind !== 'short');
    if (entities.length === 1) {
      const t = terminals[0];
      if (t.needsContext) return seenFull.has(t.entity) || this.inContext(t.entity, articleKey) ? t.entity : undefined;
      if (t.kind !== 'short' || !t.requiresAntecedent || seenFull.has(t.entity) || (person(t.entity) && titled())) return t.entity;
      return undefined;
    }
    const withAntecedent = entities.filter((e) => seenFull.has(e));
    if (withAntecedent.length === 1) return withAntecedent[0];
    // A title picks the one person among the names' entities (الرئيس السوداني: not Sudan).
    if (withAntecedent.length === 0 && firm.length === 0 && titled()) {
      const people = entities.filter(person);
      if (people.length === 1) return people[0];
    }
    if (firm.length > 0) {
      const byContext = entities.filter((e) => this.inContext(e, articleKey));
      if (byContext.length === 1) return byContext[0];
      // Names that need context aside, one entity may be left to take the name.
      const free = entities.filter((e) => terminals.some((t) => t.entity === e && t.kind !== 'short' && !t.needsContext));
      if (byContext.length === 0 && free.length === 1) return free[0];
    }
    return undefined;
  }

  private inContext(entity: number, articleKey: () => string): boolean {
    return this.contextKeys[entity].some((k) => articleKey().includes(k));
  }
}

/** Whether a token key is Latin (its first unit a Latin letter). */
function isLatinKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f);
}

/**
 * The word of a person's Latin name that their Arabic short forms spell (Wang of Wang Yi, Lavrov
 * of Sergey Lavrov), else its last word; none for a one-word name.
 */
function latinSurname(e: Entity): string | undefined {
  const words = e.en!.split(/\s+/u).filter(Boolean);
  if (e.type !== 'person' || words.length < 2) return undefined;
  const shorts = new Set((e.short ?? []).map((s) => latinKey(typeof s === 'string' ? s : s.text)));
  return words.find((w) => shorts.has(latinKey(w))) ?? words[words.length - 1];
}

const FORM_BITS = 1 << 22;
const FORM_MASK = (FORM_BITS >>> 5) - 1;

/** The proclitics `cliticReadings` strips: conjunction, preposition, article; and لل for ل + ال. */
const PROCLITICS = ['', 'و', 'ف'].flatMap((conj) => ['', 'ب', 'ك', 'ل'].flatMap((prep) => ['', 'ال'].map((art) => conj + prep + art)));
const PREFIX_HASHES = PROCLITICS.map((p) => keyHash(p));
/** Before a key that starts with ا (of ال), ل takes the ا's place: للحزب. */
const LAM_HASHES = ['', 'و', 'ف'].map((conj) => keyHash(`${conj}ل`));

/** The `keyHash`es of `key` with every proclitic before it, computed without making the strings. */
function procliticHashes(key: string): number[] {
  const out = PREFIX_HASHES.map((h) => hashOn(h, key));
  if (key.startsWith('ا')) for (const h of LAM_HASHES) out.push(hashOn(h, key, 1));
  return out;
}
