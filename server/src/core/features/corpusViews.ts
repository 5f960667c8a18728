/** Data for the sidebar tree, the palette search and workspace symbols. */
import { SymbolKind, type Location, type SymbolInformation } from 'vscode-languageserver-types';
import type { EntityArticle, EntityItem, EntityKind, EntitySort, SearchResult } from '../../protocol';
import type { Entity } from '../catalog/types';
import type { CorpusIndex, EntitySummary } from '../index/corpusIndex';
import { roleLine } from './hover';
import { keywordInContext, locationOf, rangeOf } from './ranges';
import type { SearchEngine } from './search';

const KIND_OF: Record<EntityKind, SymbolKind> = { person: SymbolKind.Class, organisation: SymbolKind.Module, place: SymbolKind.Namespace, topic: SymbolKind.Enum };

function item(s: EntitySummary): EntityItem {
  const e = s.entity;
  return { id: e.id, type: e.type, ar: e.ar, en: e.en, role: roleLine(e), discovered: !!e.discovered, mentions: s.mentions, articles: s.articles, latest: s.latest };
}

export function entityItems(index: CorpusIndex, search: SearchEngine, type: EntityKind, sort: EntitySort, filter?: string): EntityItem[] {
  let list = index.summaries(type);
  if (filter && filter.trim()) {
    const rank = new Map(search.entities(filter, 200).map((h, i) => [h.entity.id, i]));
    list = list.filter((s) => rank.has(s.entity.id)).sort((a, b) => rank.get(a.entity.id)! - rank.get(b.entity.id)!);
    return list.map(item);
  }
  const byName = (a: EntitySummary, b: EntitySummary) => a.entity.ar.localeCompare(b.entity.ar, 'ar');
  const cmp: Record<EntitySort, (a: EntitySummary, b: EntitySummary) => number> = {
    mentions: (a, b) => b.mentions - a.mentions || byName(a, b),
    name: byName,
    latest: (a, b) => (b.latest ?? '').localeCompare(a.latest ?? '') || b.mentions - a.mentions,
  };
  // Discovered people come after the catalog's, whatever the order.
  return list.sort((a, b) => Number(!!a.entity.discovered) - Number(!!b.entity.discovered) || cmp[sort](a, b)).map(item);
}

export function entityArticles(index: CorpusIndex, id: string): EntityArticle[] {
  return index.articlesOf(id).map((a) => ({
    uri: a.uri,
    headline: a.structure.headline.text,
    date: a.structure.date?.iso,
    mentions: a.mentions
      .filter((m) => m.entity === id && !m.boilerplate)
      .map((m) => ({ location: locationOf(a, m.start, m.end), ...keywordInContext(a.text, m.start, m.end) })),
  }));
}

export function entityMentions(index: CorpusIndex, id: string, includeDemonyms: boolean): Location[] {
  return index.mentionsOf(id, { includeDemonyms }).map((m) => locationOf(index.article(m.uri)!, m.start, m.end));
}

/** Where an entity is best shown: its first full-name mention in the earliest article. */
function entityLocation(index: CorpusIndex, e: Entity): Location | undefined {
  const arts = index.articlesOf(e.id).reverse();
  for (const a of arts) {
    const m = a.mentions.find((x) => x.entity === e.id && !x.boilerplate);
    if (m) return locationOf(a, m.start, m.end);
  }
  return e.source ? { uri: e.source.uri, range: e.source.range } : undefined;
}

export function workspaceSymbols(index: CorpusIndex, search: SearchEngine, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const h of search.entities(query, 50)) {
    const loc = entityLocation(index, h.entity);
    if (loc) out.push({ name: h.entity.en ? `${h.entity.ar} (${h.entity.en})` : h.entity.ar, kind: KIND_OF[h.entity.type], location: loc, containerName: h.entity.type });
  }
  for (const h of search.headlineHits(query, 50)) {
    const a = h.article;
    out.push({ name: a.structure.headline.text, kind: SymbolKind.File, location: locationOf(a, a.structure.headline.start, a.structure.headline.end), containerName: a.structure.date?.iso ?? 'article' });
  }
  return out;
}

export function searchAll(index: CorpusIndex, search: SearchEngine, query: string, token?: { isCancellationRequested: boolean }): SearchResult {
  const result: SearchResult = { entities: [], headlines: [], passages: [] };
  if (!query.trim()) return result;
  for (const h of search.entities(query, 20)) {
    const s = index.summary(h.entity.id);
    if (!s || s.mentions === 0) continue;
    result.entities.push({ ...item(s), location: entityLocation(index, h.entity) });
  }
  if (token?.isCancellationRequested) return result;
  for (const h of search.headlineHits(query, 20)) {
    const a = h.article;
    result.headlines.push({ uri: a.uri, headline: a.structure.headline.text, date: a.structure.date?.iso, range: rangeOf(a, a.structure.headline.start, a.structure.headline.end) });
  }
  if (token?.isCancellationRequested) return result;
  for (const p of search.passages(query, 50)) {
    result.passages.push({
      uri: p.article.uri,
      headline: p.article.structure.headline.text,
      range: rangeOf(p.article, p.start, p.end),
      text: p.article.text.slice(p.start, p.end),
      matches: p.matches.map((m) => [m.start - p.start, m.end - p.start] as [number, number]),
    });
  }
  return result;
}
