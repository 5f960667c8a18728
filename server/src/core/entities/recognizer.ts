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
  private readonly contextWords: ContextWords[][] = [];
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
      this.contextWords.push([]);
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
    this.contextWords.push((e.context ?? []).map(contextWords));
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
    const first = this.scan(new Reading(text, tokens), inBoilerplate);
    return first.again ? this.scan(new Reading(text, tokens, first.again), inBoilerplate).mentions : first.mentions;
  }

  /**
   * One reading of the text. Returns, when a short form or a name needing context came before
   * its entity's full name, what a second reading needs (`again`): where the article first names
   * each entity in full (`later`), which serves as antecedent to a name on an earlier line when
   * no entity sharing the name was named before; and the names the first reading found by token,
   * with the tokens it passed over inside mentions (`at`), the only ones where a name can start.
   */
  private scan(r: Reading, inBoilerplate: (offset: number) => boolean): { mentions: Mention[]; again?: SecondReading } {
    const { text, tokens, again, seenFull } = r;
    const at: number[] = [];
    const found: (Match | undefined)[] = [];
    const mentions: Mention[] = [];
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
      if (!again) {
        at.push(i);
        found.push(m);
      }
      let terminals = terminalsOf(m, this.catalogSize);
      let end = tokens[m.last].end;
      if (m.node.plus) ({ terminals, end } = withPlus(text, m, terminals, end));
      if (terminals.length === 0) {
        i++;
        continue;
      }
      const entity = this.resolve(terminals, r, i, m.prefixLength, end);
      if (!again) for (const t of terminals) if (t.entity !== entity && (t.kind === 'short' || t.needsContext) && !seenFull.has(t.entity)) early.push(t.entity);
      if (entity === undefined) {
        i++;
        continue;
      }
      const term = terminalOf(terminals, entity);
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
   * The entity a name at token `first` (after `prefix` key units of proclitics, ending at offset
   * `end`) stands for here. A title before it serves a person's short form as an antecedent
   * does (الرئيس عون); on a second reading, an entity named in full on a later line is an
   * antecedent when none of the name's entities was named before.
   */
  private resolve(terminals: readonly Terminal[], r: Reading, first: number, prefix: number, end: number): number | undefined {
    const seenFull = r.seenFull;
    // The common case, one entity, without building the lists below.
    const t = terminals[0];
    if (oneEntity(terminals)) {
      const e = t.entity;
      if (t.needsContext) return seenFull.has(e) || r.namedBelow(e, end) || this.inContext(e, r.tokens) ? e : undefined;
      return t.kind !== 'short' || !t.requiresAntecedent || seenFull.has(e) || r.namedBelow(e, end) || (this.isPerson(e) && r.titled(first, prefix)) ? e : undefined;
    }
    const entities: number[] = [];
    let firm = 0;
    for (const x of terminals) {
      if (!entities.includes(x.entity)) entities.push(x.entity);
      if (x.kind !== 'short') firm++;
    }
    let withAntecedent = entities.filter((e) => seenFull.has(e));
    if (withAntecedent.length === 0 && r.again) withAntecedent = entities.filter((e) => r.namedBelow(e, end));
    if (withAntecedent.length === 1) return withAntecedent[0];
    // Several named before (الأهلي السعودي, then الأهلي المصري): the one whose context words the article holds.
    if (withAntecedent.length > 1) {
      const byContext = withAntecedent.filter((e) => this.inContext(e, r.tokens));
      if (byContext.length === 1) return byContext[0];
    }
    // A title picks the one person among the names' entities (الرئيس السوداني: not Sudan).
    if (withAntecedent.length === 0 && firm === 0 && r.titled(first, prefix)) {
      const people = entities.filter((e) => this.isPerson(e));
      if (people.length === 1) return people[0];
    }
    if (firm > 0) {
      const byContext = entities.filter((e) => this.inContext(e, r.tokens));
      if (byContext.length === 1) return byContext[0];
      // Names that need context aside, one entity may be left to take the name.
      const free = entities.filter((e) => terminals.some((x) => x.entity === e && x.kind !== 'short' && !x.needsContext));
      if (byContext.length === 0 && free.length === 1) return free[0];
      return undefined;
    }
    if (withAntecedent.length > 0) return undefined;
    // Short forms only, none named before: one whose entity needs context and has it (الهلال in an article on the Saudi league).
    const byContext = entities.filter((e) => terminals.some((x) => x.entity === e && x.needsContext) && this.inContext(e, r.tokens));
    return byContext.length === 1 ? byContext[0] : undefined;
  }

  private isPerson(e: number): boolean {
    return this.all[e].type === 'person';
  }

  /** Whether the article holds one of the entity's context words (whole tokens, never parts of one). */
  private inContext(entity: number, tokens: readonly Token[]): boolean {
    for (const c of this.contextWords[entity]) if (holdsRun(tokens, c)) return true;
    return false;
  }
}

/** One reading of an article by `Recognizer.scan`: the text, its tokens, and the entities named in full so far. */
class Reading {
  /** The entities named in full so far, each with where it first was. */
  readonly seenFull = new Map<number, number>();
  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly again?: SecondReading,
  ) {}

  /** Whether a title stands before token `first`; only a bare word counts after one (ولي, و + لي, after وولي is no name). */
  titled(first: number, prefix: number): boolean {
    return prefix === 0 && titleBefore(this.text, this.tokens, first);
  }

  /** On a second reading, whether entity `e` is first named in full on a line after offset `end`. */
  namedBelow(e: number, end: number): boolean {
    const at = this.again?.later.get(e);
    return at !== undefined && at > end && this.text.lastIndexOf('\n', at) >= end;
  }
}

/** Whether all the terminals are one entity's. */
function oneEntity(terminals: readonly Terminal[]): boolean {
  for (let k = 1; k < terminals.length; k++) if (terminals[k].entity !== terminals[0].entity) return false;
  return true;
}

/** The first of the terminals that is `entity`'s (there is one). */
function terminalOf(terminals: readonly Terminal[], entity: number): Terminal {
  for (const t of terminals) if (t.entity === entity) return t;
  throw new Error(`no terminal of entity ${entity}`);
}

/** Context words: a phrase's tokens, by key and hash. */
interface ContextWords {
  readonly keys: readonly string[];
  readonly hashes: readonly number[];
}

function contextWords(phrase: string): ContextWords {
  const tokens = tokenize(phrase);
  return { keys: tokens.map((t) => t.key), hashes: tokens.map((t) => t.hash) };
}

/** Whether `tokens` hold the context words' tokens in a run, compared by hash before key. */
function holdsRun(tokens: readonly Token[], c: ContextWords): boolean {
  const n = c.keys.length;
  if (n === 0) return false;
  const hash = c.hashes[0];
  for (let i = 0; i + n <= tokens.length; i++) {
    if (tokens[i].hash !== hash || tokens[i].key !== c.keys[0]) continue;
    let k = 1;
    while (k < n && tokens[i + k].key === c.keys[k]) k++;
    if (k === n) return true;
  }
  return false;
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
