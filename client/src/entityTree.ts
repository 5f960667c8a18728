/**
 * The sidebar trees: one provider class serves People, Organisations, Places, Topics and the
 * names no catalog holds (Names to Review).
 * entity → articles (newest first) → mentions as keyword-in-context lines.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { count, derivedMark, isolate, ltr } from './labels';
import { ArticleMentionsRequest, ENTITY_TYPE_INFO, EntitiesRequest, EntityArticlesRequest, UnlistedNamesRequest, type EntityArticle, type EntityItem, type EntityKind, type EntitySort, type MentionLine, type UnlistedName } from '../../server/src/protocol';
import { ServerTreeProvider } from './serverTree';

export type TreeNode =
  | { kind: 'entity'; entity: EntityItem }
  | { kind: 'article'; entity: EntityItem; article: EntityArticle }
  | { kind: 'mention'; mention: MentionLine };

/** An entity view's type, or the names no catalog holds. */
export type TreeScope = EntityKind | 'unlisted';

export class EntityTreeProvider extends ServerTreeProvider<TreeNode> {
  sort: EntitySort = 'mentions';
  filter = '';
  private roots: TreeNode[] = [];

  constructor(readonly type: TreeScope, client: LanguageClient) {
    super(client);
  }

  protected async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const items =
        this.type === 'unlisted'
          ? await this.client.sendRequest(UnlistedNamesRequest, {})
          : await this.client.sendRequest(EntitiesRequest, { type: this.type, sort: this.sort, filter: this.filter || undefined });
      // Keep node identity stable by id so that expansion survives a refresh.
      this.roots = items.map((entity) => ({ kind: 'entity', entity }));
      return this.roots;
    }
    if (node.kind === 'entity') {
      const arts = await this.client.sendRequest(EntityArticlesRequest, { id: node.entity.id });
      return arts.map((article) => ({ kind: 'article', entity: node.entity, article }));
    }
    if (node.kind === 'article') {
      const lines = await this.client.sendRequest(ArticleMentionsRequest, { id: node.entity.id, uri: node.article.uri });
      return lines.map((mention) => ({ kind: 'mention', mention }));
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'article') return this.roots.find((r) => r.kind === 'entity' && r.entity.id === node.entity.id);
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'entity' && this.type === 'unlisted') return unlistedItem(node.entity as UnlistedName);
    if (node.kind === 'entity') {
      const e = node.entity;
      const t = new vscode.TreeItem(isolate(e.ar), vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `${this.type}/${e.id}`;
      t.description = ltr(`${e.en ? `${e.en} · ` : ''}${count(e.mentions, 'mention')} · ${count(e.articles, 'article')}${e.discovered ? ' · discovered' : ''}`);
      // A plain-text tooltip: corpus text is never rendered as Markdown here.
      t.tooltip = [e.ar, e.en, e.role, e.discovered ? 'Discovered from the text (not in the catalog)' : undefined].filter(Boolean).join('\n');
      t.iconPath = new vscode.ThemeIcon(e.discovered ? 'question' : ENTITY_TYPE_INFO[e.type].icon);
      t.contextValue = 'entity';
      return t;
    }
    if (node.kind === 'article') {
      const a = node.article;
      const t = new vscode.TreeItem(isolate(a.headline || vscode.workspace.asRelativePath(vscode.Uri.parse(a.uri))), vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `${this.type}/${node.entity.id}/${a.uri}`;
      const mark = derivedMark(a.derived);
      t.description = ltr(`${a.date ?? 'undated'} · ${count(a.count, 'mention')}${mark.note}`);
      t.tooltip = `${a.headline}${mark.tooltip}\n${vscode.workspace.asRelativePath(vscode.Uri.parse(a.uri))}`;
      t.iconPath = new vscode.ThemeIcon('file-text');
      t.resourceUri = vscode.Uri.parse(a.uri);
      return t;
    }
    const m = node.mention;
    // Highlights count in the label's characters: the line is shown as it is.
    const t = new vscode.TreeItem({ label: m.line, highlights: [[m.matchStart, m.matchEnd]] }, vscode.TreeItemCollapsibleState.None);
    t.tooltip = m.line;
    t.command = { command: 'corpusLens.openMention', title: 'Open Mention', arguments: [m.location] };
    return t;
  }
}

/** A name to review: its type, its automatic Latin spelling, its figures, and why it was found. */
function unlistedItem(e: UnlistedName): vscode.TreeItem {
  const t = new vscode.TreeItem(isolate(e.ar), vscode.TreeItemCollapsibleState.Collapsed);
  t.id = `unlisted/${e.id}`;
  t.description = ltr(`${ENTITY_TYPE_INFO[e.type].label.toLowerCase()} · ${e.latin} · ${count(e.articles, 'article')} · ${count(e.mentions, 'mention')}`);
  t.tooltip = [e.ar, `${e.latin} (automatic Latin spelling)`, e.reason ? `Found as: ${e.reason}` : 'Found from how the text writes it', `Forms seen: ${e.forms.join('، ')}`, 'Add it to the workspace catalog, merge it into an entity, or ignore it.'].join('\n');
  t.iconPath = new vscode.ThemeIcon(ENTITY_TYPE_INFO[e.type].icon);
  t.contextValue = 'unlistedName';
  return t;
}
