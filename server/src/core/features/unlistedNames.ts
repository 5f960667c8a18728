/**
 * The names discovery found that no catalog holds, for the user to review: add one to the
 * workspace catalog, merge it into an entity as an alias, or ignore it (see the client's
 * catalog commands). The editor offers the same on a mention, as quick fixes.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { CorpusIndex, EntitySummary } from '../index/corpusIndex';
import { romanize } from '../text/romanize';
import { entityItem } from './entityViews';
import type { UnlistedName } from './viewTypes';

const TYPES = ['person', 'organisation', 'place'] as const;

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
    fix(`Add «${e.ar}» to the workspace catalog as ${e.type === 'organisation' ? 'an organisation' : `a ${e.type}`}`, 'corpusLens.adoptName', true),
    fix(`Merge «${e.ar}» into another entity as an alias…`, 'corpusLens.mergeName'),
    fix(`Ignore «${e.ar}» (not a name)`, 'corpusLens.ignoreName'),
  ];
}
