/**
 * "Corpus Lens: Search": a QuickPick fed by the server as you type, previewing an item when the
 * user moves to it with the keys; Escape puts back the editor that was active before.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Range } from 'vscode-languageclient/node';
import { SearchRequest, type SearchResult } from '../../server/src/protocol';
import { count, derivedMark } from './labels';

interface Pick extends vscode.QuickPickItem {
  uri?: string;
  range?: Range;
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
  for (const h of r.headlines) picks.push({ label: `$(file-text) ${h.headline}`, description: `Headline${h.date ? ` · ${h.date}` : ''}${derivedMark(h.derived).note}`, uri: h.uri, range: h.range, alwaysShow: true });
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
  /** The item that becomes active because results arrived, until it has. */
  let arrived: Pick | undefined;
  const update = async () => {
    const mine = ++seq;
    qp.busy = true;
    const r = await client.sendRequest(SearchRequest, { query: qp.value });
    if (mine !== seq) return;
    const picks = toPicks(r);
    arrived = picks.find((p) => p.kind !== vscode.QuickPickItemKind.Separator);
    qp.items = picks;
    qp.busy = false;
  };
  // The editor to come back to, and the tabs open before, so that Escape closes only our previews.
  const before = vscode.window.activeTextEditor;
  const openBefore = new Set(openTabUris());
  let previewed = false;
  let accepted = false;
  const reveal = async (p: Pick | undefined, preview: boolean) => {
    if (!p?.uri || !p.range) return;
    const range = client.protocol2CodeConverter.asRange(p.range);
    if (preview) previewed = true;
    await vscode.window.showTextDocument(vscode.Uri.parse(p.uri), { selection: range, preview, preserveFocus: preview });
  };
  qp.onDidChangeValue(() => void update());
  // Results arriving make their first item active, which is no move of the user's: that change is
  // passed over, and only the arrow keys moving the active item preview.
  qp.onDidChangeActive((items) => {
    if (arrived !== undefined && items[0] === arrived) {
      arrived = undefined;
      return;
    }
    arrived = undefined;
    void reveal(items[0], true);
  });
  qp.onDidAccept(() => {
    accepted = true;
    void reveal(qp.selectedItems[0] ?? qp.activeItems[0], false);
    qp.hide();
  });
  qp.onDidHide(() => {
    if (!accepted && previewed) void restore(before, openBefore);
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
  if (initial) await update();
}

function openTabUris(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : ''))).filter(Boolean);
}

/** Closes the preview tabs the palette opened, then shows the editor that was active before it. */
async function restore(before: vscode.TextEditor | undefined, openBefore: ReadonlySet<string>): Promise<void> {
  const ours = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.isPreview && t.input instanceof vscode.TabInputText && !openBefore.has(t.input.uri.toString()));
  if (ours.length) await vscode.window.tabGroups.close(ours, true);
  if (before) await vscode.window.showTextDocument(before.document, { viewColumn: before.viewColumn, selection: before.selection, preview: false });
}
