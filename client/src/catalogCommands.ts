/**
 * Commands that touch the catalog: open the workspace catalog; copy an entity's names, open its
 * entry, add an alias; and for a name no catalog holds, add it, merge it into an entity, or ignore
 * it. Those that change the catalog ask what they need to know, then run the server's command
 * (`CATALOG_COMMANDS`), which edits the workspace catalog through the editor.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CATALOG_COMMANDS, ENTITY_TYPE_INFO, EntitiesRequest, EntityRequest, UnlistedNamesRequest, type Entity, type EntityKind, type UnlistedName } from '../../server/src/protocol';
import type { TreeNode } from './entityTree';
import { catalogUri } from './settings';

type CatalogEntity = Entity & Record<string, unknown>;

export function entityIdOf(arg: string | TreeNode | undefined): string | undefined {
  return typeof arg === 'string' ? arg : arg?.kind === 'entity' ? arg.entity.id : undefined;
}

/** Opens the workspace catalog, creating it with an empty list of entries when there is none. */
export async function openWorkspaceCatalog(): Promise<void> {
  const file = catalogUri();
  if (!file) return void vscode.window.showInformationMessage('Corpus Lens: open a folder to give it a workspace catalog.');
  const exists = await Promise.resolve(vscode.workspace.fs.stat(file)).then(() => true, () => false);
  if (!exists) {
    const skeleton = { entities: [{ id: 'person:example', type: 'person', ar: 'الاسم الكامل', en: 'Full Name', aliases: [], short: [] }] };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(skeleton, null, 2)}\n`));
  }
  await vscode.window.showTextDocument(file);
}

async function entityOf(client: LanguageClient, arg: string | TreeNode | undefined): Promise<CatalogEntity | undefined> {
  const id = entityIdOf(arg);
  return id ? ((await client.sendRequest(EntityRequest, { id })) as CatalogEntity | null) ?? undefined : undefined;
}

export async function copyNames(client: LanguageClient, arg: string | TreeNode): Promise<string | undefined> {
  const e = await entityOf(client, arg);
  if (!e) return undefined;
  const names = [e.ar, e.en, ...(e.aliases ?? [])].filter(Boolean).join('\n');
  await vscode.env.clipboard.writeText(names);
  void vscode.window.setStatusBarMessage('Corpus Lens: names copied', 2000);
  return names;
}

/** The entry as the workspace catalog would hold it; a discovered one with a catalog id of its own (catalog ids are ASCII). */
function storableEntry(e: CatalogEntity): Record<string, unknown> {
  const { source: _source, discovered: _discovered, ...entry } = e;
  if (!e.discovered) return entry;
  let h = 0;
  for (const ch of String(e.id)) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return { ...entry, id: `person:discovered-${h.toString(36)}` };
}

export async function openCatalogEntry(client: LanguageClient, arg: string | TreeNode): Promise<void> {
  const e = await entityOf(client, arg);
  if (!e) return;
  if (e.source) {
    // The cursor at the start of the entry.
    const { uri, range } = client.protocol2CodeConverter.asLocation(e.source);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(range.start, range.start) });
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(storableEntry(e), null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { preview: true });
  void vscode.window.showInformationMessage('This entry ships with Corpus Lens. Add an alias (or copy it into the workspace catalog) to change it for this workspace.');
}

/**
 * Runs a catalog command on the server (`CATALOG_COMMANDS`), which has the editor apply its edit
 * of the workspace catalog; the catalog is then saved, and the edit stays in its undo history.
 * Undefined when the command was not run through.
 */
async function onServer<T extends string | boolean | null>(client: LanguageClient, command: string, args: unknown[]): Promise<T | undefined> {
  let result: T;
  try {
    result = (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  } catch (e) {
    void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    return undefined;
  }
  const uri = catalogUri();
  const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (result && doc?.isDirty) await doc.save();
  return result;
}

/** Adds `alias` to the entity in the workspace catalog, creating the file or the entry as needed. */
export async function addAlias(client: LanguageClient, arg: string | TreeNode, aliasArg?: string): Promise<boolean> {
  const e = await entityOf(client, arg);
  if (!e || !catalogUri()) return false;
  const alias = aliasArg ?? (await vscode.window.showInputBox({ prompt: `New alias or spelling for ${e.ar}`, validateInput: (v) => (v.trim().length < 2 ? 'At least two characters' : undefined) }));
  if (!alias) return false;
  const done = await onServer<boolean>(client, CATALOG_COMMANDS.addAlias, [e.id, alias.trim()]);
  if (done) void vscode.window.setStatusBarMessage(`Corpus Lens: alias “${alias.trim()}” added to ${vscode.workspace.asRelativePath(catalogUri()!)}`, 4000);
  return !!done;
}

/** The types a discovered name may be given (discovery finds no topics). */
const TYPE_CHOICES: { label: string; type: EntityKind }[] = (['person', 'organisation', 'place'] as const).map((type) => ({ label: `$(${ENTITY_TYPE_INFO[type].icon}) ${ENTITY_TYPE_INFO[type].label}`, type }));

/** The discovered name a command was given (its id, or its node in a view), with the forms seen. */
async function unlistedOf(client: LanguageClient, arg: string | TreeNode | undefined): Promise<UnlistedName | undefined> {
  const id = entityIdOf(arg);
  return id ? (await client.sendRequest(UnlistedNamesRequest, { id }))[0] : undefined;
}

/**
 * Adds a discovered name to the workspace catalog as an entity of `type`, asking for it (the type
 * it was found as first) and for a Latin name when not given; the server makes the entry.
 */
export async function adoptName(client: LanguageClient, arg: string | TreeNode, typeArg?: EntityKind): Promise<string | undefined> {
  const name = await unlistedOf(client, arg);
  if (!name) return undefined;
  const choices = [...TYPE_CHOICES].sort((a, b) => Number(b.type === name.type) - Number(a.type === name.type));
  const type = typeArg ?? (await vscode.window.showQuickPick(choices, { placeHolder: `Add «${name.ar}» to the workspace catalog as…` }))?.type;
  if (!type) return undefined;
  // Asked with the type: the automatic spelling offered, kept automatic unless changed.
  const latin = typeArg ? name.latin : (await vscode.window.showInputBox({ prompt: `Latin name of «${name.ar}» (its catalog id is made from it)`, value: name.latin }))?.trim();
  if (!latin) return undefined;
  const id = await onServer<string | null>(client, CATALOG_COMMANDS.adoptName, [name.id, type, ...(latin !== name.latin ? [latin] : [])]);
  if (id) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» added to ${vscode.workspace.asRelativePath(catalogUri()!)} as ${id}`, 4000);
  return id ?? undefined;
}

