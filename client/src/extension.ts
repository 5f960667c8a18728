/**
 * The extension: starts the language server and registers the UI. Every feature is a small
 * registration pushed to `context.subscriptions`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MentionsRequest, StatusNotification, type ArticleGroup, type EntityKind, type EntitySort, type StatusParams } from '../../server/src/protocol';
import { EntityTreeProvider, type TreeNode, type TreeScope } from './entityTree';
import { createClient, settings } from './languageClient';
import { runSearch } from './search';
import { ArticleTreeProvider } from './articleTree';
import { registerArticleLanguage } from './articleLanguage';
import { addAlias, adoptName, copyNames, entityIdOf, ignoreName, mergeName, openCatalogEntry } from './catalogCommands';
import { corpusReason } from './corpusDetection';
import { count } from './labels';
import { registerEntityMarks } from './entityMarks';
import { Reader } from './reader';
import { ConcordancePanel } from './panels/concordancePanel';
import { TimelinePanel } from './panels/timelinePanel';
import { NetworkPanel } from './panels/networkPanel';
import type { TimelineState } from './panels/timelineMessages';
import { chosenIds } from './entityChoice';
import { exportEntityTable, exportNetwork } from './analysisExports';
import type { EntityTableFormat, NetworkFormat, NetworkParams } from '../../server/src/protocol';

const VIEWS: ReadonlyArray<readonly [string, EntityKind]> = [
  ['corpusLens.people', 'person'],
  ['corpusLens.organisations', 'organisation'],
  ['corpusLens.places', 'place'],
  ['corpusLens.topics', 'topic'],
];

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
  context.subscriptions.push(output);
  let gaveUp: string | undefined;
  const client = createClient(context, output, (message) => {
    gaveUp = message;
    void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Log').then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('corpusLens.restartServer');
      if (choice === 'Show Log') output.show();
    });
  });
  const trees = new Map<TreeScope, EntityTreeProvider>();
  const views: vscode.TreeView<TreeNode>[] = [];
  let status: StatusParams | undefined;
  let indexedResolve: (s: StatusParams) => void = () => undefined;
  const indexedPromise = new Promise<StatusParams>((r) => (indexedResolve = r));

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  statusItem.command = 'workbench.view.extension.corpusLens';
  statusItem.text = '$(library) Corpus Lens';
  context.subscriptions.push(statusItem);

  // The server runs once the workspace is known to be a corpus, or once the user asks for it
  // (opens a Corpus Lens view or runs a command).
  let starting: Promise<void> | undefined;
  const start = (why: string) =>
    (starting ??= (async () => {
      output.appendLine(`starting the server: ${why}`);
      statusItem.show();
      await vscode.commands.executeCommand('setContext', 'corpusLens.active', true);
      await client.start();
    })());
  /** A command that needs the server: starts it first. */
  const withServer =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      await start('a Corpus Lens command');
      return await f(...args);
    };

  for (const [id, type] of VIEWS) {
    const provider = new EntityTreeProvider(type, client);
    trees.set(type, provider);
    const view = vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
    views.push(view);
    context.subscriptions.push(view);
  }

  // Names no catalog holds, to add, merge or ignore.
  const unlisted = new EntityTreeProvider('unlisted', client);
  trees.set('unlisted', unlisted);
  const unlistedView = vscode.window.createTreeView('corpusLens.unlisted', { treeDataProvider: unlisted, showCollapseAll: true });
  context.subscriptions.push(unlistedView);

  /** A filter shows in each entity view's title, with a command to clear it. */
  const setFilter = (value: string) => {
    const filter = value.trim();
    trees.forEach((t) => ((t.filter = filter), t.refresh()));
    for (const view of views) view.description = filter ? `filtered: ${filter}` : undefined;
    void vscode.commands.executeCommand('setContext', 'corpusLens.filtered', filter !== '');
  };

  const articles = new ArticleTreeProvider(client);
  const articleView = vscode.window.createTreeView('corpusLens.articles', { treeDataProvider: articles, showCollapseAll: true });
  const marks = registerEntityMarks(client);
  const reader = new Reader(context, client);
  // A panel restored after a window reload starts the server when it asks for its data.
  const panelServer = () => start('a Corpus Lens panel is open');
  const concordance = new ConcordancePanel(context, client, panelServer);
  const timeline = new TimelinePanel(context, client, panelServer, concordance);
  const network = new NetworkPanel(context, client, panelServer);
  context.subscriptions.push(reader, concordance, timeline, network);
  context.subscriptions.push(articleView, registerArticleLanguage(context), marks.disposable);
  for (const view of [...views, articleView, unlistedView]) {
    if (view.visible) void start('the Corpus Lens view is open');
    context.subscriptions.push(view.onDidChangeVisibility((e) => e.visible && void start('the Corpus Lens view was opened')));
  }

  const openLocation = async (loc: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => {
    const r = loc.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.search', withServer((query?: string) => runSearch(client, typeof query === 'string' ? query : ''))),
    vscode.commands.registerCommand('corpusLens.restartServer', async () => {
      gaveUp = undefined;
      if (!starting) return start('Restart Server');
      await (client.isRunning() ? client.restart() : client.start());
    }),
    vscode.commands.registerCommand('corpusLens.enable', () => start('Index This Workspace')),
    vscode.commands.registerCommand('corpusLens.openCatalog', () => openWorkspaceCatalog()),
    vscode.commands.registerCommand('corpusLens.openReader', withServer((uri?: vscode.Uri) => reader.open(uri instanceof vscode.Uri ? uri : undefined))),
    // From an entity (tree item, hover link: its id), the editor (selection, name under the cursor), or a typed query.
    vscode.commands.registerCommand('corpusLens.concordance.open', withServer(async (arg?: unknown) => {
      const q = await concordance.queryFor(arg);
      if (q) concordance.show(q.query, q.label);
    })),
    vscode.commands.registerCommand('corpusLens.refresh', withServer(() => (trees.forEach((t) => t.refresh()), articles.refresh()))),
    vscode.commands.registerCommand('corpusLens.copyNames', withServer((arg: string | TreeNode) => copyNames(client, arg))),
    vscode.commands.registerCommand('corpusLens.openCatalogEntry', withServer((arg: string | TreeNode) => openCatalogEntry(client, arg))),
    vscode.commands.registerCommand('corpusLens.addAlias', withServer((arg: string | TreeNode, alias?: string) => addAlias(client, arg, alias))),
    vscode.commands.registerCommand('corpusLens.adoptName', withServer((arg: string | TreeNode, type?: EntityKind) => adoptName(client, arg, type))),
    vscode.commands.registerCommand('corpusLens.mergeName', withServer((arg: string | TreeNode, target?: string) => mergeName(client, arg, target))),
    vscode.commands.registerCommand('corpusLens.ignoreName', withServer((arg: string | TreeNode) => ignoreName(client, arg))),
    vscode.commands.registerCommand('corpusLens.openMention', openLocation),
    vscode.commands.registerCommand('corpusLens.showMentions', withServer(async (arg: string | TreeNode) => {
      const id = entityIdOf(arg);
      if (!id) return;
      const locs = await client.sendRequest(MentionsRequest, { id });
      if (locs.length === 0) return;
      const toVs = (l: (typeof locs)[number]) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character));
      const first = toVs(locs[0]);
      await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locs.map(toVs));
    })),
    vscode.commands.registerCommand('corpusLens.reveal', withServer(async (id: string) => {
      for (const [viewId, type] of VIEWS) {
        const roots = await trees.get(type)!.getChildren();
        const node = roots.find((n) => n.kind === 'entity' && n.entity.id === id);
        if (node) {
          await vscode.commands.executeCommand(`${viewId}.focus`);
          await views[VIEWS.findIndex((v) => v[0] === viewId)].reveal(node, { select: true, focus: true, expand: true });
          return;
        }
      }
    })),
    // Both take their value as an argument too (keybindings, other extensions, tests); from a
    // view's title bar VS Code passes the selected tree item instead, which is not a value.
    vscode.commands.registerCommand('corpusLens.sort', withServer(async (given?: unknown) => {
      const sorts: EntitySort[] = ['mentions', 'name', 'latest'];
      const sort =
        (typeof given === 'string' && sorts.includes(given as EntitySort) ? (given as EntitySort) : undefined) ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'By mentions', sort: 'mentions' as EntitySort },
              { label: 'By name', sort: 'name' as EntitySort },
              { label: 'By latest article', sort: 'latest' as EntitySort },
            ],
            { placeHolder: 'Sort entities' },
          )
        )?.sort;
      if (!sort) return;
      trees.forEach((t) => ((t.sort = sort), t.refresh()));
    })),
    vscode.commands.registerCommand('corpusLens.filter', withServer(async (given?: unknown) => {
      const value = typeof given === 'string' ? given : await vscode.window.showInputBox({ prompt: 'Filter entities (fuzzy, Arabic or Latin); empty clears', value: trees.get('person')!.filter });
      if (value === undefined) return;
      setFilter(value);
    })),
    vscode.commands.registerCommand('corpusLens.clearFilter', () => setFilter('')),
    // Timeline, network, export: each takes its entity (an id, ids or a tree item) or the name under the cursor, else asks.
    vscode.commands.registerCommand('corpusLens.timeline.open', withServer(async (arg?: unknown) => {
      const ids = await chosenIds(client, arg, 'Show the timeline of');
      if (ids.length > 0) await timeline.show(ids);
    })),
    vscode.commands.registerCommand('corpusLens.timeline.add', withServer(async (arg?: unknown) => {
      const ids = await chosenIds(client, arg, 'Add to the timeline');
      if (ids.length > 0) await timeline.show(ids, true);
    })),
    vscode.commands.registerCommand('corpusLens.network.open', withServer((filters?: NetworkParams) => network.show(typeof filters === 'object' && filters !== null && !('kind' in filters) ? filters : undefined))),
    vscode.commands.registerCommand('corpusLens.network.export', withServer((format?: NetworkFormat, uri?: vscode.Uri) => exportNetwork(client, network.filters ?? {}, typeof format === 'string' ? format : undefined, uri instanceof vscode.Uri ? uri : undefined))),
    vscode.commands.registerCommand('corpusLens.exportEntities', withServer((format?: EntityTableFormat, uri?: vscode.Uri) => exportEntityTable(client, typeof format === 'string' ? format : undefined, uri instanceof vscode.Uri ? uri : undefined))),
    // A folder added may have globs of its own (resource-scoped settings).
    vscode.workspace.onDidChangeWorkspaceFolders(() => client.isRunning() && void client.sendNotification('workspace/didChangeConfiguration', { settings: { corpusLens: settings() } })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('corpusLens') && client.isRunning()) void client.sendNotification('workspace/didChangeConfiguration', { settings: { corpusLens: settings() } });
    }),
  );

  let refreshTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    client.onNotification(StatusNotification, (s) => {
      const was = status;
      status = s;
      statusItem.text = s.indexing ? `$(sync~spin) Corpus Lens ${s.done}/${s.total}` : `$(library) ${count(s.articles, 'article')} · ${count(s.entities, 'entity', 'entities')}`;
      statusItem.tooltip = statusTooltip(s);
      if (!s.indexing) indexedResolve(s);
      // The panels count again once indexing is done, the first time too (not while it runs, nor on each edit: a network drawn again moves).
      if (!s.indexing && (was === undefined || was.indexing)) void Promise.all([timeline.refresh(), network.refresh()]);
      marks.repaint();
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => (trees.forEach((t) => t.refresh()), articles.refresh()), 200);
    }),
  );

  context.subscriptions.push(client);
  const reason = await corpusReason();
  if (reason) await start(`the workspace is a corpus (${reason})`);
  else output.appendLine('This workspace does not look like a corpus (no .corpus-lens folder, no corpusLens.include setting, and its .txt files are not mostly Arabic): the server starts when a Corpus Lens view is opened or a command run.');

  return {
    indexed: () => indexedPromise,
    status: () => status,
    treeChildren: async (type, node) => {
      const t = trees.get(type)!;
      const children = await t.getChildren(node);
      return children.map((n) => ({ node: n, item: t.getTreeItem(n) }));
    },
    articleChildren: async (node) => (await articles.getChildren(node)).map((n) => ({ node: n, item: articles.getTreeItem(n) })),
    client,
    serverGaveUp: () => gaveUp,
    timelineShown: () => timeline.shown,
    networkFilters: () => network.filters,
  };
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

/** Opens the workspace catalog, creating it with an empty list of entries when there is none. */
async function openWorkspaceCatalog(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return void vscode.window.showInformationMessage('Corpus Lens: open a folder to give it a workspace catalog.');
  const file = vscode.Uri.joinPath(folder.uri, vscode.workspace.getConfiguration('corpusLens').get<string>('catalogPath') ?? '.corpus-lens/catalog.json');
  const exists = await Promise.resolve(vscode.workspace.fs.stat(file)).then(() => true, () => false);
  if (!exists) {
    const skeleton = { entities: [{ id: 'person:example', type: 'person', ar: 'الاسم الكامل', en: 'Full Name', aliases: [], short: [] }] };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(skeleton, null, 2)}\n`));
  }
  await vscode.window.showTextDocument(file);
}

export function deactivate(): void {
  // The client is disposed through context.subscriptions.
}
