/**
 * The index as a persisted cache holds it, and back: its numbering and articles (`indexSource`,
 * read by the cache's writer as it writes), the hover figures of the entities that keep them
 * (`HoverCounts`, counted over the articles written), and the way back in: articles part by part
 * (`restoreSnapshot`), then the figures (`adoptCounts`).
 */
import type { Entity } from '../catalog/types';
import { Article, articleDataAt, copyEntities, forEachForm, numbersBelow, renumber } from './article';
import { addToTop } from './articleOrder';
import type { EntityTable } from './entityTable';
import { TOP, type EntityStatistics, type EntityStats } from './entityStats';
import type { LearntPeople } from './learntPeople';

/**
 * An article's headline search words: the words, or (as a persisted index gives them) their
 * numbers in a table that many articles share, `ids[start]` up to `ids[end]`, so that a restore
 * makes no array of strings for each article.
 */
export type HeadlineWords = readonly string[] | { readonly table: readonly string[]; readonly ids: Uint32Array; readonly start: number; readonly end: number };

/** What a persisted index holds; see `IndexPersistence.snapshot()` and `restoreSnapshot()`. */
export interface IndexSnapshot {
  readonly entityIds: string[];
  readonly discovered: Entity[];
  readonly formTexts: string[];
  /**
   * Each article's strings, data array (see `articleData`; it starts at `base` in `data`, 0 when
   * absent, so that the articles of a persisted part can share one array) and headline search words.
   */
  readonly articles: { uri: string; headline: string; date?: string; source?: string; data: Uint32Array; base?: number; words: HeadlineWords }[];
}

/** The index's numbering and its live articles (see `indexSource()`). */
export interface IndexSource {
  readonly entityIds: string[];
  readonly discovered: Entity[];
  readonly formTexts: string[];
  readonly articles: readonly Article[];
  /** Counts the hover figures of the entities that keep them, over the articles given to it (see `SavedCounts`). */
  readonly counts: HoverCounts;
}

/**
 * Hover figures an entity keeps once asked for them (`EntityStats.forms`, `shared`, `top` and
 * `latest`), as a persisted index holds them for the articles it holds, so that after a warm start
 * the first hover on an entity named in tens of thousands of articles need not count them again.
 * Numbers are the snapshot's: `forms` holds (form number, count) pairs, `shared` (entity, shared
 * articles) pairs; `top` the newest articles' URIs.
 */
export interface SavedCounts {
  readonly entity: number;
  readonly forms?: Uint32Array;
  readonly shared?: Uint32Array;
  readonly top: readonly string[];
  readonly latest?: string;
}

/** What the index lends its persistence: its numbering, figures, people and articles, and a way to put one in. */
export interface PersistedParts {
  readonly entities: EntityTable;
  readonly statistics: EntityStatistics;
  readonly people: LearntPeople;
  readonly articles: ReadonlyMap<string, Article>;
  /** Puts a restored article in place of the one of its URI, its dates left to be found when asked. */
  put(a: Article, words: HeadlineWords): void;
}

/** Counts, article by article as a cache is written, what `SavedCounts` holds. */
export class HoverCounts {
  /** Per entity number: its place in the lists below, -1 when it is not counted. */
  private readonly slot: Int32Array;
  private readonly entities: number[] = [];
  private readonly forms: (Map<number, number> | undefined)[] = [];
  private readonly shared: (Uint32Array | undefined)[] = [];
  private readonly top: Article[][] = [];
  private readonly latest: (string | undefined)[] = [];
  /** Whether some entity's forms are counted. */
  private readonly countsForms: boolean;
  /** The entities an article names and their counts (see `copyEntities` in `article.ts`), reused from article to article. */
  private named = new Uint32Array(256);
  private namedCounts = new Uint32Array(256);

