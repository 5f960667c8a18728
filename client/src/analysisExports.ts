/**
 * Export of the entity table (CSV or JSON) and of the co-occurrence network (nodes or edges as
 * CSV, GEXF for Gephi, JSON) to a file the user names. The server writes the text (page by page
 * for the table, with progress and cancellation); this only asks where and writes the file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EntityTableExportRequest, NetworkExportRequest, type EntityTableFormat, type NetworkFormat, type NetworkParams } from '../../server/src/protocol';
import { count } from './labels';

/** Rows asked for at a time: a few hundred kilobytes of text a page. */
const TABLE_PAGE = 2000;

const TABLE_FORMATS: { label: string; description: string; format: EntityTableFormat; ext: string }[] = [
  { label: 'CSV', description: 'UTF-8 with BOM, for spreadsheets', format: 'csv', ext: 'csv' },
  { label: 'JSON', description: 'An array of objects', format: 'json', ext: 'json' },
];

const NETWORK_FORMATS: { label: string; description: string; format: NetworkFormat; name: string; filter: Record<string, string[]> }[] = [
  { label: 'GEXF', description: 'The graph for Gephi', format: 'gexf', name: 'network.gexf', filter: { GEXF: ['gexf'] } },
  { label: 'Nodes (CSV)', description: 'Id, Label, Type, Articles, Mentions', format: 'nodes-csv', name: 'network-nodes.csv', filter: { CSV: ['csv'] } },
  { label: 'Edges (CSV)', description: 'Source, Target, Type, Weight', format: 'edges-csv', name: 'network-edges.csv', filter: { CSV: ['csv'] } },
  { label: 'JSON', description: 'Nodes and edges', format: 'json', name: 'network.json', filter: { JSON: ['json'] } },
];

const defaultFolder = () => vscode.workspace.workspaceFolders?.[0]?.uri;

async function saveTo(name: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  const folder = defaultFolder();
  return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters, title: 'Corpus Lens: export' });
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Exports the entity table; `format` and `uri` skip the questions. Returns the file written, if any. */
export async function exportEntityTable(client: LanguageClient, format?: EntityTableFormat, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const choice = format ? TABLE_FORMATS.find((f) => f.format === format) : await vscode.window.showQuickPick(TABLE_FORMATS, { placeHolder: 'Export the entity table as' });
  if (!choice) return undefined;
  const target = uri ?? (await saveTo(`entities.${choice.ext}`, { [choice.label]: [choice.ext] }));
  if (!target) return undefined;
  const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corpus Lens: exporting the entity table', cancellable: true }, async (progress, token) => {
    const parts: string[] = [];
    let after: string | undefined;
    let rows = 0;
    do {
      const page = await client.sendRequest(EntityTableExportRequest, { format: choice.format, after, limit: TABLE_PAGE }, token);
      if (token.isCancellationRequested) return undefined;
      parts.push(page.text);
      rows += page.rows;
      progress.report({ message: `${count(rows, 'entity', 'entities')} of ${page.total.toLocaleString('en')}`, increment: (100 * page.rows) / Math.max(1, page.total) });
      after = page.next;
    } while (after !== undefined);
    return parts.join('');
  });
  if (text === undefined) return undefined;
  await write(target, text);
  void vscode.window.setStatusBarMessage(`Corpus Lens: entity table written to ${vscode.workspace.asRelativePath(target)}`, 4000);
  return target;
}

/** Exports the network under these filters; `format` and `uri` skip the questions. Returns the file written, if any. */
export async function exportNetwork(client: LanguageClient, network: NetworkParams, format?: NetworkFormat, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const choice = format ? NETWORK_FORMATS.find((f) => f.format === format) : await vscode.window.showQuickPick(NETWORK_FORMATS, { placeHolder: 'Export the network as' });
  if (!choice) return undefined;
  const target = uri ?? (await saveTo(choice.name, choice.filter));
  if (!target) return undefined;
  const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corpus Lens: exporting the network', cancellable: true }, async (_progress, token) => {
    const { text } = await client.sendRequest(NetworkExportRequest, { format: choice.format, network }, token);
    return token.isCancellationRequested ? undefined : text;
  });
  if (text === undefined) return undefined;
  await write(target, text);
  void vscode.window.setStatusBarMessage(`Corpus Lens: network written to ${vscode.workspace.asRelativePath(target)}`, 4000);
  return target;
}
