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

/** Documents are given by number: small whole numbers (the live set keeps a byte per number up to the largest). */
export class Shortlist {
  /** word → ids of the documents holding it. */
  private readonly postings = new Map<string, number[]>();
  /** trigram → words holding it. */
  private readonly grams = new Map<string, string[]>();
  /** 1 at each live id (a Set of 100,000 ids cost a warm start 45 ms to fill). */
  private live = new Uint8Array(256);
  private liveCount = 0;

  add(id: number, words: Iterable<string>): void {
    if (id >= this.live.length) {
      const grown = new Uint8Array(Math.max(2 * this.live.length, id + 1));
      grown.set(this.live);
      this.live = grown;
    }
    if (this.live[id] === 0) this.liveCount++;
    this.live[id] = 1;
    // A word given twice finds the id already at the end of its postings (no Set needed to skip it).
    for (const w of words) {
      if (w.length < 2) continue;
      let p = this.postings.get(w);
      if (!p) {
        this.postings.set(w, (p = []));
        for (const g of trigrams(w)) {
          const list = this.grams.get(g);
          if (list) list.push(w);
          else this.grams.set(g, [w]);
        }
      }
      // Postings stay sorted (ids normally arrive in increasing order).
      if (p.length === 0 || p[p.length - 1] < id) p.push(id);
      else if (!holds(p, id)) p.splice(lowerBound(p, id), 0, id);
    }
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
   * arrays: an array of words per id made 100,000 arrays at once for the collector when a large
   * index was written out. `pause` is awaited after every word, and decides whether to let other
   * work in; ids added meanwhile are left out, ids removed meanwhile keep their words.
   */
  async wordsById(pause: () => Promise<void> = async () => undefined): Promise<WordsById> {
    const live = this.live.slice();
    const size = live.length;
    const entries = [...this.postings];
    // Counted, then filled. The caller's pause decides, after every word and every few thousand
    // ids of a common word, whether to yield (one word held 100,000 ids and the thread for 50 ms).
    const start = new Uint32Array(size + 1);
    const each = async (visit: (id: number, word: number) => void) => {
      for (let w = 0; w < entries.length; w++) {
        await pause();
        const ids = entries[w][1];
        for (let k = 0; k < ids.length; k++) {
          if ((k & 4095) === 4095) await pause();
          const id = ids[k];
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
    return new WordsById(entries.map(([w]) => w), start, at);
  }

  /** Indexed words close to `word`: itself, words it starts, and words sharing most trigrams. */
  private similar(word: string): string[] {
    const out = new Set<string>();
    if (this.postings.has(word)) out.add(word);
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
   * Up to `limit` live ids, those matching more query words first. Work is bounded whatever the
   * corpus size: a word held by very many documents contributes its newest few, or, once there
   * are enough candidates, only raises those it holds (postings are sorted, so a binary search
   * tells).
   */
  candidates(words: readonly string[], limit = 300): number[] {
    const score = new Map<number, number>();
    const cap = 4 * limit;
    // Rare words first.
    const lists = words.flatMap((q) => this.similar(q).map((w) => ({ q, w, ids: this.postings.get(w)! }))).sort((a, b) => a.ids.length - b.ids.length);
    const byQuery = new Map<string, Set<number>>();
    for (const { q, w, ids } of lists) {
      let seen = byQuery.get(q);
      if (!seen) byQuery.set(q, (seen = new Set()));
      const weight = w === q ? 2 : 1;
      const credit = (id: number) => {
        if (!this.isLive(id) || seen.has(id)) return;
        seen.add(id);
        score.set(id, (score.get(id) ?? 0) + weight);
      };
      if (ids.length > cap) {
        for (const id of [...score.keys()]) if (holds(ids, id)) credit(id);
        if (score.size >= limit) continue;
      }
      // Newest first, so that a very common word contributes recent documents.
      for (let i = ids.length - 1, taken = 0; i >= 0 && taken < cap; i--, taken++) credit(ids[i]);
    }
    return [...score].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, limit).map(([id]) => id);
  }
}

/** The first position in ascending ids whose id is not below `id`. */
function lowerBound(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search in ascending ids. */
function holds(ids: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === id) return true;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
