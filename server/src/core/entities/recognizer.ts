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
import { filteredPairs } from './nameWords';

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
  /** The name ends with + (أوبك+, OPEC+): it is written so, and the name without + is another entity's. */
  readonly plus?: boolean;
}

/** A name found at a token: its trie node, its last token, the proclitics before it. */
interface Match {
  readonly node: TrieNode;
  readonly last: number;
  readonly prefixLength: number;
  /** The token after an opening quotation mark inside the name, where the mention starts (-1: none). */
  readonly quoted: number;
  /** Its first word was read without the article: only catalog names may end here. */
  readonly article: boolean;
}

/** A reading of a token (see `cliticReadings`) that starts some name: its proclitics' length, the node it reaches, and whether they end with the article. */
interface Reading {
  readonly prefixLength: number;
  readonly node: TrieNode;
  readonly article: boolean;
}

/** What a second reading of a text takes from the first (see `Recognizer.scan`). */
interface SecondReading {
  readonly later: ReadonlyMap<number, number>;
  readonly at: readonly number[];
  /** The name the first reading found at each of `at`'s tokens, if it looked there. */
  readonly found: readonly (Match | undefined)[];
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  terminals: Terminal[];
  /** Whether some terminal here is a name ending with + (tokens drop the +, so both names end here). */
  plus?: boolean;
}


const newNode = (): TrieNode => ({ next: new Map(), terminals: [] });

/**
 * The terminals of a node a word read without its article may end in: the catalog's (numbered
 * below `catalogSize`). A learnt name is not read so (الجواو كرافينيو), as no name is written so
 * and an article's token filter holds no such reading: an article analysed before the name was
 * learnt could not be found to link it there (`filteredPairs`).
 */
function catalogTerminals(node: TrieNode, catalogSize: number): readonly Terminal[] {
  return node.terminals.some((t) => t.entity >= catalogSize) ? node.terminals.filter((t) => t.entity < catalogSize) : node.terminals;
}

/** The terminals a name found may end in: the catalog's alone when its first word was read without the article. */
const terminalsOf = (m: Match, catalogSize: number): readonly Terminal[] => (m.article ? catalogTerminals(m.node, catalogSize) : m.node.terminals);


/**
 * How `text[from, to)` may stand between two tokens of one name: spaces, hyphens, an editor's
 * brackets, the apostrophe of a Latin name (Ma'aden) make a gap (`GAP`); never a line break. An
 * opening quotation mark just before the next token (قناة "المسيرة", تحالف «أوبك+») is a gap
 * after which the proper name starts (`QUOTE`): the mention is the quoted part.
 */
function nameGap(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const ok = c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d || c === 0x2013 || c === 0x2010 || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x640 || (c >= 0x200b && c <= 0x200f) || c === 0x27 || c === 0x2019;
    if (ok) continue;
    const opening = c === 0x22 || c === 0xab || c === 0x201c || c === 0x201e;
    return opening && i === to - 1 ? QUOTE : NO_GAP;
  }
  return GAP;
}
const NO_GAP = 0;
const GAP = 1;
const QUOTE = 2;

/**
 * Whether two one-letter tokens are letters of a dotted acronym (د.ب.أ, أ. ف. ب): a dot between
 * them, spaces after it. The catalog spells such acronyms with spaces (د ب أ).
 */
function isAcronymDot(text: string, a: Token, b: Token): boolean {
  if (a.end - a.start !== 1 || b.end - b.start !== 1 || text.charCodeAt(a.end) !== 0x2e) return false;
  for (let i = a.end + 1; i < b.start; i++) if (text.charCodeAt(i) !== 0x20) return false;
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
    // A discovered name is learnt only when the articles analysed before can be searched for it
    // (`filteredPairs`): else whether an article links it would depend on the order of indexing.
    // A one-word name (a place after its cue, نصر) is an ordinary word elsewhere besides: it is
    // found again by its cue, never by itself.
    if (e.discovered && filteredPairs(tokenKeys(e.ar)).length === 0) {
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
    const plus = /\+\s*$/.test(name);
    if (plus) node.plus = true;
    if (!node.terminals.some((x) => x.entity === t.entity && x.kind === t.kind && !!x.plus === plus)) node.terminals.push(plus ? { ...t, plus } : t);
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
      let terminals = terminalsOf(m, this.catalogSize);
      let end = tokens[m.last].end;
      if (m.node.plus) {
        // أوبك+ and أوبك: the + written after the name picks the name ending with it.
        const plusAfter = text.charCodeAt(end) === 0x2b;
        terminals = terminals.filter((t) => !!t.plus === plusAfter);
        if (plusAfter) end++;
        if (terminals.length === 0) {
          i++;
          continue;
        }
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

  /** The longest name at token `i`. */
  private longestAt(text: string, tokens: Token[], i: number): Match | undefined {
    let best: Match | undefined;
    const { key, hash } = tokens[i];
    if (this.latinPending && isLatinKey(key)) this.addLatinNames();
    // Most tokens neither start a name nor are one with proclitics: one bit, then one lookup, decide.
    if ((this.formBits[(hash >>> 5) & FORM_MASK] & (1 << (hash & 31))) === 0) return undefined;
    for (const reading of this.readingsOf(key)) {
      let node: TrieNode | undefined = reading.node;
      let j = i;
      let quoted = -1;
      while (node) {
        if (node.terminals.length > 0 && (!best || j > best.last) && (!reading.article || catalogTerminals(node, this.catalogSize).length > 0)) best = { node, last: j, prefixLength: reading.prefixLength, quoted, article: reading.article };
        const nextTok = tokens[j + 1];
        if (node.next.size === 0 || !nextTok) break;
        const gap = nameGap(text, tokens[j].end, nextTok.start);
        if (gap === NO_GAP && !isAcronymDot(text, tokens[j], nextTok)) break;
        // One quoted part a name: a second opening quote starts another name.
        // A name before the quote (الاتحاد الدولي لكرة القدم «فيفا») is one; the quoted part another.
        if (gap === QUOTE) {
          if (quoted >= 0 || node.terminals.length > 0) break;
          quoted = j + 1;
        }
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
  private readingsOf(key: string): readonly Reading[] {
    let out = this.readings.get(key);
    if (out === undefined) {
      out = [];
      for (const r of cliticReadings(key)) {
        const node = this.root.next.get(r.rest);
        if (node) out.push({ prefixLength: r.prefixLength, node, article: r.prefixLength >= 2 && key.startsWith('ال', r.prefixLength - 2) });
      }
      this.readings.set(key, out);
    }
    return out;
  }

  private readonly readings = new Map<string, Reading[]>();

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
