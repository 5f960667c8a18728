/** Starts the bundled language server and wires the settings, file watching and trusted commands. */
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The only commands a hover may run: the extension's own, by name. */
export const TRUSTED_COMMANDS = ['corpusLens.showMentions', 'corpusLens.reveal'];

export function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('corpusLens');
  return {
    include: c.get<string[]>('include'),
    exclude: c.get<string[]>('exclude'),
    // An untrusted workspace's catalog is still read, as data only; its path setting is restricted.
    catalogPath: c.get<string>('catalogPath'),
    maxFileSize: c.get<number>('maxFileSize'),
    includeDemonyms: c.get<boolean>('references.includeDemonyms'),
    latinInlayHints: c.get<boolean>('inlayHints.latinNames'),
  };
}

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const include = (vscode.workspace.getConfiguration('corpusLens').get<string[]>('include') ?? ['**/*.txt']).join(',');
  const catalog = vscode.workspace.getConfiguration('corpusLens').get<string>('catalogPath') ?? '.corpus-lens/catalog.json';
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'corpus-article' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', pattern: `**/${catalog}` },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(include.includes(',') ? `{${include}}` : include),
        vscode.workspace.createFileSystemWatcher(`**/${catalog}`),
      ],
    },
    initializationOptions: { ...settings(), storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    markdown: { isTrusted: { enabledCommands: TRUSTED_COMMANDS }, supportHtml: false },
    connectionOptions: { maxRestartCount: 4 },
  };
  return new LanguageClient('corpusLens', 'Corpus Lens', serverOptions, clientOptions);
}
