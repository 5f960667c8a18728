/** Code lenses: on an article's headline, its counts; over workspace catalog entries, each entry's. */
import type { CodeLens } from 'vscode-languageserver-types';
import type { CorpusIndex } from '../index/corpusIndex';
import { rangeOf } from './ranges';

/** A lens on the headline: how many entities and mentions the article holds. */
export function articleLenses(index: CorpusIndex, uri: string): CodeLens[] {
  const a = index.article(uri);
  if (!a || (a.headline.synthetic && a.headline.end === 0)) return [];
  const mentions = a.mentionTotal;
  const range = rangeOf(a, a.headline.start, a.headline.start);
  const entities = a.entityCount;
  const title = `${entities} ${entities === 1 ? 'entity' : 'entities'} · ${mentions} mention${mentions === 1 ? '' : 's'}`;
  // Few names found: the names this corpus needs may be the user's to add.
  if (entities < FEW_ENTITIES) return [{ range, command: { title: `${title} — few names found: add yours to the workspace catalog`, command: 'corpusLens.openCatalog' } }];
  return [{ range, command: { title, command: '' } }];
}

/** Below this many entities an article's lens offers the workspace catalog. */
const FEW_ENTITIES = 3;

/** Lenses over workspace catalog entries: mentions and articles of each. */
export function catalogLenses(index: CorpusIndex, catalogUri: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const e of index.figures.allEntities()) {
    if (e.source?.uri !== catalogUri) continue;
    const s = index.figures.summary(e.id);
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const title = `${n(s?.mentions ?? 0, 'mention')} in ${n(s?.articles ?? 0, 'article')}`;
    out.push({ range: { start: e.source.range.start, end: e.source.range.start }, command: { title, command: s?.mentions ? 'corpusLens.showMentions' : '', arguments: s?.mentions ? [e.id] : undefined } });
  }
  return out;
}
