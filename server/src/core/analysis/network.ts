/**
 * The co-occurrence network: the entities named in the most articles as nodes, linked by the
 * number of articles (or paragraphs) that name both. Filters: a date range, entity types, the
 * number of nodes and a minimum weight of edges.
 */
import type { EntityType } from '../catalog/types';
import type { Article } from '../index/article';
import type { CorpusIndex } from '../index/corpusIndex';
import { dateFilter, eachArticle, type DateRange, type WorkControl } from './articlePass';

/** What an edge counts: articles naming both entities, or paragraphs (lines of an article) naming both. */
export type CooccurrenceBasis = 'articles' | 'paragraphs';

export interface NetworkParams extends DateRange {
  /** Default `articles`. */
  readonly basis?: CooccurrenceBasis;
  /** Entity types taken as nodes; all when absent or empty. */
  readonly types?: readonly EntityType[];
  /** Nodes: the entities named in the most articles (default 100, at most `MAX_NODES`). */
  readonly top?: number;
  /** Edges lighter than this are left out (default 1). */
  readonly minWeight?: number;
}

export interface NetworkNode {
  readonly id: string;
  readonly type: EntityType;
  readonly ar: string;
  readonly en?: string;
  readonly discovered: boolean;
  /** Articles in the date range naming it, and its mentions in them (outside boilerplate). */
  readonly articles: number;
  readonly mentions: number;
}

export interface NetworkEdge {
  /** Node ids; `source` comes first in the node list. */
  readonly source: string;
  readonly target: string;
  /** Articles (or paragraphs, as `Network.basis` says) naming both. */
  readonly weight: number;
}

export interface Network {
  readonly basis: CooccurrenceBasis;
  /** Most articles first. */
  readonly nodes: NetworkNode[];
  /** Heaviest first. */
  readonly edges: NetworkEdge[];
  /** Entities of the types asked for named in the date range (the nodes are the top of them). */
  readonly candidates: number;
  /** Edges heavy enough but left out beyond `MAX_EDGES` (the lightest). */
  readonly edgesOmitted: number;
  /** Articles in the date range. */
  readonly articles: number;
}

export const MAX_NODES = 500;
/** More edges than a drawing can show legibly, or a client draw quickly. */
export const MAX_EDGES = 10_000;
export const DEFAULT_TOP = 100;

/** Articles naming each entity (by index number) in the articles given, and its mentions in them; undefined when cancelled. */
async function countsInRange(index: CorpusIndex, params: NetworkParams, ranged: Article[], control: WorkControl): Promise<{ articles: Uint32Array; mentions: Uint32Array } | undefined> {
  const size = index.figures.entityNumbers;
  const articles = new Uint32Array(size);
  const mentions = new Uint32Array(size);
  // Without a range, the index keeps them; with one, a first pass counts them.
  if (params.from || params.to) {
    const done = await eachArticle(ranged, control, (a) =>
      a.forEachEntity((e, n) => {
        // An entity numbered after the pass began (a person discovered meanwhile) is not counted.
        if (e >= size) return;
        articles[e]++;
        mentions[e] += n;
      }),
    );
    if (!done) return undefined;
  } else {
    for (const s of index.figures.summaries()) {
      const e = index.figures.entityNumber(s.entity.id)!;
      articles[e] = s.articles;
      mentions[e] = s.mentions;
    }
  }
  return { articles, mentions };
}

/** The entities of the types asked for named in the range, most articles first (then mentions, then id). */
function candidatesOf(index: CorpusIndex, params: NetworkParams, articles: Uint32Array, mentions: Uint32Array): number[] {
  const types = params.types && params.types.length > 0 ? new Set(params.types) : undefined;
  const candidates: number[] = [];
  for (let e = 0; e < articles.length; e++) {
    const entity = articles[e] > 0 ? index.figures.entityByNumber(e) : undefined;
    if (entity && (!types || types.has(entity.type))) candidates.push(e);
  }
  const idOf = (e: number) => index.figures.entityByNumber(e)!.id;
  return candidates.sort((a, b) => articles[b] - articles[a] || mentions[b] - mentions[a] || (idOf(a) < idOf(b) ? -1 : 1));
}