  /** `formsOf` and `sharedOf`: the entities (numbers below `entityCount`) to count forms and co-occurrences of. */
  constructor(entityCount: number, formsOf: readonly number[], sharedOf: readonly number[]) {
    this.slot = new Int32Array(entityCount).fill(-1);
    const slotOf = (e: number) => {
      if (this.slot[e] < 0) {
        this.slot[e] = this.entities.push(e) - 1;
        this.forms.push(undefined);
        this.shared.push(undefined);
        this.top.push([]);
        this.latest.push(undefined);
      }
      return this.slot[e];
    };
    for (const e of formsOf) this.forms[slotOf(e)] = new Map();
    for (const e of sharedOf) this.shared[slotOf(e)] = new Uint32Array(entityCount);
    this.countsForms = formsOf.length > 0;
  }

  /** Counts a written form of the article's, when its entity's forms are counted. */
  private readonly addForm = (e: number, form: number, count: number) => {
    // Entities numbered since the counting began are not counted (nor shared with).
    const m = e < this.slot.length && this.slot[e] >= 0 ? this.forms[this.slot[e]] : undefined;
    if (m) m.set(form, (m.get(form) ?? 0) + count);
  };

  add(a: Article): void {
    if (this.countsForms) forEachForm(a, this.addForm);
    if (a.entityCount > this.named.length) {
      this.named = new Uint32Array(2 * a.entityCount);
      this.namedCounts = new Uint32Array(2 * a.entityCount);
    }
    const named = this.named;
    const n = copyEntities(a, named, this.namedCounts);
    // Entities numbered since the counting began are not counted (nor shared with).
    const known = this.slot.length;
    for (let x = 0; x < n; x++) {
      const e = named[x];
      const i = e < known ? this.slot[e] : -1;
      if (i < 0) continue;
      addToTop(this.top[i], a, TOP);
      if (a.date && (this.latest[i] === undefined || a.date > this.latest[i]!)) this.latest[i] = a.date;
      const counts = this.shared[i];
      if (counts) for (let y = 0; y < n; y++) if (named[y] !== e && named[y] < known) counts[named[y]]++;
    }
  }

  result(): SavedCounts[] {
    return this.entities.map((entity, i) => {
      const pairs: number[] = [];
      this.shared[i]?.forEach((count, other) => count > 0 && pairs.push(other, count));
      const forms = this.forms[i];
      return {
        entity,
        forms: forms && Uint32Array.from([...forms].flat()),
        shared: this.shared[i] && Uint32Array.from(pairs),
        top: this.top[i].map((a) => a.uri),
        latest: this.latest[i],
      };
    });
  }
}

/** An article as a snapshot holds it. */
export function recordOf(a: Article, words: readonly string[]): IndexSnapshot['articles'][number] {
  return { uri: a.uri, headline: a.headline.text, date: a.date, source: a.source, data: a.ownData(), words };
}

/**
 * What a persisted cache writes: the index's numbering and its articles, themselves (copies would
 * make as many objects at once for the collector, and pause requests with it; the articles are
 * read as they are written). The index may change while this pauses: the list is of articles each
 * taken whole, and ids and forms only ever grow.
 */
export async function indexSource(parts: PersistedParts, pause: () => Promise<void>): Promise<IndexSource> {
  const { entities, statistics } = parts;
  const entityIds = [...entities.ids];
  const formTexts = [...entities.formTexts];
  // Hover figures go along for the entities that keep them and for those named in so many
  // articles that counting them takes a first hover tens of milliseconds.
  const keeping = (has: (s: EntityStats) => boolean) => entities.stats.flatMap((s, e) => (s && (has(s) || s.articles.size >= statistics.sharedFrom) ? [e] : []));
  const counts = new HoverCounts(
    entityIds.length,
    keeping((s) => !!s.forms),
    keeping((s) => !!s.shared),
  );
  const articles: Article[] = [];
  // Entities the listed articles mention (in boilerplate too): the discovered ones go along.
  const used = new Uint8Array(entityIds.length);
  let n = 0;
  for (const a of [...parts.articles.values()]) {
    if (++n % 64 === 0) await pause();
    if (a.removed) continue;
    a.forEachMention((e) => (used[e] = 1));
    articles.push(a);
  }
  const discovered = entities.stats.filter((s, i): s is EntityStats => !!s && used[i] === 1 && !!s.entity.discovered).map((s) => s.entity);
  // In number order: a restore numbers them in the order written, so that an article analysed
  // again (relinking) keeps its place among the others, and bounded lists answer as before.
  articles.sort((a, b) => a.slot - b.slot);
  return { entityIds, discovered, articles, formTexts, counts };
}

