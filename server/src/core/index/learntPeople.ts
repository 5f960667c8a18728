/**
 * People (and other names) discovered in the articles, as the index learns and forgets them.
 * A discovered entity exists while some article introduces it (its own discovery found it: a
 * 'discovered' mention, see `MENTION_KINDS`). At the end of each update, an entity given its
 * first introducer is learnt (the recogniser knows it from then on); one left without any is
 * forgotten (the recogniser is made again without it, and `staleArticles` lists the articles
 * still linking it, to be analysed again: its links go with it). Its text and role are those of
 * its earliest introducing article (`earlier`: by date, then URI), so they do not depend on the
 * order of indexing.
 */
import type { Entity } from '../catalog/types';
import { discoveredEntity } from '../entities/discovery';
import { filteredPairs } from '../entities/nameWords';
import { Recognizer } from '../entities/recognizer';
import { tokenKeys } from '../text/tokenize';
import type { ArticleAnalysis } from './analysis';
import { discoveredId } from './analysis';
import { DISCOVERED_KIND, type Article } from './article';
import { earlier } from './articleOrder';
import type { EntityTable } from './entityTable';
import type { Introduction } from './entityStats';
import { LazyFigure } from './lazyFigure';
import { filterProbe, titledProbe, type FilterProbe } from './tokenFilter';

/** How an analysis's local entity numbers become the index's (see `LearntPeople.numbering`). */
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

/** A person `relinkCandidates` looks for: the probes of their name's pairs and of their surname after a title. */
interface Wanted {
  readonly number: number;
  readonly learnt: number;
  readonly keys: FilterProbe[];
  readonly titled: FilterProbe | undefined;
}

export class LearntPeople {
  private recognizerNow = new Recognizer([]);
  /** The recogniser is to be made again (it never unlearns): a learnt entity was forgotten or renamed. */
  private recognizerStale = false;
  private catalog: Entity[] = [];
  /** Index number of each catalog entry. */
  private catalogNumbers = new Uint32Array(0);
  /**
   * Discovered entities in the order they were learnt, as a log: one forgotten stays in it (the
   * callers' marks are positions in it) and comes again, later, when introduced again.
   */
  private learnt: Entity[] = [];
  /** Entities whose introducing articles an update changed, settled at its end (`settle`). */
  private readonly unsettled = new Set<number>();
  /** Entities forgotten since `staleArticles` last looked for the articles linking them. */
  private readonly forgotten = new Set<number>();
  /** Articles to analyse again besides those (see `staleArticles`). */
  readonly staleUris = new Set<string>();
  /** Names the user chose to ignore (the workspace catalog's `ignore`), as discovery keys them. */
  private ignored: ReadonlySet<string> = new Set();

  constructor(private readonly entities: EntityTable) {}

  /** Starts again under a catalog and the names discovery is not to offer (the index holds no article). */
  reset(catalog: readonly Entity[], ignored: readonly string[]): void {
    this.ignored = new Set(ignored.map((n) => tokenKeys(n).join(' ')));
    this.catalog = [...catalog];
    this.catalogNumbers = Uint32Array.from(this.catalog.map((e) => this.entities.intern(e)));
    this.recognizerNow = new Recognizer(this.catalog);
    this.recognizerStale = false;
    this.learnt = [];
    this.unsettled.clear();
    this.forgotten.clear();
    this.staleUris.clear();
  }

  /** The catalog articles are recognised against, in the order `analyzeArticle` numbers it. */
  get catalogEntities(): readonly Entity[] {
    return this.catalog;
  }

  /** The recogniser, made again once a learnt entity was forgotten (see `settle`). */
  get recognizer(): Recognizer {
    if (this.recognizerStale) {
      this.recognizerStale = false;
      this.recognizerNow = new Recognizer(this.catalog);
      for (const e of this.learntSince(0)) this.recognizerNow.learn(e);
    }
    return this.recognizerNow;
  }

  get learntCount(): number {
    return this.learnt.length;
  }

