/**
 * What the corpus views show (the entity trees, the Articles view, the palette search): the
 * core computes these, the custom requests in `protocol.ts` carry them.
 */
import type { Location, Range } from 'vscode-languageserver-types';
import type { EntityType } from '../catalog/types';

/** An entity's type, as the views name it (the catalog's types). */
export type EntityKind = EntityType;
export type EntitySort = 'mentions' | 'name' | 'latest';

export interface EntityItem {
  id: string;
  type: EntityKind;
  ar: string;
  en?: string;
  role?: string;
  discovered: boolean;
  mentions: number;
  articles: number;
  latest?: string;
}

export interface MentionLine {
  location: Location;
  /** Keyword-in-context line, and where the mention sits in it (UTF-16 offsets). */
  line: string;
  matchStart: number;
  matchEnd: number;
}

/** What the views say beside a headline derived from the lead's first sentence (the text has none). */
export const DERIVED_HEADLINE_NOTE = 'from the first sentence';

/** Set on an article whose text has no headline: its headline is derived from the lead's first sentence. */
export interface MaybeDerived {
  derived?: true;
}

/** `{ derived: true }` for an article whose headline is derived from its first sentence. */
export const derived = (a: { readonly derivedHeadline: boolean }): MaybeDerived => (a.derivedHeadline ? { derived: true } : {});

export interface EntityArticle extends MaybeDerived {
  uri: string;
  headline: string;
  date?: string;
  /** Mentions of the entity in this article (outside boilerplate). */
  count: number;
}

export interface SearchResult {
  entities: (EntityItem & { location?: Location })[];
  headlines: ({ uri: string; headline: string; date?: string; range: Range } & MaybeDerived)[];
  passages: { uri: string; headline: string; range: Range; text: string; matches: [number, number][] }[];
}

/** A node of the Articles view: a year, a month of a year, or an article. */
export interface ArticleGroup extends MaybeDerived {
  kind: 'year' | 'month' | 'article';
  /** `2025`, `2025-07`, or the article URI. */
  key: string;
  label: string;
  count: number;
  date?: string;
}

/** A name discovery found that no catalog holds (the Names to Review view). */
export interface UnlistedName extends EntityItem {
  /** A Latin spelling made letter by letter (automatic). */
  latin: string;
  /** Every spelling seen in the corpus. */
  forms: string[];
  /** The role or cue that introduced it, when there was one. */
  reason?: string;
}

/**
 * The commands that change the workspace catalog, which the server runs for any client
 * (`workspace/executeCommand`; arguments after each name):
 * - adopt a discovered name: its id, the type (the one it was found as when left out), a Latin
 *   name (the automatic spelling when left out);
 * - merge a discovered name into an entity as an alias: its id, the entity's (asked when left out);
 * - ignore a discovered name: its id;
 * - add an alias to an entity: its id, the alias.
 * Here, with nothing imported, as the client's pages read this module's values through protocol.ts.
 */
export const CATALOG_COMMANDS = {
  adoptName: 'corpusLens.catalog.adoptName',
  mergeName: 'corpusLens.catalog.mergeName',
  ignoreName: 'corpusLens.catalog.ignoreName',
  addAlias: 'corpusLens.catalog.addAlias',
} as const;
