/** Opens an article listed in a panel, with a range selected, in the first editor column (the panel keeps its own). */
import * as vscode from 'vscode';

export interface ArticleRange {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export async function openArticle(at: ArticleRange): Promise<void> {
  const r = at.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(at.uri), { viewColumn: vscode.ViewColumn.One, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
