/**
 * The state of one discovery pass over an article's tokens: the names found so far and the
 * tokens they take, what the recognised mentions over the tokens are, and the tests the finders
 * (`personNames.ts`, `organisationsAndPlaces.ts`) share.
 */
import { keyUnitOffset, type Token } from '../text/tokenize';
import type { DiscoveredName, DiscoveredType, KnownMention } from './discovery';
import { GIVEN_NAMES, NAME_PARTICLES } from './lexicon';
import { nameGap, surnameKey } from './nameWords';
import { triggerOf } from './triggerWords';

const TYPE_PREFIX: Record<DiscoveredType, string> = { person: '', organisation: 'org:', place: 'place:' };

export class Scan {
  readonly out: DiscoveredName[] = [];
  /** Tokens inside a name this scan found. */
  readonly taken: Uint8Array;
  /** Surnames of the people found so far. */
  readonly surnames = new Set<string>();

  /** `cover`: per token, 1 + the index of the recognised mention over it (0: none), which `known` describes. */
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

  /** Whether token i begins a clause: text start, punctuation before it, or a stop word or verb before it. */
  clauseStart(i: number): boolean {
    if (i === 0) return true;
    const prev = this.tokens[i - 1];
    if (!nameGap(this.text, prev, this.tokens[i])) return true;
    return !!triggerOf(prev)?.speech;
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

  /** Records a name found over tokens `first` to `last` (the first read after `prefix` key units of proclitics). */
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
}
