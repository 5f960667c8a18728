/**
 * Each entity's figures, kept up to date one article at a time, so that a hover never scans the
 * corpus: totals and postings always; the dates, written forms, newest articles and
 * co-occurrences once first asked for (or spoilt by a removal), then kept from there.
 */
import type { Entity, EntityType } from '../catalog/types';
import { copyEntities, countEntities, forEachForm, forEachFullName, type Article } from './article';
import type { ArticleList } from './articleList';
import { addToTop, byDateDesc, earlier } from './articleOrder';
import type { EntityTable } from './entityTable';
import { LazyFigure } from './lazyFigure';

/** What an article that introduces a discovered entity says of it (unknown for a restored article). */
export interface Introduction {
  readonly key: string;
  readonly text: string;
  readonly role: string;
}

export interface EntityStats {
  entity: Entity;
  articles: ArticleList;
  mentions: number;
  /**
   * Form number → how often the entity was written so (outside boilerplate), once asked for:
   * counted when first asked rather than for every article added, which a warm start would pay for.
   */
  forms?: Map<number, number>;
  /** The `TOP` newest articles naming it, once asked for: kept up to date as articles come, dropped when one of them goes. */
  top?: Article[];
  /** Its dates, made when it is first named (most catalog entries never are). */
  dates?: EntityDates;
  /** Entities named with it, by shared articles, as of the index's `generation` (computed on demand). */
  cooccur?: { generation: number; list: { entity: Entity; articles: number }[] };
  /**
   * For an entity named in many articles, once asked: how many of its articles each other
   * entity (by number) shares, kept up to date as articles come and go, so that hovers need not
   * count again (a warm start restoring articles does not pay for it).
   */
  shared?: Uint32Array;
  /**
   * A discovered entity's introducing articles (see `MENTION_KINDS`), each with what it says of
   * the entity (undefined when restored from a cache); the entity is learnt while there is one.
   */
  introducers?: Map<Article, Introduction | undefined>;
  /**
   * The earliest of `introducers` (by date, then URI), kept as they come and found again when it
   * goes: a name the whole corpus introduces (a copied article) would otherwise be compared with
   * every introducer at each new one.
   */
  firstIntroducer?: LazyFigure<Article>;
  /** Whether the recogniser knows the discovered entity (it is learnt: `introducers` is not empty). */
  live?: boolean;
  /** The introducing article whose text and role the entity has: the earliest (`earlier`). */
  describedBy?: Article;
}

/** The dates of an entity's articles that hovers and definitions ask for. */
interface EntityDates {
  /** Latest article date. */
  readonly latest: LazyFigure<string>;
  /** The earliest dated article naming it (undated when none is dated). */
  readonly earliest: LazyFigure<Article>;
  /** Likewise, among the articles that give its full name (outside boilerplate): where definitions go. */
  readonly earliestFull: LazyFigure<Article>;
}

const later = (x: string, than: string) => x > than;

/** `stale`: to be found when first asked (see `EntityStatistics.spoilDates`). */
function entityDates(stale: boolean): EntityDates {
  return { latest: new LazyFigure(later, stale), earliest: new LazyFigure(earlier, stale), earliestFull: new LazyFigure(earlier, stale) };
}

export function newEntityStats(entity: Entity, articles: ArticleList): EntityStats {
  return { entity, articles, mentions: 0 };
}

/** How many newest articles an entity keeps at hand (hovers list eight). */
export const TOP = 10;
/** Entities named in this many articles, once asked, keep their co-occurrences counted (see `EntityStats.shared`). */
export const SHARED_FROM = 2000;

export interface EntitySummary {
  readonly entity: Entity;
  readonly mentions: number;
  readonly articles: number;
  /** ISO date of the latest article that names it, if any has a date. */
  readonly latest?: string;
}

/** Keeps the entities' figures as articles come and go, and answers them. */
export class EntityStatistics {
  /** How many entities some article names (outside boilerplate). */
  present = 0;
  /** Whether some entity counts its forms (see `EntityStats.forms`): until one does, articles' forms are not looked at. */
  private formsKept = false;

