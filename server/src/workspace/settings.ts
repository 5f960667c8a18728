/** The server's settings (the client sends them as `corpusLens.*`), with their defaults. */
import type { CorpusSettings } from './corpusFiles';

export interface WorkspaceSettings extends CorpusSettings {
  catalogPath: string;
  includeDemonyms: boolean;
  /** The most mentions a list of references or mentions holds; 0 for no limit. */
  maxReferences: number;
  latinInlayHints: boolean;
  /** Each workspace folder's own include and exclude globs (by folder URI), where they differ from the rest. */
  folders?: { uri: string; include?: string[]; exclude?: string[] }[];
  /** Which scripts make a file an article: Arabic by default; `latin` takes Latin-script files too. */
  articleScripts: string[];
  /** Semantic tokens: the letters of mentions coloured by type (off: the editor draws marks behind the text). */
  colourByType: boolean;
  /** Shipped catalog entries left out: types, subtypes, ids or id prefixes ending in `*` (see `keptShipped`). */
  leaveOut: string[];
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  include: ['**/*.txt'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  catalogPath: '.corpus-lens/catalog.json',
  maxFileSize: 4 * 1024 * 1024,
  includeDemonyms: true,
  maxReferences: 20_000,
  latinInlayHints: false,
  articleScripts: ['arabic'],
  colourByType: false,
  leaveOut: [],
};
