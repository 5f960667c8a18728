/**
 * The words around a concordance's hits, as the sort keys and collocates compare them: folded
 * (the tokeniser's keys), then without their proclitics. The article goes whenever a word of
 * three letters or more is left (الروسي, والروسي, للروسي → روسي). A conjunction or preposition
 * alone (و ف ب ك ل) is part of many words (وزير, بلاد, لبنان), so it goes only when the rest is
 * written on its own in the same articles at least a quarter as often as the whole (وقال → قال,
 * ولافروف → لافروف; وزارة stays, زارة being rare or absent).
 */
import { ownCopy } from '../index/analysis';

/** How often the rest must be seen alone, against the whole form, for a lone proclitic to go. */
const ALONE_SHARE = 0.25;
const ARTICLE = /^[وف]?[بكل]?ال(?=...)/u;
/** ل + ال written لل (للحزب). */
const LAM_ARTICLE = /^[وف]?لل(?=...)/u;
const PROCLITIC = /^(?:[وف][بكل]?|[بكل])$/u;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Each word's key, and the first way it was written (both copies, not slices of a text). */
  readonly keys: string[] = [];
  private readonly written: string[] = [];
  /** How often each word occurs in the articles read. */
  readonly frequency: number[] = [];
  /** Tokens of the articles read. */
  tokens = 0;
  private stripped: Int32Array | undefined;
  private strippedFrequency: number[] | undefined;
  private order: Int32Array | undefined;
  /** Each comparison key's commonest form (see `shownKey`). */
  private commonest: Int32Array | undefined;

  /** The word's number, counting one more occurrence when `count`. */
  add(key: string, written: string, count: boolean): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(ownCopy(key), id);
      this.keys.push(ownCopy(key));
      this.written.push(ownCopy(written));
      this.frequency.push(0);
      this.stripped = undefined;
    }
    if (count) {
      this.frequency[id]++;
      this.tokens++;
      this.stripped = undefined;
    }
    return id;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Word number → the number of its comparison key (itself without proclitics), from the frequencies so far. */
  comparisonKeys(): Int32Array {
    if (this.stripped) return this.stripped;
    const n = this.keys.length;
    const rests: (number | undefined)[] = new Array(n);
    for (let id = 0; id < n; id++) {
      const key = this.keys[id];
      const article = ARTICLE.exec(key) ?? LAM_ARTICLE.exec(key);
      if (article) rests[id] = this.restOf(id, article[0].length);
      else {
        // The longer run first (وب…), then the conjunction alone (و…): وبكين is و + بكين.
        for (let len = Math.min(2, key.length - 3); len >= 1 && rests[id] === undefined; len--) {
          if (!PROCLITIC.test(key.slice(0, len))) continue;
          const alone = this.ids.get(key.slice(len));
          if (alone !== undefined && this.frequency[alone] >= ALONE_SHARE * this.frequency[id]) rests[id] = alone;
        }
      }
    }
    // Words first seen here, as the rest of another, are their own comparison keys.
    const out = new Int32Array(this.keys.length);
    for (let id = 0; id < out.length; id++) out[id] = rests[id] ?? id;
    this.stripped = out;
    this.strippedFrequency = undefined;
    this.order = undefined;
    return out;
  }

  /** The word that is `id` without its first `units` key units (written as it was, when its letters fold one to one). */
  private restOf(id: number, units: number): number {
    const key = this.keys[id].slice(units);
    const written = this.written[id];
    return this.add(key, written.length === this.keys[id].length ? written.slice(units) : key, false);
  }

  /** How often each comparison key occurs (its forms' frequencies summed). */
  comparisonFrequency(): number[] {
    if (this.strippedFrequency && this.stripped) return this.strippedFrequency;
    const keys = this.comparisonKeys();
    const out = new Array<number>(this.keys.length).fill(0);
    const commonest = Int32Array.from(this.keys.keys());
    for (let id = 0; id < keys.length; id++) {
      const k = keys[id];
      out[k] += this.frequency[id];
      // A key written as it is keeps its own form; one never written bare shows its commonest form.
      if (this.frequency[k] === 0 && this.frequency[id] > this.frequency[commonest[k]]) commonest[k] = id;
    }
    this.strippedFrequency = out;
    this.commonest = commonest;
    return out;
  }

  /** How a comparison key is shown: as written when it is written bare (قال), else its commonest form (الصين for صين). */
  shownKey(k: number): string {
    this.comparisonFrequency();
    return this.written[this.commonest?.[k] ?? k];
  }

  /** Each word's place in Arabic alphabetical order of keys (for sorting on the words). */
  collationRanks(): Int32Array {
    this.comparisonKeys();
    if (this.order) return this.order;
    const collator = new Intl.Collator('ar');
    const ids = Array.from(this.keys.keys()).sort((a, b) => collator.compare(this.keys[a], this.keys[b]));
    const ranks = new Int32Array(this.keys.length);
    ids.forEach((id, i) => (ranks[id] = i));
    this.order = ranks;
    return ranks;
  }

}