  /** `sharedFrom`: see `EntityStats.shared`. */
  constructor(
    private readonly entities: EntityTable,
    readonly sharedFrom: number,
  ) {}

  /** Counts the article in. `datesLater`: the dates are to be found when asked (see `spoilDates`), not compared now. */
  add(a: Article, datesLater: boolean): void {
    const stats = this.entities.stats;
    const n = this.named(a);
    const { scratchEntities: entities, scratchMentions: mentions } = this;
    for (let i = 0; i < n; i++) {
      const e = entities[i];
      const s = stats[e]!;
      if (s.articles.size === 0) this.present++;
      s.articles.add(a);
      if (s.top) addToTop(s.top, a, TOP);
      if (s.shared) this.share(s, a, e, 1);
      s.mentions += mentions[i];
      const dates = (s.dates ??= entityDates(datesLater));
      // Dates left to be found are stale: an offer would be ignored.
      if (datesLater) continue;
      if (a.date) dates.latest.offer(a.date);
      dates.earliest.offer(a);
    }
    // After the counts, which give every entity named outside boilerplate its dates. An entity
    // named in full twice is offered the article twice, harmlessly.
    if (!datesLater) forEachFullName(a, (e) => stats[e]!.dates?.earliestFull.offer(a));
    this.countForms(a, 1);
  }

  /** Counts the article out; the index's table has let go of it. */
  remove(a: Article): void {
    const n = this.named(a);
    for (let i = 0; i < n; i++) {
      const e = this.scratchEntities[i];
      const s = this.entities.stats[e]!;
      s.articles.delete(a);
      if (s.top?.includes(a)) s.top = undefined;
      if (s.shared) this.share(s, a, e, -1);
      if (s.articles.size === 0) this.present--;
      s.mentions -= this.scratchMentions[i];
      if (a.date) s.dates?.latest.withdraw(a.date);
      s.dates?.earliest.withdraw(a);
      s.dates?.earliestFull.withdraw(a);
    }
    this.countForms(a, -1);
  }

  /** Arrays an article's entities are copied into (see `copyEntities` in `article.ts`), reused from article to article. */
  private scratchEntities = new Uint32Array(256);
  private scratchMentions = new Uint32Array(256);

  /** Copies the entities the article names, and their counts, into the scratch arrays; returns how many. */
  private named(a: Article): number {
    if (a.entityCount > this.scratchEntities.length) {
      this.scratchEntities = new Uint32Array(2 * a.entityCount);
      this.scratchMentions = new Uint32Array(2 * a.entityCount);
    }
    return copyEntities(a, this.scratchEntities, this.scratchMentions);
  }

  /** Leaves every entity's dates to be found when first asked: comparing them article by article slows a restore down (an entity first named in the restore gets them so too). */
  spoilDates(): void {
    for (const s of this.entities.stats) {
      const dates = s?.dates;
      if (!dates) continue;
      dates.latest.spoil();
      dates.earliest.spoil();
      dates.earliestFull.spoil();
    }
  }

  summary(s: EntityStats): EntitySummary {
    const latest = s.dates?.latest.get(() => {
      let found: string | undefined;
      s.articles.forEach((a) => {
        if (a.date && (!found || a.date > found)) found = a.date;
      });
      return found;
    });
    return { entity: s.entity, mentions: s.mentions, articles: s.articles.size, latest };
  }

