/**
 * The trie of names a recogniser reads text against: names by their tokens' keys, a first
 * word read with its proclitics, and the gaps a name may hold (spaces, hyphens, a quote before
 * its proper part, a dotted acronym's dots).
 */
import { cliticReadings } from '../text/clitics';
import { hashOn, keyHash, keyState, tokenKeys, type Token } from '../text/tokenize';

export type MentionKind = 'name' | 'short' | 'demonym' | 'discovered';

export interface Terminal {
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
export interface Match {
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


interface TrieNode {
  readonly next: Map<string, TrieNode>;
  /**
   * One bit for each child, from its key's hash (`childBit`), kept in the node: a name goes on
   * past a token only when the next token's bit is set, so that most walks end without the
   * lookup in `next` (a map elsewhere in memory).
   */
  childBits: number;
  terminals: Terminal[];
  /** Whether some terminal here is a name ending with + (tokens drop the +, so both names end here). */
  plus?: boolean;
}


const newNode = (): TrieNode => ({ next: new Map(), childBits: 0, terminals: [] });

/** A token's bit in its parent's `childBits`. */
const childBit = (hash: number) => 1 << (hash & 31);

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
export const terminalsOf = (m: Match, catalogSize: number): readonly Terminal[] => (m.article ? catalogTerminals(m.node, catalogSize) : m.node.terminals);


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

/** The names' trie, by token key, with a bit for each written form a name's first word can take. */
export class NameTrie {
  private readonly root = newNode();
  /**
   * The `keyHash`es of every written form a name's first token can take with proclitics (a
   * superset of what `cliticReadings` reads back), one bit each (2^22 bits): tokens carry their
   * hash, so most are turned away without a string lookup.
   */
  private readonly formBits = new Uint32Array(FORM_BITS >>> 5);
  /** First words of the names added so far (their proclitic forms are in `formBits`). */
  private readonly firstWords = new Set<string>();

  /** The first words of the names added so far. */
  firstKeys(): IterableIterator<string> {
    return this.root.next.keys();
  }

  /** Adds a name (its words as `tokenKeys` gives them) ending in `t`. */
  add(name: string, t: Terminal): void {
    const keys = tokenKeys(name);
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        node.next.set(k, (child = newNode()));
        node.childBits |= childBit(keyHash(k));
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

  /** The longest name at token `i`. Numbers from `catalogSize` on are learnt names'. */
  longestAt(text: string, tokens: Token[], i: number, catalogSize: number): Match | undefined {
    let best: Match | undefined;
    const { key, hash } = tokens[i];
    // Most tokens neither start a name nor are one with proclitics: one bit, then one lookup, decide.
    if ((this.formBits[(hash >>> 5) & FORM_MASK] & (1 << (hash & 31))) === 0) return undefined;
    for (const reading of this.readingsOf(key)) {
      let node: TrieNode | undefined = reading.node;
      let j = i;
      let quoted = -1;
      while (node) {
        if (node.terminals.length > 0 && (!best || j > best.last) && (!reading.article || catalogTerminals(node, catalogSize).length > 0)) best = { node, last: j, prefixLength: reading.prefixLength, quoted, article: reading.article };
        const nextTok = tokens[j + 1];
        if (!nextTok || (node.childBits & childBit(nextTok.hash)) === 0) break;
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
}

/** Whether a token key is Latin (its first unit a Latin letter). */
export function isLatinKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f);
}


const FORM_BITS = 1 << 22;
const FORM_MASK = (FORM_BITS >>> 5) - 1;

/** The proclitics `cliticReadings` strips: conjunction, preposition, article; and لل for ل + ال. */
const PROCLITICS = ['', 'و', 'ف'].flatMap((conj) => ['', 'ب', 'ك', 'ل'].flatMap((prep) => ['', 'ال'].map((art) => conj + prep + art)));
const PREFIX_STATES = PROCLITICS.map(keyState);
/** Before a key that starts with ا (of ال), ل takes the ا's place: للحزب. */
const LAM_STATES = ['', 'و', 'ف'].map((conj) => keyState(`${conj}ل`));

/** The `keyHash`es of `key` with every proclitic before it, computed without making the strings. */
function procliticHashes(key: string): number[] {
  const out = PREFIX_STATES.map((h) => hashOn(h, key));
  if (key.startsWith('ا')) for (const h of LAM_STATES) out.push(hashOn(h, key, 1));
  return out;
}

/**
 * The terminals a match keeps and where it ends, given the + written after it: أوبك+ picks the
 * name ending with + (the + then part of the mention), أوبك the one without.
 */
export function withPlus(text: string, m: Match, terminals: readonly Terminal[], end: number): { terminals: readonly Terminal[]; end: number } {
  if (!m.node.plus) return { terminals, end };
  const plusAfter = text.charCodeAt(end) === 0x2b;
  return { terminals: terminals.filter((t) => !!t.plus === plusAfter), end: plusAfter ? end + 1 : end };
}
