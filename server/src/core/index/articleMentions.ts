/**
 * An article's mentions and counts as features read them: decoded with the index's numbering of
 * entities and forms (an article holds numbers only).
 */
import type { Mention } from '../entities/recognizer';
import { DEMONYM_KIND, type Article } from './article';
import type { EntityTable } from './entityTable';
import type { MentionOptions } from './mentionPage';

export class ArticleMentions {
  constructor(
    private readonly entities: EntityTable,
    private readonly articles: ReadonlyMap<string, Article>,
  ) {}

  /** The mentions of an article, decoded. */
  of(a: Article): Mention[] {
    return a.mapMentions(this.entities.mention);
  }

  /** The mention of the indexed article `uri` that covers `offset` (its end included). */
  at(uri: string, offset: number): Mention | undefined {
    return this.articles.get(uri)?.mentionAt(offset, this.entities.mention);
  }

  /** Entity id → mentions outside boilerplate, for one article. */
  counts(a: Article): Map<string, number> {
    const out = new Map<string, number>();
    a.forEachEntity((e, n) => out.set(this.entities.ids[e], n));
    return out;
  }

  /** The entity's mentions outside boilerplate in one article. */
  countOf(a: Article, id: string): number {
    const e = this.entities.numberOf(id);
    return e === undefined ? 0 : a.mentionsOf(e);
  }

  /**
   * Calls `visit` with the offsets of each of the entity's mentions in one article, in text order:
   * those outside boilerplate (the ones its counts hold), demonyms included unless told otherwise.
   */
  spans(a: Article, id: string, visit: (start: number, end: number) => void, opts: MentionOptions = {}): void {
    const e = this.entities.numberOf(id);
    if (e !== undefined) a.forEachMentionOf(e, !!opts.includeBoilerplate, opts.includeDemonyms === false ? DEMONYM_KIND : -1, visit);
  }
}
