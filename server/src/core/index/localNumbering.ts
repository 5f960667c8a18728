/**
 * How an analysis's local entity numbers (catalog entries, then the names it discovered) become
 * the index's, interning the people the article introduces.
 */
import { discoveredEntity } from '../entities/discovery';
import type { ArticleAnalysis } from './analysis';
import { discoveredId } from './analysis';
import { DISCOVERED_KIND, type Article } from './article';
import type { EntityTable } from './entityTable';
import type { Introduction } from './entityStats';

export interface LocalNumbering {
  /** The index's number of each local one. */
  readonly numbers: Uint32Array;
  /** What the article says of the entities it introduces, by index number. */
  readonly said: Map<number, Introduction>;
  /** Local numbers of people no article introduces any more, whose links are to be left out (the article is to be analysed again). */
  readonly dropped?: number[];
  /** Local numbers of names the user ignores, whose links are left out too. */
  readonly ignored?: number[];
}

/** What the numbering reads besides the article: the index's entities and the catalog the analysis was made under. */
export interface NumberingContext {
  readonly entities: EntityTable;
  /** Index number of each catalog entry (the local numbers below `catalogNumbers.length`). */
  readonly catalogNumbers: Uint32Array;
  /** Names the user ignores, as discovery keys them. */
  readonly ignored: ReadonlySet<string>;
}

/**
 * The index's numbers for an analysis's local ones. A person it links but no article introduces
 * any more (the recogniser that made it had not forgotten them yet) is `dropped`; a name the user
 * ignores is no entity, here or anywhere (so never learnt): `ignored`.
 */
export function localNumbering(ctx: NumberingContext, article: Article, analysis: ArticleAnalysis): LocalNumbering {
  const { entities, catalogNumbers } = ctx;
  const base = catalogNumbers.length;
  const introduced = new Uint8Array(analysis.discovered.length);
  const linked = new Uint8Array(analysis.discovered.length);
  article.forEachMention((e, kind) => {
    if (e < base) return;
    linked[e - base] = 1;
    if (kind === DISCOVERED_KIND) introduced[e - base] = 1;
  });
  const numbers = new Uint32Array(base + analysis.discovered.length);
  numbers.set(catalogNumbers);
  const said = new Map<number, Introduction>();
  let dropped: number[] | undefined;
  let ignored: number[] | undefined;
  analysis.discovered.forEach((x, i) => {
    if (!linked[i]) return;
    if (ctx.ignored.size > 0 && ctx.ignored.has(x.key.slice(x.key.indexOf(':') + 1))) {
      (ignored ??= []).push(base + i);
      return;
    }
    const id = discoveredId(x.key);
    let n = entities.numberOf(id);
    if (introduced[i]) {
      if (n === undefined || !entities.stats[n]) n = entities.intern(discoveredEntity(id, x.key, x.text, x.role));
      said.set(n, { key: x.key, text: x.text, role: x.role });
    } else if (n === undefined || !entities.stats[n]?.introducers?.size) {
      (dropped ??= []).push(base + i);
      return;
    }
    numbers[base + i] = n;
  });
  return { numbers, said, dropped, ignored };
}
