/**
 * A concordance's lines as files for spreadsheets and scripts: CSV (UTF-8 with a byte order
 * mark, which spreadsheet programs need to read Arabic as UTF-8; RFC 4180 quoting) and JSON (an
 * array, one line object a row), written piece by piece so that an export of any size streams.
 * Fields: the article's path, its date, the node's line (from 1), its offsets (UTF-16), the
 * text left of the node, the node, the text right of it, and the entity the node names.
 */
import type { Concordance, ConcordanceLine, Work } from './concordance';
import { csvLine } from './csvText';

export type ExportFormat = 'csv' | 'json';

export interface ExportRow {
  readonly path: string;
  readonly date: string | null;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly left: string;
  readonly node: string;
  readonly right: string;
  readonly entity: string | null;
}

const COLUMNS: readonly (keyof ExportRow)[] = ['path', 'date', 'line', 'start', 'end', 'left', 'node', 'right', 'entity'];

/** A concordance line as an export row; `pathOf` turns the article's URI into the path written. */
export function exportRow(l: ConcordanceLine, pathOf: (uri: string) => string): ExportRow {
  return { path: pathOf(l.uri), date: l.date ?? null, line: l.range.start.line + 1, start: l.start, end: l.end, left: l.left, node: l.node, right: l.right, entity: l.entity ?? null };
}

/** Writes rows in one format: `start()`, then `rows()` for each batch, then `end()`. */
export interface ExportWriter {
  start(): string;
  rows(rows: readonly ExportRow[]): string;
  end(): string;
}

export function exportWriter(format: ExportFormat): ExportWriter {
  if (format === 'csv') {
    return {
      start: () => `\uFEFF${COLUMNS.join(',')}\r\n`,
      rows: (rows) => rows.map((r) => csvLine(COLUMNS.map((c) => r[c]))).join(''),
      end: () => '',
    };
  }
  let first = true;
  return {
    start: () => '[',
    rows: (rows) =>
      rows
        .map((r) => {
          const s = `${first ? '\n' : ',\n'}${JSON.stringify(r)}`;
          first = false;
          return s;
        })
        .join(''),
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

/** Lines made at once: their articles' texts are read together, then let go. */
const BLOCK = 1000;

/**
 * Writes every line of `view` through `sink` in the writer's format, a block at a time, giving
 * way between articles (see `Work`); `progress` hears of the lines written.
 */
export async function exportLines(
  c: Concordance,
  view: Uint32Array,
  width: number,
  format: ExportFormat,
  pathOf: (uri: string) => string,
  sink: (chunk: string) => Promise<void>,
  work: Work,
): Promise<number> {
  const writer = exportWriter(format);
  await sink(writer.start());
  let written = 0;
  for (let from = 0; from < view.length; from += BLOCK) {
    const lines = await c.lines(view, from, from + BLOCK, width, { ...work, progress: undefined });
    // Written a hundred rows at a time, giving way between.
    for (let i = 0; i < lines.length; i += 100) {
      await sink(writer.rows(lines.slice(i, i + 100).map((l) => exportRow(l, pathOf))));
      await work.pause?.();
    }
    written += lines.length;
    work.progress?.(Math.min(view.length, from + BLOCK), view.length);
  }
  await sink(writer.end());
  return written;
}
