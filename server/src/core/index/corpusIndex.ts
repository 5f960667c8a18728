/**
 * The live corpus index, compact enough for archives: article texts are not kept (the caller
 * re-reads them when a feature needs words), each article's mentions are packed in one typed
 * array (`article.ts`), entities and forms are numbered (`entityTable.ts`), and each entity's
 * figures are kept up to date on every change (`entityStats.ts`), so that a hover never scans
 * the corpus. Every update touches one article only. This class commits analyses and keeps its
 * collaborators in step; the people discovered are `learntPeople.ts`'s, the persisted form
 * `indexPersistence.ts`'s.
 */
import type { Entity, EntityType } from '../catalog/types';
import type { Mention, Recognizer } from '../entities/recognizer';
import { analyzeArticle, type ArticleAnalysis } from './analysis';
import { Article, DEMONYM_KIND, numbersBelow, renumber, withoutEntities } from './article';
import { ArticleTable } from './articleList';
import { EntityStatistics, SHARED_FROM, type EntitySummary, type Introduction } from './entityStats';
import { EntityTable } from './entityTable';
import { adoptCounts, indexSource, recordOf, restoreSnapshot, type HeadlineWords, type IndexSnapshot, type IndexSource, type PersistedParts, type SavedCounts } from './indexPersistence';
import { LearntPeople } from './learntPeople';
import { mentionPage, type MentionOptions, type MentionRef } from './mentionPage';

export { Article };
export { byDateDesc } from './articleOrder';
export type { EntitySummary } from './entityStats';
export type { MentionOptions, MentionRef } from './mentionPage';
export { HoverCounts, recordOf, type HeadlineWords, type IndexSnapshot, type IndexSource, type SavedCounts } from './indexPersistence';

/** See `CorpusIndex.onArticle`. */
export type ArticleListener = (added: Article | undefined, headlineWords: HeadlineWords | undefined, removed: Article | undefined) => void;

const noPause = async () => undefined;

export class CorpusIndex {
  private readonly articles = new Map<string, Article>();
  /** Numbers the articles for the entities' lists and the search structures. */
  private readonly table = new ArticleTable();
  private readonly entities = new EntityTable(this.table);
  private readonly statistics: EntityStatistics;
  private readonly people = new LearntPeople(this.entities);
  private readonly persisted: PersistedParts;
  private generation = 0;
  private readonly listeners: ArticleListener[] = [];

  /**
   * `sharedFrom`: from how many articles an entity, once asked for its co-occurrences, keeps
   * them counted as articles come and go (see `EntityStats.shared`); below it, they are counted
   * when asked.
   */
  constructor(entities: readonly Entity[] = [], sharedFrom = SHARED_FROM) {
    this.statistics = new EntityStatistics(this.entities, sharedFrom);
    const put = (a: Article, words: HeadlineWords) => {
      this.detach(a.uri);
      this.people.staleUris.delete(a.uri);
      this.attach(a, words, true);
    };
    this.persisted = { entities: this.entities, statistics: this.statistics, people: this.people, articles: this.articles, put };
    this.setCatalog(entities);
  }

  /**
   * Called after an article is added (with it, and the headline's search words when its analysis
   * brought them) or removed (with the article removed); a replaced article is removed, then the
   * new one added.
   */
  onArticle(listener: ArticleListener): void {
    this.listeners.push(listener);
  }

  /** Bumped on every change. */
  get version(): number {
    return this.generation;
  }

  /** Bumped only when the set of entities changes (search structures depend on it). */
  get entityVersion(): number {
    return this.entities.version;
  }

  /**
   * Replaces the catalog, and the names discovery is not to offer (`ignored`). Articles are
   * dropped: the caller indexes their texts again.
   */
  setCatalog(entities: readonly Entity[], ignored: readonly string[] = []): void {
    // Removed one by one, so that listeners hear of it; the article numbers go on from where they were.
    for (const uri of [...this.articles.keys()]) this.remove(uri);
    this.entities.clear();
    this.statistics.present = 0;
    this.people.reset(entities, ignored);
    this.generation++;
  }

  upsert(uri: string, text: string): Article {
    // An analysis that linked someone no article introduces once it is committed (an edit took
    // out their only introduction) is made again, by the recogniser that has forgotten them.
    for (let tries = 1; ; tries++) {
      const a = this.commit(uri, analyzeArticle(text, this.people.recognizer), this.people.learntCount)!;
      if (tries === 3 || !this.people.staleUris.has(uri)) return a;
    }
  }