/**
 * Pairs of the chosen entities named in one article (or one line of it) in an n × n matrix, each
 * pair counted in the row of whichever came first; undefined when cancelled.
 */
async function pairWeights(chosen: readonly number[], size: number, basis: CooccurrenceBasis, ranged: Article[], control: WorkControl): Promise<Uint32Array | undefined> {
  // Entity number → place among the nodes, plus one (0: not a node).
  const place = new Uint32Array(size);
  chosen.forEach((e, i) => (place[e] = i + 1));
  const n = chosen.length;
  const weights = new Uint32Array(n * n);
  const together: number[] = [];
  // Which node was last added to `together`, by the unit it was seen in (article or line), to count each once.
  const seenIn = new Int32Array(n).fill(-1);
  let unit = 0;
  const countPairs = () => {
    // Without a comparison: the two halves of the matrix are added up afterwards.
    for (let i = 0; i < together.length; i++) {
      const row = together[i] * n;
      for (let j = i + 1; j < together.length; j++) weights[row + together[j]]++;
    }
    together.length = 0;
    unit++;
  };
  const see = (e: number) => {
    const p = e < size ? place[e] - 1 : -1;
    if (p < 0 || seenIn[p] === unit) return;
    seenIn[p] = unit;
    together.push(p);
  };
  const done = await eachArticle(ranged, control, (a) => {
    if (basis === 'articles') a.forEachEntity(see);
    else {
      let line = -1;
      a.forEachMentionLine((e, l) => {
        if (l !== line) {
          countPairs();
          line = l;
        }
        see(e);
      });
    }
    countPairs();
  });
  return done ? weights : undefined;
}

/** The edges at least `minWeight` heavy, heaviest first, at most `MAX_EDGES`, and how many were left out. */
function edgesOf(nodes: readonly NetworkNode[], weights: Uint32Array, minWeight: number): { edges: NetworkEdge[]; omitted: number } {
  const n = nodes.length;
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) weights[p * n + q] += weights[q * n + p];
  // Ties in node order (p, then q), so that the list does not depend on the order of counting.
  // Sorted as numbers: n ≤ 500 fits p · n + q in 18 bits.
  const pairs: number[] = [];
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) if (weights[p * n + q] >= minWeight) pairs.push(p * n + q);
  pairs.sort((x, y) => weights[y] - weights[x] || x - y);
  const kept = pairs.length > MAX_EDGES ? pairs.slice(0, MAX_EDGES) : pairs;
  return { edges: kept.map((k): NetworkEdge => ({ source: nodes[Math.floor(k / n)].id, target: nodes[k % n].id, weight: weights[k] })), omitted: pairs.length - kept.length };
}

/** The network of the corpus under these filters; undefined when the work was cancelled. One pass over the articles in the range (two with a date range). */
export async function cooccurrenceNetwork(index: CorpusIndex, params: NetworkParams, control: WorkControl = {}): Promise<Network | undefined> {
  const basis = params.basis ?? 'articles';
  const top = Math.max(1, Math.min(MAX_NODES, Math.floor(params.top ?? DEFAULT_TOP)));
  const inRange = dateFilter(params);
  const ranged = params.from || params.to ? [...index.allArticles()].filter((a) => inRange(a.date)) : [...index.allArticles()];
  const size = index.figures.entityNumbers;
  const counts = await countsInRange(index, params, ranged, control);
  if (!counts) return undefined;
  const candidates = candidatesOf(index, params, counts.articles, counts.mentions);
  const chosen = candidates.slice(0, top);
  const weights = await pairWeights(chosen, size, basis, ranged, control);
  if (!weights) return undefined;
  const nodes = chosen.map((e): NetworkNode => {
    const entity = index.figures.entityByNumber(e)!;
    return { id: entity.id, type: entity.type, ar: entity.ar, en: entity.en, discovered: !!entity.discovered, articles: counts.articles[e], mentions: counts.mentions[e] };
  });
  const { edges, omitted } = edgesOf(nodes, weights, Math.max(1, params.minWeight ?? 1));
  return { basis, nodes, edges, candidates: candidates.length, edgesOmitted: omitted, articles: ranged.length };
}
