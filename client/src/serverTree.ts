/**
 * What the sidebar's trees share: their rows come from the server, none before it runs, and a
 * change event that each tree owns and disposes with itself.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export abstract class ServerTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(protected readonly client: LanguageClient) {}

  /** Asks the view for every row again. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: T): Promise<T[]> {
    // Before the server starts (a workspace not yet known as a corpus) the view is empty.
    return this.client.isRunning() ? this.children(node) : Promise.resolve([]);
  }

  /** The rows under `node` (the roots when omitted), asked of the running server. */
  protected abstract children(node?: T): Promise<T[]>;

  abstract getTreeItem(node: T): vscode.TreeItem;

  dispose(): void {
    this.changed.dispose();
  }
}
