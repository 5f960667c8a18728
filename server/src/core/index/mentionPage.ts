/** An entity's mentions across the corpus, a page at a time: only those kept become objects. */
import type { Mention } from '../entities/recognizer';
import { DEMONYM_KIND, type Article } from './article';
import { newestFirst } from './articleOrder';
import type { EntityTable } from './entityTable';

export interface MentionRef extends Mention {
  readonly uri: string;
}

export interface MentionOptions {
  readonly includeBoilerplate?: boolean;
  readonly includeDemonyms?: boolean;
}

/**
 * At most `limit` of the entity's mentions outside boilerplate (inside it too when asked), and
 * how many there are in all. When there are more, the mentions kept are those of the article
 * `first` (if it names the entity), then of the newest articles; the rest are only counted.
 */
export function mentionPage(entities: EntityTable, articles: ReadonlyMap<string, Article>, id: string, opts: MentionOptions, limit: number, first?: string): { mentions: MentionRef[]; total: number } {
  const e = entities.numberOf(id);
  if (e === undefined) return { mentions: [], total: 0 };
  const st = entities.stats[e];
  const entityId = entities.ids[e];
  const out: MentionRef[] = [];
  let arts = opts.includeBoilerplate ? [...articles.values()] : (st?.articles.toArray() ?? []);
  // The entity's count of mentions outside boilerplate is kept: it is the total asked for when
  // demonyms count too, and it bounds it otherwise (below the limit, any order will do).
  const known = !opts.includeBoilerplate && opts.includeDemonyms !== false && st !== undefined;
  let lead: Article | undefined;
  if (limit < Infinity && (opts.includeBoilerplate || (st?.mentions ?? 0) > limit)) {
    arts = newestFirst(arts);
    lead = first === undefined ? undefined : articles.get(first);
  }
  let total = 0;
  let uri = '';
  const take = (start: number, end: number, kind: number, boilerplate: boolean) => {
    if (total++ >= limit) return;
    out.push({ entity: entityId, kind: entities.kindName(e, kind), boilerplate, start, end, uri });
  };
  const withBoilerplate = !!opts.includeBoilerplate;
  const leaveKind = opts.includeDemonyms === false ? DEMONYM_KIND : -1;
  // The lead article (when it names the entity, it is among `arts`) first, then the others.
  for (let i = lead ? -1 : 0; i < arts.length; i++) {
    const a = i < 0 ? lead! : arts[i];
    if (i >= 0 && a === lead) continue;
    if (known && total >= limit) break;
    uri = a.uri;
    a.forEachMentionOf(e, withBoilerplate, leaveKind, take);
  }
  return { mentions: out, total: known ? st.mentions : total };
}
