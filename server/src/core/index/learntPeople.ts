/**
 * People (and other names) discovered in the articles, as the index learns and forgets them.
 * A discovered entity exists while some article introduces it (its own discovery found it: a
 * 'discovered' mention, see `MENTION_KINDS`). At the end of each update, an entity given its
 * first introducer is learnt (the recogniser knows it from then on); one left without any is
 * forgotten (the recogniser is made again without it, and `Relinking.staleArticles` lists the articles
 * still linking it, to be analysed again: its links go with it). Its text and role are those of
 * its earliest introducing article (`earlier`: by date, then URI), so they do not depend on the
 * order of indexing.
 */
import type { Entity } from '../catalog/types';
import { discoveredEntity } from '../entities/discovery';
import { Recognizer } from '../entities/recognizer';
import { tokenKeys } from '../text/tokenize';
import type { ArticleAnalysis } from './analysis';
import { forEachIntroduced, type Article } from './article';
import { earlier } from './articleOrder';
import type { EntityTable } from './entityTable';
import type { Introduction } from './entityStats';
import { LazyFigure } from './lazyFigure';
import { localNumbering, type LocalNumbering } from './localNumbering';
import { Relinking } from './relinking';

export type { LocalNumbering } from './localNumbering';

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
  /** The articles to analyse again as people are forgotten, described anew or learnt late. */
  readonly relinking: Relinking;
  /** Names the user chose to ignore (the workspace catalog's `ignore`), as discovery keys them. */
  private ignored: ReadonlySet<string> = new Set();

  /** `articles`: the index's articles, which `relinking` looks through. */
  constructor(
    private readonly entities: EntityTable,
    articles: () => Iterable<Article>,
  ) {
    this.relinking = new Relinking(entities, articles, () => this.learnt);
  }

  /** Starts again under a catalog and the names discovery is not to offer (the index holds no article). */
  reset(catalog: readonly Entity[], ignored: readonly string[]): void {
    this.ignored = new Set(ignored.map((n) => tokenKeys(n).join(' ')));
    this.catalog = [...catalog];
    this.catalogNumbers = Uint32Array.from(this.catalog.map((e) => this.entities.intern(e)));
    this.recognizerNow = new Recognizer(this.catalog);
    this.recognizerStale = false;
    this.learnt = [];
    this.unsettled.clear();
    this.relinking.clear();
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

  /** The index's numbers for an analysis's local ones (see `localNumbering`). */
  numbering(article: Article, analysis: ArticleAnalysis): LocalNumbering {
    return localNumbering({ entities: this.entities, catalogNumbers: this.catalogNumbers, ignored: this.ignored }, article, analysis);
  }

  /** The local numbers an analysis may hold: below this, it was not made under the current catalog. */
  localLimit(analysis: ArticleAnalysis): number {
    return this.recognizerNow.catalogSize + analysis.discovered.length;
  }

  /** Records the entities the article introduces (`said`: what it says of them; unknown when restored). */
  introducedBy(a: Article, said?: ReadonlyMap<number, Introduction>): void {
    this.introducing = a;
    this.saying = said;
    forEachIntroduced(a, this.introduced);
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
    forEachIntroduced(a, (e) => {
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
        } else if (s.describedBy !== undefined && !restoring) this.relinking.staleUris.add(first!.uri);
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
    this.relinking.relearnt(i);
    if (!this.recognizerStale) this.recognizerNow.learn(s.entity);
    this.learnt.push(s.entity);
    this.entities.version++;
  }

  /** A discovered entity no article introduces any more: the articles linking it are to be analysed again. */
  private forget(i: number): void {
    const s = this.entities.stats[i]!;
    s.live = false;
    s.describedBy = undefined;
    this.relinking.forgot(i);
    this.recognizerStale = true;
    this.entities.version++;
  }
}
