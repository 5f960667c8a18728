/**
 * The articles naming one entity, as numbers into the index's `ArticleTable`, packed in a typed
 * array: an archive's lists hold millions of entries, and as arrays of references every entry
 * cost the collector a remembered slot when it was added and a visit at every full collection. Deletion is lazy: a removed article's number leaves the table,
 * the list skips it, and sweeps it out once the removed are as many as the live.
 */
import type { Article } from './article';

/**
 * Numbers articles for the lists. A number is never given twice (a list may still hold the number
 * of a removed article, which must not come to mean another); a replaced article gets a new one.
 */
export class ArticleTable {
  private readonly items: (Article | undefined)[] = [];

  /** Numbers the article (sets `a.slot`). */
  add(a: Article): void {
    a.slot = this.items.length;
    this.items.push(a);
  }

  /** Lets go of the article's number. */
  free(a: Article): void {
    if (this.items[a.slot] === a) this.items[a.slot] = undefined;
  }

  /** The live article of that number, if any. */
  at(slot: number): Article | undefined {
    return this.items[slot];
  }
}

export class ArticleList {
  private slots = new Uint32Array(4);
  /** Used entries of `slots`, live or not. */
  private used = 0;
  private stale = 0;
  /** Live articles. */
  size = 0;

  constructor(private readonly table: ArticleTable) {}

  /** `a` must be in the table. */
  add(a: Article): void {
    if (this.used === this.slots.length) {
      const grown = new Uint32Array(2 * this.slots.length);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.used++] = a.slot;
    this.size++;
  }

  /** Call after the table let go of `a`. */
  delete(a: Article): void {
    if (this.table.at(a.slot) === a) throw new Error('ArticleList.delete: the article is still in the table');
    this.size--;
    this.stale++;
    if (this.stale > 32 && this.stale > this.size) {
      let to = 0;
      for (let k = 0; k < this.used; k++) if (this.table.at(this.slots[k]) !== undefined) this.slots[to++] = this.slots[k];
      this.used = to;
      this.stale = 0;
    }
  }

  forEach(f: (a: Article) => void): void {
    for (let k = 0; k < this.used; k++) {
      const a = this.table.at(this.slots[k]);
      if (a !== undefined) f(a);
    }
  }

  toArray(): Article[] {
    const out: Article[] = [];
    this.forEach((a) => out.push(a));
    return out;
  }
}
