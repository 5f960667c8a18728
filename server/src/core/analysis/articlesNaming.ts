/**
 * The articles naming all of a few entities (in one paragraph, when asked) within a date range,
 * newest first, a page at a time: what a period of the timeline or an edge of the network stands
 * for.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Article } from '../index/article';
import { byDateDesc, type CorpusIndex } from '../index/corpusIndex';
import { rangeOf } from '../features/ranges';
import { dateFilter, eachArticle, type DateRange, type WorkControl } from './articlePass';

export interface ArticlesNamingParams extends DateRange {
  /** Articles naming every one of these entities (outside boilerplate); at most `MAX_IDS`. */
  readonly ids: readonly string[];
  /** Only articles with a paragraph (a line) naming all of them. */
  readonly sameParagraph?: boolean;
  /** Only the undated articles (the range is then ignored). */
  readonly undated?: boolean;
  readonly offset?: number;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

export interface NamingArticle {
  readonly uri: string;
  readonly headline: string;
  readonly date?: string;
  /** Mentions of each of the entities in it, in the order of `ids`. */
  readonly mentions: number[];
  /** The first mention of the first entity (in a paragraph naming all, when asked for one). */
  readonly range: Range;
}

export interface ArticlesNamingPage {
  readonly articles: NamingArticle[];
  /** How many articles there are in all. */
  readonly total: number;
  readonly offset: number;
}

export const MAX_IDS = 16;

/** The page; undefined when the work was cancelled. */
export async function articlesNaming(index: CorpusIndex, params: ArticlesNamingParams, control: WorkControl = {}): Promise<ArticlesNamingPage | undefined> {
  const offset = Math.max(0, Math.floor(params.offset ?? 0));
  const limit = Math.max(1, Math.min(1000, Math.floor(params.limit ?? 100)));
  const numbers = [...new Set(params.ids)].slice(0, MAX_IDS).map((id) => index.figures.entityNumber(id));
  if (numbers.length === 0 || numbers.some((e) => e === undefined)) return { articles: [], total: 0, offset };
  const entities = numbers as number[];
  const inRange = params.undated ? (date: string | undefined) => date === undefined : dateFilter(params);
  // The entity named in the fewest articles gives the candidates.
  const lists = entities.map((e) => index.figures.unorderedArticlesOf(index.figures.entityByNumber(e)!.id));
  const fewest = lists.reduce((a, b) => (b.length < a.length ? b : a));
  const found: Article[] = [];
  const done = await eachArticle(fewest, control, (a) => {
    if (!inRange(a.date) || !entities.every((e) => a.mentionsOf(e) > 0)) return;
    if (params.sameParagraph && sharedLines(a, entities).length === 0) return;
    found.push(a);
  });
  if (!done) return undefined;
  found.sort(byDateDesc);
  const articles = found.slice(offset, offset + limit).map((a): NamingArticle => {
    const lines = params.sameParagraph ? new Set(sharedLines(a, entities)) : undefined;
    const first = index.articleMentions.of(a).find((m) => m.entity === params.ids[0] && !m.boilerplate && (!lines || lines.has(a.lines.positionAt(m.start).line)));
    const at = first ?? { start: a.headline.start, end: a.headline.end };
    return { uri: a.uri, headline: a.headline.text, date: a.date, mentions: entities.map((e) => a.mentionsOf(e)), range: rangeOf(a, at.start, at.end) };
  });
  return { articles, total: found.length, offset };
}

/** The lines of the article that name every one of the entities (outside boilerplate). */
function sharedLines(a: Article, entities: readonly number[]): number[] {
  const all = (1 << entities.length) - 1;
  const out: number[] = [];
  let line = -1;
  let seen = 0;
  a.forEachMentionLine((e, l) => {
    if (l !== line) {
      line = l;
      seen = 0;
    }
    const i = entities.indexOf(e);
    if (i < 0 || seen === all) return;
    seen |= 1 << i;
    if (seen === all) out.push(l);
  });
  return out;
}
