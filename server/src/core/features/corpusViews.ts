/** Data for the sidebar tree, the palette search and workspace symbols. */
import { SymbolKind, type Location, type SymbolInformation } from 'vscode-languageserver-types';
import { TYPE_LABEL } from './hover';
import type { ArticleGroup, EntityArticle, EntityItem, EntityKind, EntitySort, MaybeDerived, MentionLine, SearchResult } from './viewTypes';
import type { Entity } from '../catalog/types';
import type { Article, CorpusIndex, EntitySummary } from '../index/corpusIndex';
import { roleLine } from './hover';
import { firstMention } from './navigation';
import { keywordInContext, locationOf, rangeOf } from './ranges';
import { isMostlyArabic } from '../text/script';
import { findPassages, type SearchEngine } from './search';
import { DERIVED_HEADLINE_NOTE } from './viewTypes';


export function entityItem(s: EntitySummary): EntityItem {
  const e = s.entity;
  return { id: e.id, type: e.type, ar: e.ar, en: e.en, role: roleLine(e), discovered: !!e.discovered, mentions: s.mentions, articles: s.articles, latest: s.latest };
}

export function entityItems(index: CorpusIndex, search: SearchEngine, type: EntityKind, sort: EntitySort, filter?: string): EntityItem[] {
  let list = index.summaries(type);
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

/** `{ derived: true }` for an article whose headline is derived from its first sentence. */
const derived = (a: Article): MaybeDerived => (a.derivedHeadline ? { derived: true } : {});

export function entityArticles(index: CorpusIndex, id: string, limit = 500): EntityArticle[] {
  return index.articlesOf(id, limit).map((a) => ({ uri: a.uri, headline: a.headline.text, date: a.date, count: index.countIn(a, id), ...derived(a) }));
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
    .mentions(a)
    .filter((m) => m.entity === id && !m.boilerplate)
    .map((m) => {
      const arabic = isMostlyArabic(text.slice(m.start, m.end));
      return { location: locationOf(a, m.start, m.end), ...keywordInContext(text, m.start, m.end, arabic ? 5 : 2, arabic ? 2 : 5) };
    });
}

/** Where an entity is best shown: its first full-name mention in the earliest article. */
function entityLocation(index: CorpusIndex, e: Entity): Location | undefined {
  return firstMention(index, e.id) ?? (e.source ? { uri: e.source.uri, range: e.source.range } : undefined);
}

const headlineLocation = (a: Article) => locationOf(a, a.headline.start, a.headline.end);

export function workspaceSymbols(index: CorpusIndex, search: SearchEngine, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const h of search.entities(query, 50)) {
    const loc = entityLocation(index, h.entity);
    if (loc) out.push({ name: h.entity.en ? `${h.entity.ar} (${h.entity.en})` : h.entity.ar, kind: SymbolKind.Object, location: loc, containerName: TYPE_LABEL[h.entity.type] });
  }
  for (const h of search.headlineHits(query, 50)) {
    const a = h.article;
    out.push({ name: a.headline.text, kind: SymbolKind.File, location: headlineLocation(a), containerName: [a.date ?? 'article', a.derivedHeadline && DERIVED_HEADLINE_NOTE].filter(Boolean).join(' · ') });
  }
  return out;
}

/**
 * Palette search: entities, headlines, and passages. Passages are looked for in the articles of
 * the best entity and headline hits (at most `maxArticles`), whose texts `readText` supplies.
 */
export async function searchAll(
  index: CorpusIndex,
  search: SearchEngine,
  query: string,
  readText: (uri: string) => Promise<string | undefined>,
  token?: { isCancellationRequested: boolean },
  maxArticles = 150,
): Promise<SearchResult> {
  const result: SearchResult = { entities: [], headlines: [], passages: [] };
  if (!query.trim()) return result;
  const candidates = new Set<Article>();
  for (const h of search.entities(query, 20)) {
    const s = index.summary(h.entity.id);
    if (!s || s.mentions === 0) continue;
    result.entities.push({ ...entityItem(s), location: entityLocation(index, h.entity) });
    for (const a of index.articlesOf(h.entity.id, 50)) if (candidates.size < maxArticles) candidates.add(a);
  }
  for (const h of search.headlineHits(query, 20)) {
    const a = h.article;
    result.headlines.push({ uri: a.uri, headline: a.headline.text, date: a.date, range: headlineLocation(a).range, ...derived(a) });
    candidates.add(a);
  }
  for (const a of candidates) {
    if (token?.isCancellationRequested || result.passages.length >= 50) break;
    const text = await readText(a.uri);
    if (text === undefined) continue;
    for (const p of findPassages(text, query)) {
      result.passages.push({
        uri: a.uri,
        headline: a.headline.text,
        range: rangeOf(a, p.start, p.end),
        text: text.slice(p.start, p.end),
        matches: p.matches.map((m) => [m.start - p.start, m.end - p.start] as [number, number]),
      });
      if (result.passages.length >= 50) break;
    }
  }
  return result;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The Articles view: years (newest first, undated last), the months of a year, the articles of a month. */
export function articleGroups(index: CorpusIndex, year?: string, month?: string): ArticleGroup[] {
  const yearOf = (a: Article) => a.date?.slice(0, 4) ?? 'undated';
  if (!year) {
    const counts = new Map<string, number>();
    for (const a of index.allArticles()) counts.set(yearOf(a), (counts.get(yearOf(a)) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => (a[0] === 'undated' ? 1 : b[0] === 'undated' ? -1 : b[0].localeCompare(a[0])))
      .map(([key, count]) => ({ kind: 'year', key, label: key === 'undated' ? 'Undated' : key, count }));
  }
  const inYear = [...index.allArticles()].filter((a) => yearOf(a) === year);
  if (year === 'undated' || month) {
    return inYear
      .filter((a) => year === 'undated' || a.date!.slice(0, 7) === month)
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.uri.localeCompare(b.uri))
      .map((a) => ({ kind: 'article', key: a.uri, label: a.headline.text || a.uri, count: a.entityCount, date: a.date, ...derived(a) }));
  }
  const months = new Map<string, number>();
  for (const a of inYear) months.set(a.date!.slice(0, 7), (months.get(a.date!.slice(0, 7)) ?? 0) + 1);
  return [...months]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([key, count]) => ({ kind: 'month', key, label: `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`, count }));
}
