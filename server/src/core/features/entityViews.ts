/** The entity views (People, Organisations, Places, Topics): entities, then their articles, then their mentions in one. */
import type { CorpusIndex, EntitySummary } from '../index/corpusIndex';
import { roleLine } from './hover';
import { keywordInContext, locationOf } from './ranges';
import type { SearchEngine } from '../search/search';
import { isMostlyArabic } from '../text/script';
import { derived, type EntityArticle, type EntityItem, type EntityKind, type EntitySort, type MentionLine } from './viewTypes';

/** An entity as the views and the palette list it. */
export function entityItem(s: EntitySummary): EntityItem {
  const e = s.entity;
  return { id: e.id, type: e.type, ar: e.ar, en: e.en, role: roleLine(e), discovered: !!e.discovered, mentions: s.mentions, articles: s.articles, latest: s.latest };
}

export function entityItems(index: CorpusIndex, search: SearchEngine, type: EntityKind, sort: EntitySort, filter?: string): EntityItem[] {
  let list = index.figures.summaries(type);
  if (filter && filter.trim()) {
    const rank = new Map(search.entities(filter, 200).map((h, i) => [h.entity.id, i]));
    list = list.filter((s) => rank.has(s.entity.id)).sort((a, b) => rank.get(a.entity.id)! - rank.get(b.entity.id)!);
    return list.map(entityItem);
  }
  const byName = (a: EntitySummary, b: EntitySummary) => a.entity.ar.localeCompare(b.entity.ar, 'ar');
  const cmp: Record<EntitySort, (a: EntitySummary, b: EntitySummary) => number> = {
    mentions: (a, b) => b.mentions - a.mentions || byName(a, b),
    name: byName,
    latest: (a, b) => (b.latest ?? '').localeCompare(a.latest ?? '') || b.mentions - a.mentions,
  };
  // Discovered people come after the catalog's, whatever the order.
  return list.sort((a, b) => Number(!!a.entity.discovered) - Number(!!b.entity.discovered) || cmp[sort](a, b)).map(entityItem);
}

export function entityArticles(index: CorpusIndex, id: string, limit = 500): EntityArticle[] {
  return index.figures.articlesOf(id, limit).map((a) => ({ uri: a.uri, headline: a.headline.text, date: a.date, count: index.articleMentions.countOf(a, id), ...derived(a) }));
}

/**
 * The entity's mentions in one article as keyword-in-context lines; `text` is the article's. A
 * tree row is laid out left to right and what overflows is cut at its right edge, where an Arabic
 * line begins and a Latin one ends: an Arabic mention gets two words after it (five before), a
 * Latin one two before it (five after), so that a narrow sidebar still shows the mention.
 */
export function articleMentions(index: CorpusIndex, id: string, uri: string, text: string): MentionLine[] {
  const a = index.article(uri);
  if (!a) return [];
  return index
    .articleMentions.of(a)
    .filter((m) => m.entity === id && !m.boilerplate)
    .map((m) => {
      const arabic = isMostlyArabic(text.slice(m.start, m.end));
      return { location: locationOf(a, m.start, m.end), ...keywordInContext(text, m.start, m.end, arabic ? 5 : 2, arabic ? 2 : 5) };
    });
}
