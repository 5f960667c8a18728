/**
 * The catalog commands (`workspace/executeCommand`), which any LSP client can run from the quick
 * fixes on a discovered name: adopt it, merge it into an entity as an alias, ignore it; and add
 * an alias to an entity (`CATALOG_COMMANDS`). Each computes the edit of the first folder's
 * workspace catalog from the text the editor or the disk holds (`core/catalog/catalogEdits.ts`),
 * has the client apply it (`workspace/applyEdit`, which creates the file when there is none), so
 * that the editor can undo it, and reads the catalog as edited at once, for clients that do not
 * tell the server of a file they did not open for it.
 */
import { ErrorCodes, ResponseError, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { CatalogTextError, catalogIds, withAliases, withEntry, withIgnored, type CatalogChange } from './core/catalog/catalogEdits';
import type { CatalogEntry, Entity, EntityType } from './core/catalog/types';
import type { UnlistedName } from './core/features/viewTypes';
import type { CorpusIndex } from './core/index/corpusIndex';
import type { SearchEngine } from './core/search/search';
import { ADOPTABLE_TYPES, CATALOG_COMMANDS, adoptedEntry, mergeTargets, unlistedNames } from './core/features/unlistedNames';

/** The workspace catalog edits go to, as the client knows it. */
export interface CatalogDocument {
  readonly file: string;
  /** Its URI, as the client spells it when it has the document open. */
  readonly uri: string;
  /** The editor's text (with its `version`) when the client has it open, else the file's; undefined when there is no file. */
  readonly text: string | undefined;
  readonly version: number | null;
}

/** What the commands need of the server. */
export interface CatalogCommandHost {
  index(): CorpusIndex;
  readonly search: SearchEngine;
  /** The first folder's workspace catalog; undefined without a folder or a catalog path. */
  catalog(): Promise<CatalogDocument | undefined>;
  /** Has the client apply the edit; whether it did. */
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  /** Asks the user to choose one of `titles` (`window/showMessageRequest`); the one chosen. */
  choose(message: string, titles: readonly string[]): Promise<string | undefined>;
  /** The catalog's text once the client applied an edit: read as the catalog from now on. */
  edited(file: string, text: string): Promise<void>;
  /** What the client's workspace edits may hold. */
  readonly edits: { readonly documentChanges: boolean; readonly createFiles: boolean };
}

const invalid = (what: string) => new ResponseError(ErrorCodes.InvalidParams, `Corpus Lens: ${what}`);
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;

/** The discovered name of that id, for the commands on one. */
function discovered(host: CatalogCommandHost, id: unknown) {
  const name = isText(id) ? unlistedNames(host.index(), 1, id)[0] : undefined;
  if (!name) throw invalid(`no discovered name ${JSON.stringify(id)} in the index`);
  return name;
}

/** A catalog entity (not a discovered one) to merge a name into. */
function catalogEntity(host: CatalogCommandHost, id: unknown): Entity {
  const e = isText(id) ? host.index().figures.entity(id) : undefined;
  if (!e || e.discovered) throw invalid(`no catalog entity ${JSON.stringify(id)}`);
  return e;
}

/** The edit as the client's workspace edits may hold it: creating the file first when there is none and the client can. */
function workspaceEdit(host: CatalogCommandHost, doc: CatalogDocument, change: CatalogChange): WorkspaceEdit {
  if (!host.edits.documentChanges) return { changes: { [doc.uri]: change.edits } };
  const edit: TextDocumentEdit = { textDocument: { uri: doc.uri, version: doc.version }, edits: change.edits };
  return { documentChanges: doc.text === undefined && host.edits.createFiles ? [{ kind: 'create', uri: doc.uri, options: { ignoreIfExists: true } }, edit] : [edit] };
}

/**
 * The text to edit: the client's when it has the catalog open; else the text of the last edit
 * the client applied, while the file still holds the text before it (the editor has not saved
 * it), as the editor's buffer holds that; else the file's.
 */
function baseText(doc: CatalogDocument, unsaved: UnsavedEdit | undefined): { text: string | undefined; written: boolean } {
  if (doc.version === null && unsaved?.file === doc.file && unsaved.before === doc.text) return { text: unsaved.after, written: true };
  return { text: doc.text, written: doc.text !== undefined };
}

/** The last edit a client applied, which it may not have saved. */
interface UnsavedEdit {
  readonly file: string;
  readonly before: string | undefined;
  readonly after: string;
}
let unsaved: UnsavedEdit | undefined;

/** Edits the workspace catalog through the client; whether the client applied the edit. */
async function editCatalog(host: CatalogCommandHost, label: string, make: (text: string | undefined) => CatalogChange): Promise<boolean> {
  const doc = await host.catalog();
  if (!doc) throw new ResponseError(ErrorCodes.InvalidRequest, 'Corpus Lens: there is no workspace folder to keep a catalog in');
  const base = baseText(doc, unsaved);
  let change: CatalogChange;
  try {
    change = make(base.text);
  } catch (e) {
    if (e instanceof CatalogTextError) throw new ResponseError(ErrorCodes.InvalidRequest, `Corpus Lens: ${e.message} (${doc.file})`);
    throw e;
  }
  if (!(await host.applyEdit(label, workspaceEdit(host, { ...doc, text: base.written ? (base.text ?? '') : undefined }, change)))) return false;
  unsaved = { file: doc.file, before: doc.text, after: change.text };
  await host.edited(doc.file, change.text);
  return true;
}

/** The adopted name's entry, with an id no entity and no entry of the catalog text has. */
function adopted(host: CatalogCommandHost, text: string | undefined, name: UnlistedName, type: EntityType, latin: string | undefined): CatalogEntry {
  const inText = catalogIds(text);
  return adoptedEntry(name, type, latin, (x) => inText.has(x) || host.index().figures.entity(x) !== undefined);
}

/** Adopts a discovered name: the new entry's id, or null when the client did not apply the edit. */
async function adoptName(host: CatalogCommandHost, [id, type, latin]: unknown[]): Promise<string | null> {
  const name = discovered(host, id);
  if (type !== undefined && type !== null && !ADOPTABLE_TYPES.includes(type as EntityType)) throw invalid(`a name is adopted as ${ADOPTABLE_TYPES.join(', ')}`);
  if (latin !== undefined && latin !== null && typeof latin !== 'string') throw invalid('the Latin name is a string');
  let entryId = '';
  const applied = await editCatalog(host, `Add «${name.ar}» to the workspace catalog`, (text) => {
    const entry = adopted(host, text, name, (type as EntityType | null | undefined) ?? name.type, isText(latin) ? latin.trim() : undefined);
    entryId = entry.id;
    return withEntry(text, entry);
  });
  return applied ? entryId : null;
}

/** The entity a name is merged into: given, else chosen by the user among those it may be another spelling of. */
async function mergeTarget(host: CatalogCommandHost, id: string, target: unknown): Promise<Entity | undefined> {
  if (target !== undefined && target !== null) return catalogEntity(host, target);
  const targets = mergeTargets(host.index(), host.search, id);
  const titles = targets.map((e) => `${e.ar}${e.en ? ` (${e.en})` : ''} · ${e.id}`);
  const chosen = targets.length > 0 ? await host.choose(`Merge «${host.index().figures.entity(id)!.ar}» into which entity, as an alias?`, titles) : undefined;
  return chosen === undefined ? undefined : targets[titles.indexOf(chosen)];
}

/** Merges a discovered name into an entity as an alias; whether it was. */
async function mergeName(host: CatalogCommandHost, [id, target]: unknown[]): Promise<boolean> {
  const name = discovered(host, id);
  const e = await mergeTarget(host, name.id, target);
  return !!e && editCatalog(host, `Make «${name.ar}» an alias of ${e.ar}`, (text) => withAliases(text, e, [name.ar]));
}

async function ignoreName(host: CatalogCommandHost, [id]: unknown[]): Promise<boolean> {
  const name = discovered(host, id);
  return editCatalog(host, `Ignore «${name.ar}»`, (text) => withIgnored(text, name.ar));
}

/** Adds an alias to an entity; a discovered one is adopted with it. */
async function addAlias(host: CatalogCommandHost, [id, alias]: unknown[]): Promise<boolean> {
  const e = isText(id) ? host.index().figures.entity(id) : undefined;
  if (!e) throw invalid(`no entity ${JSON.stringify(id)}`);
  if (!isText(alias) || alias.trim().length < 2) throw invalid('an alias has two characters or more');
  const more = [alias.trim()];
  if (!e.discovered) return editCatalog(host, `Add the alias «${more[0]}» to ${e.ar}`, (text) => withAliases(text, e, more));
  const name = discovered(host, id);
  return editCatalog(host, `Add «${name.ar}» to the workspace catalog with the alias «${more[0]}»`, (text) => {
    const entry = adopted(host, text, name, name.type, undefined);
    return withEntry(text, { ...entry, aliases: [...new Set([...(entry.aliases ?? []), ...more])] });
  });
}

const RUN: Record<string, (host: CatalogCommandHost, args: unknown[]) => Promise<string | boolean | null>> = {
  [CATALOG_COMMANDS.adoptName]: adoptName,
  [CATALOG_COMMANDS.mergeName]: mergeName,
  [CATALOG_COMMANDS.ignoreName]: ignoreName,
  [CATALOG_COMMANDS.addAlias]: addAlias,
};

/** Runs a catalog command: adopt answers the new entry's id (null when not applied), the others whether they were. */
export function executeCatalogCommand(host: CatalogCommandHost, command: string, args: unknown[] = []): Promise<string | boolean | null> {
  const run = RUN[command];
  if (!run) throw new ResponseError(ErrorCodes.MethodNotFound, `Corpus Lens: no command ${command}`);
  return run(host, args);
}
