/** Go-to-mentions: definition, references and document highlights of the entity under the cursor. */
import type { DocumentHighlight, Location } from 'vscode-languageserver-types';
import type { Mention } from '../entities/recognizer';
import type { CorpusIndex } from '../index/corpusIndex';
import { locationOf, rangeOf } from './ranges';

/** The mention at `offset`, or the one that starts inside the same word (after a proclitic). */
export function mentionNear(index: CorpusIndex, uri: string, offset: number): Mention | undefined {
  const direct = index.mentionAt(uri, offset);
  if (direct) return direct;
  const a = index.article(uri);
  if (!a) return undefined;
  let o = offset;
  for (let step = 0; step < 3 && o < a.text.length && /[\p{L}\p{M}]/u.test(a.text[o]); step++) {
    o++;
    const m = index.mentionAt(uri, o);
    if (m && m.start === o) return m;
  }
  return undefined;
}

export function definition(index: CorpusIndex, uri: string, offset: number): Location | undefined {
  const m = mentionNear(index, uri, offset);
  if (!m) return undefined;
  const e = index.entity(m.entity);
  if (e?.source) return { uri: e.source.uri, range: e.source.range };
  // Oldest dated article first; undated ones after.
  const earliest = index.articlesOf(m.entity).sort((a, b) => (a.structure.date?.iso ?? '9999').localeCompare(b.structure.date?.iso ?? '9999'));
  for (const a of earliest) {
    const first = a.mentions.find((x) => x.entity === m.entity && !x.boilerplate && (x.kind === 'name' || x.kind === 'discovered'));
    if (first) return locationOf(a, first.start, first.end);
  }
  const any = earliest[0]?.mentions.find((x) => x.entity === m.entity && !x.boilerplate);
  return any ? locationOf(earliest[0], any.start, any.end) : undefined;
}

export function references(index: CorpusIndex, uri: string, offset: number, includeDemonyms = true): Location[] {
  const m = mentionNear(index, uri, offset);
  if (!m) return [];
  return index
    .mentionsOf(m.entity, { includeDemonyms })
    .map((r) => locationOf(index.article(r.uri)!, r.start, r.end));
}

export function highlights(index: CorpusIndex, uri: string, offset: number): DocumentHighlight[] {
  const m = mentionNear(index, uri, offset);
  const a = index.article(uri);
  if (!m || !a) return [];
  return a.mentions.filter((x) => x.entity === m.entity).map((x) => ({ range: rangeOf(a, x.start, x.end), kind: 1 }));
}
