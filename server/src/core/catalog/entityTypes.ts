/**
 * How each entity type is shown, in one table that every layer reads: the hover card and
 * workspace symbols (label), the outline's groups (plural), completion (kind), and the client's
 * sidebar (view and icon, through `protocol.ts`). Semantic token types and the editor's mark
 * colours are named after the types themselves (`package.json` declares them).
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { EntityType } from './types';

export interface EntityTypeInfo {
  readonly label: string;
  readonly plural: string;
  readonly completionKind: CompletionItemKind;
  /** The sidebar view that lists the type's entities. */
  readonly view: string;
  /** The codicon of that view's items. */
  readonly icon: string;
}

export const ENTITY_TYPE_INFO: { readonly [T in EntityType]: EntityTypeInfo } = {
  person: { label: 'Person', plural: 'People', completionKind: CompletionItemKind.Class, view: 'corpusLens.people', icon: 'person' },
  organisation: { label: 'Organisation', plural: 'Organisations', completionKind: CompletionItemKind.Struct, view: 'corpusLens.organisations', icon: 'organization' },
  place: { label: 'Place', plural: 'Places', completionKind: CompletionItemKind.Module, view: 'corpusLens.places', icon: 'globe' },
  topic: { label: 'Topic', plural: 'Topics', completionKind: CompletionItemKind.EnumMember, view: 'corpusLens.topics', icon: 'tag' },
};