/** A record's article; `owned`: on the record's own data (see `restoreSnapshot`), else a copy of it. */
function articleOf(s: IndexSnapshot['articles'][number], owned: boolean): Article {
  const base = s.base ?? 0;
  if (owned) return new Article(s.uri, s.headline, s.date, s.source, s.data, base);
  return new Article(s.uri, s.headline, s.date, s.source, articleDataAt(s.data, base).slice());
}

/**
 * Restores articles from a snapshot taken under the same catalog; returns how many. `owned`:
 * the snapshot's data arrays are the index's from now on (a deserialised cache) and are
 * rewritten in place rather than copied. `restored` hears of each article restored, with its
 * place in the snapshot; `left`, of each one `keep` turned away (under the snapshot's numbering).
 */
export function restoreSnapshot(
  parts: PersistedParts,
  snap: IndexSnapshot,
  keep: (uri: string, i: number) => boolean,
  owned: boolean,
  restored?: (a: Article, i: number) => void,
  left?: (a: Article) => void,
): number {
  const { entities, people } = parts;
  people.restoring(snap.discovered);
  // Entity numbers and form numbers in the snapshot are mapped onto this index's numbering.
  const map = entities.numbersOf(snap.entityIds, UNKNOWN);
  const forms = Uint32Array.from(snap.formTexts, (t) => entities.formNumber(t));
  // Restored into an index that numbers entities and forms as the snapshot did (a warm start
  // does), the articles' numbers stand as they are.
  const same = map.every((v, i) => v === i) && forms.every((v, i) => v === i);
  parts.statistics.spoilDates();
  let n = 0;
  for (let i = 0; i < snap.articles.length; i++) {
    const s = snap.articles[i];
    if (!keep(s.uri, i)) {
      left?.(new Article(s.uri, s.headline, s.date, s.source, s.data, s.base ?? 0));
      continue;
    }
    const a = articleOf(s, owned);
    if (!numbersBelow(a, map.length, forms.length)) continue;
    if (!same) {
      renumber(a, map, forms);
      if (!numbersBelow(a, UNKNOWN)) continue;
    }
    parts.put(a, s.words);
    restored?.(a, i);
    n++;
  }
  people.settle(true);
  entities.version++;
  return n;
}

/** The number a snapshot's entity unknown here is mapped to: articles naming one are not restored. */
const UNKNOWN = 0xffffff;

/**
 * Takes the hover figures saved with a persisted index (`HoverCounts`) into an index restored
 * from it whole: the caller knows that every saved article was restored and nothing else
 * changed meanwhile; this checks that the numbering is the snapshot's. From here on they are
 * kept up to date as articles come and go. Entities that counted their own meanwhile (a hover
 * during the restore) keep those. Returns for how many entities they were taken; undefined when
 * the numbering differs or the figures are damaged.
 */
export function adoptCounts(parts: PersistedParts, saved: readonly SavedCounts[], entityIds: readonly string[], formTexts: readonly string[], left: readonly Article[]): number | undefined {
  const { entities } = parts;
  if (entityIds.length > entities.ids.length || formTexts.length > entities.formTexts.length) return undefined;
  if (!entityIds.every((id, i) => entities.ids[i] === id) || !formTexts.every((t, i) => entities.formTexts[i] === t)) return undefined;
  if (!Array.isArray(saved as unknown) || !saved.every((c) => validCounts(c, entityIds.length, formTexts.length))) return undefined;
  // Figures of articles the restore left out (open documents with other text) are taken off.
  if (!left.every((a) => numbersBelow(a, entityIds.length, formTexts.length))) return undefined;
  let taken = 0;
  for (const c of saved) {
    const s = entities.stats[c.entity];
    if (!s) continue;
    const w = countsWithout(c, left, entities.stats.length);
    taken++;
    if (w.latest !== null) s.dates?.latest.adopt(w.latest);
    const top = w.top?.map((uri) => parts.articles.get(uri));
    if (!s.top && top?.every((a) => a !== undefined)) s.top = top as Article[];
    if (w.forms) parts.statistics.keepForms(s, w.forms);
    if (w.shared && !s.shared) s.shared = w.shared;
  }
  return taken;
}

