/**
 * The outline of an article: its parts in the order of the text (headline, source line, dateline
 * or agency, lead, paragraphs, each paragraph holding its quotations), then the entities it names
 * grouped by type, then one collapsed group of boilerplate.
 *
 * The parts are top-level symbols, not children of the headline: VS Code's quick outline
 * (Ctrl+Shift+O) shows beside each row the name of the symbol that holds it, which would be the
 * headline on every row.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../catalog/entityTypes';
import { ENTITY_TYPES } from '../catalog/types';
import { parseArticle, type Span } from '../article/structure';
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { rangeOf } from './ranges';
import { DERIVED_HEADLINE_NOTE } from './viewTypes';

/*
 * Kinds that read right in any client, including those that group an outline by kind: the
 * headline a File, the dateline an Event, the source a Constant, paragraphs and quotations
 * Strings, each group of entities (and the site chrome) a Namespace holding Objects (entities)
 * or Properties (zones); the groups are named by `ENTITY_TYPE_INFO`.
 */

function firstWords(text: string, n = 6): string {
  const words = text.trim().split(/\s+/u);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

function sym(a: Article, name: string, kind: SymbolKind, start: number, end: number, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const range = rangeOf(a, start, end);
  return { name: name.trim() || '(empty)', detail, kind, range, selectionRange: range, children };
}

/** The outline; the structure is parsed again from `text`, which the index does not keep. */
export function documentSymbols(index: CorpusIndex, uri: string, text: string): DocumentSymbol[] {
  const a = index.article(uri);
  if (!a) return [];
  const s = parseArticle(text, index.discovery.recognizer.named);
  const out: DocumentSymbol[] = [headlineSymbol(a, s.headline, [s.date?.iso, s.source].filter(Boolean).join(' · '))];
  // The part of the text that starts last, after which the groups are placed.
  let last = s.headline.synthetic ? { start: 0, end: 0 } : { start: 0, end: s.headline.end };
  const part = (name: string, kind: SymbolKind, at: { start: number; end: number }, detail?: string, children?: DocumentSymbol[]) => {
    out.push(sym(a, name, kind, at.start, at.end, detail, children));
    if (at.start >= last.start) last = at;
  };

  if (s.sourceLine) part(`Source: ${s.source}`, SymbolKind.Constant, s.sourceLine, 'source line');
  const dl = s.dateline;
  if (dl?.place) part(`Dateline: ${dl.text}`, SymbolKind.Event, dl, [`place ${dl.place}`, dl.agency && `agency ${dl.agency}`].filter(Boolean).join(' · '));
  // A dateline naming only who filed the story (شفا – …) gives its source, not a place.
  else if (dl?.agency) part(`Source: ${dl.agency}`, SymbolKind.Constant, dl, 'news agency');
  else if (dl) part(`Dateline: ${dl.text}`, SymbolKind.Event, dl);

  const quotations = s.quotations;
  s.paragraphs.forEach((p, i) => {
    const quoted = quotations.filter((q) => q.start >= p.start && q.end <= p.end).map((q) => sym(a, `“${firstWords(q.text, 8)}”`, SymbolKind.String, q.start, q.end, 'quotation'));
    part(firstWords(p.text), SymbolKind.String, p, i === 0 ? 'lead' : `paragraph ${i + 1}`, quoted.length > 0 ? quoted : undefined);
  });

  const groups: Omit<DocumentSymbol, 'range' | 'selectionRange'>[] = [];
  const mentions = index.articleMentions.of(a);
  for (const type of ENTITY_TYPES) {
    const byEntity = new Map<string, { start: number; end: number; count: number }>();
    for (const m of mentions) {
      if (m.boilerplate || index.figures.entity(m.entity)?.type !== type) continue;
      const cur = byEntity.get(m.entity);
      if (cur) cur.count++;
      else byEntity.set(m.entity, { start: m.start, end: m.end, count: 1 });
    }
    if (byEntity.size === 0) continue;
    const items = [...byEntity]
      .sort((x, y) => y[1].count - x[1].count)
      .map(([id, v]) => sym(a, index.figures.entity(id)!.ar, SymbolKind.Object, v.start, v.end, `×${v.count}`));
    groups.push({ name: ENTITY_TYPE_INFO[type].plural, detail: String(items.length), kind: SymbolKind.Namespace, children: items });
  }
  // The source line is listed among the parts.
  const zones = s.boilerplate.filter((z) => !(s.sourceLine && z.kind === 'source-line'));
  if (zones.length > 0) {
    const z = zones.map((x) => sym(a, `${x.kind}: ${firstWords(x.text, 5)}`, SymbolKind.Property, x.start, x.end));
    groups.push({ name: 'Boilerplate', detail: `${zones.length} zone${zones.length === 1 ? '' : 's'}`, kind: SymbolKind.Namespace, children: z });
  }
  // VS Code's outline orders each level by where its symbols start; the groups, which are no
  // place of the text, start one character after another at the end of the last part: after every
  // part, in the order listed. Their ranges are empty, so that the outline never takes the cursor to be in one.
  const first = Math.max(last.start + 1, last.end - groups.length);
  return [...out, ...groups.map((g, k) => ({ ...g, range: rangeOf(a, first + k, first + k), selectionRange: rangeOf(a, first + k, first + k) }))];
}

/**
 * The headline stands for the article: its range runs from the top of the text (the site chrome
 * above it included) to the headline's end, so that it comes first wherever symbols are ordered by
 * where they start. A derived headline is no line of the text: it sits at the top, empty.
 */
function headlineSymbol(a: Article, h: Span & { synthetic: boolean }, detail: string): DocumentSymbol {
  if (h.synthetic && h.text) {
    const top = rangeOf(a, 0, 0);
    return { name: h.text || '(untitled)', detail: [detail, DERIVED_HEADLINE_NOTE].filter(Boolean).join(' · '), kind: SymbolKind.File, range: top, selectionRange: top };
  }
  return { name: h.text || '(untitled)', detail: detail || undefined, kind: SymbolKind.File, range: rangeOf(a, 0, h.end), selectionRange: rangeOf(a, h.start, h.end) };
}
