/**
 * An inverted index that shortlists documents for a fuzzy query, so that fuse.js ranks a few
 * hundred candidates instead of the whole corpus. Words are indexed by key; a query word reaches
 * the indexed words that share enough of its character trigrams, which tolerates typos and
 * spelling variants.
 */

function trigrams(word: string): string[] {
  const w = `^${word}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

/** Each id's words: `words[at[k]]` for k from `start[id]` up to `start[id + 1]`. */
export class WordsById {
  constructor(
    private readonly words: readonly string[],
    private readonly start: Uint32Array,
    private readonly at: Uint32Array,
  ) {}

  /** The id's words, in the order the postings hold them; undefined when it had none (or came later). */
  of(id: number): string[] | undefined {
    if (id + 1 >= this.start.length || this.start[id] === this.start[id + 1]) return undefined;
    const out: string[] = [];
    for (let k = this.start[id]; k < this.start[id + 1]; k++) out.push(this.words[this.at[k]]);
    return out;
  }
}

/**
 * Each word's document ids, ascending. A word's list starts as a small array and moves to a typed
 * array once it grows: held as arrays of numbers, a large index's postings were copied by every
 * young-generation collection on their way to the old one (docs/performance.md).
 */
class Postings {
  private readonly lists: (number[] | Uint32Array)[] = [];
  /** Each list's length (a typed list holds room to grow). */
  private sizes = new Uint32Array(64);

  /** A new, empty list; returns its number. */
  open(): number {
    const k = this.lists.length;
    this.lists.push([]);
    if (k === this.sizes.length) this.sizes = grown(this.sizes);
    return k;
  }

  size(k: number): number {
    return this.sizes[k];
  }

  /** List `k` as it is now (read its first `size(k)` entries; the list may be replaced as it grows). */
  list(k: number): ArrayLike<number> {
    return this.lists[k];
  }

  /** Puts `id` into list `k` unless it holds it: at the end, as ids normally come in increasing order. */
  add(k: number, id: number): void {
    const n = this.sizes[k];
    let ids = this.lists[k];
    if (n > 0 && ids[n - 1] >= id) {
      if (holds(ids, n, id)) return;
      const at = lowerBound(ids, n, id);
      if (Array.isArray(ids)) ids.splice(at, 0, id);
      else {
        if (n === ids.length) this.lists[k] = ids = grown(ids);
        ids.copyWithin(at + 1, at, n);
        ids[at] = id;
      }
    } else if (Array.isArray(ids)) {
      if (n < SMALL_LIST) ids.push(id);
      else {
        const typed = new Uint32Array(4 * SMALL_LIST);
        typed.set(ids);
        typed[n] = id;
        this.lists[k] = typed;
      }
    } else {
      if (n === ids.length) this.lists[k] = ids = grown(ids);
      ids[n] = id;
    }
    this.sizes[k] = n + 1;
  }
}

/** Postings longer than this are typed arrays (a word in one or two headlines keeps a small array). */
const SMALL_LIST = 16;
const UNSEEN = -1;
const TOO_SHORT = -2;

/** Documents are given by number: small whole numbers (the live set keeps a byte per number up to the largest). */
export class Shortlist {
  /** Each indexed word's number in the postings. */
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings = new Postings();
  /** trigram → words holding it. */
  private readonly grams = new Map<string, string[]>();
  /** 1 at each live id (a `Set` of a large index's ids was slow to fill at a warm start). */
  private live = new Uint8Array(256);
  private liveCount = 0;

  add(id: number, words: Iterable<string>): void {
    this.setLive(id);
    // A word given twice finds the id already at the end of its postings.
    for (const w of words) {
      if (w.length < 2) continue;
      this.postings.add(this.wordIds.get(w) ?? this.newWord(w), id);
    }
  }

  /**
   * `add`, with the words given by number in `table` (`ids[start]` up to `ids[end]`), as a
   * persisted index holds them: each number is looked up once for all the documents of a table.
   */
  addFromTable(id: number, table: readonly string[], ids: ArrayLike<number>, start: number, end: number): void {
    this.setLive(id);
    if (table !== this.table) {
      this.table = table;
      this.tableWords = new Int32Array(table.length).fill(UNSEEN);
    }
    for (let k = start; k < end; k++) {
      let w = this.tableWords[ids[k]];
      if (w === UNSEEN) {
        const word = table[ids[k]];
        this.tableWords[ids[k]] = w = word.length < 2 ? TOO_SHORT : (this.wordIds.get(word) ?? this.newWord(word));
      }
      if (w !== TOO_SHORT) this.postings.add(w, id);
    }
  }

  /** The table `addFromTable` was last given, and each of its numbers' word number here (or `UNSEEN`, `TOO_SHORT`). */
  private table: readonly string[] = [];
  private tableWords = new Int32Array(0);

  private setLive(id: number): void {
    if (id >= this.live.length) {
      const grownLive = new Uint8Array(Math.max(2 * this.live.length, id + 1));
      grownLive.set(this.live);
      this.live = grownLive;
    }
    if (this.live[id] === 0) this.liveCount++;
    this.live[id] = 1;
  }

  private newWord(w: string): number {
    const k = this.postings.open();
    this.wordIds.set(w, k);
    this.words.push(w);
    for (const g of trigrams(w)) {
      const list = this.grams.get(g);
      if (list) list.push(w);
      else this.grams.set(g, [w]);
    }
    return k;
  }

  /** Removed ids stay in the postings and are filtered out (an id is not given again; see `add`). */
  remove(id: number): void {
    if (this.live[id] !== 1) return;
    this.live[id] = 0;
    this.liveCount--;
  }

  private isLive(id: number): boolean {
    return this.live[id] === 1;
  }

  get size(): number {
    return this.liveCount;
  }

  /**
   * The words of every live id (the inverse of the postings, built on demand), packed in typed
   * arrays: an array of words per id made as many arrays at once for the collector when a large
   * index was written out. `pause` is awaited after every word, and decides whether to let other
   * work in; ids added meanwhile are left out, ids removed meanwhile keep their words.
   */
  async wordsById(pause: () => Promise<void> = async () => undefined): Promise<WordsById> {
    const live = this.live.slice();
    const size = live.length;
    // The words there are now (words come later only at the end).
    const words = this.words.slice();
    // Counted, then filled. The caller's pause decides, after every word and every few thousand
    // ids of a common word, whether to yield (one word may hold most of the ids).
    const start = new Uint32Array(size + 1);
    const each = async (visit: (id: number, word: number) => void) => {
      for (let w = 0; w < words.length; w++) {
        await pause();
        // Read afresh after each pause: a list moves when it grows.
        for (let k = 0; k < this.postings.size(w); k++) {
          if ((k & 4095) === 4095) await pause();
          const id = this.postings.list(w)[k];
          if (id < size && live[id] === 1) visit(id, w);
        }
      }
    };
    await each((id) => start[id + 1]++);
    for (let id = 0; id < size; id++) start[id + 1] += start[id];
    const at = new Uint32Array(start[size]);
    const next = start.slice(0, size);
    // Postings only grow at their ends, with new ids: a guard all the same.
    await each((id, w) => {
      if (next[id] < start[id + 1]) at[next[id]++] = w;
    });
    return new WordsById(words, start, at);
  }

  /** Indexed words close to `word`: itself, words it starts, and words sharing most trigrams. */
  private similar(word: string): string[] {
    const out = new Set<string>();
    if (this.wordIds.has(word)) out.add(word);
    const tg = trigrams(word);
    const hits = new Map<string, number>();
    for (const g of tg) for (const w of this.grams.get(g) ?? []) hits.set(w, (hits.get(w) ?? 0) + 1);
    for (const [w, n] of hits) {
      // `^w$` has as many trigrams as `w` has units.
      const union = tg.length + w.length - n;
      if (n / union >= 0.25 || (w.startsWith(word) && word.length >= 3)) out.add(w);
    }
    return [...out];
  }

  /**
   * Up to `limit` live ids, those matching more query terms, and matching them better, first. A
   * term is a query word, or its equivalent forms (with and without the article, its skeleton); an
   * indexed word equal to a form is exact, one starting with it a prefix, the rest fuzzy.
   *
   * Exact words are taken first, then prefixes, then fuzzy ones: once there are `limit`
   * candidates, a prefix or fuzzy word only raises those it holds, so the bounded shortlist never
   * drops exact matches for fuzzy ones (rare fuzzy words could fill it: docs/performance.md). Work is bounded whatever the corpus size: a word
   * held by very many documents contributes its newest few, or, once there are enough
   * candidates, only raises those it holds (postings are sorted, so a binary search tells).
   */
  candidates(terms: readonly (string | readonly string[])[], limit = 300): number[] {
    const score = new Map<number, number>();
    const cap = 4 * limit;
    const lists: { term: number; tier: number; ids: ArrayLike<number>; n: number }[] = [];
    terms.forEach((t, term) => {
      const forms = typeof t === 'string' ? [t] : t;
      const tierOf = new Map<string, number>();
      for (const f of forms) {
        for (const w of this.similar(f)) {
          const tier = w === f || withClitics(w, f) ? 0 : w.startsWith(f) ? 1 : 2;
          if (tier < (tierOf.get(w) ?? 3)) tierOf.set(w, tier);
        }
      }
      for (const [w, tier] of tierOf) {
        const k = this.wordIds.get(w)!;
        lists.push({ term, tier, ids: this.postings.list(k), n: this.postings.size(k) });
      }
    });
    // Better tiers first; rare words first within a tier.
    lists.sort((a, b) => a.tier - b.tier || a.n - b.n);
    const seen = terms.map(() => new Set<number>());
    for (const { term, tier, ids, n } of lists) {
      const weight = WEIGHT[tier];
      const credit = (id: number) => {
        if (!this.isLive(id) || seen[term].has(id)) return;
        seen[term].add(id);
        score.set(id, (score.get(id) ?? 0) + weight);
      };
      const full = score.size >= limit;
      if (n > cap || (full && tier > 0)) {
        // Only raise the candidates there are: through the list when it is shorter.
        if (n <= score.size) {
          for (let i = 0; i < n; i++) if (score.has(ids[i])) credit(ids[i]);
        } else for (const id of [...score.keys()]) if (holds(ids, n, id)) credit(id);
        // An exact word always brings its newest: rarer words of other terms may have filled the
        // shortlist with documents lacking this one.
        if (score.size >= limit && tier > 0) continue;
      }
      // Newest first, so that a very common word contributes recent documents.
      for (let i = n - 1, taken = 0; i >= 0 && taken < cap; i--, taken++) credit(ids[i]);
    }
    return [...score].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, limit).map(([id]) => id);
  }
}

/** Whether `w` is `f` with proclitics before it (و ف ب ك ل, then ال): the same word, as written in a sentence. */
function withClitics(w: string, f: string): boolean {
  return w.length > f.length && w.length - f.length <= 4 && w.endsWith(f) && /^[وف]?[بكل]?(ال|ل)?$/u.test(w.slice(0, w.length - f.length));
}

/** Credit of an exact, prefix and fuzzy word: one exact term outweighs fuzzy matches of three. */
const WEIGHT = [4, 3, 1];

/** The first position in the first `n` of ascending ids whose id is not below `id`. */
function lowerBound(ids: ArrayLike<number>, n: number, id: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search in the first `n` of ascending ids. */
function holds(ids: ArrayLike<number>, n: number, id: number): boolean {
  const at = lowerBound(ids, n, id);
  return at < n && ids[at] === id;
}

function grown(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(2 * a.length);
  out.set(a);
  return out;
}
