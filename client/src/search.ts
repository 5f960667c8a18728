/** "Corpus Lens: Search": a QuickPick fed by the server as you type, previewing as you move. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SearchRequest, type SearchResult } from '../../server/src/protocol';
import { count } from './labels';

interface Pick extends vscode.QuickPickItem {
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * Sections are separator rows, which VS Code hides while the typed text filters the list; so
 * every row also names its section in its description.
 */
export function toPicks(r: SearchResult): Pick[] {
  const picks: Pick[] = [];
  if (r.entities.length) picks.push({ label: 'Entities', kind: vscode.QuickPickItemKind.Separator });
  for (const e of r.entities) picks.push({ label: `$(symbol-class) ${e.ar}`, description: `Entity · ${e.en ? `${e.en} · ` : ''}${count(e.mentions, 'mention')}`, detail: e.role, uri: e.location?.uri, range: e.location?.range, alwaysShow: true });
  if (r.headlines.length) picks.push({ label: 'Headlines', kind: vscode.QuickPickItemKind.Separator });
  for (const h of r.headlines) picks.push({ label: `$(file-text) ${h.headline}`, description: `Headline${h.date ? ` · ${h.date}` : ''}`, uri: h.uri, range: h.range, alwaysShow: true });
  if (r.passages.length) picks.push({ label: 'Passages', kind: vscode.QuickPickItemKind.Separator });
  for (const p of r.passages) {
    const [s, e] = p.matches[0] ?? [0, 0];
    const from = Math.max(0, s - 40);
    picks.push({ label: `$(quote) ${p.text.slice(from, e + 60)}`, description: `Passage · ${p.headline}`, uri: p.uri, range: p.range, alwaysShow: true });
  }
  return picks;
}

export async function runSearch(client: LanguageClient, initial = ''): Promise<void> {
  const qp = vscode.window.createQuickPick<Pick>();
  qp.placeholder = 'Search people, places, headlines and passages (Arabic or Latin)';
  // VS Code highlights where the typed text appears in a label, description or detail (an
  // extension cannot pass match ranges of its own); every item is alwaysShow, so none is hidden.
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.value = initial;
  let seq = 0;
  const update = async () => {
    const mine = ++seq;
    qp.busy = true;
    const r = await client.sendRequest(SearchRequest, { query: qp.value });
    if (mine !== seq) return;
    qp.items = toPicks(r);
    qp.busy = false;
  };
  const reveal = async (p: Pick | undefined, preview: boolean) => {
    if (!p?.uri || !p.range) return;
    const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(p.uri), { selection: range, preview, preserveFocus: preview });
  };
  qp.onDidChangeValue(() => void update());
  qp.onDidChangeActive((items) => void reveal(items[0], true));
  qp.onDidAccept(() => {
    void reveal(qp.selectedItems[0] ?? qp.activeItems[0], false);
    qp.hide();
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
  if (initial) await update();
}
