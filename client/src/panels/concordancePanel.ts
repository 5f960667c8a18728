/**
 * The Concordance panel: keyword-in-context lines of an entity, a word or phrase, or a regular
 * expression, with collocates and export. Opened from an entity (tree, hover, context menu), the
 * name under the cursor, a selection, or a typed query. The page draws and keeps its state; this
 * side forwards its requests to the server (the newest of each kind cancels the one before) and
 * opens the articles.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CollocatesRequest, ConcordanceExportRequest, ConcordanceRequest, EntityAtRequest, EntityRequest, type ConcordanceFilter, type ConcordanceQuery } from '../../../server/src/protocol';
import { entityIdOf } from '../catalogCommands';
import type { TreeNode } from '../entityTree';
import type { FromConcordancePage, ToConcordancePage } from './concordanceMessages';
import { CONCORDANCE_CONTROLS } from './concordanceControls';
import { PanelShell } from './panelShell';

export const CONCORDANCE_VIEW_TYPE = 'corpusLens.concordance';

export class ConcordancePanel implements vscode.Disposable {
  private readonly shell: PanelShell<ToConcordancePage, FromConcordancePage>;
  /** A query asked for before the page was ready to take it. */
  private pending: { query: ConcordanceQuery; label: string; filter?: ConcordanceFilter; keepFocus?: boolean } | undefined;
  private ready = false;
  private readonly inFlight = new Map<'fetch' | 'collocates', vscode.CancellationTokenSource>();

  /** `started`: the server running (a panel restored after a reload may ask before anything started it). */
  constructor(context: vscode.ExtensionContext, private readonly client: LanguageClient, private readonly started: () => Promise<void>) {
    this.shell = new PanelShell(
      context,
      {
        viewType: CONCORDANCE_VIEW_TYPE,
        title: 'Concordance',
        styles: ['media/concordance.css'],
        scripts: ['dist/media/concordance.js'],
        body: CONCORDANCE_CONTROLS,
        icon: 'media/corpus-lens.svg',
        // Thousands of lines and the place in them: kept rather than drawn again.
        retainContextWhenHidden: true,
      },
      {
        onMessage: (m) => this.onMessage(m),
        onDispose: () => {
          this.ready = false;
          this.inFlight.forEach((t) => t.cancel());
        },
      },
    );
  }

  /**
   * Opens the panel on a query, its lines filtered when `filter` is given; `preserveFocus` leaves
   * the focus where it is (a timeline's period, chosen with the keyboard, opens its lines beside).
   */
  show(query: ConcordanceQuery, label: string, filter?: ConcordanceFilter, preserveFocus = false): void {
    const fresh = !this.shell.panel;
    this.shell.open(vscode.ViewColumn.Beside, preserveFocus);
    this.shell.title = `Concordance: ${label}`;
    if (fresh || !this.ready) {
      this.ready = false;
      this.pending = { query, label, filter, keepFocus: preserveFocus };
    } else void this.shell.post({ type: 'query', query, label, filter, keepFocus: preserveFocus });
  }

  /**
   * The query a command means: the entity it was given, else the active editor's selection (a
   * word or phrase), else the name under the cursor, else one the user types.
   */
  async queryFor(arg: unknown): Promise<{ query: ConcordanceQuery; label: string } | undefined> {
    const id = entityIdOf(arg as string | TreeNode | undefined);
    if (id) {
      const e = await this.client.sendRequest(EntityRequest, { id });
      return { query: { kind: 'entity', id }, label: e ? (e.en ? `${e.ar} (${e.en})` : e.ar) : id };
    }
    const editor = vscode.window.activeTextEditor;
    // From the editor's context menu the command gets the document's URI.
    if (editor && (arg === undefined || arg instanceof vscode.Uri)) {
      const selected = editor.document.getText(editor.selection).trim();
      if (selected && !selected.includes('\n')) return { query: { kind: 'words', text: selected }, label: selected };
      const at = await this.client.sendRequest(EntityAtRequest, { uri: editor.document.uri.toString(), position: this.client.code2ProtocolConverter.asPosition(editor.selection.active) });
      if (at) return { query: { kind: 'entity', id: at.id }, label: at.label };
    }
    const typed = await vscode.window.showInputBox({
      title: 'Concordance',
      prompt: 'A word or phrase (spelling variants, diacritics and proclitics are matched), or /a regular expression/',
      placeHolder: 'العقوبات · وزير الخارجية · /لاف.?روف/',
    });
    if (!typed?.trim()) return undefined;
    const regex = /^\/(.+)\/(i?)$/u.exec(typed.trim());
    return regex ? { query: { kind: 'regex', pattern: regex[1], ignoreCase: regex[2] === 'i' }, label: typed.trim() } : { query: { kind: 'words', text: typed.trim() }, label: typed.trim() };
  }

  private async onMessage(m: FromConcordancePage): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      const pending = this.pending;
      this.pending = undefined;
      if (pending) void this.shell.post({ type: 'query', ...pending });
      return;
    }
    if (m.type === 'fetch') {
      const page = await this.ask('fetch', m.seq, (token) => this.client.sendRequest(ConcordanceRequest, m.params, token));
      if (page) {
        this.shell.title = `Concordance: ${page.label || 'no query'}`;
        void this.shell.post({ type: 'page', seq: m.seq, page });
      }
      return;
    }
    if (m.type === 'collocates') {
      const result = await this.ask('collocates', m.seq, (token) => this.client.sendRequest(CollocatesRequest, m.params, token));
      if (result) void this.shell.post({ type: 'collocates', seq: m.seq, result });
      return;
    }
    if (m.type === 'open') {
      const range = this.client.protocol2CodeConverter.asRange(m.range);
      // Beside the panel: in the first column, unless the panel is there.
      const column = this.shell.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { viewColumn: column, selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    if (m.type === 'export') await this.export(m);
  }

  /** Sends a request of one kind, cancelling the one of that kind before it; posts why it failed. */
  private async ask<T>(kind: 'fetch' | 'collocates', seq: number, send: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
    this.inFlight.get(kind)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.inFlight.set(kind, source);
    try {
      await this.started();
      return await send(source.token);
    } catch (e) {
      void this.shell.post({ type: 'failed', seq, message: e instanceof Error ? e.message : String(e), cancelled: source.token.isCancellationRequested || isCancelled(e) });
      return undefined;
    } finally {
      if (this.inFlight.get(kind) === source) this.inFlight.delete(kind);
      source.dispose();
    }
  }

  private async export(m: Extract<FromConcordancePage, { type: 'export' }>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `concordance-${m.label.replace(/[\\/:*?"<>|\s()]+/gu, '-').replace(/^-+|-+$/g, '') || 'lines'}.${m.format}`;
    const target = await vscode.window.showSaveDialog({
      title: 'Export concordance lines',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: m.format === 'csv' ? { 'CSV (UTF-8)': ['csv'] } : { JSON: ['json'] },
    });
    if (!target) return;
    try {
      const r = await this.client.sendRequest(ConcordanceExportRequest, { ...m.params, format: m.format, target: target.toString() });
      if (r.error) void vscode.window.showWarningMessage(`Corpus Lens: ${r.error}`);
      else void vscode.window.showInformationMessage(`Corpus Lens: ${r.lines.toLocaleString('en')} lines exported to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (e) {
      if (!isCancelled(e)) void vscode.window.showErrorMessage(`Corpus Lens: the export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.inFlight.forEach((t) => t.cancel());
    this.shell.dispose();
  }
}

function isCancelled(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: number }).code === -32800;
}
