/**
 * When the language server runs: once the workspace is known to be a corpus, or once the user
 * asks for it (opens a Corpus Lens view, runs a command, has a panel restored after a reload);
 * started again on demand; told of settings changes while it runs. When it is left stopped after
 * repeated crashes, the user is told, with a way to start it again.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { corpusReason } from './corpusDetection';
import { createClient } from './languageClient';
import { affectsSettings, CATALOG_FOLDER, serverSettings } from './settings';

export class ServerLauncher implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void> | undefined;
  private gaveUpWith: string | undefined;

  /** `onStart`: called as the server first starts (the status item shows). */
  constructor(context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel, private readonly onStart: () => void) {
    this.client = createClient(context, output, (message) => this.gaveUp(message));
  }

  /** Starts the server, once; `why` goes to the log. */
  start(why: string): Promise<void> {
    return (this.starting ??= (async () => {
      this.output.appendLine(`starting the server: ${why}`);
      this.onStart();
      await vscode.commands.executeCommand('setContext', 'corpusLens.active', true);
      await this.client.start();
    })());
  }

  /** A command that needs the server: starts it first. */
  needed<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => Promise<Awaited<R>> {
    return async (...args: A): Promise<Awaited<R>> => {
      await this.start('a Corpus Lens command');
      return await f(...args);
    };
  }

  /** Starts the server if it never was, else starts it again (after it gave up too). */
  async restart(): Promise<void> {
    this.gaveUpWith = undefined;
    if (!this.starting) return this.start('Restart Server');
    await (this.client.isRunning() ? this.client.restart() : this.client.start());
  }

  /** The message shown when the server was left stopped after repeated crashes, if it was. */
  get gaveUpMessage(): string | undefined {
    return this.gaveUpWith;
  }

  /** Starts the server when the workspace looks like a corpus; otherwise logs when it will start. */
  async startIfCorpus(): Promise<void> {
    const reason = await corpusReason();
    if (reason) await this.start(`the workspace is a corpus (${reason})`);
    else this.output.appendLine(`This workspace does not look like a corpus (no ${CATALOG_FOLDER} folder, no corpusLens.include setting, and its .txt files are not mostly Arabic): the server starts when a Corpus Lens view is opened or a command run.`);
  }

  /** Sends the settings again when they change, and when a folder is added (it may have globs of its own). */
  forwardSettings(): vscode.Disposable {
    const send = () => this.client.isRunning() && void this.client.sendNotification('workspace/didChangeConfiguration', { settings: { corpusLens: serverSettings() } });
    return vscode.Disposable.from(
      vscode.workspace.onDidChangeWorkspaceFolders(send),
      vscode.workspace.onDidChangeConfiguration((e) => affectsSettings(e) && send()),
    );
  }

  private gaveUp(message: string): void {
    this.gaveUpWith = message;
    void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Log').then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('corpusLens.restartServer');
      if (choice === 'Show Log') this.output.show();
    });
  }

  dispose(): void {
    void this.client.dispose();
  }
}
