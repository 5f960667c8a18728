/**
 * The articles naming one entity. An array with lazy deletion: for an entity named in most of an
 * archive, a Set costs three times the memory and most of the time of restoring an index.
 * Removed articles are flagged (`Article.removed`) and skipped, and swept out once they are as
 * many as the live ones.
 */
import type { Article } from './article';

export class ArticleList {
  private items: Article[] = [];
  private stale = 0;
  /** Live articles. */
  size = 0;

  add(a: Article): void {
    this.items.push(a);
    this.size++;
  }

  /** Call after flagging `a` removed. */
  delete(a: Article): void {
    if (!a.removed) throw new Error('ArticleList.delete: the article is not flagged removed');
    this.size--;
    this.stale++;
    if (this.stale > 32 && this.stale > this.size) {
      this.items = this.items.filter((x) => !x.removed);
      this.stale = 0;
    }
  }

  forEach(f: (a: Article) => void): void {
    for (const a of this.items) if (!a.removed) f(a);
  }

  toArray(): Article[] {
    return this.stale === 0 ? this.items.slice() : this.items.filter((x) => !x.removed);
  }
}
