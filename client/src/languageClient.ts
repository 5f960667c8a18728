/** Starts the bundled language server and wires the settings, file watching and trusted commands. */
import * as vscode from 'vscode';
import { catalogCommandMiddleware } from './catalogCommands';
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { catalogPath, includeGlobs, oneGlob, serverSettings } from './settings';

/** The only commands a hover may run: the extension's own, by name. */
export const TRUSTED_COMMANDS = ['corpusLens.showMentions', 'corpusLens.reveal', 'corpusLens.concordance.open', 'corpusLens.adoptName', 'corpusLens.ignoreName'];

/** Crashes tolerated within `CRASH_WINDOW_MS` before the server is left stopped. */
export const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60_000;

/**
 * Restarts a crashed server, at most MAX_RESTARTS times in three minutes; then leaves it stopped
 * and tells the user once, with a way to start it again. `onGiveUp` receives the message shown.
 */
export function crashPolicy(onGiveUp: (message: string) => void): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart };
      const message = `The Corpus Lens server stopped ${crashes.length} times in three minutes and was not restarted. Its log is in the Corpus Lens output; run "Corpus Lens: Restart Server" to start it again.`;
      crashes.length = 0;
      onGiveUp(message);
      return { action: CloseAction.DoNotRestart, message, handled: true };
    },
  };
}

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onGiveUp: (message: string) => void): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const catalog = catalogPath();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'corpus-article' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', pattern: `**/${catalog}` },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(oneGlob(includeGlobs())),
        vscode.workspace.createFileSystemWatcher(`**/${catalog}`),
      ],
    },
    // commandLinks: this client runs the hover's links to the extension's own commands.
    initializationOptions: { ...serverSettings(), storagePath: (context.storageUri ?? context.globalStorageUri).fsPath, commandLinks: true },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    markdown: { isTrusted: { enabledCommands: TRUSTED_COMMANDS }, supportHtml: false },
    errorHandler: crashPolicy(onGiveUp),
    middleware: { executeCommand: catalogCommandMiddleware(() => client) },
  };
  const client = new LanguageClient('corpusLens', 'Corpus Lens', serverOptions, clientOptions);
  return client;
}
