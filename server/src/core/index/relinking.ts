/**
 * Which articles are to be analysed again as the people learnt change: those linking someone no
 * article introduces any more, those whose committed analysis linked such a person (the links
 * were left out), restored ones whose introduction now describes someone (`staleArticles`), and
 * those that may name someone learnt after they were analysed (`relinkCandidates`).
 */
import type { Entity } from '../catalog/types';
import { tokenKeys } from '../text/tokenize';
import type { Article } from './article';
import type { EntityTable } from './entityTable';
import { filteredPairs } from '../entities/nameWords';
import { filterProbe, titledProbe, type FilterProbe } from './tokenFilter';

const noPause = async () => undefined;

/** A person `relinkCandidates` looks for (see `probes`). */
interface Wanted {
  readonly number: number;
  readonly learnt: number;
  readonly keys: FilterProbe[];
  readonly titled: FilterProbe | undefined;
}

export class Relinking {
  /** Entities forgotten since `staleArticles` last looked for the articles linking them. */
  private readonly forgotten = new Set<number>();
  /** Articles to analyse again besides those (see `staleArticles`). */
  readonly staleUris = new Set<string>();

  /**
   * `articles`: the index's articles, taken whole at each pass. `learnt`: the people learnt, in
   * the order they were (see `LearntPeople.learntSince`).
   */
  constructor(
    private readonly entities: EntityTable,
    private readonly articles: () => Iterable<Article>,
    private readonly learnt: () => readonly Entity[],
  ) {}

  /** Nothing to analyse again (a new catalog). */
  clear(): void {
    this.forgotten.clear();
    this.staleUris.clear();
  }

  /** A discovered entity no article introduces any more: the articles linking it are to be analysed again. */
  forgot(entity: number): void {
    this.forgotten.add(entity);
  }

  /** A forgotten entity introduced again: its links stand. */
  relearnt(entity: number): void {
    this.forgotten.delete(entity);
  }

  /** Whether `staleArticles` has something to look at: a relinking pass is due. */
  get staleWaiting(): boolean {
    return this.forgotten.size > 0 || this.staleUris.size > 0;
  }

  /**
   * Articles to analyse again (with the index's recogniser), listed once: those linking a
   * discovered entity no article introduces any more, those whose committed analysis linked one
   * (the links were left out), and restored ones whose introduction now describes someone (see
   * `LearntPeople.settle`).
   */
  async staleArticles(pause: () => Promise<void> = noPause): Promise<string[]> {
    const gone = [...this.forgotten];
    this.forgotten.clear();
    const out = new Set(this.staleUris);
    this.staleUris.clear();
    if (gone.length === 0) return [...out];
    let n = 0;
    for (const a of [...this.articles()]) {
      if (++n % 64 === 0) await pause();
      if (!a.removed && gone.some((e) => !this.entities.stats[e]!.live && a.hasMention(e))) out.add(a.uri);
    }
    return [...out];
  }

  /**
   * Articles that may name one of these people (learnt after the articles were analysed) without
   * linking them yet: those whose token filter holds every pair of neighbouring name words of
   * the name (`filteredPairs`), or a person's surname after a title. Analysing them again links
   * the people. A name without such a pair (a one-word name, باسم الحكومة) is not learnt, and not
   * looked for. An article analysed by a recogniser
   * that knew a person already is not looked at for them (`Article.learntKnown`): analysing it
   * again would find what it found, and in a scan most articles come after most people are learnt.
   */
  async relinkCandidates(people: readonly Entity[], pause: () => Promise<void> = noPause): Promise<string[]> {
    const wanted = this.probes(people);
    const out: string[] = [];
    if (wanted.length === 0) return out;
    const latest = Math.max(...wanted.map((p) => p.learnt));
    // Taken whole, in slices between which the index may change (a removed article is skipped).
    let n = 0;
    for (const a of [...this.articles()]) {
      if (++n % 64 === 0) await pause();
      if (a.removed || a.learntKnown > latest) continue;
      // An article that names the person already is looked at only when it may name them before
      // introducing them (`namesEarly`): analysed before they were learnt, it missed that.
      const early = a.namesEarly;
      if (wanted.some((p) => a.learntKnown <= p.learnt && (p.keys.every((k) => a.mayContain(k)) || (p.titled !== undefined && a.mayContain(p.titled))) && (early || !a.hasMention(p.number)))) out.push(a.uri);
    }
    return out;
  }

  /** The people still learnt whose names have a pair of name words: number, place in the order learnt, the pairs' probes, and the probe of a person's surname after a title. */
  private probes(people: readonly Entity[]): Wanted[] {
    const learntAt = new Map(this.learnt().map((e, i) => [e.id, i]));
    return people
      .map((e) => {
        const keys = filteredPairs(tokenKeys(e.ar)).map(([first, second]) => filterProbe(first, second));
        const surname = e.type === 'person' ? e.short?.[0] : undefined;
        const titled = surname === undefined ? undefined : titledProbe(tokenKeys(typeof surname === 'string' ? surname : surname.text)[0]);
        return { number: this.entities.numberOf(e.id), learnt: learntAt.get(e.id) ?? Infinity, keys, titled };
      })
      .filter((p): p is Wanted => p.number !== undefined && !!this.entities.stats[p.number]?.live && p.keys.length > 0);
  }
}
