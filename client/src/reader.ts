/**
 * The Reader: a panel beside the editor that shows the active article right to left, with its
 * entities marked. It follows the editor (the article shown is the active one; edits show;
 * the cursor's place is highlighted) and leads it (a click puts the cursor there). Its
 * reading aids live in the page's state; the article shown survives a window reload.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ArticlesRequest, CardRequest, ReaderRequest, type ArticleGroup } from '../../server/src/protocol';
import { PanelShell } from './panels/panelShell';
import { READER_CONTROLS, readerBody } from './readerHtml';

/** What the page asks of the extension. */
interface PageMessage {
  type: 'ready' | 'reveal' | 'card' | 'showMentions' | 'revealEntity' | 'prev' | 'next';
  offset?: number;
  id?: string;
}

/** What the extension tells the page. */
type ReaderMessage = { type: 'render'; body: string; sameArticle: boolean } | { type: 'cursor'; offset: number } | { type: 'card'; text: string; id?: string };

export class Reader implements vscode.Disposable {
  private readonly shell: PanelShell<ReaderMessage, PageMessage>;
  private uri: vscode.Uri | undefined;
  private shown: string | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {
    this.shell = new PanelShell<ReaderMessage, PageMessage>(
      context,
      { viewType: 'corpusLens.reader', title: 'Reader', styles: ['media/reader.css'], scripts: ['media/reader.js'], body: READER_CONTROLS, lang: 'ar', dir: 'rtl', icon: 'media/corpus-lens.svg' },
      {
        onMessage: (m) => this.onMessage(m),
        // The page's own state holds its reading aids; the article comes back through 'ready'.
        onDispose: () => (this.shown = undefined),
      },
    );
    this.disposables.push(
      this.shell,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.shell.panel && e && this.isArticle(e.document)) void this.showDocument(e.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.shell.panel && this.uri && e.document.uri.toString() === this.uri.toString()) this.renderSoon();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.shell.panel && this.uri && e.textEditor.document.uri.toString() === this.uri.toString()) {
          void this.shell.post({ type: 'cursor', offset: e.textEditor.document.offsetAt(e.selections[0].active) });
        }
      }),
    );
  }

  private isArticle(doc: vscode.TextDocument): boolean {
    return doc.uri.scheme === 'file' && (doc.languageId === 'corpus-article' || doc.languageId === 'plaintext');
  }

  /** Opens the Reader beside the editor on `uri` (the active article when not given). */
  async open(uri = vscode.window.activeTextEditor?.document.uri): Promise<void> {
    this.shell.open(vscode.ViewColumn.Beside, true);
    if (uri) await this.showDocument(uri);
  }

  private async showDocument(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    await this.render();
  }

  private renderSoon(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => void this.render(), 100);
  }

  private async render(): Promise<void> {
    const uri = this.uri;
    if (!this.shell.panel || !uri || !this.client.isRunning()) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const data = await this.client.sendRequest(ReaderRequest, { uri: uri.toString() });
    const body = data ? readerBody(doc.getText(), data) : '<p class="empty">This file is not an article of the corpus.</p>';
    this.shell.title = `Reader: ${vscode.workspace.asRelativePath(uri)}`;
    void this.shell.post({ type: 'render', body, sameArticle: this.shown === uri.toString() });
    this.shown = uri.toString();
    // What a reload brings back (the page asks with 'ready').
    void this.context.workspaceState.update('corpusLens.readerUri', uri.toString());
  }

  private async onMessage(m: PageMessage): Promise<void> {
    const uri = this.uri;
    if (m.type === 'ready') {
      this.uri ??= (() => {
        const saved = this.context.workspaceState.get<string>('corpusLens.readerUri');
        return saved ? vscode.Uri.parse(saved) : undefined;
      })();
      this.shown = undefined;
      await this.render();
      return;
    }
    if (!uri) return;
    if (m.type === 'reveal' && m.offset !== undefined) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const pos = doc.positionAt(m.offset);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos), preserveFocus: false });
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    if (m.type === 'card' && m.offset !== undefined) {
      const text = await this.client.sendRequest(CardRequest, { uri: uri.toString(), offset: m.offset });
      const data = await this.client.sendRequest(ReaderRequest, { uri: uri.toString() });
      const mark = data?.marks.find((x) => x.start <= m.offset! && m.offset! < x.end);
      void this.shell.post({ type: 'card', text: text ?? '', id: mark?.id });
    }
    if (m.type === 'showMentions' && m.id) await vscode.commands.executeCommand('corpusLens.showMentions', m.id);
    if (m.type === 'revealEntity' && m.id) await vscode.commands.executeCommand('corpusLens.reveal', m.id);
    if (m.type === 'prev' || m.type === 'next') {
      const next = await this.adjacent(uri, m.type === 'next' ? 1 : -1);
      if (next) await vscode.window.showTextDocument(vscode.Uri.parse(next), { viewColumn: vscode.ViewColumn.One, preserveFocus: true }).then((e) => this.showDocument(e.document.uri));
    }
  }

  /** The article before or after `uri` by date, from the Articles view's list. */
  private async adjacent(uri: vscode.Uri, step: 1 | -1): Promise<string | undefined> {
    const list: ArticleGroup[] = [];
    const walk = async (params: { year?: string; month?: string }) => {
      for (const g of await this.client.sendRequest(ArticlesRequest, params)) {
        if (g.kind === 'article') list.push(g);
        else if (g.kind === 'year') await walk({ year: g.key });
        else if (g.kind === 'month') await walk({ year: g.key.slice(0, 4), month: g.key });
      }
    };
    await walk({});
    // The view lists the newest first.
    const i = list.findIndex((g) => g.key === uri.toString());
    const j = i - step;
    return i >= 0 && j >= 0 && j < list.length ? list[j].key : undefined;
  }

  dispose(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}
