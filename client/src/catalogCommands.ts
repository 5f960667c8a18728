/**
 * Entity context-menu commands that touch the catalog: copy the names, open the entry, add an
 * alias to the workspace catalog (which the server reloads when the file changes).
 */
import * as jsonc from 'jsonc-parser';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Entity } from '../../server/src/core/catalog/types';
import { EntityRequest } from '../../server/src/protocol';
import type { TreeNode } from './entityTree';

type CatalogEntity = Entity & Record<string, unknown>;

export function entityIdOf(arg: string | TreeNode | undefined): string | undefined {
  return typeof arg === 'string' ? arg : arg?.kind === 'entity' ? arg.entity.id : undefined;
}

export function catalogUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const rel = vscode.workspace.getConfiguration('corpusLens').get<string>('catalogPath') ?? '.corpus-lens/catalog.json';
  return folder && vscode.Uri.joinPath(folder.uri, rel);
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
  const source = e.source as { uri: string; range: { start: { line: number; character: number } } } | undefined;
  if (source) {
    const pos = new vscode.Position(source.range.start.line, source.range.start.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(source.uri), { selection: new vscode.Range(pos, pos) });
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(storable(e), null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { preview: true });
  void vscode.window.showInformationMessage('This entry ships with Corpus Lens. Add an alias (or copy it into the workspace catalog) to change it for this workspace.');
}

/** Adds `alias` to the entity in the workspace catalog, creating the file or the entry as needed. */
export async function addAlias(client: LanguageClient, arg: string | TreeNode, aliasArg?: string): Promise<boolean> {
  const e = await entityOf(client, arg);
  const uri = catalogUri();
  if (!e || !uri) return false;
  const alias = aliasArg ?? (await vscode.window.showInputBox({ prompt: `New alias or spelling for ${e.ar}`, validateInput: (v) => (v.trim().length < 2 ? 'At least two characters' : undefined) }));
  if (!alias) return false;
  let text = '{\n  "entities": []\n}\n';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  }
  const root = jsonc.parseTree(text);
  const entries = (root && jsonc.findNodeAtLocation(root, ['entities'])?.children) ?? [];
  const entry = storable(e);
  const at = entries.findIndex((n) => jsonc.findNodeAtLocation(n, ['id'])?.value === entry.id);
  const format = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
  let edits: jsonc.EditResult;
  if (at >= 0) {
    const aliases = (jsonc.getNodeValue(entries[at]) as { aliases?: string[] }).aliases ?? [];
    edits = jsonc.modify(text, ['entities', at, 'aliases'], [...aliases, alias.trim()], format);
  } else {
    // A shipped entry is copied whole: a workspace entry with the same id replaces it.
    const aliases = [...((entry.aliases as string[] | undefined) ?? []), alias.trim()];
    edits = jsonc.modify(text, ['entities', entries.length], { ...entry, aliases }, { ...format, isArrayInsertion: true });
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(jsonc.applyEdits(text, edits)));
  void vscode.window.setStatusBarMessage(`Corpus Lens: alias “${alias.trim()}” added to ${vscode.workspace.asRelativePath(uri)}`, 4000);
  return true;
}