/** Adds a discovered name to an entity the user picks (or `targetArg`) as an alias. */
export async function mergeName(client: LanguageClient, arg: string | TreeNode, targetArg?: string): Promise<boolean> {
  const name = await unlistedOf(client, arg);
  if (!name) return false;
  let target = targetArg;
  if (!target) {
    // The corpus's entities of the name's type first, the most mentioned first.
    const types: EntityKind[] = [name.type, ...TYPE_CHOICES.map((c) => c.type).filter((t) => t !== name.type)];
    const lists = await Promise.all(types.map((type) => client.sendRequest(EntitiesRequest, { type })));
    const items = lists.flat().filter((e) => !e.discovered).map((e) => ({ label: e.ar, description: e.en, detail: `${e.type} · ${e.mentions} mentions`, id: e.id }));
    target = (await vscode.window.showQuickPick(items, { placeHolder: `Merge «${name.ar}» into… (it becomes an alias)`, matchOnDescription: true }))?.id;
  }
  const e = target && (await entityOf(client, target));
  if (!e) return false;
  const done = await onServer<boolean>(client, CATALOG_COMMANDS.mergeName, [name.id, e.id]);
  if (done) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» is now an alias of ${e.ar}`, 4000);
  return !!done;
}

/** Remembers in the workspace catalog that a discovered name is not one (`ignore`). */
export async function ignoreName(client: LanguageClient, arg: string | TreeNode): Promise<boolean> {
  const name = await unlistedOf(client, arg);
  if (!name) return false;
  const done = await onServer<boolean>(client, CATALOG_COMMANDS.ignoreName, [name.id]);
  if (done) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» will not be offered as a name again`, 4000);
  return !!done;
}

/**
 * The quick fixes on a discovered name carry the server's commands with the name alone: here
 * the questions are asked first, as from the Names to Review view (`Middleware.executeCommand`).
 */
export function catalogCommandMiddleware(client: () => LanguageClient): (command: string, args: unknown[], next: (command: string, args: unknown[]) => unknown) => unknown {
  return (command, args, next) => {
    const id = typeof args[0] === 'string' ? args[0] : undefined;
    if (id && args.length === 1 && command === CATALOG_COMMANDS.adoptName) return adoptName(client(), id);
    if (id && args.length === 1 && command === CATALOG_COMMANDS.mergeName) return mergeName(client(), id);
    if (id && command === CATALOG_COMMANDS.ignoreName) return ignoreName(client(), id);
    return next(command, args);
  };
}