  /** Entities the corpus names (outside boilerplate), optionally of one type. */
  summaries(type?: EntityType): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const s of this.entities.stats) if (s && s.articles.size > 0 && (!type || s.entity.type === type)) out.push(this.summary(s));
    return out;
  }

  /** Articles naming the entity (outside boilerplate), newest first, undated last; at most `limit`. */
  articlesOf(s: EntityStats, limit: number): Article[] {
    const set = s.articles;
    if (limit >= set.size) return set.toArray().sort(byDateDesc);
    // Hovers ask for the same few newest articles again and again: kept from then on.
    const small = limit <= TOP;
    if (small && s.top) return s.top.slice(0, limit);
    const want = small ? TOP : limit;
    // Partial selection keeps this linear when an entity is named in most of the corpus.
    const top: Article[] = [];
    set.forEach((a) => addToTop(top, a, want));
    if (small) s.top = top;
    return top.slice(0, limit);
  }

  earliestArticle(s: EntityStats): Article | undefined {
    return s.dates?.earliest.get(() => earliestIn(s, () => true));
  }

  earliestFullArticle(s: EntityStats, e: number): Article | undefined {
    return s.dates?.earliestFull.get(() => earliestIn(s, (a) => a.hasMention(e, true)));
  }

  /** Written forms of entity `e` seen in the corpus, most frequent first. */
  forms(s: EntityStats, e: number): [string, number][] {
    if (!s.forms) {
      this.formsKept = true;
      const forms = (s.forms = new Map());
      const add = (entity: number, form: number, count: number) => entity === e && forms.set(form, (forms.get(form) ?? 0) + count);
      s.articles.forEach((a) => forEachForm(a, add));
    }
    // Ties in code-unit order, so that the list does not depend on when the forms were first counted.
    const list = [...s.forms].map(([form, n]): [string, number] => [this.entities.formTexts[form], n]);
    return list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Entities named in the same articles as entity `e`, by number of shared articles; kept until the index (at `generation`) changes. */
  cooccurring(s: EntityStats, e: number, limit: number, generation: number): { entity: Entity; articles: number }[] {
    const c = s.cooccur;
    if (c && c.generation === generation && limit <= 10) return c.list.slice(0, limit);
    // Counted once; from then on kept up to date when the entity is named in many articles.
    if (!s.shared && s.articles.size >= this.sharedFrom) {
      s.shared = new Uint32Array(this.entities.stats.length);
      s.articles.forEach((a) => this.share(s, a, e, 1));
    }
    let shared = s.shared;
    if (!shared) {
      const counts = (shared = new Uint32Array(this.entities.stats.length));
      s.articles.forEach((a) => countEntities(a, counts, 1, e));
    }
    const stats = this.entities.stats;
    const seen: number[] = [];
    for (let o = 0; o < shared.length; o++) if (shared[o] > 0) seen.push(o);
    const list = seen
      .map((other) => ({ entity: stats[other]!.entity, articles: shared[other], mentions: stats[other]!.mentions }))
      .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions)
      .slice(0, Math.max(limit, 10))
      .map(({ entity, articles }) => ({ entity, articles }));
    s.cooccur = { generation, list };
    return list.slice(0, limit);
  }

  /** Adds (`by` 1) or takes away (-1) the entities `a` names with entity `e` in `s.shared`. */
  private share(s: EntityStats, a: Article, e: number, by: 1 | -1): void {
    // Entity numbers stay below the number of entities known, which only grows.
    const known = this.entities.stats.length;
    if (known > s.shared!.length) {
      const grown = new Uint32Array(Math.max(known, 2 * s.shared!.length));
      grown.set(s.shared!);
      s.shared = grown;
    }
    countEntities(a, s.shared!, by, e);
  }

  /** Takes forms counted elsewhere (a persisted index's) for an entity that counts none yet. */
  keepForms(s: EntityStats, forms: Map<number, number>): void {
    if (s.forms) return;
    this.formsKept = true;
    s.forms = forms;
  }

  /** Adds (`by` 1) or takes away (-1) the article's written forms, for the entities whose forms are counted. */
  private countForms(a: Article, by: 1 | -1): void {
    if (!this.formsKept) return;
    const stats = this.entities.stats;
    forEachForm(a, (e, form, count) => {
      const f = stats[e]!.forms;
      if (!f) return;
      const n = (f.get(form) ?? 0) + by * count;
      if (n > 0) f.set(form, n);
      else f.delete(form);
    });
  }
}

/** The earliest (see `earlier`) of the entity's articles that `accept` takes. */
function earliestIn(s: EntityStats, accept: (a: Article) => boolean): Article | undefined {
  let best: Article | undefined;
  s.articles.forEach((a) => {
    if ((!best || earlier(a, best)) && accept(a)) best = a;
  });
  return best;
}
