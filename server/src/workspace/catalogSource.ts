/**
 * The catalog in use: the shipped one, less the parts the settings leave out, with each folder's
 * workspace catalog over it, read through the workspace's file system (or from the editor, for
 * one open there), given to the index with the names the workspace catalogs tell discovery to
 * ignore. A catalog with problems reports them as its diagnostics and its last good entries keep
 * serving.
 */
import { createHash } from 'crypto';
import { keptShipped, mergeCatalogs, parseCatalog, workspaceEntities } from '../core/catalog/catalog';
import type { CatalogEntry, CatalogProblem } from '../core/catalog/types';
import type { CorpusIndex } from '../core/index/corpusIndex';
import { decode } from '../core/text/decode';
import { LineIndex } from '../core/text/lines';
import type { CorpusFolders } from './corpusFolders';
import { fileUri } from './fileUris';
import type { FileSystem } from './fileSystem';
import type { WorkspaceHost } from './host';
import { CACHE_FORMAT } from './indexCache';

/** The largest workspace catalog read, in bytes. */
const CATALOG_LIMIT = 8 * 1024 * 1024;

export class CatalogSource {
  /** Identifies the catalog in use and the cache format, so that a cache built under another is discarded. */
  key: string;
  /** Bumped with every catalog change; analyses made under an older one are not committed. */
  generation = 0;
  /** Each workspace catalog file's entries, and the names it tells discovery to ignore. */
  private readonly byFile = new Map<string, { entities: ReturnType<typeof workspaceEntities>; ignore: readonly string[] }>();
  /** Each workspace catalog file's text as last read. */
  private readonly texts = new Map<string, string>();
  /** The setting of shipped entries left out that the catalog in use was made with. */
  private leftOut = '[]';

  /** `shipped`: the catalog that ships with the extension; `changed`: called once the index has a new catalog (and so is empty). */
  constructor(
    private readonly index: CorpusIndex,
    private readonly shipped: readonly CatalogEntry[],
    private readonly folders: CorpusFolders,
    private readonly files: FileSystem,
    private readonly host: WorkspaceHost,
    private readonly changed: () => void,
  ) {
    this.key = keyOf(shipped);
  }

  /**
   * Loads the workspace catalogs (`only`: that one, with `textOverride` as its text when the
   * editor holds it); on problems a catalog's last good entries keep serving.
   */
  async load(textOverride?: string, only?: string): Promise<void> {
    const files = only ? [only] : this.folders.catalogFiles();
    let changed = false;
    for (const file of files) changed = (await this.loadFile(file, file === only ? textOverride : undefined)) || changed;
    // Catalogs of folders no longer in the workspace go.
    for (const file of [...this.byFile.keys()]) {
      if (this.folders.isCatalogFile(file)) continue;
      this.byFile.delete(file);
      this.texts.delete(file);
      this.host.catalogProblems(fileUri(file), []);
      changed = true;
    }
    // A change of the setting of shipped entries left out makes the catalog again too.
    if (changed || JSON.stringify(this.folders.settings.leaveOut) !== this.leftOut) this.merge();
  }

  /** A workspace catalog file's text; undefined when there is no such file (a file that cannot be read throws). */
  async fileText(file: string): Promise<string | undefined> {
    const r = await this.readText(file);
    if ('text' in r) return r.text;
    if (r.reason === 'ENOENT') return undefined;
    throw new Error(`cannot read the catalog ${file}: ${r.reason}`);
  }

  /** A catalog file's text (one that does not decode reads as empty), or why it could not be read. */
  private async readText(file: string): Promise<{ text: string } | { reason: string }> {
    const r = await this.files.read(file, CATALOG_LIMIT);
    if (!r.ok) return { reason: r.reason };
    const d = decode(r.bytes);
    return { text: d.ok ? d.text : '' };
  }

  /** Reads and parses one catalog; true when its entries changed. */
  private async loadFile(file: string, textOverride?: string): Promise<boolean> {
    const uri = fileUri(file);
    let text = textOverride;
    if (text === undefined) {
      const r = await this.readText(file);
      if (!('text' in r)) {
        if (r.reason !== 'ENOENT') this.host.warn(`Corpus Lens: cannot read the catalog ${file}: ${r.reason}`);
        this.host.catalogProblems(uri, []);
        this.texts.delete(file);
        return r.reason === 'ENOENT' && this.byFile.delete(file);
      }
      text = r.text;
    }
    // The same text again (an edit the server read as the client applied it, then the saved file): nothing changes.
    if (this.texts.get(file) === text) return false;
    this.texts.set(file, text);
    const parsed = parseCatalog(text);
    const lines = new LineIndex(text);
    const toDiag = (p: CatalogProblem) => ({ message: p.message, range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) } });
    this.host.catalogProblems(uri, parsed.problems.map(toDiag));
    // The problems are the catalog's diagnostics (once each, in the Problems view and the editor).
    if (!parsed.file) {
      this.host.log(`catalog ${file} has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; its last good entries are still in use`);
      return false;
    }
    this.byFile.set(file, { entities: workspaceEntities(parsed, uri, text), ignore: parsed.file.ignore ?? [] });
    return true;
  }

  /**
   * The shipped catalog with the workspace catalogs over it: a workspace entry replaces a shipped
   * one of the same id, and the first folder's entry wins over a later folder's.
   */
  private merge(): void {
    const files = this.folders.catalogFiles().flatMap((f) => this.byFile.get(f) ?? []);
    const workspace = files.flatMap((c) => c.entities);
    const ignored = [...new Set(files.flatMap((c) => c.ignore))];
    const firstWins = [...new Map([...workspace].reverse().map((e) => [e.id, e])).values()];
    this.leftOut = JSON.stringify(this.folders.settings.leaveOut);
    const merged = mergeCatalogs(keptShipped(this.shipped, this.folders.settings.leaveOut), firstWins);
    this.key = keyOf(merged, ignored);
    this.generation++;
    this.index.setCatalog(merged, ignored);
    this.host.log(`catalog: ${workspace.length} workspace entries`);
    this.changed();
  }
}

function keyOf(entities: readonly CatalogEntry[], ignored: readonly string[] = []): string {
  return createHash('sha1').update(`${CACHE_FORMAT}\n${JSON.stringify(entities)}\n${JSON.stringify(ignored)}`).digest('hex');
}
