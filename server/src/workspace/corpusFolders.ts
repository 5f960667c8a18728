/** The workspace folders, and what the settings make of their files: which are the corpus, which are catalogs. */
import * as path from 'path';
import { corpusMatcher, listCorpusFiles, type CorpusSettings } from './corpusFiles';
import { uriPath } from './fileUris';
import type { FileSystem } from './fileSystem';
import { DEFAULT_SETTINGS, type WorkspaceSettings } from './settings';

export class CorpusFolders {
  settings: WorkspaceSettings = DEFAULT_SETTINGS;
  /** One matcher a root, in the same order; none before the settings come. */
  private matchers: ((file: string) => boolean)[] = [];

  constructor(private roots: string[]) {}

  configure(settings: Partial<WorkspaceSettings>): void {
    this.settings = { ...DEFAULT_SETTINGS, ...settings, leaveOut: settings.leaveOut ?? [] };
    this.matchers = this.roots.map((r) => corpusMatcher(r, this.folderSettings(r)));
  }

  /** The folders are now the old ones less `removed`, then those `added` that are new. */
  change(added: readonly string[], removed: readonly string[]): void {
    this.roots = [...this.roots.filter((r) => !removed.includes(r)), ...added.filter((a) => !this.roots.includes(a))];
    this.matchers = this.roots.map((r) => corpusMatcher(r, this.folderSettings(r)));
  }

  get all(): readonly string[] {
    return this.roots;
  }

  isCorpusFile(file: string): boolean {
    return this.matchers.some((m) => m(file));
  }

  /**
   * Whether a file counts as an article whatever its script: when the settings take Latin-script
   * articles too, or the include globs name the file itself (a pattern without wildcards).
   */
  takesAnyScript(file: string): boolean {
    if (this.settings.articleScripts.includes('latin')) return true;
    return this.roots.some((root) => this.folderSettings(root).include.some((g) => !/[*?[\]{}!]/.test(g) && path.resolve(root, g) === file));
  }

  /** The workspace catalog of each folder (the setting's path, relative to the folder). */
  catalogFiles(): string[] {
    if (!this.settings.catalogPath) return [];
    return [...new Set(this.roots.map((r) => path.resolve(r, this.settings.catalogPath)))];
  }

  /** The workspace catalog `file` names, if it is one. */
  isCatalogFile(file: string): boolean {
    return this.catalogFiles().includes(file);
  }

  /** The corpus files of every folder, each once (folders may overlap). */
  async listFiles(files: FileSystem, log: (message: string) => void): Promise<string[]> {
    const out: string[] = [];
    // One by one: spreading a listing into arguments overflows the stack from some 100,000 files.
    for (let i = 0; i < this.roots.length; i++) for (const f of await listCorpusFiles(this.roots[i], this.matchers[i], log, files)) out.push(f);
    return this.roots.length > 1 ? [...new Set(out)] : out;
  }

  /** A folder's own include and exclude globs, when its settings give them (resource-scoped settings). */
  private folderSettings(root: string): CorpusSettings {
    const own = this.settings.folders?.find((f) => path.resolve(uriPath(f.uri)) === path.resolve(root));
    return { ...this.settings, include: own?.include ?? this.settings.include, exclude: own?.exclude ?? this.settings.exclude };
  }
}
