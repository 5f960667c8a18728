/** Go-to-mentions: definition, references and document highlights of the entity under the cursor. */
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver-types';
import type { Entity } from '../catalog/types';
import type { Mention } from '../entities/recognizer';
import type { CorpusIndex } from '../index/corpusIndex';
import { locationOf, rangeOf } from './ranges';

/** The mention at `offset`, or the one that starts inside the same word (after a proclitic). */
export function mentionNear(index: CorpusIndex, uri: string, offset: number, text: string): Mention | undefined {
  const direct = index.articleMentions.at(uri, offset);
  if (direct) return direct;
  let o = offset;
  for (let step = 0; step < 3 && o < text.length && /[\p{L}\p{M}]/u.test(text[o]); step++) {
    o++;
    const m = index.articleMentions.at(uri, o);
    if (m && m.start === o) return m;
  }
  return undefined;
}

export function definition(index: CorpusIndex, uri: string, offset: number, text: string): Location | undefined {
  const m = mentionNear(index, uri, offset, text);
  if (!m) return undefined;
  const e = index.figures.entity(m.entity);
  if (e?.source) return { uri: e.source.uri, range: e.source.range };
  // The article at hand first: its first full-name mention, unless that is where the cursor is.
  const here = index.article(uri);
  const full = here && index.articleMentions.of(here).find((x) => x.entity === m.entity && !x.boilerplate && (x.kind === 'name' || x.kind === 'discovered'));
  if (here && full && full.start !== m.start) return locationOf(here, full.start, full.end);
  // Then the oldest dated article; undated ones after.
  return firstMention(index, m.entity);
}

/**
 * The first full-name mention in the earliest dated article that gives the full name (undated
 * ones after); failing any, the first mention in the earliest article. Both articles are kept up
 * to date by the index, so this costs two article scans at most.
 */
export function firstMention(index: CorpusIndex, id: string): Location | undefined {
  const full = index.figures.earliestFullArticle(id);
  const inFull = full && index.articleMentions.of(full).find((x) => x.entity === id && !x.boilerplate && (x.kind === 'name' || x.kind === 'discovered'));
  if (full && inFull) return locationOf(full, inFull.start, inFull.end);
  const first = index.figures.earliestArticle(id);
  const any = first && index.articleMentions.of(first).find((x) => x.entity === id && !x.boilerplate);
  return first && any ? locationOf(first, any.start, any.end) : undefined;
}

/** Where an entity is best shown: its first full-name mention in the earliest article, else its catalog entry. */
export function entityLocation(index: CorpusIndex, e: Entity): Location | undefined {
  return firstMention(index, e.id) ?? (e.source ? { uri: e.source.uri, range: e.source.range } : undefined);
}

/** Where an entity is mentioned: at most a limit of its mentions, and how many there are in all. */
export interface MentionLocations {
  readonly entity?: Entity;
  readonly locations: Location[];
  readonly total: number;
}

/**
 * The mentions of `id` as locations: all of them, or at most `limit`, those in the article `first`
 * and then in the newest articles (an entity a large archive names most often has hundreds of
 * thousands, more than a references list can show or a client can take in one answer).
 */
export function mentionLocations(index: CorpusIndex, id: string, includeDemonyms: boolean, limit = Infinity, first?: string): MentionLocations {
  const { mentions, total } = index.figures.mentionPage(id, { includeDemonyms }, limit, first);
  return { entity: index.figures.entity(id), locations: mentions.map((r) => locationOf(index.article(r.uri)!, r.start, r.end)), total };
}

export function references(index: CorpusIndex, uri: string, offset: number, text: string, includeDemonyms = true, limit = Infinity): MentionLocations {
  const m = mentionNear(index, uri, offset, text);
  if (!m) return { locations: [], total: 0 };
  return mentionLocations(index, m.entity, includeDemonyms, limit, uri);
}

export function highlights(index: CorpusIndex, uri: string, offset: number, text: string): DocumentHighlight[] {
  const m = mentionNear(index, uri, offset, text);
  const a = index.article(uri);
  if (!m || !a) return [];
  return index.articleMentions.of(a).filter((x) => x.entity === m.entity).map((x) => ({ range: rangeOf(a, x.start, x.end), kind: DocumentHighlightKind.Text }));
}
