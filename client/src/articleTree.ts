/** The Articles view: year → month → article, newest first; clicking an article opens it at its headline. */
import * as vscode from 'vscode';
import { count, derivedMark, isolate, ltr } from './labels';
import { ArticlesRequest, type ArticleGroup } from '../../server/src/protocol';
import { ServerTreeProvider } from './serverTree';

export class ArticleTreeProvider extends ServerTreeProvider<ArticleGroup> {
  protected async children(node?: ArticleGroup): Promise<ArticleGroup[]> {
    if (!node) return this.client.sendRequest(ArticlesRequest, {});
    if (node.kind === 'year') return this.client.sendRequest(ArticlesRequest, { year: node.key });
    if (node.kind === 'month') return this.client.sendRequest(ArticlesRequest, { year: node.key.slice(0, 4), month: node.key });
    return [];
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
