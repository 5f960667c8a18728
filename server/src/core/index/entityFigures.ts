/**
 * The index's entities as features read them: lookups by id and by number, and each entity's
 * figures (`entityStats.ts` keeps them), its articles and its mentions across the corpus.
 */
import type { Entity, EntityType } from '../catalog/types';
import type { Article } from './article';
import type { EntityStatistics, EntitySummary } from './entityStats';
import type { EntityTable } from './entityTable';
import { mentionPage, type MentionOptions, type MentionRef } from './mentionPage';

export class EntityFigures {
  /**
   * `catalog`: the entities of the current catalog, in order. `version`: the index's version,
   * which the co-occurrences counted when asked are kept until.
   */
  constructor(
    private readonly entities: EntityTable,
    private readonly statistics: EntityStatistics,
    private readonly articles: ReadonlyMap<string, Article>,
    private readonly catalog: () => readonly Entity[],
    private readonly version: () => number,
  ) {}

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

  /** Catalog entities, and discovered ones that some article still names. */
  allEntities(): Entity[] {
    const out = [...this.catalog()];
    for (const s of this.entities.stats) if (s?.entity.discovered && s.articles.size > 0) out.push(s.entity);
    return out;
  }

  /** The articles naming the entity (outside boilerplate), in no particular order: cheaper than `articlesOf` for counts over all of them or a caller that orders them itself. */
  unorderedArticlesOf(id: string): Article[] {
    return this.entities.statsOf(id)?.articles.toArray() ?? [];
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

  /** Entities the corpus names (outside boilerplate), optionally of one type. */
  summaries(type?: EntityType): EntitySummary[] {
    return this.statistics.summaries(type);
  }

  /** How many entities the corpus names (outside boilerplate). */
  get presentEntityCount(): number {
    return this.statistics.present;
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
    return s ? this.statistics.cooccurring(s, e!, limit, this.version()) : [];
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

  /** Every mention of the entity in the corpus outside boilerplate (inside it too when asked). */
  mentionsOf(id: string, opts: MentionOptions = {}): MentionRef[] {
    return this.mentionPage(id, opts, Infinity).mentions;
  }

  /** At most `limit` of the entity's mentions, the article `first`'s first, and how many there are: see `mentionPage`. */
  mentionPage(id: string, opts: MentionOptions, limit: number, first?: string): { mentions: MentionRef[]; total: number } {
    return mentionPage(this.entities, this.articles, id, opts, limit, first);
  }
}
