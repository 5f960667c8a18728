/**
 * A figure of an entity that is kept up to date as articles come (the best so far), but that an
 * article going away may spoil (it was that article's): then it is found again, from the entity's
 * articles, when next asked, rather than on every removal.
 */
export class LazyFigure<T> {
  private value: T | undefined = undefined;

  /** `better(x, than)`: whether `x` replaces `than` as the figure; `stale`: to be found when first asked. */
  constructor(
    private readonly better: (x: T, than: T) => boolean,
    private stale = false,
  ) {}

  /** A candidate that came with an article (ignored while stale: the figure is found again anyway). */
  offer(x: T): void {
    if (!this.stale && (this.value === undefined || this.better(x, this.value))) this.value = x;
  }

  /** A candidate whose article went: if it was the figure, the figure is to be found again. */
  withdraw(x: T): void {
    if (x === this.value) this.stale = true;
  }

  /** The figure is to be found again (a restore leaves it to be found when asked). */
  spoil(): void {
    this.stale = true;
  }

  /** The figure; `find` finds it again when it is stale. */
  get(find: () => T | undefined): T | undefined {
    if (this.stale) {
      this.value = find();
      this.stale = false;
    }
    return this.value;
  }

  /** Takes a figure known from elsewhere (a persisted index's) in place of finding it again. */
  adopt(x: T | undefined): void {
    if (!this.stale) return;
    this.value = x;
    this.stale = false;
  }
}