  /**
   * People discovered since the catalog was set, in order (the caller passes them on to
   * recognisers elsewhere): those still introduced, each once, as the index describes them now.
   */
  learntSince(n: number): readonly Entity[] {
    const out: Entity[] = [];
    const seen = new Set<string>();
    for (let i = n; i < this.learnt.length; i++) {
      const s = this.entities.statsOf(this.learnt[i].id)!;
      if (!s.live || seen.has(s.entity.id)) continue;
      seen.add(s.entity.id);
      out.push(s.entity);
    }
    return out;
  }

  /**
   * The index's numbers for an analysis's local ones (catalog entries, then `discovered`),
   * interning the people it introduces. A person it links but no article introduces any more
   * (the recogniser that made it had not forgotten them yet) is `dropped`; a name the user ignores
   * is no entity, here or anywhere (so never learnt): `ignored`.
   */
  numbering(article: Article, analysis: ArticleAnalysis): LocalNumbering {
    const base = this.recognizerNow.catalogSize;
    const introduced = new Uint8Array(analysis.discovered.length);
    const linked = new Uint8Array(analysis.discovered.length);
    article.forEachMention((e, kind) => {
      if (e < base) return;
      linked[e - base] = 1;
      if (kind === DISCOVERED_KIND) introduced[e - base] = 1;
    });
    const numbers = new Uint32Array(base + analysis.discovered.length);
    numbers.set(this.catalogNumbers);
    const said = new Map<number, Introduction>();
    let dropped: number[] | undefined;
    let ignored: number[] | undefined;
    analysis.discovered.forEach((x, i) => {
      if (!linked[i]) return;
      if (this.ignored.size > 0 && this.ignored.has(x.key.slice(x.key.indexOf(':') + 1))) {
        (ignored ??= []).push(base + i);
        return;
      }
      const id = discoveredId(x.key);
      let n = this.entities.numberOf(id);
      if (introduced[i]) {
        if (n === undefined || !this.entities.stats[n]) n = this.entities.intern(discoveredEntity(id, x.key, x.text, x.role));
        said.set(n, { key: x.key, text: x.text, role: x.role });
      } else if (n === undefined || !this.entities.stats[n]?.introducers?.size) {
        (dropped ??= []).push(base + i);
        return;
      }
      numbers[base + i] = n;
    });
    return { numbers, said, dropped, ignored };
  }

  /** The local numbers an analysis may hold: below this, it was not made under the current catalog. */
  localLimit(analysis: ArticleAnalysis): number {
    return this.recognizerNow.catalogSize + analysis.discovered.length;
  }

  /** Records the entities the article introduces (`said`: what it says of them; unknown when restored). */
  introducedBy(a: Article, said?: ReadonlyMap<number, Introduction>): void {
    this.introducing = a;
    this.saying = said;
    a.forEachIntroduced(this.introduced);
  }

  /** The article `introducedBy` records, and what it says: fields, so that one callback serves every article of a restore. */
  private introducing: Article | undefined;
  private saying: ReadonlyMap<number, Introduction> | undefined;
  private readonly introduced = (e: number) => {
    const s = this.entities.stats[e]!;
    (s.introducers ??= new Map()).set(this.introducing!, this.saying?.get(e));
    (s.firstIntroducer ??= new LazyFigure(earlier)).offer(this.introducing!);
    this.unsettled.add(e);
  };

  /** The article that went introduces nobody any more. */
  withdrawn(a: Article): void {
    a.forEachIntroduced((e) => {
      const s = this.entities.stats[e]!;
      s.introducers?.delete(a);
      s.firstIntroducer?.withdraw(a);
      this.unsettled.add(e);
    });
  }

  /** The people a persisted index learnt: learnt here when the restored articles introduce them. */
  restoring(discovered: readonly Entity[]): void {
    for (const d of discovered) {
      const e = this.entities.numberOf(d.id);
      const s = e === undefined ? undefined : this.entities.stats[e];
      if (!s) this.unsettled.add(this.entities.intern(d));
      else if (!s.live) s.entity = d;
    }
  }

