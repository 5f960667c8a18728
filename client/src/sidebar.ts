/**
 * The Corpus Lens side bar: a view per entity type (its id from the core's table of types), the
 * names no catalog holds (Names to Review) and the Articles view. The entity views share a sort
 * and a filter, the filter shown in their titles.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, type EntityKind, type EntitySort } from '../../server/src/protocol';
import { ArticleTreeProvider } from './articleTree';
import { EntityTreeProvider, type TreeNode, type TreeScope } from './entityTree';

/** How long the views wait for a burst of status notifications to end before they ask for their rows again. */
const REFRESH_DELAY_MS = 200;

export class Sidebar implements vscode.Disposable {
  readonly articles: ArticleTreeProvider;
  private readonly trees = new Map<TreeScope, EntityTreeProvider>();
  private readonly entityViews = new Map<EntityKind, vscode.TreeView<TreeNode>>();
  private readonly views: vscode.TreeView<unknown>[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private shownFilter = '';

  constructor(client: LanguageClient) {
    for (const type of ENTITY_TYPES) this.entityViews.set(type, this.treeView(ENTITY_TYPE_INFO[type].view, new EntityTreeProvider(type, client)));
    this.treeView('corpusLens.unlisted', new EntityTreeProvider('unlisted', client));
    this.articles = new ArticleTreeProvider(client);
    this.views.push(vscode.window.createTreeView('corpusLens.articles', { treeDataProvider: this.articles, showCollapseAll: true }));
  }

  private treeView(id: string, provider: EntityTreeProvider): vscode.TreeView<TreeNode> {
    this.trees.set(provider.type, provider);
    const view = vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
    this.views.push(view);
    return view;
  }

  /** The tree of an entity view, or of Names to Review. */
  tree(scope: TreeScope): EntityTreeProvider {
    return this.trees.get(scope)!;
  }

  /** Calls `open` when a view is visible now, and each time one is made visible. */
  whenOpen(open: (why: string) => void): vscode.Disposable {
    if (this.views.some((v) => v.visible)) open('the Corpus Lens view is open');
    return vscode.Disposable.from(...this.views.map((v) => v.onDidChangeVisibility((e) => e.visible && open('the Corpus Lens view was opened'))));
  }

  refresh(): void {
    this.trees.forEach((t) => t.refresh());
    this.articles.refresh();
  }

  /** Refreshes once the index has stopped changing for a moment (statuses come in bursts). */
  refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  /** The entity views' filter ('' when none). */
  get filter(): string {
    return this.shownFilter;
  }

  /** Filters the entity views (empty: no filter); the filter shows in each view's title, with a command to clear it. */
  setFilter(value: string): void {
    const filter = (this.shownFilter = value.trim());
    this.trees.forEach((t) => ((t.filter = filter), t.refresh()));
    for (const view of this.entityViews.values()) view.description = filter ? `filtered: ${filter}` : undefined;
    void vscode.commands.executeCommand('setContext', 'corpusLens.filtered', filter !== '');
  }

  setSort(sort: EntitySort): void {
    this.trees.forEach((t) => ((t.sort = sort), t.refresh()));
  }

  /** Selects the entity in the view of its type, focused and expanded. */
  async reveal(id: string): Promise<void> {
    for (const [type, view] of this.entityViews) {
      const roots = await this.tree(type).getChildren();
      const node = roots.find((n) => n.kind === 'entity' && n.entity.id === id);
      if (node) {
        await vscode.commands.executeCommand(`${ENTITY_TYPE_INFO[type].view}.focus`);
        await view.reveal(node, { select: true, focus: true, expand: true });
        return;
      }
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.views.forEach((v) => v.dispose());
    this.trees.forEach((t) => t.dispose());
    this.articles.dispose();
  }
}
