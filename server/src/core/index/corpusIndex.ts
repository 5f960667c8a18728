/**
 * The live corpus index, compact enough for archives: article texts are not kept (the caller
 * re-reads them when a feature needs words), each article's mentions are packed in one typed
 * array (`article.ts`), entities and forms are numbered (`entityTable.ts`), and each entity's
 * figures are kept up to date on every change (`entityStats.ts`), so that a hover never scans
 * the corpus. Every update touches one article only. This class commits analyses and keeps its
 * collaborators in step; features read through them: `figures` (entities and their figures),
 * `articleMentions` (an article's mentions decoded), `discovery` (the people learnt, and the
 * articles to analyse again), `persistence` (the persisted form).
 */
import type { Entity } from '../catalog/types';
import { analyzeArticle, type ArticleAnalysis } from './analysis';
import { Article, numbersBelow, renumber, withoutEntities } from './article';
import { ArticleMentions } from './articleMentions';
import { ArticleTable } from './articleList';
import { EntityFigures } from './entityFigures';
import { EntityStatistics, SHARED_FROM, type Introduction } from './entityStats';
import { EntityTable } from './entityTable';
import { IndexPersistence, type HeadlineWords } from './indexPersistence';
import { LearntPeople } from './learntPeople';

export { Article };
export { byDateDesc } from './articleOrder';
export type { ArticleMentions } from './articleMentions';
export type { EntityFigures } from './entityFigures';
export type { EntitySummary } from './entityStats';
export type { MentionOptions, MentionRef } from './mentionPage';
export { HoverCounts, IndexPersistence, recordOf, type HeadlineWords, type IndexSnapshot, type IndexSource, type SavedCounts } from './indexPersistence';
export type { LearntPeople } from './learntPeople';

/** See `CorpusIndex.onArticle`. */
export type ArticleListener = (added: Article | undefined, headlineWords: HeadlineWords | undefined, removed: Article | undefined) => void;

export class CorpusIndex {
  private readonly articles = new Map<string, Article>();
  /** Numbers the articles for the entities' lists and the search structures. */
  private readonly table = new ArticleTable();
  private readonly entities = new EntityTable(this.table);
  private readonly statistics: EntityStatistics;
  private generation = 0;
  private readonly listeners: ArticleListener[] = [];
  /** The people discovered, learnt and forgotten, the recogniser that knows them, and the articles to analyse again. */
  readonly discovery = new LearntPeople(this.entities, () => this.articles.values());
  /** Entities by id and number, and their figures. */
  readonly figures: EntityFigures;
  /** An article's mentions and counts, decoded. */
  readonly articleMentions = new ArticleMentions(this.entities, this.articles);
  /** What a cache writes of the index, and the index taken back from one. */
  readonly persistence: IndexPersistence;

  /**
   * `sharedFrom`: from how many articles an entity, once asked for its co-occurrences, keeps
   * them counted as articles come and go (see `EntityStats.shared`); below it, they are counted
   * when asked.
   */
  constructor(entities: readonly Entity[] = [], sharedFrom = SHARED_FROM) {
    this.statistics = new EntityStatistics(this.entities, sharedFrom);
    this.figures = new EntityFigures(this.entities, this.statistics, this.articles, () => this.discovery.catalogEntities, () => this.generation);
    const put = (a: Article, words: HeadlineWords) => {
      this.detach(a.uri);
      this.discovery.relinking.staleUris.delete(a.uri);
      this.attach(a, words, true);
    };
    this.persistence = new IndexPersistence({ entities: this.entities, statistics: this.statistics, people: this.discovery, articles: this.articles, put });
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
    this.discovery.reset(entities, ignored);
    this.generation++;
  }

  upsert(uri: string, text: string): Article {
    // An analysis that linked someone no article introduces once it is committed (an edit took
    // out their only introduction) is made again, by the recogniser that has forgotten them.
    for (let tries = 1; ; tries++) {
      const a = this.commit(uri, analyzeArticle(text, this.discovery.recognizer), this.discovery.learntCount)!;
      if (tries === 3 || !this.discovery.relinking.staleUris.has(uri)) return a;
    }
  }

  /**
   * Adds (or replaces) an article from its analysis, which must have been made against the
   * current catalog (`discovery.catalogEntities`); returns undefined when it was not.
   * `learntKnown`: how many of the people learnt (`discovery.learntSince(0)`) the recogniser that
   * made it knew, at least.
   */
  commit(uri: string, analysis: ArticleAnalysis, learntKnown = 0): Article | undefined {
    const people = this.discovery;
    let a = new Article(uri, analysis.headline, analysis.date, analysis.source, analysis.data, analysis.dataBase ?? 0);
    if (!numbersBelow(a, people.localLimit(analysis))) return undefined;
    // Taken out first: whom the others introduce decides which learnt names may link here.
    this.detach(uri);
    people.relinking.staleUris.delete(uri);
    const local = people.numbering(a, analysis);
    if (local.dropped || local.ignored) a = withoutEntities(a, [...(local.dropped ?? []), ...(local.ignored ?? [])]);
    if (local.dropped) people.relinking.staleUris.add(uri);
    renumber(a, local.numbers, analysis.formTexts.map((t) => this.entities.formNumber(t)));
    a.learntKnown = learntKnown;
    this.attach(a, analysis.headlineWords, false, local.said);
    people.settle();
    return a;
  }

  remove(uri: string): void {
    this.detach(uri);
    this.discovery.relinking.staleUris.delete(uri);
    this.discovery.settle();
  }

  /** `datesLater`: see `EntityStatistics.add`. `said`: what the article says of the entities it introduces. */
  private attach(a: Article, headlineWords?: HeadlineWords, datesLater = false, said?: ReadonlyMap<number, Introduction>): void {
    this.articles.set(a.uri, a);
    this.table.add(a);
    this.discovery.introducedBy(a, said);
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
    this.discovery.withdrawn(old);
    this.statistics.remove(old);
    this.generation++;
    for (const l of this.listeners) l(undefined, undefined, old);
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

}
