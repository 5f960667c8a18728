/** The Articles view: year → month → article, newest first; clicking an article opens it at its headline. */
import * as vscode from 'vscode';
import { count, derivedMark, isolate, ltr } from './labels';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ArticlesRequest, type ArticleGroup } from '../../server/src/protocol';

export class ArticleTreeProvider implements vscode.TreeDataProvider<ArticleGroup> {
  private readonly changed = new vscode.EventEmitter<ArticleGroup | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ArticleGroup): Promise<ArticleGroup[]> {
    if (!this.client.isRunning()) return Promise.resolve([]);
    if (!node) return Promise.resolve(this.client.sendRequest(ArticlesRequest, {}));
    if (node.kind === 'year') return Promise.resolve(this.client.sendRequest(ArticlesRequest, { year: node.key }));
    if (node.kind === 'month') return Promise.resolve(this.client.sendRequest(ArticlesRequest, { year: node.key.slice(0, 4), month: node.key }));
    return Promise.resolve([]);
  }

  getTreeItem(node: ArticleGroup): vscode.TreeItem {
    if (node.kind !== 'article') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `articles/${node.key}`;
      t.description = count(node.count, 'article');
      t.iconPath = new vscode.ThemeIcon(node.kind === 'year' ? 'calendar' : 'folder');
      return t;
    }
    const uri = vscode.Uri.parse(node.key);
    const t = new vscode.TreeItem(isolate(node.label), vscode.TreeItemCollapsibleState.None);
    t.id = `articles/${node.key}`;
    const mark = derivedMark(node.derived);
    t.description = ltr(`${node.date ?? 'undated'} · ${count(node.count, 'entity', 'entities')}${mark.note}`);
    t.tooltip = `${node.label}${mark.tooltip}\n${vscode.workspace.asRelativePath(uri)}`;
    t.resourceUri = uri;
    t.iconPath = new vscode.ThemeIcon('file-text');
    t.command = { command: 'vscode.open', title: 'Open Article', arguments: [uri] };
    return t;
  }
}
