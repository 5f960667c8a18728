/**
 * Edits of a workspace catalog's text: an entry added, aliases added to an entry (a shipped one
 * copied in whole first), a name to ignore. Each keeps what the user wrote (order, formatting,
 * comments) and changes only what it must, and is given as the LSP text edits an editor applies
 * (and can undo) with the text they make, which the server reads as the catalog at once.
 */
import * as jsonc from 'jsonc-parser';
import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../text/lines';
import type { CatalogEntry, Entity } from './types';

/** A catalog file's text before its first entry. */
export const NEW_CATALOG = '{\n  "entities": []\n}\n';

const FORMAT: jsonc.FormattingOptions = { insertSpaces: true, tabSize: 2 };

/** The edits of a catalog text (`undefined`: no file yet, the edits write it whole), and the text they make. */
export interface CatalogChange {
  readonly edits: TextEdit[];
  readonly text: string;
}

/** A catalog text an edit cannot go into: its JSON does not parse, or is no object. */
export class CatalogTextError extends Error {}

/** The parsed text (a new catalog's when there is none), or a `CatalogTextError`. */
function parsed(text: string | undefined): { text: string; root: jsonc.Node } {
  const base = text === undefined || text.trim() === '' ? NEW_CATALOG : text;
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(base, errors);
  if (errors.length > 0 || root?.type !== 'object') throw new CatalogTextError('the workspace catalog is not a JSON object: correct it first');
  return { text: base, root };
}

/** Applies `edits` (jsonc's, against the parsed text) and says them as LSP edits against `text`. */
function change(text: string | undefined, base: string, edits: jsonc.Edit[]): CatalogChange {
  const after = jsonc.applyEdits(base, edits);
  if (text === undefined || base !== text) {
    // No file, or an empty one: the whole text written.
    const end = new LineIndex(text ?? '').positionAt((text ?? '').length);
    return { edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: after }], text: after };
  }
  const lines = new LineIndex(text);
  return { edits: edits.map((e) => ({ range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) }, newText: e.content })), text: after };
}

/** The entries of the catalog (its `entities` array's items). */
const entriesOf = (root: jsonc.Node) => jsonc.findNodeAtLocation(root, ['entities'])?.children ?? [];
const idOf = (n: jsonc.Node) => jsonc.findNodeAtLocation(n, ['id'])?.value as unknown;

/** The ids of the catalog text's entries. */
export function catalogIds(text: string | undefined): Set<string> {
  const root = text === undefined ? undefined : jsonc.parseTree(text);
  return new Set(root ? entriesOf(root).map(idOf).filter((id): id is string => typeof id === 'string') : []);
}

/** The catalog with `entry` added after its entries. */
export function withEntry(text: string | undefined, entry: CatalogEntry): CatalogChange {
  const p = parsed(text);
  const entries = entriesOf(p.root);
  const last = entries[entries.length - 1];
  const lineStart = last ? p.text.lastIndexOf('\n', last.offset) + 1 : 0;
  const indent = last ? p.text.slice(lineStart, last.offset) : '';
  // After an entry that begins its line, the new one is written below it at its indentation,
  // the entries before left as written (jsonc's formatting would lay out the last one again).
  if (last && /^[ \t]*$/.test(indent)) {
    const written = JSON.stringify(entry, null, 2).replace(/\n/g, `\n${indent}`);
    return change(text, p.text, [{ offset: last.offset + last.length, length: 0, content: `,\n${indent}${written}` }]);
  }
  return change(text, p.text, jsonc.modify(p.text, ['entities', entries.length], entry, { formattingOptions: FORMAT, isArrayInsertion: true }));
}

/** An entity as a workspace catalog holds it: without what the index adds (where it is written, whether it was discovered). */
export function storable(e: Entity): CatalogEntry {
  const { source: _source, discovered: _discovered, ...entry } = e;
  return entry;
}

/**
 * The catalog with `aliases` added to the entity's entry; an entity the catalog has no entry
 * for (a shipped one) is copied in whole with them, and the copy replaces the shipped entry.
 */
export function withAliases(text: string | undefined, entity: Entity, aliases: readonly string[]): CatalogChange {
  const p = parsed(text);
  const entries = entriesOf(p.root);
  const at = entries.findIndex((n) => idOf(n) === entity.id);
  if (at >= 0) {
    const had = (jsonc.getNodeValue(entries[at]) as { aliases?: unknown }).aliases;
    const old = Array.isArray(had) ? had.filter((a): a is string => typeof a === 'string') : [];
    return change(text, p.text, jsonc.modify(p.text, ['entities', at, 'aliases'], [...new Set([...old, ...aliases])], { formattingOptions: FORMAT }));
  }
  const entry = storable(entity);
  return withEntry(text, { ...entry, aliases: [...new Set([...(entry.aliases ?? []), ...aliases])] });
}

/** The catalog with `name` in its `ignore` list: discovery no longer offers it. */
export function withIgnored(text: string | undefined, name: string): CatalogChange {
  const p = parsed(text);
  const had = jsonc.findNodeAtLocation(p.root, ['ignore']);
  const old = had?.type === 'array' ? (jsonc.getNodeValue(had) as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  return change(text, p.text, jsonc.modify(p.text, ['ignore'], [...new Set([...old, name])], { formattingOptions: FORMAT }));
}
