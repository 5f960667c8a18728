/**
 * The extension: starts the language server when the workspace is a corpus (or the user asks)
 * and registers the UI. Every registration goes to `context.subscriptions`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type ArticleGroup, type NetworkParams, type StatusParams } from '../../server/src/protocol';
import { registerArticleLanguage } from './articleLanguage';
import { registerCommands } from './commands';
import { registerEntityMarks } from './entityMarks';
import type { TreeNode, TreeScope } from './entityTree';
import { ConcordancePanel } from './panels/concordancePanel';
import { NetworkPanel } from './panels/networkPanel';
import { TimelinePanel } from './panels/timelinePanel';
import type { TimelineState } from './panels/timelineMessages';
import { Reader } from './reader';
import { ServerLauncher } from './serverLauncher';
import { Sidebar } from './sidebar';
import { IndexingStatus } from './statusItem';

/** What the extension exports: used by its integration tests and by other extensions. */
export interface CorpusLensApi {
  /** Resolves with the status once the first full indexing has finished. */
  indexed(): Promise<StatusParams>;
  status(): StatusParams | undefined;
  /** The children of a tree node as the view shows them (roots when `node` is omitted). */
  treeChildren(type: TreeScope, node?: TreeNode): Promise<{ node: TreeNode; item: vscode.TreeItem }[]>;
  /** The children of an Articles view node (years when `node` is omitted). */
  articleChildren(node?: ArticleGroup): Promise<{ node: ArticleGroup; item: vscode.TreeItem }[]>;
  client: LanguageClient;
  /** The message shown when the server was left stopped after repeated crashes, if it was. */
  serverGaveUp(): string | undefined;
  /** What the Timeline panel shows, when it is open. */
  timelineShown(): TimelineState | undefined;
  /** The Network panel's filters, when it is open. */
  networkFilters(): NetworkParams | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<CorpusLensApi> {
  // A log channel: each line with its time.
  const output = vscode.window.createOutputChannel('Corpus Lens', { log: true });
  const status = new IndexingStatus();
  const server = new ServerLauncher(context, output, () => status.show());
  const client = server.client;
  const sidebar = new Sidebar(client);
  const marks = registerEntityMarks(client);
  // A panel restored after a window reload starts the server when it asks for its data.
  const panelServer = () => server.start('a Corpus Lens panel is open');
  const reader = new Reader(context, client);
  const concordance = new ConcordancePanel(context, client, panelServer);
  const timeline = new TimelinePanel(context, client, panelServer, concordance);
  const network = new NetworkPanel(context, client, panelServer);
  context.subscriptions.push(output, status, sidebar, reader, concordance, timeline, network, registerArticleLanguage(context), marks.disposable);
  context.subscriptions.push(
    sidebar.whenOpen((why) => void server.start(why)),
    ...registerCommands({ server, sidebar, reader, concordance, timeline, network }),
    server.forwardSettings(),
    client.onNotification(StatusNotification, (s) => {
      // The panels count again once indexing is done, the first time too (not while it runs, nor on each edit: a network drawn again moves).
      if (status.update(s)) void Promise.all([timeline.refresh(), network.refresh()]);
      marks.repaint();
      sidebar.refreshSoon();
    }),
    server,
  );
  await server.startIfCorpus();
  return exportedApi(status, server, sidebar, timeline, network);
}

function exportedApi(status: IndexingStatus, server: ServerLauncher, sidebar: Sidebar, timeline: TimelinePanel, network: NetworkPanel): CorpusLensApi {
  return {
    indexed: () => status.indexed,
    status: () => status.status,
    treeChildren: async (type, node) => {
      const tree = sidebar.tree(type);
      return (await tree.getChildren(node)).map((n) => ({ node: n, item: tree.getTreeItem(n) }));
    },
    articleChildren: async (node) => (await sidebar.articles.getChildren(node)).map((n) => ({ node: n, item: sidebar.articles.getTreeItem(n) })),
    client: server.client,
    serverGaveUp: () => server.gaveUpMessage,
    timelineShown: () => timeline.shown,
    networkFilters: () => network.filters,
  };
}

export function deactivate(): void {
  // The client is disposed through context.subscriptions.
}