/** A damaged file is not trusted: every number must be one of the snapshot's. */
function validCounts(c: SavedCounts, entityCount: number, formCount: number): boolean {
  const pairsBelow = (xs: Uint32Array | undefined, limit: number) => !xs || (xs instanceof Uint32Array && xs.length % 2 === 0 && xs.every((x, i) => i % 2 === 1 || x < limit));
  const strings = (xs: unknown) => Array.isArray(xs) && xs.length <= TOP && xs.every((x) => typeof x === 'string');
  return Number.isInteger(c?.entity) && c.entity < entityCount && pairsBelow(c.forms, formCount) && pairsBelow(c.shared, entityCount) && strings(c.top) && (c.latest === undefined || typeof c.latest === 'string');
}

/**
 * The saved figures less those of the articles `left` out: forms and co-occurrences taken off;
 * the newest articles (undefined) and the latest date (null) to be found again when one of them
 * was a left article's.
 */
function countsWithout(c: SavedCounts, left: readonly Article[], entityCount: number) {
  const forms = c.forms && new Map<number, number>();
  for (let k = 0; c.forms && k < c.forms.length; k += 2) forms!.set(c.forms[k], c.forms[k + 1]);
  const shared = c.shared && new Uint32Array(entityCount);
  for (let k = 0; c.shared && k < c.shared.length; k += 2) shared![c.shared[k]] = c.shared[k + 1];
  let top: readonly string[] | undefined = c.top;
  let latest: string | undefined | null = c.latest;
  for (const a of left) {
    if (a.mentionsOf(c.entity) === 0) continue;
    if (forms)
      forEachForm(a, (e, form, count) => {
        if (e !== c.entity) return;
        const n = (forms.get(form) ?? 0) - count;
        if (n > 0) forms.set(form, n);
        else forms.delete(form);
      });
    if (shared) {
      const named = new Uint32Array(a.entityCount);
      for (let i = 0, n = copyEntities(a, named, new Uint32Array(a.entityCount)); i < n; i++) if (named[i] !== c.entity && shared[named[i]] > 0) shared[named[i]]--;
    }
    if (top?.includes(a.uri)) top = undefined;
    if (a.date !== undefined && a.date === latest) latest = null;
  }
  return { forms, shared, top, latest };
}

const noPause = async () => undefined;

/** The index's persistence: what a cache writes of it, and the index taken back from one. */
export class IndexPersistence {
  constructor(private readonly parts: PersistedParts) {}

  /** What a persisted cache writes: see `indexSource`. */
  source(pause: () => Promise<void> = noPause): Promise<IndexSource> {
    return indexSource(this.parts, pause);
  }

  /** A structured-clone-able copy of the index. */
  async snapshot(headlineWords: (a: Article) => readonly string[], pause: () => Promise<void> = noPause): Promise<IndexSnapshot> {
    const { entityIds, discovered, formTexts, articles } = await this.source(pause);
    return { entityIds, discovered, formTexts, articles: articles.map((a) => recordOf(a, headlineWords(a))) };
  }

  /** Takes the hover figures saved with a persisted index into the index restored from it: see `adoptCounts`. */
  adoptCounts(saved: readonly SavedCounts[], entityIds: readonly string[], formTexts: readonly string[], left: readonly Article[] = []): number | undefined {
    return adoptCounts(this.parts, saved, entityIds, formTexts, left);
  }

  /** Restores articles from a snapshot taken under the same catalog; returns how many: see `restoreSnapshot`. */
  restore(snap: IndexSnapshot, keep: (uri: string, i: number) => boolean = () => true, owned = false, restored?: (a: Article, i: number) => void, left?: (a: Article) => void): number {
    return restoreSnapshot(this.parts, snap, keep, owned, restored, left);
  }
}
