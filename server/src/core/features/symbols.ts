/**
 * The outline of an article: the headline on top (detail: ISO date · source), then the dateline,
 * lead, paragraphs, quotations, entities grouped by type, and one collapsed boilerplate symbol.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../catalog/entityTypes';
import { ENTITY_TYPES } from '../catalog/types';
import { parseArticle } from '../article/structure';
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { rangeOf } from './ranges';


function firstWords(text: string, n = 6): string {
  const words = text.trim().split(/\s+/u);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

function sym(a: Article, name: string, kind: SymbolKind, start: number, end: number, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const range = rangeOf(a, start, end);
  return { name: name.trim() || '(empty)', detail, kind, range, selectionRange: range, children };
}

/**
 * The outline; the structure is parsed again from `text`, which the index does not keep. Kinds
 * that read right in any client, including those that group an outline by kind: the article a
 * File, its dateline an Event, paragraphs and quotations Strings, each group of entities (and
 * the site chrome) a Namespace holding Objects (entities) or Properties (zones).
 */
export function documentSymbols(index: CorpusIndex, uri: string, text: string): DocumentSymbol[] {
  const a = index.article(uri);
  if (!a) return [];
  const s = parseArticle(text);
  const mentions = index.mentions(a);
  const children: DocumentSymbol[] = [];
  if (s.dateline) children.push(sym(a, `Dateline: ${s.dateline.text}`, SymbolKind.Event, s.dateline.start, s.dateline.end, s.dateline.place));
  s.paragraphs.forEach((p, i) => {
    children.push(sym(a, firstWords(p.text), SymbolKind.String, p.start, p.end, i === 0 ? 'lead' : `paragraph ${i + 1}`));
  });
  if (s.quotations.length > 0) {
    const q = s.quotations.map((x) => sym(a, `“${firstWords(x.text, 8)}”`, SymbolKind.String, x.start, x.end, 'quotation'));
    children.push({ ...sym(a, 'Quotations', SymbolKind.Array, s.quotations[0].start, s.quotations[s.quotations.length - 1].end, String(q.length)), children: q });
  }
  for (const type of ENTITY_TYPES) {
    const byEntity = new Map<string, { start: number; end: number; count: number }>();
    for (const m of mentions) {
      if (m.boilerplate || index.entity(m.entity)?.type !== type) continue;
      const cur = byEntity.get(m.entity);
      if (cur) cur.count++;
      else byEntity.set(m.entity, { start: m.start, end: m.end, count: 1 });
    }
    if (byEntity.size === 0) continue;
    const items = [...byEntity]
      .sort((x, y) => y[1].count - x[1].count)
      .map(([id, v]) => sym(a, index.entity(id)!.ar, SymbolKind.Object, v.start, v.end, `×${v.count}`));
    const start = Math.min(...[...byEntity.values()].map((v) => v.start));
    const end = Math.max(...[...byEntity.values()].map((v) => v.end));
    children.push({ ...sym(a, ENTITY_TYPE_INFO[type].plural, SymbolKind.Namespace, start, end, String(items.length)), children: items });
  }
  const zones = s.boilerplate;
  const top: DocumentSymbol[] = [];
  const detail = [s.date?.iso, s.source].filter(Boolean).join(' · ') || undefined;
  const head = s.headline;
  const whole = rangeOf(a, 0, a.lines.length);
  top.push({ name: head.text || '(untitled)', detail, kind: SymbolKind.File, range: whole, selectionRange: rangeOf(a, head.start, head.end), children });
  if (zones.length > 0) {
    const z = zones.map((x) => sym(a, `${x.kind}: ${firstWords(x.text, 5)}`, SymbolKind.Property, x.start, x.end));
    top[0].children!.push({ ...sym(a, 'Boilerplate', SymbolKind.Namespace, zones[0].start, zones[zones.length - 1].end, `${zones.length} zones`), children: z });
  }
  return top;
}
