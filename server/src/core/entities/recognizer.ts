/**
 * Entity recognition: longest match of catalog names over normalised tokens, with proclitics
 * resolved against known names, demonyms as their own kind of mention, short forms that need an
 * antecedent when ambiguous, and context words that pick between entities sharing a name.
 */
import type { Entity } from '../catalog/types';
import { keyUnitOffset, tokenize, tokenKeys, type Token } from '../text/tokenize';
import { isLatinKey, NameTrie, terminalsOf, withPlus, type Match, type MentionKind, type Terminal } from './nameTrie';
import { latinKey } from '../text/transliterate';
import { titleBefore } from './discovery';
import { filteredPairs } from './nameWords';

export type { MentionKind } from './nameTrie';

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

/** What a second reading of a text takes from the first (see `Recognizer.scan`). */
interface SecondReading {
  readonly later: ReadonlyMap<number, number>;
  readonly at: readonly number[];
  /** The name the first reading found at each of `at`'s tokens, if it looked there. */
  readonly found: readonly (Match | undefined)[];
}

export class Recognizer {
  private readonly trie = new NameTrie();
  private readonly contextKeys: string[][] = [];
  private readonly slots = new Map<string, number>();
  private readonly all: Entity[] = [];
  /** First tokens of catalog names (learnt names excluded): where discovery stops. */
  private readonly catalogStarts = new Set<string>();
  /** How many of `entities` are the catalog's (the rest were learnt). */
  readonly catalogSize: number;

