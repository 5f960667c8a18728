/**
 * The extension's settings (`corpusLens.*`): every one the client reads is named here, with its
 * default. The defaults the server applies too (corpus globs, catalog path) are the server's own
 * `DEFAULT_SETTINGS`, through protocol.ts, so that each is written once.
 */
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type CooccurrenceBasis, type WorkspaceSettings } from '../../server/src/protocol';

const SECTION = 'corpusLens';

const config = (scope?: vscode.Uri) => vscode.workspace.getConfiguration(SECTION, scope);

/** What the server is sent (initialization options, configuration changes); unset values take the server's defaults. */
export type ServerSettings = { [K in keyof WorkspaceSettings]?: WorkspaceSettings[K] };

export function serverSettings(): ServerSettings {
  const c = config();
  return {
    include: c.get<string[]>('include'),
    exclude: c.get<string[]>('exclude'),
    // An untrusted workspace's catalog is still read, as data only; its path setting is restricted.
    catalogPath: c.get<string>('catalogPath'),
    maxFileSize: c.get<number>('maxFileSize'),
    includeDemonyms: c.get<boolean>('references.includeDemonyms'),
    maxReferences: c.get<number>('references.maxResults'),
    latinInlayHints: c.get<boolean>('inlayHints.latinNames'),
    colourByType: c.get<boolean>('editor.colourWordsByType'),
    articleScripts: c.get<string[]>('articleScripts'),
    leaveOut: c.get<string[]>('catalog.leaveOut'),
    // Each folder's own globs (the settings are resource-scoped: a folder's settings file may set them).
    folders: (vscode.workspace.workspaceFolders ?? []).map((f) => {
      const own = config(f.uri);
      return { uri: f.uri.toString(), include: own.get<string[]>('include'), exclude: own.get<string[]>('exclude') };
    }),
  };
}

/** The globs of the corpus's files, for the resource `scope` when given (each folder may set its own). */
export const includeGlobs = (scope?: vscode.Uri): string[] => config(scope).get<string[]>('include') ?? DEFAULT_SETTINGS.include;

/** Whether a folder sets its corpus globs itself (in its workspace or folder settings). */
export function includeSetIn(folder: vscode.Uri): boolean {
  const include = config(folder).inspect<string[]>('include');
  return include?.workspaceValue !== undefined || include?.workspaceFolderValue !== undefined;
}

/** The workspace catalog's path, relative to a workspace folder. */
export const catalogPath = (): string => config().get<string>('catalogPath') ?? DEFAULT_SETTINGS.catalogPath;

/** The folder a workspace catalog is in by default (`.corpus-lens`): its presence marks a corpus. */
export const CATALOG_FOLDER = DEFAULT_SETTINGS.catalogPath.slice(0, DEFAULT_SETTINGS.catalogPath.lastIndexOf('/'));

/** The workspace catalog of the first folder, if a folder is open. */
export function catalogUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, catalogPath());
}

/** The files a corpus holds when no setting says otherwise, and those never in it, as one glob each. */
export const DEFAULT_INCLUDE = oneGlob(DEFAULT_SETTINGS.include);
export const DEFAULT_EXCLUDE = oneGlob(DEFAULT_SETTINGS.exclude);

/** Several globs as one (a brace group), for the APIs that take one. */
export function oneGlob(globs: readonly string[]): string {
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}

/** Whether the editor marks mentions by type (decorations behind the text). */
export const markEntities = (): boolean => config().get<boolean>('editor.markEntities', true);

/** What the network's edges count when the panel has not been told. */
export const cooccurrenceBasis = (): CooccurrenceBasis => (config().get<CooccurrenceBasis>('network.cooccurrence') === 'paragraphs' ? 'paragraphs' : 'articles');

/** Whether a configuration change touches the extension's settings (`part`: only those under `corpusLens.<part>`). */
export const affectsSettings = (e: vscode.ConfigurationChangeEvent, part?: string): boolean => e.affectsConfiguration(part ? `${SECTION}.${part}` : SECTION);
