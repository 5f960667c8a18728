/**
 * Counts by date for the timeline: the corpus's articles per date, and an entity's articles and
 * mentions per date. Counted in a pass over the articles when first asked for, then kept per
 * index and brought up to date as articles come and go (through the index's article listener),
 * so that a timeline asked again — another granularity, another date range, an entity added to
 * compare — reads a few thousand dates rather than every article.
 */
import type { Article } from '../index/article';
import type { CorpusIndex } from '../index/corpusIndex';
import { eachArticle, type WorkControl } from './articlePass';

export interface DateCount {
  articles: number;
  mentions: number;
}

/** Counts per date (as the number YYYYMMDD: `isoDate` writes it back), and of the undated articles. */
export interface DatedCounts {
  readonly byDate: ReadonlyMap<number, Readonly<DateCount>>;
  readonly undated: Readonly<DateCount>;
}

/** An ISO date (YYYY-MM-DD) as the number YYYYMMDD: a number is a cheaper key than a string. */
function dateNumber(iso: string): number {
  let n = 0;
  for (let at = 0; at < 10; at++) if (at !== 4 && at !== 7) n = 10 * n + iso.charCodeAt(at) - 48;
  return n;
}

/** The ISO date of a number YYYYMMDD. */
export const isoDate = (n: number): string => `${String(Math.floor(n / 10_000)).padStart(4, '0')}-${String(Math.floor(n / 100) % 100).padStart(2, '0')}-${String(n % 100).padStart(2, '0')}`;

/** The entities whose counts are kept at once (the least recently asked for goes). */
const KEPT_ENTITIES = 32;

class Counts implements DatedCounts {
  readonly byDate = new Map<number, DateCount>();
  readonly undated: DateCount = { articles: 0, mentions: 0 };

  add(date: string | undefined, mentions: number, by: 1 | -1): void {
    const day = date === undefined ? 0 : dateNumber(date);
    let c = date === undefined ? this.undated : this.byDate.get(day);
    if (!c) this.byDate.set(day, (c = { articles: 0, mentions: 0 }));
    c.articles += by;
    c.mentions += by * mentions;
    if (c.articles === 0 && date !== undefined) this.byDate.delete(day);
  }
}

/** What is kept for one index; `corpus` counts articles only. */
interface Kept {
  corpus?: Counts;
  /** By entity number; a catalog change renumbers entities only after every article has gone, which leaves every count empty. */
  readonly entities: Map<number, Counts>;
}

const kept = new WeakMap<CorpusIndex, Kept>();

function keptFor(index: CorpusIndex): Kept {
  const known = kept.get(index);
  if (known) return known;
  const k: Kept = { entities: new Map() };
  kept.set(index, k);
  const count = (a: Article, by: 1 | -1) => {
    k.corpus?.add(a.date, 0, by);
    if (k.entities.size > 0) a.forEachEntity((e, n) => k.entities.get(e)?.add(a.date, n, by));
  };
  index.onArticle((added, _words, removed) => {
    if (removed) count(removed, -1);
    if (added) count(added, 1);
  });
  return k;
}

/**
 * Counts `articles` in a pass (`mentionsIn` gives an article's mentions); kept by `keep` only when
 * the index did not change meanwhile (the listener brings kept counts up to date from then on).
 * Undefined when cancelled.
 */
async function counted(index: CorpusIndex, articles: readonly Article[], mentionsIn: (a: Article) => number, control: WorkControl, keep: (c: Counts) => void): Promise<DatedCounts | undefined> {
  const version = index.version;
  const c = new Counts();
  if (!(await eachArticle(articles, control, (a) => c.add(a.date, mentionsIn(a), 1)))) return undefined;
  if (index.version === version) keep(c);
  return c;
}

/** The corpus's articles per date (`mentions` are 0). */
export function corpusDates(index: CorpusIndex, control: WorkControl = {}): Promise<DatedCounts | undefined> | DatedCounts {
  const k = keptFor(index);
  if (k.corpus) return k.corpus;
  return counted(index, [...index.allArticles()], () => 0, control, (c) => (k.corpus = c));
}

/** An entity's articles (those naming it outside boilerplate) and mentions there, per date. */
export function entityDates(index: CorpusIndex, id: string, control: WorkControl = {}): Promise<DatedCounts | undefined> | DatedCounts | undefined {
  const e = index.figures.entityNumber(id);
  if (e === undefined) return undefined;
  const k = keptFor(index);
  const known = k.entities.get(e);
  if (known) {
    // The most recently asked for last: the first is the one to let go.
    k.entities.delete(e);
    k.entities.set(e, known);
    return known;
  }
  return counted(index, index.figures.unorderedArticlesOf(id), (a) => a.mentionsOf(e), control, (c) => {
    k.entities.set(e, c);
    if (k.entities.size > KEPT_ENTITIES) k.entities.delete(k.entities.keys().next().value!);
  });
}
