/**
 * The stamp (size, modification time, content hash) of the file each indexed article was read
 * from, by the article's number in the index (`Article.slot`), three numbers a stamp in one typed
 * array: a map from URI to stamp objects would cost a warm start a lookup table and an object a
 * file to build. An article's stamp goes with it: one read from the editor's text
 * has none, and a replaced article's number is never given again, so its stamp is simply left.
 */
import type { FileStamp } from './indexCache';

export class StampTable {
  /** size, mtimeMs, hash for each number; NaN size for none. */
  private v = new Float64Array(3 * 1024).fill(NaN);

  set(slot: number, size: number, mtimeMs: number, hash: number): void {
    if (3 * slot + 3 > this.v.length) {
      const grown = new Float64Array(Math.max(2 * this.v.length, 3 * slot + 3)).fill(NaN);
      grown.set(this.v);
      this.v = grown;
    }
    this.v[3 * slot] = size;
    this.v[3 * slot + 1] = mtimeMs;
    this.v[3 * slot + 2] = hash;
  }

  has(slot: number): boolean {
    return 3 * slot < this.v.length && !Number.isNaN(this.v[3 * slot]);
  }

  get(slot: number): FileStamp | undefined {
    return this.has(slot) ? { size: this.v[3 * slot], mtimeMs: this.v[3 * slot + 1], hash: this.v[3 * slot + 2] } : undefined;
  }

  delete(slot: number): void {
    if (3 * slot < this.v.length) this.v[3 * slot] = NaN;
  }
}
