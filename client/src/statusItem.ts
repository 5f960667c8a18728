/** The status bar item: indexing progress, then the corpus's figures; a click opens the side bar. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import { count } from './labels';

export class IndexingStatus implements vscode.Disposable {
  /** Resolves with the status once the first full indexing has finished. */
  readonly indexed: Promise<StatusParams>;
  private resolveIndexed: (s: StatusParams) => void = () => undefined;
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private last: StatusParams | undefined;

  constructor() {
    this.indexed = new Promise<StatusParams>((r) => (this.resolveIndexed = r));
    this.item.command = 'workbench.view.extension.corpusLens';
    this.item.text = '$(library) Corpus Lens';
  }

  /** The server's last status, once one came. */
  get status(): StatusParams | undefined {
    return this.last;
  }

  show(): void {
    this.item.show();
  }

  /** Shows a status from the server; true when it ends an indexing (the first status too, when idle). */
  update(s: StatusParams): boolean {
    const was = this.last;
    this.last = s;
    this.item.text = s.indexing ? `$(sync~spin) Corpus Lens ${s.done}/${s.total}` : `$(library) ${count(s.articles, 'article')} · ${count(s.entities, 'entity', 'entities')}`;
    this.item.tooltip = statusTooltip(s);
    if (!s.indexing) this.resolveIndexed(s);
    return !s.indexing && (was === undefined || was.indexing);
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** What the status item's tooltip says: what was indexed, and how long it took. */
function statusTooltip(s: StatusParams): string {
  const lines = [
    `Corpus Lens: ${count(s.articles, 'article')} from ${count(s.total, 'file')} listed, ${count(s.entities, 'entity', 'entities')}`,
    s.indexing ? `Indexing: ${s.done} of ${s.total} files` : s.scanMs !== undefined ? `Indexed in ${(s.scanMs / 1000).toFixed(1)} s` : '',
    s.total > s.articles + s.skipped.length ? `${count(s.total - s.articles - s.skipped.length, 'file')} not articles (not mostly Arabic, or empty)` : '',
    s.skipped.length ? `Skipped:\n${s.skipped.map((k) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(k.uri))}: ${k.reason}`).join('\n')}` : '',
    'Click to open the sidebar',
  ];
  return lines.filter(Boolean).join('\n');
}
