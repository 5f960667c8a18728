/**
 * Every command the extension contributes (package.json lists them), in one table from id to
 * handler, but the language server's catalog commands (`CATALOG_COMMANDS`), which the language
 * client registers and runs on the server. A command that needs the server starts it first. Commands that take a value take it
 * as an argument too (keybindings, other extensions, tests); from a view's title bar VS Code
 * passes the selected tree item instead, which is not a value.
 */
import * as vscode from 'vscode';
import type { Location } from 'vscode-languageclient/node';
import type { EntityKind, EntitySort, EntityTableFormat, NetworkFormat, NetworkParams } from '../../server/src/protocol';
import { exportEntityTable, exportNetwork } from './analysisExports';
import { addAlias, adoptName, copyNames, ignoreName, mergeName, openCatalogEntry, openWorkspaceCatalog } from './catalogCommands';
import { chosenIds } from './entityChoice';
import type { TreeNode } from './entityTree';
import { openMention, showMentions } from './mentions';
import type { ConcordancePanel } from './panels/concordancePanel';
import type { NetworkPanel } from './panels/networkPanel';
import type { TimelinePanel } from './panels/timelinePanel';
import type { Reader } from './reader';
import { runSearch } from './search';
import type { ServerLauncher } from './serverLauncher';
import type { Sidebar } from './sidebar';

/** What the commands act on. */
export interface CommandTargets {
  server: ServerLauncher;
  sidebar: Sidebar;
  reader: Reader;
  concordance: ConcordancePanel;
  timeline: TimelinePanel;
  network: NetworkPanel;
}

/** The handlers by command id; each checks what VS Code passes it. */
function commandTable({ server, sidebar, reader, concordance, timeline, network }: CommandTargets) {
  const client = server.client;
  const needed = <A extends unknown[], R>(f: (...args: A) => R) => server.needed(f);
  return {
    'corpusLens.search': needed((query?: string) => runSearch(client, typeof query === 'string' ? query : '')),
    'corpusLens.restartServer': () => server.restart(),
    'corpusLens.enable': () => server.start('Index This Workspace'),
    'corpusLens.openCatalog': () => openWorkspaceCatalog(),
    'corpusLens.openReader': needed((uri?: vscode.Uri) => reader.open(uri instanceof vscode.Uri ? uri : undefined)),
    // From an entity (tree item, hover link: its id), the editor (selection, name under the cursor), or a typed query.
    'corpusLens.concordance.open': needed(async (arg?: unknown) => {
      const q = await concordance.queryFor(arg);
      if (q) concordance.show(q.query, q.label);
    }),
    'corpusLens.refresh': needed(() => sidebar.refresh()),
    'corpusLens.copyNames': needed((arg: string | TreeNode) => copyNames(client, arg)),
    'corpusLens.openCatalogEntry': needed((arg: string | TreeNode) => openCatalogEntry(client, arg)),
    'corpusLens.addAlias': needed((arg: string | TreeNode, alias?: string) => addAlias(client, arg, alias)),
    'corpusLens.adoptName': needed((arg: string | TreeNode, type?: EntityKind) => adoptName(client, arg, type)),
    'corpusLens.mergeName': needed((arg: string | TreeNode, target?: string) => mergeName(client, arg, target)),
    'corpusLens.ignoreName': needed((arg: string | TreeNode) => ignoreName(client, arg)),
    'corpusLens.openMention': (location: Location) => openMention(client, location),
    'corpusLens.showMentions': needed((arg: string | TreeNode) => showMentions(client, arg)),
    'corpusLens.reveal': needed((id: string) => sidebar.reveal(id)),
    'corpusLens.sort': needed(async (given?: unknown) => {
      const sort = givenSort(given) ?? (await pickSort());
      if (sort) sidebar.setSort(sort);
    }),
    'corpusLens.filter': needed(async (given?: unknown) => {
      const value = typeof given === 'string' ? given : await vscode.window.showInputBox({ prompt: 'Filter entities (fuzzy, Arabic or Latin); empty clears', value: sidebar.filter });
      if (value !== undefined) sidebar.setFilter(value);
    }),
    'corpusLens.clearFilter': () => sidebar.setFilter(''),
    // Timeline, network, export: each takes its entity (an id, ids or a tree item) or the name under the cursor, else asks.
    'corpusLens.timeline.open': needed(async (arg?: unknown) => {
      const ids = await chosenIds(client, arg, 'Show the timeline of');
      if (ids.length > 0) await timeline.show(ids);
    }),
    'corpusLens.timeline.add': needed(async (arg?: unknown) => {
      const ids = await chosenIds(client, arg, 'Add to the timeline');
      if (ids.length > 0) await timeline.show(ids, true);
    }),
    'corpusLens.network.open': needed((filters?: NetworkParams) => network.show(typeof filters === 'object' && filters !== null && !('kind' in filters) ? filters : undefined)),
    'corpusLens.network.export': needed((format?: NetworkFormat, uri?: vscode.Uri) => exportNetwork(client, network.filters ?? {}, typeof format === 'string' ? format : undefined, uri instanceof vscode.Uri ? uri : undefined)),
    'corpusLens.exportEntities': needed((format?: EntityTableFormat, uri?: vscode.Uri) => exportEntityTable(client, typeof format === 'string' ? format : undefined, uri instanceof vscode.Uri ? uri : undefined)),
  };
}

export function registerCommands(targets: CommandTargets): vscode.Disposable[] {
  return Object.entries(commandTable(targets)).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

const SORTS: readonly { label: string; sort: EntitySort }[] = [
  { label: 'By mentions', sort: 'mentions' },
  { label: 'By name', sort: 'name' },
  { label: 'By latest article', sort: 'latest' },
];

const givenSort = (given: unknown): EntitySort | undefined => SORTS.find((s) => s.sort === given)?.sort;

async function pickSort(): Promise<EntitySort | undefined> {
  return (await vscode.window.showQuickPick(SORTS, { placeHolder: 'Sort entities' }))?.sort;
}
