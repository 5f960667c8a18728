/** Catalog data as it is stored (JSON) and as the recogniser uses it. */

/** The entity types, in the order views list them (`entityTypes.ts` says how each is shown). */
export const ENTITY_TYPES = ['person', 'organisation', 'place', 'topic'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface RoleEntry {
  readonly title: string;
  readonly ar?: string;
  readonly from?: string;
  readonly to?: string;
}

export type ShortForm = string | { readonly text: string; readonly requiresAntecedent?: boolean };

export interface CatalogEntry {
  readonly id: string;
  readonly type: EntityType;
  readonly ar: string;
  readonly en?: string;
  readonly aliases?: readonly string[];
  readonly short?: readonly ShortForm[];
  readonly demonyms?: readonly string[];
  /** Words whose presence in an article picks this entity when one of its names is ambiguous. */
  readonly context?: readonly string[];
  readonly roles?: readonly RoleEntry[];
  readonly description?: string;
  readonly wikidata?: string;
  readonly subtype?: string;
}

export interface CatalogFile {
  readonly version?: number;
  readonly entities: readonly CatalogEntry[];
  /** Names found in the text that the user does not want offered as entities. */
  readonly ignore?: readonly string[];
}

/** Where an entry of a workspace catalog stands in its file (for definition and code lens). */
export interface EntrySource {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

/** An entity as the index knows it: a catalog entry, or one discovered from the text. */
export interface Entity extends CatalogEntry {
  readonly discovered?: boolean;
  readonly source?: EntrySource;
}

export interface CatalogProblem {
  readonly message: string;
  /** Offsets into the catalog text. */
  readonly start: number;
  readonly end: number;
}
