/** Opens an article listed in a panel, with a range selected, in the first editor column (the panel keeps its own). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OpenArticleMessage } from './pageMessages';

export async function openArticle(client: LanguageClient, at: OpenArticleMessage): Promise<void> {
  const range = client.protocol2CodeConverter.asRange(at.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(at.uri), { viewColumn: vscode.ViewColumn.One, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
