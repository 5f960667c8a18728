/**
 * Which entity a command is about: the one given (an id, a tree item, a list of ids), else the
 * name under the editor's cursor, else one the user picks from the corpus's entities.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, EntitiesRequest, ReaderRequest, type EntityItem } from '../../server/src/protocol';
import { entityIdOf } from './catalogCommands';
import type { TreeNode } from './entityTree';
import { count } from './labels';

/** The ids a command was given: an id, ids, or an entity's tree item; empty when none. */
export function givenIds(arg: unknown): string[] {
  if (Array.isArray(arg)) return arg.filter((x): x is string => typeof x === 'string');
  const id = typeof arg === 'string' || (typeof arg === 'object' && arg !== null && 'kind' in arg) ? entityIdOf(arg as string | TreeNode) : undefined;
  return id ? [id] : [];
}

/** The entity named under the active editor's cursor, if any. */
export async function entityAtCursor(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const offset = editor.document.offsetAt(editor.selection.active);
  const data = await client.sendRequest(ReaderRequest, { uri: editor.document.uri.toString() });
  return data?.marks.find((m) => m.id && m.start <= offset && offset <= m.end)?.id;
}

/** An entity the user picks from those the corpus names (most mentioned first); undefined when dismissed. */
export async function pickEntity(client: LanguageClient, placeHolder: string, leaveOut: readonly string[] = []): Promise<string | undefined> {
  const lists = await Promise.all(ENTITY_TYPES.map((type) => client.sendRequest(EntitiesRequest, { type })));
  const items = lists
    .flat()
    .filter((e) => !leaveOut.includes(e.id))
    .sort((a, b) => b.mentions - a.mentions)
    .map((e: EntityItem) => ({ label: e.ar, description: [e.en, ENTITY_TYPE_INFO[e.type].label, count(e.mentions, 'mention')].filter(Boolean).join(' · '), id: e.id }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.id;
}

/** The ids given, else the name under the cursor, else a pick; empty when the user dismissed the pick. */
export async function chosenIds(client: LanguageClient, arg: unknown, placeHolder: string): Promise<string[]> {
  const given = givenIds(arg);
  if (given.length > 0) return given;
  const here = await entityAtCursor(client);
  if (here) return [here];
  const picked = await pickEntity(client, placeHolder);
  return picked ? [picked] : [];
}
