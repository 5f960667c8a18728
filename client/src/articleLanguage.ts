/**
 * Gives corpus files the article language: a plain-text file that matches the corpus globs of
 * its workspace and holds Arabic text. `.txt` files of other kinds, and those outside the
 * workspace, stay plain text, and so does an article the user set to another language.
 */
import * as vscode from 'vscode';
import { includeGlobs } from './settings';

export function isCorpusArticle(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return false;
  const matches = includeGlobs(doc.uri).some((g) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, g) }, doc) > 0);
  return matches && /[\u0600-\u06ff]/.test(doc.getText(new vscode.Range(0, 0, 60, 0)));
}

/** Files whose language the user set to something else than the article's: left as they chose (kept per workspace). */
const CHOSEN_KEY = 'corpusLens.languageChosen';

export function registerArticleLanguage(context: vscode.ExtensionContext): vscode.Disposable {
  const chosen = new Set(context.workspaceState.get<string[]>(CHOSEN_KEY, []));
  const save = () => void context.workspaceState.update(CHOSEN_KEY, [...chosen]);
  const apply = (doc: vscode.TextDocument) => {
    if (isCorpusArticle(doc) && !chosen.has(doc.uri.toString())) void vscode.languages.setTextDocumentLanguage(doc, 'corpus-article');
  };
  // A language change closes the document and opens it again while its tab stays open: an
  // article closed that way, its tab still there, was given another language by the user.
  const isOpenInTab = (uri: vscode.Uri) => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  vscode.workspace.textDocuments.forEach(apply);
  return vscode.Disposable.from(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.languageId === 'corpus-article' && isOpenInTab(doc.uri)) {
        chosen.add(doc.uri.toString());
        save();
      }
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      // Set back to the article's language by the user: it is theirs to keep again.
      if (doc.languageId === 'corpus-article' && chosen.delete(doc.uri.toString())) save();
      apply(doc);
    }),
  );
}
