/**
 * Gives corpus files the article language (grammar, semantic colours): a plain-text file that
 * matches the corpus globs of its workspace and holds Arabic text. `.txt` files of other kinds,
 * and those outside the workspace, stay plain text.
 */
import * as vscode from 'vscode';

export function isCorpusArticle(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return false;
  const include = vscode.workspace.getConfiguration('corpusLens', doc.uri).get<string[]>('include') ?? ['**/*.txt'];
  const matches = include.some((g) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, g) }, doc) > 0);
  return matches && /[\u0600-\u06ff]/.test(doc.getText(new vscode.Range(0, 0, 60, 0)));
}

export function registerArticleLanguage(): vscode.Disposable {
  const apply = (doc: vscode.TextDocument) => {
    if (isCorpusArticle(doc)) void vscode.languages.setTextDocumentLanguage(doc, 'corpus-article');
  };
  vscode.workspace.textDocuments.forEach(apply);
  return vscode.workspace.onDidOpenTextDocument(apply);
}
