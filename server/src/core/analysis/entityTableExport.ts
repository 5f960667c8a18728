/**
 * The entity table (id, type, names, mentions, articles, first and last dates) of the entities
 * the corpus names, a page at a time, as rows and as the text of a CSV or JSON file. Pages go in
 * id order and continue after the last id given, so that they neither repeat nor skip an entity
 * while the index changes between them.
 */
import type { EntityType } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { CSV_BOM, csvLine } from './csvText';

export interface EntityRow {
  readonly id: string;
  readonly type: EntityType;
  readonly ar: string;
  readonly en?: string;
  /** Other names the catalog gives it (aliases and short forms). */
  readonly aliases: string[];
  readonly discovered: boolean;
  /** Outside boilerplate. */
  readonly mentions: number;
  readonly articles: number;
  /** Dates (ISO) of the earliest and latest dated articles naming it. */
  readonly first?: string;
  readonly last?: string;
}

export interface EntityTableParams {
  /** Types taken; all when absent or empty. */
  readonly types?: readonly EntityType[];
  /** Rows after this id (the previous page's `next`); from the start when absent. */
  readonly after?: string;
  /** Default 1,000, at most 10,000. */
  readonly limit?: number;
}

export interface EntityTablePage {
  readonly rows: EntityRow[];
  /** Give it as `after` for the next page; absent on the last. */
  readonly next?: string;
  /** Entities in the table. */
  readonly total: number;
}

export type EntityTableFormat = 'csv' | 'json';

export interface EntityTableExportPage {
  /** This page's part of the file: the pages' texts one after the other make the whole file. */
  readonly text: string;
  readonly rows: number;
  readonly next?: string;
  readonly total: number;
}

export function entityTablePage(index: CorpusIndex, params: EntityTableParams): EntityTablePage {
  const limit = Math.max(1, Math.min(10_000, Math.floor(params.limit ?? 1000)));
  const types = params.types && params.types.length > 0 ? new Set(params.types) : undefined;
  const all = index.figures.summaries().filter((s) => !types || types.has(s.entity.type));
  // Code-unit order: the same on every page, whatever the locale.
  const ids = all.map((s) => s.entity.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const after = params.after;
  let from = 0;
  if (after !== undefined) {
    // The first id past `after` (which may have gone meanwhile).
    let hi = ids.length;
    while (from < hi) {
      const mid = (from + hi) >> 1;
      if (ids[mid] <= after) from = mid + 1;
      else hi = mid;
    }
  }
  const page = ids.slice(from, from + limit);
  const rows = page.map((id): EntityRow => {
    const s = index.figures.summary(id)!;
    const e = s.entity;
    const aliases = [...(e.aliases ?? []), ...(e.short ?? []).map((f) => (typeof f === 'string' ? f : f.text))].filter((n, i, list) => n !== e.ar && list.indexOf(n) === i);
    return { id, type: e.type, ar: e.ar, en: e.en, aliases, discovered: !!e.discovered, mentions: s.mentions, articles: s.articles, first: index.figures.earliestArticle(id)?.date, last: s.latest };
  });
  return { rows, next: from + limit < ids.length ? page[page.length - 1] : undefined, total: ids.length };
}

export const ENTITY_CSV_HEADER = ['id', 'type', 'name_ar', 'name_en', 'aliases', 'mentions', 'articles', 'first_date', 'last_date', 'discovered'];

/** The rows as CSV records; `first`: the file's start (byte-order mark and header) goes before them. */
export function entityRowsCsv(rows: readonly EntityRow[], first: boolean): string {
  const head = first ? CSV_BOM + csvLine(ENTITY_CSV_HEADER) : '';
  return head + rows.map((r) => csvLine([r.id, r.type, r.ar, r.en, r.aliases.join(' | '), r.mentions, r.articles, r.first, r.last, r.discovered])).join('');
}

/**
 * The rows as part of a JSON array of objects: `first` opens the array, `last` closes it, so
 * that the parts of all pages together are one JSON document.
 */
export function entityRowsJson(rows: readonly EntityRow[], first: boolean, last: boolean): string {
  const items = rows.map((r, i) => `${first && i === 0 ? '\n' : ',\n'}  ${JSON.stringify(r)}`).join('');
  return `${first ? '[' : ''}${items}${last ? '\n]\n' : ''}`;
}

/** A page of the entity table as the text of the file. */
export function entityTableExportPage(index: CorpusIndex, params: EntityTableParams & { readonly format: EntityTableFormat }): EntityTableExportPage {
  const page = entityTablePage(index, params);
  const first = params.after === undefined;
  const text = params.format === 'csv' ? entityRowsCsv(page.rows, first) : entityRowsJson(page.rows, first, page.next === undefined);
  return { text, rows: page.rows.length, next: page.next, total: page.total };
}
