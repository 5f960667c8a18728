/** Workspace symbols: the entities and headlines a query finds, each where it is best shown. */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../catalog/entityTypes';
import type { CorpusIndex } from '../index/corpusIndex';
import type { SearchEngine } from '../search/search';
import { entityLocation } from './navigation';
import { headlineLocation } from './ranges';
import { DERIVED_HEADLINE_NOTE } from './viewTypes';

export function workspaceSymbols(index: CorpusIndex, search: SearchEngine, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const h of search.entities(query, 50)) {
    const loc = entityLocation(index, h.entity);
    if (loc) out.push({ name: h.entity.en ? `${h.entity.ar} (${h.entity.en})` : h.entity.ar, kind: SymbolKind.Object, location: loc, containerName: ENTITY_TYPE_INFO[h.entity.type].label });
  }
  for (const h of search.headlineHits(query, 50)) {
    const a = h.article;
    out.push({ name: a.headline.text, kind: SymbolKind.File, location: headlineLocation(a), containerName: [a.date ?? 'article', a.derivedHeadline && DERIVED_HEADLINE_NOTE].filter(Boolean).join(' · ') });
  }
  return out;
}
