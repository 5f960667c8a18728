/**
 * The names discovery found that no catalog holds, for the user to review: add one to the
 * workspace catalog, merge it into an entity as an alias, or ignore it (`CATALOG_COMMANDS`, which
 * the server runs). The editor offers the same on a mention, as quick fixes.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { CorpusIndex, EntitySummary } from '../index/corpusIndex';
import { romanize } from '../text/romanize';
import { entityItem } from './entityViews';
import type { CatalogEntry, Entity, EntityType } from '../catalog/types';
import type { SearchEngine } from '../search/search';
import { CATALOG_COMMANDS, type UnlistedName } from './viewTypes';

export { CATALOG_COMMANDS };

const TYPES: readonly EntityType[] = ['person', 'organisation', 'place'];

/** Discovered names (or the one of that `id`), those in the most articles first, then the most mentioned. */
export function unlistedNames(index: CorpusIndex, limit = 1000, id?: string): UnlistedName[] {
  const one = id === undefined ? undefined : index.figures.summary(id);
  const found: EntitySummary[] = (one ? [one] : id === undefined ? TYPES.flatMap((t) => index.figures.summaries(t)) : []).filter((s) => s.entity.discovered);
  found.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.entity.ar.localeCompare(b.entity.ar, 'ar'));
  return found.slice(0, limit).map((s) => ({
    ...entityItem(s),
    latin: romanize(s.entity.ar),
    forms: index.figures.forms(s.entity.id).map(([form]) => form),
    reason: s.entity.description || undefined,
  }));
}

/** The types a discovered name can be adopted as. */
export const ADOPTABLE_TYPES: readonly EntityType[] = TYPES;

/** Quick fixes on a discovered name at `offset`: add it to the catalog, merge it, ignore it. */
export function unlistedNameFixes(index: CorpusIndex, uri: string, offset: number): CodeAction[] {
  const m = index.articleMentions.at(uri, offset);
  const e = m && index.figures.entity(m.entity);
  if (!e?.discovered) return [];
  const fix = (title: string, command: string, isPreferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    isPreferred,
    command: { title, command, arguments: [e.id] },
    diagnostics: [],
  });
  return [
    fix(`Add «${e.ar}» to the workspace catalog as ${e.type === 'organisation' ? 'an organisation' : `a ${e.type}`}`, CATALOG_COMMANDS.adoptName, true),
    fix(`Merge «${e.ar}» into another entity as an alias…`, CATALOG_COMMANDS.mergeName),
    fix(`Ignore «${e.ar}» (not a name)`, CATALOG_COMMANDS.ignoreName),
  ];
}

/**
 * The workspace catalog's entry for a discovered name adopted as an entity of `type`: its name,
 * its other full spellings as aliases, its shorter forms as short forms that need the full name
 * first, and the role it was found with. Its id is the type and the Latin name (`latin`, which
 * the entry keeps as its `en`, else the automatic spelling), numbered when `taken`.
 */
export function adoptedEntry(name: UnlistedName, type: EntityType, latin: string | undefined, taken: (id: string) => boolean): CatalogEntry {
  const slug =
    (latin ?? name.latin)
      .normalize('NFD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'name';
  let id = `${type}:${slug}`;
  for (let n = 2; taken(id); n++) id = `${type}:${slug}-${n}`;
  const words = (s: string) => s.trim().split(/\s+/).length;
  const others = name.forms.filter((f) => f !== name.ar);
  const longer = others.filter((f) => words(f) >= words(name.ar));
  const shorter = others.filter((f) => words(f) < words(name.ar));
  return {
    id,
    type,
    ar: name.ar,
    ...(latin ? { en: latin } : {}),
    ...(longer.length > 0 ? { aliases: longer } : {}),
    ...(shorter.length > 0 ? { short: shorter.map((text) => ({ text, requiresAntecedent: true })) } : {}),
    ...(name.reason ? { description: name.reason } : {}),
  };
}

/**
 * Entities a discovered name may be another spelling of, for a client that asks the user which
 * to merge it into: catalog entities that search finds for the whole name, then for its longest
 * words, those of its type first; then the catalog entities most often named beside it.
 */
export function mergeTargets(index: CorpusIndex, search: SearchEngine, id: string, limit = 8): Entity[] {
  const name = index.figures.entity(id);
  if (!name) return [];
  const words = name.ar.split(/\s+/).filter((w) => w.length > 3).sort((a, b) => b.length - a.length).slice(0, 2);
  const found = new Map<string, Entity>();
  for (const query of [name.ar, ...words]) for (const h of search.entities(query, 2 * limit)) if (!h.entity.discovered) found.set(h.entity.id, h.entity);
  for (const c of index.figures.cooccurring(id, 2 * limit)) if (!c.entity.discovered) found.set(c.entity.id, c.entity);
  const all = [...found.values()];
  return [...all.filter((e) => e.type === name.type), ...all.filter((e) => e.type !== name.type)].slice(0, limit);
}