  /**
   * Adds (or replaces) an article from its analysis, which must have been made against the
   * current catalog (`catalogEntities`); returns undefined when it was not. `learntKnown`: how
   * many of the people learnt (`learntSince(0)`) the recogniser that made it knew, at least.
   */
  commit(uri: string, analysis: ArticleAnalysis, learntKnown = 0): Article | undefined {
    let a = new Article(uri, analysis.headline, analysis.date, analysis.source, analysis.data, analysis.dataBase ?? 0);
    if (!numbersBelow(a, this.people.localLimit(analysis))) return undefined;
    // Taken out first: whom the others introduce decides which learnt names may link here.
    this.detach(uri);
    this.people.staleUris.delete(uri);
    const local = this.people.numbering(a, analysis);
    if (local.dropped || local.ignored) a = withoutEntities(a, [...(local.dropped ?? []), ...(local.ignored ?? [])]);
    if (local.dropped) this.people.staleUris.add(uri);
    renumber(a, local.numbers, analysis.formTexts.map((t) => this.entities.formNumber(t)));
    a.learntKnown = learntKnown;
    this.attach(a, analysis.headlineWords, false, local.said);
    this.people.settle();
    return a;
  }

  remove(uri: string): void {
    this.detach(uri);
    this.people.staleUris.delete(uri);
    this.people.settle();
  }

  /** `datesLater`: see `EntityStatistics.add`. `said`: what the article says of the entities it introduces. */
  private attach(a: Article, headlineWords?: HeadlineWords, datesLater = false, said?: ReadonlyMap<number, Introduction>): void {
    this.articles.set(a.uri, a);
    this.table.add(a);
    this.people.introducedBy(a, said);
    this.statistics.add(a, datesLater);
    this.generation++;
    for (const l of this.listeners) l(a, headlineWords, undefined);
  }

  /** Takes the article out, leaving the entities it introduced to `settle`. */
  private detach(uri: string): void {
    const old = this.articles.get(uri);
    if (!old) return;
    this.articles.delete(uri);
    old.removed = true;
    this.table.free(old);
    this.people.withdrawn(old);
    this.statistics.remove(old);
    this.generation++;
    for (const l of this.listeners) l(undefined, undefined, old);
  }

  /** Articles to analyse again (with `recognizer`), listed once: see `LearntPeople.staleArticles`. */
  staleArticles(pause: () => Promise<void> = noPause): Promise<string[]> {
    return this.people.staleArticles(this.articles.values(), pause);
  }

  /** Whether `staleArticles` has something to look at: a relinking pass is due. */
  get staleWaiting(): boolean {
    return this.people.staleWaiting;
  }

  /** People discovered since the catalog was set, from the `n`th on: see `LearntPeople.learntSince`. */
  learntSince(n: number): readonly Entity[] {
    return this.people.learntSince(n);
  }

  get learntCount(): number {
    return this.people.learntCount;
  }

  /** Articles that may name these people without linking them yet: see `LearntPeople.relinkCandidates`. */
  relinkCandidates(people: readonly Entity[], pause: () => Promise<void> = noPause): Promise<string[]> {
    return this.people.relinkCandidates(this.articles.values(), people, pause);
  }

  /** The recogniser of the current catalog and the people learnt, for analyses made outside `upsert`. */
  get recognizer(): Recognizer {
    return this.people.recognizer;
  }

  /** The catalog articles are recognised against, in the order `analyzeArticle` numbers it. */
  get catalogEntities(): readonly Entity[] {
    return this.people.catalogEntities;
  }

  article(uri: string): Article | undefined {
    return this.articles.get(uri);
  }

  /** The live article of that number (`Article.slot`), if any. */
  articleAt(slot: number): Article | undefined {
    return this.table.at(slot);
  }

  allArticles(): IterableIterator<Article> {
    return this.articles.values();
  }

  get articleCount(): number {
    return this.articles.size;
  }

  entity(id: string): Entity | undefined {
    return this.entities.statsOf(id)?.entity;
  }

  /** The article that introduces a discovered entity, as its description says (the earliest by date, then URI). */
  introducer(id: string): Article | undefined {
    const a = this.entities.statsOf(id)?.describedBy;
    return a && !a.removed ? a : undefined;
  }

  /**
   * The index's number of an entity (as articles hold it: see `Article.forEachEntity`), for
   * corpus-wide counts kept in typed arrays; numbers stay below `entityNumbers`.
   */
  entityNumber(id: string): number | undefined {
    return this.entities.numberOf(id);
  }

  /** The entity of an index number (see `entityNumber`). */
  entityByNumber(n: number): Entity | undefined {
    return this.entities.stats[n]?.entity;
  }

  /** How many entity numbers there are (every number is below it). */
  get entityNumbers(): number {
    return this.entities.stats.length;
  }

  /** The id of an entity number that `Article.forEachMention` gives. */
  entityIdOf(entity: number): string | undefined {
    return this.entities.ids[entity];
  }

  /** The articles naming the entity (outside boilerplate), in no particular order: no sorting, for counts over all of them. */
  unorderedArticlesOf(id: string): Article[] {
    return this.entities.statsOf(id)?.articles.toArray() ?? [];
  }

  /** The articles naming the entity (outside boilerplate), in no order (cheaper than `articlesOf` for a caller that orders them itself). */
  articlesNaming(id: string): Article[] {
    return this.unorderedArticlesOf(id);
  }

  /** Catalog entities, and discovered ones that some article still names. */
  allEntities(): Entity[] {
    const out = [...this.people.catalogEntities];
    for (const s of this.entities.stats) if (s?.entity.discovered && s.articles.size > 0) out.push(s.entity);
    return out;
  }

