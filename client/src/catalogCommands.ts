/**
 * Commands that touch the catalog: open the workspace catalog; copy an entity's names, open its entry, add an alias; and for
 * a name no catalog holds, add it, merge it into an entity, or ignore it. They write the
 * workspace catalog, which the server reloads when the file changes.
 */
import * as jsonc from 'jsonc-parser';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_TYPE_INFO, EntitiesRequest, EntityRequest, UnlistedNamesRequest, type Entity, type EntityKind, type UnlistedName } from '../../server/src/protocol';
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

/** The entry as the workspace catalog would hold it (no editor-side fields). */
function storable(e: CatalogEntity): Record<string, unknown> {
  const { source: _source, discovered, ...rest } = e as Record<string, unknown>;
  if (!discovered) return rest;
  // A discovered person gets a catalog id of its own (catalog ids are ASCII).
  let h = 0;
  for (const ch of String(e.id)) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return { ...rest, id: `person:discovered-${h.toString(36)}` };
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
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(storable(e), null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { preview: true });
  void vscode.window.showInformationMessage('This entry ships with Corpus Lens. Add an alias (or copy it into the workspace catalog) to change it for this workspace.');
}

const FORMAT: jsonc.FormattingOptions = { insertSpaces: true, tabSize: 2 };

/**
 * Edits the workspace catalog on disk, creating the file when there is none; the server reloads
 * it when it changes. `edit` gets the text and its entries; returns where it wrote, if it did.
 */
async function editCatalog(edit: (text: string, entries: jsonc.Node[]) => jsonc.EditResult): Promise<vscode.Uri | undefined> {
  const uri = catalogUri();
  if (!uri) return undefined;
  let text = '{\n  "entities": []\n}\n';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  }
  const root = jsonc.parseTree(text);
  const entries = (root && jsonc.findNodeAtLocation(root, ['entities'])?.children) ?? [];
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(jsonc.applyEdits(text, edit(text, entries))));
  return uri;
}

const idOfEntry = (n: jsonc.Node) => jsonc.findNodeAtLocation(n, ['id'])?.value as string | undefined;

/** Adds `aliases` to the entity in the workspace catalog, creating the file or the entry as needed. */
async function addAliases(e: CatalogEntity, aliases: readonly string[]): Promise<vscode.Uri | undefined> {
  const entry = storable(e);
  return editCatalog((text, entries) => {
    const at = entries.findIndex((n) => idOfEntry(n) === entry.id);
    if (at >= 0) {
      const had = (jsonc.getNodeValue(entries[at]) as { aliases?: string[] }).aliases ?? [];
      return jsonc.modify(text, ['entities', at, 'aliases'], [...new Set([...had, ...aliases])], { formattingOptions: FORMAT });
    }
    // A shipped entry is copied whole: a workspace entry with the same id replaces it.
    const had = (entry.aliases as string[] | undefined) ?? [];
    return jsonc.modify(text, ['entities', entries.length], { ...entry, aliases: [...new Set([...had, ...aliases])] }, { formattingOptions: FORMAT, isArrayInsertion: true });
  });
}

/** Adds `alias` to the entity in the workspace catalog, creating the file or the entry as needed. */
export async function addAlias(client: LanguageClient, arg: string | TreeNode, aliasArg?: string): Promise<boolean> {
  const e = await entityOf(client, arg);
  if (!e || !catalogUri()) return false;
  const alias = aliasArg ?? (await vscode.window.showInputBox({ prompt: `New alias or spelling for ${e.ar}`, validateInput: (v) => (v.trim().length < 2 ? 'At least two characters' : undefined) }));
  if (!alias) return false;
  const uri = await addAliases(e, [alias.trim()]);
  if (uri) void vscode.window.setStatusBarMessage(`Corpus Lens: alias “${alias.trim()}” added to ${vscode.workspace.asRelativePath(uri)}`, 4000);
  return !!uri;
}

/** The types a discovered name may be given (discovery finds no topics). */
const TYPE_CHOICES: { label: string; type: EntityKind }[] = (['person', 'organisation', 'place'] as const).map((type) => ({ label: `$(${ENTITY_TYPE_INFO[type].icon}) ${ENTITY_TYPE_INFO[type].label}`, type }));

/** The discovered name a command was given (its id, or its node in a view), with the forms seen. */
async function unlistedOf(client: LanguageClient, arg: string | TreeNode | undefined): Promise<UnlistedName | undefined> {
  const id = entityIdOf(arg);
  return id ? (await client.sendRequest(UnlistedNamesRequest, { id }))[0] : undefined;
}

/** A catalog id for a new entry: its type, then its Latin spelling, unused so far. */
async function freshId(client: LanguageClient, type: EntityKind, latin: string): Promise<string> {
  const slug = latin.normalize('NFD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'name';
  for (let n = 1; ; n++) {
    const id = `${type}:${slug}${n === 1 ? '' : `-${n}`}`;
    if (!(await client.sendRequest(EntityRequest, { id }))) return id;
  }
}

/**
 * Adds a discovered name to the workspace catalog as an entity of `type` (asked for when not
 * given, the type it was found as first): its name, its other full spellings as aliases, its
 * shorter forms as short forms that need the full name first, and the role it was found with.
 */
export async function adoptName(client: LanguageClient, arg: string | TreeNode, typeArg?: EntityKind): Promise<string | undefined> {
  const name = await unlistedOf(client, arg);
  if (!name) return undefined;
  const choices = [...TYPE_CHOICES].sort((a, b) => Number(b.type === name.type) - Number(a.type === name.type));
  const type = typeArg ?? (await vscode.window.showQuickPick(choices, { placeHolder: `Add «${name.ar}» to the workspace catalog as…` }))?.type;
  if (!type) return undefined;
  const words = (s: string) => s.trim().split(/\s+/).length;
  const others = name.forms.filter((f) => f !== name.ar);
  const entry = {
    id: await freshId(client, type, name.latin),
    type,
    ar: name.ar,
    ...(others.some((f) => words(f) >= words(name.ar)) ? { aliases: others.filter((f) => words(f) >= words(name.ar)) } : {}),
    ...(others.some((f) => words(f) < words(name.ar)) ? { short: others.filter((f) => words(f) < words(name.ar)).map((text) => ({ text, requiresAntecedent: true })) } : {}),
    ...(name.reason ? { description: name.reason } : {}),
  };
  const uri = await editCatalog((text, entries) => jsonc.modify(text, ['entities', entries.length], entry, { formattingOptions: FORMAT, isArrayInsertion: true }));
  if (uri) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» added to ${vscode.workspace.asRelativePath(uri)} as ${entry.id}`, 4000);
  return uri && entry.id;
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
  const uri = await addAliases(e, [name.ar]);
  if (uri) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» is now an alias of ${e.ar}`, 4000);
  return !!uri;
}

/** Remembers in the workspace catalog that a discovered name is not one (`ignore`). */
export async function ignoreName(client: LanguageClient, arg: string | TreeNode): Promise<boolean> {
  const name = await unlistedOf(client, arg);
  if (!name) return false;
  const uri = await editCatalog((text) => {
    const root = jsonc.parseTree(text);
    const had = (root && (jsonc.findNodeAtLocation(root, ['ignore'])?.children ?? []).map((n) => n.value as string)) ?? [];
    return jsonc.modify(text, ['ignore'], [...new Set([...had, name.ar])], { formattingOptions: FORMAT });
  });
  if (uri) void vscode.window.setStatusBarMessage(`Corpus Lens: «${name.ar}» will not be offered as a name again`, 4000);
  return !!uri;
}
