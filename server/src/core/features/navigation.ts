/** Go-to-mentions: definition, references and document highlights of the entity under the cursor. */
import type { DocumentHighlight, Location } from 'vscode-languageserver-types';
import type { Mention } from '../entities/recognizer';
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { locationOf, rangeOf } from './ranges';

/** The mention at `offset`, or the one that starts inside the same word (after a proclitic). */
export function mentionNear(index: CorpusIndex, uri: string, offset: number, text: string): Mention | undefined {
  const direct = index.mentionAt(uri, offset);
  if (direct) return direct;
  let o = offset;
  for (let step = 0; step < 3 && o < text.length && /[\p{L}\p{M}]/u.test(text[o]); step++) {
    o++;
    const m = index.mentionAt(uri, o);
    if (m && m.start === o) return m;
  }
  return undefined;
}

export function definition(index: CorpusIndex, uri: string, offset: number, text: string): Location | undefined {
  const m = mentionNear(index, uri, offset, text);
  if (!m) return undefined;
  const e = index.entity(m.entity);
  if (e?.source) return { uri: e.source.uri, range: e.source.range };
  // Oldest dated article first; undated ones after.
  return firstMention(index, m.entity);
}

/**
 * The first full-name mention in the earliest dated article (undated ones after). When that
 * article has only short forms, the earliest articles are searched further (at most 50), then
 * any first mention serves.
 */
export function firstMention(index: CorpusIndex, id: string): Location | undefined {
  // Workspace symbols ask for the same entities' first mentions keystroke after keystroke. While
  // a large corpus is being indexed (the version changes all the time), answers up to two
  // seconds old are served, as for co-occurrence.
  let cache = firstMentions.get(index);
  const fresh = cache && (cache.version === index.version || (index.articleCount > 5000 && Date.now() - cache.at < 2000));
  if (!cache || !fresh) firstMentions.set(index, (cache = { version: index.version, at: Date.now(), byId: new Map() }));
  if (!cache.byId.has(id)) cache.byId.set(id, findFirstMention(index, id));
  return cache.byId.get(id);
}

const firstMentions = new WeakMap<CorpusIndex, { version: number; at: number; byId: Map<string, Location | undefined> }>();

function findFirstMention(index: CorpusIndex, id: string): Location | undefined {
  const first = index.earliestArticle(id);
  if (!first) return undefined;
  const fullIn = (a: Article) => index.mentions(a).find((x) => x.entity === id && !x.boilerplate && (x.kind === 'name' || x.kind === 'discovered'));
  let found = fullIn(first);
  if (found) return locationOf(first, found.start, found.end);
  const rest = index.earliestArticles(id, 50);
  for (const a of rest) if ((found = fullIn(a))) return locationOf(a, found.start, found.end);
  const any = index.mentions(first).find((x) => x.entity === id && !x.boilerplate);
  return any ? locationOf(first, any.start, any.end) : undefined;
}

export function references(index: CorpusIndex, uri: string, offset: number, text: string, includeDemonyms = true): Location[] {
  const m = mentionNear(index, uri, offset, text);
  if (!m) return [];
  return index
    .mentionsOf(m.entity, { includeDemonyms })
    .map((r) => locationOf(index.article(r.uri)!, r.start, r.end));
}

export function highlights(index: CorpusIndex, uri: string, offset: number, text: string): DocumentHighlight[] {
  const m = mentionNear(index, uri, offset, text);
  const a = index.article(uri);
  if (!m || !a) return [];
  return index.mentions(a).filter((x) => x.entity === m.entity).map((x) => ({ range: rangeOf(a, x.start, x.end), kind: 1 }));
}
