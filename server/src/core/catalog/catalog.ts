/**
 * Loading and merging catalogs. The shipped catalog and a workspace catalog are both parsed here
 * from text (the caller does the I/O), validated against the JSON schema, and merged: a workspace
 * entry with the id of a shipped one replaces it.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as jsonc from 'jsonc-parser';
import schema from '../../../catalog/catalog.schema.json';
import type { CatalogEntry, CatalogFile, CatalogProblem, Entity } from './types';
import { normalizeKey } from '../text/normalize';
import { tokenKeys } from '../text/tokenize';
import { LineIndex } from '../text/lines';

// Compiled when a workspace catalog is first parsed: compiling slows the server's start, and most
// workspaces have no catalog file (docs/performance.md).
let compiled: ValidateFunction<CatalogFile> | undefined;
const validator = () => (compiled ??= new Ajv({ allErrors: true, strict: false }).compile<CatalogFile>(schema));

export interface ParsedCatalog {
  /** Entries when the file is usable; undefined when it is not (the last good one keeps serving). */
  readonly file?: CatalogFile;
  readonly problems: CatalogProblem[];
  /** Offsets of each entry object in the text, by id. */
  readonly spans: ReadonlyMap<string, { start: number; end: number }>;
}

function nodeSpan(root: jsonc.Node | undefined, path: jsonc.JSONPath): { start: number; end: number } {
  let node = root && jsonc.findNodeAtLocation(root, path);
  // Fall back to the nearest enclosing node that exists.
  for (let p = path.slice(); !node && p.length > 0; ) {
    p = p.slice(0, -1);
    node = root && jsonc.findNodeAtLocation(root, p);
  }
  return node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 };
}

function schemaMessage(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where}: ${e.message ?? 'invalid'}`;
}

/** JSON syntax errors in words. */
const SYNTAX_ERRORS: Record<string, string> = {
  InvalidSymbol: 'A character that JSON does not allow here',
  InvalidNumberFormat: 'A number written wrongly',
  PropertyNameExpected: 'A property name (in double quotes) is missing here',
  ValueExpected: 'A value is missing here',
  ColonExpected: 'A colon is missing after the property name',
  CommaExpected: 'A comma is missing between two items',
  CloseBraceExpected: 'A closing brace } is missing',
  CloseBracketExpected: 'A closing bracket ] is missing',
  EndOfFileExpected: 'Text after the end of the catalog',
  InvalidCommentToken: 'A comment written wrongly',
  UnexpectedEndOfComment: 'A comment is not closed',
  UnexpectedEndOfString: 'A string is not closed (a double quote is missing)',
  UnexpectedEndOfNumber: 'A number is cut short',
  InvalidUnicode: 'A \\u escape written wrongly',
  InvalidEscapeCharacter: 'A backslash escape that JSON does not know',
  InvalidCharacter: 'A character that must be escaped inside a string',
};

/** Parses and validates catalog text. Never throws. */
export function parseCatalog(text: string): ParsedCatalog {
  const problems: CatalogProblem[] = [];
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  // The parser may report one slip twice at one place (a trailing comma: a name missing, then a value): the first says it.
  const at = new Set<number>();
  for (const e of errors) {
    if (at.has(e.offset)) continue;
    at.add(e.offset);
    problems.push({ message: `${SYNTAX_ERRORS[jsonc.printParseErrorCode(e.error)] ?? 'The JSON is malformed here'}; the last good catalog is still in use.`, start: e.offset, end: e.offset + Math.max(1, e.length) });
  }
  if (errors.length > 0 || !root) return { problems, spans: new Map() };
  const value = jsonc.getNodeValue(root) as unknown;
  const validateSchema = validator();
  if (!validateSchema(value)) {
    for (const e of validateSchema.errors ?? []) {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      if (e.keyword === 'additionalProperties') path.push((e.params as { additionalProperty: string }).additionalProperty);
      problems.push({ message: schemaMessage(e), ...nodeSpan(root, path) });
    }
    return { problems, spans: new Map() };
  }
  const file = value;
  const spans = new Map<string, { start: number; end: number }>();
  const seen = new Set<string>();
  const kept: CatalogEntry[] = [];
  file.entities.forEach((entry, i) => {
    const span = nodeSpan(root, ['entities', i]);
    if (seen.has(entry.id)) {
      problems.push({ message: `duplicate id "${entry.id}"; the later entry is ignored`, ...nodeSpan(root, ['entities', i, 'id']) });
      return;
    }
    // A name that normalises to nothing, or to a single stop word, would match everywhere.
    const names = [entry.ar, ...(entry.aliases ?? []), ...(entry.short ?? []).map((s) => (typeof s === 'string' ? s : s.text))];
    const bad = names.find((n) => tooGeneral(n));
    if (bad !== undefined) {
      problems.push({ message: `name "${bad}" of "${entry.id}" is too general to match (it would match common words); the entry is ignored`, ...span });
      return;
    }
    seen.add(entry.id);
    spans.set(entry.id, span);
    kept.push(entry);
  });
  return { file: { ...file, entities: kept }, problems, spans };
}

/** Words so common that a catalog name made only of them would flood the index. */
const STOP_WORDS = new Set(
  ['في', 'من', 'الى', 'على', 'عن', 'مع', 'ان', 'او', 'ثم', 'قد', 'لا', 'ما', 'هذا', 'هذه', 'التي', 'الذي', 'كان', 'قال', 'و', 'ف', 'ب', 'ل', 'the', 'of', 'and', 'a', 'to', 'in'].map(normalizeKey),
);

function tooGeneral(name: string): boolean {
  const keys = tokenKeys(name);
  return keys.length === 0 || keys.every((k) => STOP_WORDS.has(k) || k.length < 2);
}

/**
 * The shipped entries a user keeps: `leaveOut` names what goes, each item a type (`person`), a
 * subtype (`sports`, `company`, `city`…), an id (`org:fifa`) or an id prefix ending in `*`
 * (`person:*`, `org:al-*`).
 */
export function keptShipped(shipped: readonly CatalogEntry[], leaveOut: readonly string[] = []): readonly CatalogEntry[] {
  if (leaveOut.length === 0) return shipped;
  const names = new Set(leaveOut.filter((x) => !x.endsWith('*')));
  const prefixes = leaveOut.filter((x) => x.endsWith('*')).map((x) => x.slice(0, -1));
  return shipped.filter((e) => !names.has(e.type) && !(e.subtype && names.has(e.subtype)) && !names.has(e.id) && !prefixes.some((p) => e.id.startsWith(p)));
}

/** Shipped entries overlaid by workspace entries (same id replaces). */
export function mergeCatalogs(shipped: readonly CatalogEntry[], workspace: readonly Entity[]): Entity[] {
  const byId = new Map<string, Entity>();
  for (const e of shipped) byId.set(e.id, e);
  for (const e of workspace) byId.set(e.id, e);
  return [...byId.values()];
}

/** The usable entries of a parsed workspace catalog, each knowing where it stands in its file. */
export function workspaceEntities(parsed: ParsedCatalog, uri: string, text: string): Entity[] {
  const lines = new LineIndex(text);
  return (parsed.file?.entities ?? []).map((e) => {
    const span = parsed.spans.get(e.id)!;
    return { ...e, source: { uri, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } } };
  });
}
