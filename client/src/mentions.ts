/** An entity's mentions: all of them in the references view (Show All Mentions), or one opened (a mention row). */
import * as vscode from 'vscode';
import type { LanguageClient, Location } from 'vscode-languageclient/node';
import { MentionsRequest } from '../../server/src/protocol';
import { entityIdOf } from './catalogCommands';
import type { TreeNode } from './entityTree';

/** Opens the article at a mention (an LSP location, as a mention row gives it), the mention selected. */
export async function openMention(client: LanguageClient, location: Location): Promise<void> {
  const { uri, range } = client.protocol2CodeConverter.asLocation(location);
  const editor = await vscode.window.showTextDocument(uri, { selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Lists an entity's mentions (those the server gives: at most the references limit) in the references view. */
export async function showMentions(client: LanguageClient, arg: string | TreeNode): Promise<void> {
  const id = entityIdOf(arg);
  if (!id) return;
  const found = await client.sendRequest(MentionsRequest, { id });
  if (found.length === 0) return;
  const locations = found.map((l) => client.protocol2CodeConverter.asLocation(l));
  await vscode.commands.executeCommand('editor.action.showReferences', locations[0].uri, locations[0].range.start, locations);
}
