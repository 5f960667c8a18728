/**
 * The index's numbering: each entity id and each written form gets a number once (articles hold
 * numbers, not strings), and each entity a record of its statistics (`EntityStats`).
 */
import type { Entity } from '../catalog/types';
import type { Mention, MentionKind } from '../entities/recognizer';
import { DISCOVERED_KIND, MENTION_KINDS, NAME_KIND } from './article';
import { ArticleList, type ArticleTable } from './articleList';
import { newEntityStats, type EntityStats } from './entityStats';

export class EntityTable {
  /** Entity ids by number. */
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Statistics by entity number. */
  readonly stats: (EntityStats | undefined)[] = [];
  /** Written forms of names by number: a few thousand distinct ones even in large corpora, kept across catalogs. */
  readonly formTexts: string[] = [];
  private readonly formNumbers = new Map<string, number>();
  /** Bumped when the set of entities changes (search structures depend on it). */
  version = 0;

  constructor(private readonly articles: ArticleTable) {}

  /** Forgets every entity (the index holds no article any more). */
  clear(): void {
    this.ids.length = 0;
    this.numbers.clear();
    this.stats.length = 0;
    this.version++;
  }

  numberOf(id: string): number | undefined {
    return this.numbers.get(id);
  }

  /** The numbers of these ids (`unknown` for an id without one). */
  numbersOf(ids: readonly string[], unknown: number): Uint32Array {
    const out = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = this.numbers.get(ids[i]) ?? unknown;
    return out;
  }

  statsOf(id: string): EntityStats | undefined {
    const i = this.numbers.get(id);
    return i === undefined ? undefined : this.stats[i];
  }

  /** The entity's number, given now if it has none; its record made if it has none. */
  intern(e: Entity): number {
    let i = this.numbers.get(e.id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(e.id);
      this.numbers.set(e.id, i);
    }
    if (!this.stats[i]) this.stats[i] = newEntityStats(e, new ArticleList(this.articles));
    return i;
  }

  formNumber(form: string): number {
    let id = this.formNumbers.get(form);
    if (id === undefined) {
      id = this.formTexts.length;
      this.formTexts.push(form);
      this.formNumbers.set(form, id);
    }
    return id;
  }

  /** A mention as an article holds it (see `mentionWord`), decoded (a function of its own, to be handed to `Article`'s iterators). */
  readonly mention = (word: number, start: number, end: number): Mention => {
    // The bits read in place (see `mentionWord`): hovers and highlights decode every mention of an article.
    const e = word >>> 3;
    const kind = (word >>> 1) & 3;
    return { entity: this.ids[e], kind: MENTION_KINDS[kind === NAME_KIND && this.stats[e]?.entity.discovered ? DISCOVERED_KIND : kind], boilerplate: (word & 1) === 1, start, end };
  };

  /** The kind of a mention of entity number `e` whose kind number is `kind` (see `MENTION_KINDS`). */
  kindName(e: number, kind: number): MentionKind {
    // A discovered entity's name learnt from another article (see `MENTION_KINDS`).
    return MENTION_KINDS[kind === NAME_KIND && this.stats[e]?.entity.discovered ? DISCOVERED_KIND : kind];
  }
}