  constructor(catalog: readonly Entity[]) {
    for (const e of catalog) this.addEntity(e);
    for (const k of this.trie.firstKeys()) this.catalogStarts.add(k);
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
    // A discovered name is learnt only when the articles analysed before can be searched for it
    // (`filteredPairs`): else whether an article links it would depend on the order of indexing.
    // A one-word name (a place after its cue, نصر) is an ordinary word elsewhere besides: it is
    // found again by its cue, never by itself.
    if (e.discovered && filteredPairs(tokenKeys(e.ar)).length === 0) {
      this.contextKeys.push([]);
      return;
    }
    const guarded = (name: string) => (e.context?.length ?? 0) > 0 && tokenKeys(name).length === 1;
    for (const name of [e.ar, ...(e.aliases ?? [])]) this.trie.add(name, { entity: idx, kind: e.discovered ? 'discovered' : 'name', requiresAntecedent: false, needsContext: guarded(name) });
    for (const s of e.short ?? []) {
      const text = typeof s === 'string' ? s : s.text;
      const requiresAntecedent = typeof s === 'string' ? false : !!s.requiresAntecedent;
      this.trie.add(text, { entity: idx, kind: 'short', requiresAntecedent, needsContext: guarded(text) });
    }
    for (const d of e.demonyms ?? []) this.trie.add(d, { entity: idx, kind: 'demonym', requiresAntecedent: false, needsContext: false });
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
      this.trie.add(e.en, { entity: idx, kind: 'name', requiresAntecedent: false, needsContext: (e.context?.length ?? 0) > 0 && tokenKeys(e.en).length === 1 });
      const surname = latinSurname(e);
      if (surname) this.trie.add(surname, { entity: idx, kind: 'short', requiresAntecedent: true, needsContext: false });
    }
  }

  /** The longest name at token `i`; the catalog's Latin names are added at the first Latin word. */
  private longestAt(text: string, tokens: Token[], i: number): Match | undefined {
    if (this.latinPending && isLatinKey(tokens[i].key)) this.addLatinNames();
    return this.trie.longestAt(text, tokens, i, this.catalogSize);
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
    const terminals = terminalsOf(m, this.catalogSize);
    const ids = new Set(terminals.map((t) => t.entity));
    return ids.size === 1 ? this.all[terminals[0].entity] : undefined;
  };

  /** True when `key` starts some catalog name (used by discovery to stop at known words). */
  startsName(key: string): boolean {
    return this.catalogStarts.has(key);
  }

  /**
   * Finds mentions in `text`. `inBoilerplate(offset)` tells whether an offset lies in a
   * boilerplate zone; antecedents are tracked over the whole text in order. A short form on a
   * line before the one that first gives the entity's full name (a headline's البرهان, the lead's
   * عبد الفتاح البرهان) is read again once the whole text has been: the full name serves it.
   */
  recognize(text: string, inBoilerplate: (offset: number) => boolean = () => false, tokens: Token[] = tokenize(text)): Mention[] {
    // Context words are compared as whole tokens, never as substrings; built only when needed.
    let joined: string | undefined;
    const articleKey = () => (joined ??= ` ${tokens.map((t) => t.key).join(' ')} `);
    const first = this.scan(text, inBoilerplate, tokens, articleKey);
    return first.again ? this.scan(text, inBoilerplate, tokens, articleKey, first.again).mentions : first.mentions;
  }

  /**
   * One reading of the text. Returns, when a short form or a name needing context came before
   * its entity's full name, what a second reading needs (`again`): where the article first names
   * each entity in full (`later`), which serves as antecedent to a name on an earlier line when
   * no entity sharing the name was named before; and the names the first reading found by token,
   * with the tokens it passed over inside mentions (`at`), the only ones where a name can start.
   */
  private scan(text: string, inBoilerplate: (offset: number) => boolean, tokens: Token[], articleKey: () => string, again?: SecondReading): { mentions: Mention[]; again?: SecondReading } {
    const later = again?.later;
    const at: number[] = [];
    const found: (Match | undefined)[] = [];
    const mentions: Mention[] = [];
    /** The entities named in full so far, each with where it first was. */
    const seenFull = new Map<number, number>();
    /** Entities a short form or context-bound name was read for before their full name. */
    const early: number[] = [];
    let i = 0;
    let next = 0;
    for (;;) {
      if (again) {
        while (next < again.at.length && again.at[next] < i) next++;
        if (next === again.at.length) break;
        i = again.at[next];
      } else if (i >= tokens.length) break;
      const m = again ? (again.found[next] ?? this.longestAt(text, tokens, i)) : this.longestAt(text, tokens, i);
      if (!m) {
        i++;
        continue;
      }
      const first = i;
      if (!again) {
        at.push(i);
        found.push(m);
      }
      const { terminals, end } = withPlus(text, m, terminalsOf(m, this.catalogSize), tokens[m.last].end);
      if (terminals.length === 0) {
        i++;
        continue;
      }
      // Only a bare word counts after a title: ولي (و + لي) after وولي is no name.
      const namedBelow = later && ((e: number) => (later.get(e) ?? -1) > end && text.lastIndexOf('\n', later.get(e)) >= end);
      const entity = this.resolve(terminals, seenFull, namedBelow, articleKey, () => m.prefixLength === 0 && titleBefore(text, tokens, first));
      if (later === undefined) for (const t of terminals) if (t.entity !== entity && (t.kind === 'short' || t.needsContext) && !seenFull.has(t.entity)) early.push(t.entity);
      if (entity === undefined) {
        i++;
        continue;
      }
      const term = terminals.find((t) => t.entity === entity)!;
      const start = m.quoted >= 0 ? tokens[m.quoted].start : keyUnitOffset(text, tokens[i], m.prefixLength);
      if ((term.kind === 'name' || term.kind === 'discovered') && !term.needsContext && !seenFull.has(entity)) seenFull.set(entity, start);
      mentions.push({ entity: this.entities[entity].id, kind: term.kind, start, end, boilerplate: inBoilerplate(start), slot: entity });
      if (!again) {
        for (let k = i + 1; k <= m.last; k++) {
          at.push(k);
          found.push(undefined);
        }
      }
      i = m.last + 1;
    }
    return { mentions, again: !again && early.some((e) => seenFull.has(e)) ? { later: seenFull, at, found } : undefined };
  }

  /**
   * The entity a name stands for here. `titled()`: whether a title stands before it, which
   * serves a person's short form as an antecedent does (الرئيس عون). `namedBelow(e)`: whether
   * the entity is named in full on a later line, an antecedent when none of the name's entities
   * was named before.
   */
  private resolve(terminals: readonly Terminal[], seenFull: ReadonlyMap<number, number>, namedBelow: ((e: number) => boolean) | undefined, articleKey: () => string, titled: () => boolean): number | undefined {
    const person = (e: number) => this.all[e].type === 'person';
    // The common case, one entity, without building the lists below.
    const t = terminals[0];
    if (terminals.length === 1 || terminals.every((x) => x.entity === t.entity)) {
      const e = t.entity;
      if (t.needsContext) return seenFull.has(e) || namedBelow?.(e) || this.inContext(e, articleKey) ? e : undefined;
      return t.kind !== 'short' || !t.requiresAntecedent || seenFull.has(e) || namedBelow?.(e) || (person(e) && titled()) ? e : undefined;
    }
    const entities = [...new Set(terminals.map((x) => x.entity))];
    const firm = terminals.filter((x) => x.kind !== 'short');
    let withAntecedent = entities.filter((e) => seenFull.has(e));
    if (withAntecedent.length === 0 && namedBelow !== undefined) withAntecedent = entities.filter(namedBelow);
    if (withAntecedent.length === 1) return withAntecedent[0];
    // Several named before (الأهلي السعودي, then الأهلي المصري): the one whose context words the article holds.
    if (withAntecedent.length > 1) {
      const byContext = withAntecedent.filter((e) => this.inContext(e, articleKey));
      if (byContext.length === 1) return byContext[0];
    }
    // A title picks the one person among the names' entities (الرئيس السوداني: not Sudan).
    if (withAntecedent.length === 0 && firm.length === 0 && titled()) {
      const people = entities.filter(person);
      if (people.length === 1) return people[0];
    }
    if (firm.length > 0) {
      const byContext = entities.filter((e) => this.inContext(e, articleKey));
      if (byContext.length === 1) return byContext[0];
      // Names that need context aside, one entity may be left to take the name.
      const free = entities.filter((e) => terminals.some((x) => x.entity === e && x.kind !== 'short' && !x.needsContext));
      if (byContext.length === 0 && free.length === 1) return free[0];
      return undefined;
    }
    if (withAntecedent.length > 0) return undefined;
    // Short forms only, none named before: one whose entity needs context and has it (الهلال in an article on the Saudi league).
    const byContext = entities.filter((e) => terminals.some((x) => x.entity === e && x.needsContext) && this.inContext(e, articleKey));
    return byContext.length === 1 ? byContext[0] : undefined;
  }

  private inContext(entity: number, articleKey: () => string): boolean {
    return this.contextKeys[entity].some((k) => articleKey().includes(k));
  }
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
