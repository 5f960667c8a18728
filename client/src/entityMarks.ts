/**
 * Marks the mentions of the visible articles by type with decorations drawn behind and under
 * the text (a tint and an underline), as the editor draws selections: unlike coloured letters
 * (semantic tokens, a grammar's scopes), they do not split a line into separately laid-out
 * pieces, so an Arabic line keeps its right-to-left order on screen.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_TYPES, EntityMarksRequest, type EntityMark, type MarkType } from '../../server/src/protocol';
import { affectsSettings, markEntities } from './settings';

const TYPES: readonly MarkType[] = [...ENTITY_TYPES, 'date'];

/** A decoration type per mark type, and a lighter one for demonyms (الروسي → Russia). */
function decorationTypes(): Map<string, vscode.TextEditorDecorationType> {
  const out = new Map<string, vscode.TextEditorDecorationType>();
  for (const type of TYPES) {
    const color = new vscode.ThemeColor(`corpusLens.${type}Mark`);
    out.set(type, vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor(`corpusLens.${type}MarkBackground`), borderColor: color, borderStyle: 'none none solid none', borderWidth: '0 0 2px 0', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }));
    out.set(`${type}/demonym`, vscode.window.createTextEditorDecorationType({ borderColor: color, borderStyle: 'none none dotted none', borderWidth: '0 0 2px 0', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }));
  }
  return out;
}

const keyOf = (m: EntityMark) => (m.demonym ? `${m.type}/demonym` : m.type);

/** Registers the marks; `repaint` is called when the index changed (a status notification). */
export function registerEntityMarks(client: LanguageClient): { disposable: vscode.Disposable; repaint(): void } {
  const types = decorationTypes();
  const pending = new Map<vscode.TextEditor, NodeJS.Timeout>();
  const paint = async (editor: vscode.TextEditor) => {
    const uri = editor.document.uri;
    if (uri.scheme !== 'file' || !client.isRunning()) return;
    const marks = markEntities() ? await client.sendRequest(EntityMarksRequest, { uri: uri.toString() }).catch(() => []) : [];
    // Site chrome's mentions are not counted, and not marked.
    const byKey = new Map<string, vscode.Range[]>([...types.keys()].map((k) => [k, []]));
    for (const m of marks) if (!m.boilerplate) byKey.get(keyOf(m))?.push(client.protocol2CodeConverter.asRange(m.range));
    for (const [k, t] of types) editor.setDecorations(t, byKey.get(k)!);
  };
  const soon = (editor: vscode.TextEditor, ms = 150) => {
    clearTimeout(pending.get(editor));
    pending.set(editor, setTimeout(() => (pending.delete(editor), void paint(editor)), ms));
  };
  const paintVisible = (ms = 0) => vscode.window.visibleTextEditors.forEach((e) => soon(e, ms));
  paintVisible();
  const disposable = vscode.Disposable.from(
    ...types.values(),
    vscode.window.onDidChangeVisibleTextEditors(() => paintVisible()),
    vscode.workspace.onDidChangeTextDocument((e) => vscode.window.visibleTextEditors.filter((v) => v.document === e.document).forEach((v) => soon(v))),
    vscode.workspace.onDidChangeConfiguration((e) => affectsSettings(e, 'editor') && paintVisible()),
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
  );
  // The index changes as files are indexed or the catalog is edited; statuses come in bursts.
  return { disposable, repaint: () => paintVisible(300) };
}
