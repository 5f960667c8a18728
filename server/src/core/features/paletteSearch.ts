/** The palette search: entities, headlines, and the passages of their articles that hold the query. */
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { findPassages, type SearchEngine } from '../search/search';
import { entityItem } from './entityViews';
import { entityLocation } from './navigation';
import { headlineLocation, rangeOf } from './ranges';
import { derived, type SearchResult } from './viewTypes';

/**
 * Passages are looked for in the articles of the best entity and headline hits (at most
 * `maxArticles`), whose texts `readText` supplies.
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
    const s = index.figures.summary(h.entity.id);
    if (!s || s.mentions === 0) continue;
    result.entities.push({ ...entityItem(s), location: entityLocation(index, h.entity) });
    for (const a of index.figures.articlesOf(h.entity.id, 50)) if (candidates.size < maxArticles) candidates.add(a);
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