  /**
   * Learns the entities given their first introducer and forgets those left without one (see the
   * module's comment). `restoring`: the articles come from a persisted index, part by part, whose
   * entities are described as their earliest introducers said: an earlier introducer in a later
   * part stands as it is.
   */
  settle(restoring = false): void {
    for (const i of this.unsettled) {
      const s = this.entities.stats[i]!;
      const intro = s.introducers;
      if (!intro || intro.size === 0) {
        if (s.live) this.forget(i);
        continue;
      }
      const first = s.firstIntroducer!.get(() => {
        let found: Article | undefined;
        for (const a of intro.keys()) if (!found || earlier(a, found)) found = a;
        return found;
      });
      if (first !== s.describedBy) {
        const said = intro.get(first!);
        if (said) {
          const e = discoveredEntity(s.entity.id, said.key, said.text, said.role);
          if (e.ar !== s.entity.ar) {
            if (s.live) this.recognizerStale = true;
            this.entities.version++;
          }
          s.entity = e;
        } else if (s.describedBy !== undefined && !restoring) this.staleUris.add(first!.uri);
        // A restored article does not say (a cache keeps the entity as its earliest introducer
        // described it): first described, it stands; later, analysed again, it tells.
        s.describedBy = first;
      }
      if (!s.live) this.learn(i);
    }
    this.unsettled.clear();
  }

  /** A discovered entity some article introduces: a name the recogniser knows from now on. */
  private learn(i: number): void {
    const s = this.entities.stats[i]!;
    s.live = true;
    this.forgotten.delete(i);
    if (!this.recognizerStale) this.recognizerNow.learn(s.entity);
    this.learnt.push(s.entity);
    this.entities.version++;
  }

  /** A discovered entity no article introduces any more: the articles linking it are to be analysed again. */
  private forget(i: number): void {
    const s = this.entities.stats[i]!;
    s.live = false;
    s.describedBy = undefined;
    this.forgotten.add(i);
    this.recognizerStale = true;
    this.entities.version++;
  }

  /** Whether `staleArticles` has something to look at: a relinking pass is due. */
  get staleWaiting(): boolean {
    return this.forgotten.size > 0 || this.staleUris.size > 0;
  }

  /**
   * Articles to analyse again, listed once: those linking a discovered entity no article
   * introduces any more, those whose committed analysis linked one (the links were left out), and
   * restored ones whose introduction now describes someone (see `settle`).
   */
  async staleArticles(articles: Iterable<Article>, pause: () => Promise<void>): Promise<string[]> {
    const gone = [...this.forgotten];
    this.forgotten.clear();
    const out = new Set(this.staleUris);
    this.staleUris.clear();
    if (gone.length === 0) return [...out];
    let n = 0;
    for (const a of [...articles]) {
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
  async relinkCandidates(articles: Iterable<Article>, people: readonly Entity[], pause: () => Promise<void>): Promise<string[]> {
    const learntAt = new Map(this.learnt.map((e, i) => [e.id, i]));
    const wanted = people
      .map((e) => {
        const keys = filteredPairs(tokenKeys(e.ar)).map(([first, second]) => filterProbe(first, second));
        const surname = e.type === 'person' ? e.short?.[0] : undefined;
        const titled = surname === undefined ? undefined : titledProbe(tokenKeys(typeof surname === 'string' ? surname : surname.text)[0]);
        return { number: this.entities.numberOf(e.id), learnt: learntAt.get(e.id) ?? Infinity, keys, titled };
      })
      .filter((p): p is Wanted => p.number !== undefined && !!this.entities.stats[p.number]?.live && p.keys.length > 0);
    const out: string[] = [];
    if (wanted.length === 0) return out;
    const latest = Math.max(...wanted.map((p) => p.learnt));
    // Taken whole, in slices between which the index may change (a removed article is skipped).
    let n = 0;
    for (const a of [...articles]) {
      if (++n % 64 === 0) await pause();
      if (a.removed || a.learntKnown > latest) continue;
      // An article that names the person already is looked at only when it may name them before
      // introducing them (`namesEarly`): analysed before they were learnt, it missed that.
      const early = a.namesEarly;
      if (wanted.some((p) => a.learntKnown <= p.learnt && (p.keys.every((k) => a.mayContain(k)) || (p.titled !== undefined && a.mayContain(p.titled))) && (early || !a.hasMention(p.number)))) out.push(a.uri);
    }
    return out;
  }
}