  /** The mentions of an article, decoded. */
  mentions(a: Article): Mention[] {
    return a.mapMentions(this.entities.mention);
  }

  mentionAt(uri: string, offset: number): Mention | undefined {
    return this.articles.get(uri)?.mentionAt(offset, this.entities.mention);
  }

  /** Entity id → mentions outside boilerplate, for one article. */
  counts(a: Article): Map<string, number> {
    const out = new Map<string, number>();
    a.forEachEntity((e, n) => out.set(this.entities.ids[e], n));
    return out;
  }

  countIn(a: Article, id: string): number {
    const e = this.entities.numberOf(id);
    return e === undefined ? 0 : a.mentionsOf(e);
  }

  /** Every mention of the entity in the corpus outside boilerplate (inside it too when asked). */
  mentionsOf(id: string, opts: MentionOptions = {}): MentionRef[] {
    return this.mentionPage(id, opts, Infinity).mentions;
  }

  /** At most `limit` of the entity's mentions, the article `first`'s first, and how many there are: see `mentionPage`. */
  mentionPage(id: string, opts: MentionOptions, limit: number, first?: string): { mentions: MentionRef[]; total: number } {
    return mentionPage(this.entities, this.articles, id, opts, limit, first);
  }

  /**
   * Calls `visit` with the offsets of each of the entity's mentions in one article, in text order:
   * those outside boilerplate (the ones its counts hold), demonyms included unless told otherwise.
   */
  eachMentionSpan(a: Article, id: string, visit: (start: number, end: number) => void, opts: MentionOptions = {}): void {
    const e = this.entities.numberOf(id);
    if (e !== undefined) a.forEachMentionOf(e, !!opts.includeBoilerplate, opts.includeDemonyms === false ? DEMONYM_KIND : -1, visit);
  }

  /** Articles naming the entity (outside boilerplate), newest first, undated last; at most `limit`. */
  articlesOf(id: string, limit = Infinity): Article[] {
    const s = this.entities.statsOf(id);
    return s ? this.statistics.articlesOf(s, limit) : [];
  }

  summary(id: string): EntitySummary | undefined {
    const s = this.entities.statsOf(id);
    return s && this.statistics.summary(s);
  }

  /** How many entities the corpus names (outside boilerplate). */
  get presentEntityCount(): number {
    return this.statistics.present;
  }

  /** Entities the corpus names (outside boilerplate), optionally of one type. */
  summaries(type?: EntityType): EntitySummary[] {
    return this.statistics.summaries(type);
  }

  /** Written forms of the entity seen in the corpus, most frequent first. */
  forms(id: string): [string, number][] {
    const e = this.entities.numberOf(id);
    const s = e === undefined ? undefined : this.entities.stats[e];
    return s ? this.statistics.forms(s, e!) : [];
  }

  /** Entities named in the same articles as `id`, by number of shared articles; kept until the index changes. */
  cooccurring(id: string, limit = 5): { entity: Entity; articles: number }[] {
    const e = this.entities.numberOf(id);
    const s = e === undefined ? undefined : this.entities.stats[e];
    return s ? this.statistics.cooccurring(s, e!, limit, this.generation) : [];
  }

  /** The earliest dated article naming the entity (an undated one when none is dated). */
  earliestArticle(id: string): Article | undefined {
    const s = this.entities.statsOf(id);
    return s && this.statistics.earliestArticle(s);
  }

  /** The earliest article (dated first) giving the entity's full name outside boilerplate. */
  earliestFullArticle(id: string): Article | undefined {
    const e = this.entities.numberOf(id);
    const s = e === undefined ? undefined : this.entities.stats[e];
    return s && this.statistics.earliestFullArticle(s, e!);
  }

  /** What a persisted cache writes: see `indexSource`. */
  source(pause: () => Promise<void> = noPause): Promise<IndexSource> {
    return indexSource(this.persisted, pause);
  }

  /** A structured-clone-able copy of the index. */
  async snapshot(headlineWords: (a: Article) => readonly string[], pause: () => Promise<void> = noPause): Promise<IndexSnapshot> {
    const { entityIds, discovered, formTexts, articles } = await this.source(pause);
    return { entityIds, discovered, formTexts, articles: articles.map((a) => recordOf(a, headlineWords(a))) };
  }

  /** Takes the hover figures saved with a persisted index into the index restored from it: see `adoptCounts`. */
  adoptCounts(saved: readonly SavedCounts[], entityIds: readonly string[], formTexts: readonly string[], left: readonly Article[] = []): number | undefined {
    return adoptCounts(this.persisted, saved, entityIds, formTexts, left);
  }

  /** Restores articles from a snapshot taken under the same catalog; returns how many: see `restoreSnapshot`. */
  restore(snap: IndexSnapshot, keep: (uri: string, i: number) => boolean = () => true, owned = false, restored?: (a: Article, i: number) => void, left?: (a: Article) => void): number {
    return restoreSnapshot(this.persisted, snap, keep, owned, restored, left);
  }
}
