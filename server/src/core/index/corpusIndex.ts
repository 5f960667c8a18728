/**
 * The live corpus index, compact enough for archives: article texts are not kept (the caller
 * re-reads them when a feature needs words), mentions are packed in typed arrays, entity ids are
 * interned, and per-entity totals, postings and mention forms are kept up to date on every
 * change, so that a hover never scans the corpus. Every update touches one article only.
 */
import type { Entity, EntityType } from '../catalog/types';
import { Recognizer, type Mention } from '../entities/recognizer';
import { discoveredEntity } from '../entities/discovery';
import { analyzeArticle, discoveredId, MENTION_KINDS, NAMES_EARLY, NAMES_EARLY_WORD, type ArticleAnalysis } from './analysis';
import { Article, articleData, articleDataAt } from './article';
import { ArticleList, ArticleTable } from './articleList';
import { tokenKeys } from '../text/tokenize';
import { filterProbe, type FilterProbe } from './tokenFilter';

export { Article };

/**
 * An article's headline search words: the words, or (as a persisted index gives them) their
 * numbers in a table that many articles share, `ids[start]` up to `ids[end]`, so that restoring
 * 100,000 articles makes no array of strings for each.
 */
export type HeadlineWords = readonly string[] | { readonly table: readonly string[]; readonly ids: Uint32Array; readonly start: number; readonly end: number };

/** See `CorpusIndex.onArticle`. */
export type ArticleListener = (added: Article | undefined, headlineWords: HeadlineWords | undefined, removed: Article | undefined) => void;

export interface MentionRef extends Mention {
  readonly uri: string;
}

export interface EntitySummary {
  readonly entity: Entity;
  readonly mentions: number;
  readonly articles: number;
  /** ISO date of the latest article that names it, if any has a date. */
  readonly latest?: string;
}

/** Kind numbers of the mentions that give an entity's full name. */
const FULL_NAME_KINDS = [MENTION_KINDS.indexOf('name'), MENTION_KINDS.indexOf('discovered')];
/** Tests of a mention's first word (see `articleData`). */
const isBoilerplateMention = (w: number) => (w & 1) === 1;
const DEMONYM_KIND = MENTION_KINDS.indexOf('demonym');
const isDemonymMention = (w: number) => ((w >>> 1) & 3) === DEMONYM_KIND;
/** The mention names its entity in full, outside boilerplate. */
const isFullMention = (w: number) => !isBoilerplateMention(w) && FULL_NAME_KINDS.includes((w >>> 1) & 3);
/** The mention is one the article's own discovery found: the article introduces its entity (see `MENTION_KINDS`). */
const DISCOVERED_KIND = MENTION_KINDS.indexOf('discovered');
const isIntroduction = (w: number) => ((w >>> 1) & 3) === DISCOVERED_KIND;
const NAME_KIND = MENTION_KINDS.indexOf('name');

/** What an article that introduces a discovered entity says of it (unknown for a restored article). */
interface Introduction {
  readonly key: string;
  readonly text: string;
  readonly role: string;
}

export interface MentionOptions {
  readonly includeBoilerplate?: boolean;
  readonly includeDemonyms?: boolean;
}

interface EntityStats {
  entity: Entity;
  articles: ArticleList;
  mentions: number;
  /**
   * Form id → how often the entity was written so (outside boilerplate), once asked for: kept up
   * to date from then on. Counted when first asked rather than on every article added (26 form
   * counts an article: a warm start of 100,000 articles spent a tenth of its time on them).
   */
  forms?: Map<number, number>;
  /**
   * The ten newest articles naming it (fewer when it is named in fewer), once asked for: kept up
   * to date as articles come, dropped when one of them goes.
   */
  top?: Article[];
  /** Latest article date; recomputed lazily (`latestDirty`) when a removal may have lowered it. */
  latest?: string;
  latestDirty: boolean;
  /** The earliest dated article naming it (undated when none is dated); lazily recomputed likewise. */
  earliest?: Article;
  earliestDirty: boolean;
  /** Likewise, among the articles that give its full name (outside boilerplate): where definitions go. */
  earliestFull?: Article;
  earliestFullDirty: boolean;
  /** Entities named with it, by shared articles, as of `generation` (computed on demand). */
  cooccur?: { generation: number; list: { entity: Entity; articles: number }[] };
  /**
   * A discovered entity's introducing articles (see `MENTION_KINDS`), each with what it says of
   * the entity (undefined when restored from a cache); the entity is learnt while there is one.
   */
  introducers?: Map<Article, Introduction | undefined>;
  /**
   * The earliest of `introducers` (by date, then URI), kept as they come; cleared when it goes,
   * and found again then. A name the whole corpus introduces (a copied article) would otherwise
   * be compared with every introducer at each new one.
   */
  earliestIntroducer?: Article;
  /** Whether the recogniser knows the discovered entity (it is learnt: `introducers` is not empty). */
  live?: boolean;
  /** The introducing article whose text and role the entity has: the earliest (`earlier`). */
  describedBy?: Article;
  /**
   * For an entity named in many articles, once asked: how many of its articles each other
   * entity (by number) shares, kept up to date as articles come and go, so that hovers need not
   * count again (a warm start restoring articles does not pay for it).
   */
  shared?: Uint32Array;
}

/** What a persisted index holds; see `snapshot()` and `restore()`. */
export interface IndexSnapshot {
  readonly entityIds: string[];
  readonly discovered: Entity[];
  readonly formTexts: string[];
  /**
   * Each article's strings, data array (see `articleData`; it starts at `base` in `data`, 0 when
   * absent, so that the articles of a persisted part can share one array) and headline search words.
   */
  readonly articles: { uri: string; headline: string; date?: string; source?: string; data: Uint32Array; base?: number; words: HeadlineWords }[];
}

/** The index's numbering and its live articles (see `source()`). */
export interface IndexSource {
  readonly entityIds: string[];
  readonly discovered: Entity[];
  readonly formTexts: string[];
  readonly articles: readonly Article[];
  /** Counts the hover figures of the entities that keep them, over the articles given to it (see `SavedCounts`). */
  readonly counts: HoverCounts;
}

/**
 * Hover figures an entity keeps once asked for them (`EntityStats.forms`, `shared`, `top` and
 * `latest`), as a persisted index holds them for the articles it holds, so that after a warm start
 * the first hover on an entity named in tens of thousands of articles need not count them again
 * (50 to 140 ms each at 100,000 articles). Numbers are the snapshot's: `forms` holds (form id,
 * count) pairs, `shared` (entity, shared articles) pairs; `top` the newest articles' URIs.
 */
export interface SavedCounts {
  readonly entity: number;
  readonly forms?: Uint32Array;
  readonly shared?: Uint32Array;
  readonly top: readonly string[];
  readonly latest?: string;
}

/** Counts, article by article as a cache is written, what `SavedCounts` holds. */
export class HoverCounts {
  /** Per entity number: its place in the lists below, -1 when it is not counted. */
  private readonly slot: Int32Array;
  private readonly entities: number[] = [];
  private readonly forms: (Map<number, number> | undefined)[] = [];
  private readonly shared: (Uint32Array | undefined)[] = [];
  private readonly top: Article[][] = [];
  private readonly latest: (string | undefined)[] = [];

  /** `formsOf` and `sharedOf`: the entities (numbers below `entityCount`) to count forms and co-occurrences of. */
  constructor(entityCount: number, formsOf: readonly number[], sharedOf: readonly number[]) {
    this.slot = new Int32Array(entityCount).fill(-1);
    const slotOf = (e: number) => {
      if (this.slot[e] < 0) {
        this.slot[e] = this.entities.push(e) - 1;
        this.forms.push(undefined);
        this.shared.push(undefined);
        this.top.push([]);
        this.latest.push(undefined);
      }
      return this.slot[e];
    };
    for (const e of formsOf) this.forms[slotOf(e)] = new Map();
    for (const e of sharedOf) this.shared[slotOf(e)] = new Uint32Array(entityCount);
  }

  add(a: Article): void {
    const d = a.data;
    // Entities numbered since the counting began are not counted (nor shared with).
    const n = this.slot.length;
    for (let k = a.formsAt, end = k + 3 * a.formCount; k < end; k += 3) {
      const m = d[k] < n && this.slot[d[k]] >= 0 ? this.forms[this.slot[d[k]]] : undefined;
      if (m) m.set(d[k + 1], (m.get(d[k + 1]) ?? 0) + d[k + 2]);
    }
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) {
      const i = d[k] < n ? this.slot[d[k]] : -1;
      if (i < 0) continue;
      addToTop(this.top[i], a, TOP);
      if (a.date && (this.latest[i] === undefined || a.date > this.latest[i]!)) this.latest[i] = a.date;
      const counts = this.shared[i];
      if (counts) for (let o = a.countsAt; o < end; o += 2) if (d[o] !== d[k] && d[o] < n) counts[d[o]]++;
    }
  }

  result(): SavedCounts[] {
    return this.entities.map((entity, i) => {
      const pairs: number[] = [];
      this.shared[i]?.forEach((count, other) => count > 0 && pairs.push(other, count));
      const forms = this.forms[i];
      return {
        entity,
        forms: forms && Uint32Array.from([...forms].flat()),
        shared: this.shared[i] && Uint32Array.from(pairs),
        top: this.top[i].map((a) => a.uri),
        latest: this.latest[i],
      };
    });
  }
}

/** An article as a snapshot holds it. */
export function recordOf(a: Article, words: readonly string[]): IndexSnapshot['articles'][number] {
  return { uri: a.uri, headline: a.headline.text, date: a.date, source: a.source, data: a.ownData(), words };
}

export class CorpusIndex {
  private recognizerNow = new Recognizer([]);
  /** The recogniser is to be made again (it never unlearns): a learnt entity was forgotten or renamed. */
  private recognizerStale = false;
  private catalog: Entity[] = [];
  /** Names the user chose to ignore (the workspace catalog's `ignore`), as discovery keys them. */
  private ignored: ReadonlySet<string> = new Set();
  /** Interned index of each catalog entry. */
  private catalogSlots = new Uint32Array(0);
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
  private readonly staleUris = new Set<string>();
  private readonly ids: string[] = [];
  private readonly idIndex = new Map<string, number>();
  private readonly stats: (EntityStats | undefined)[] = [];
  private readonly articles = new Map<string, Article>();
  /** Numbers the articles for the entities' lists and the search structures. */
  private readonly table = new ArticleTable();
  /** Interned written forms of names (few thousand distinct ones even in large corpora). */
  private readonly formIds = new Map<string, number>();
  private readonly formTexts: string[] = [];
  private generation = 0;
  private entityGeneration = 0;
  /** How many entities some article names (outside boilerplate). */
  private present = 0;
  private readonly listeners: ArticleListener[] = [];

  /**
   * `sharedFrom`: from how many articles an entity, once asked for its co-occurrences, keeps
   * them counted as articles come and go (see `EntityStats.shared`); below it, they are counted
   * when asked.
   */
  constructor(entities: readonly Entity[] = [], private readonly sharedFrom = SHARED_FROM) {
    this.setCatalog(entities);
  }

  /**
   * Called after an article is added (with it, and the headline's search words when its analysis
   * brought them) or removed (with the article removed); a replaced article is removed, then the
   * new one added.
   */
  onArticle(listener: ArticleListener): void {
    this.listeners.push(listener);
  }

  /** Bumped on every change. */
  get version(): number {
    return this.generation;
  }

  /** Bumped only when the set of entities changes (search structures depend on it). */
  get entityVersion(): number {
    return this.entityGeneration;
  }

  /**
   * Replaces the catalog, and the names discovery is not to offer (`ignored`). Articles are
   * dropped: the caller indexes their texts again.
   */
  setCatalog(entities: readonly Entity[], ignored: readonly string[] = []): void {
    this.ignored = new Set(ignored.map((n) => tokenKeys(n).join(' ')));
    // Removed one by one, so that listeners hear of it; the article numbers go on from where they were.
    for (const uri of [...this.articles.keys()]) this.remove(uri);
    this.catalog = [...entities];
    this.ids.length = 0;
    this.idIndex.clear();
    this.stats.length = 0;
    this.present = 0;
    this.catalogSlots = Uint32Array.from(this.catalog.map((e) => this.intern(e)));
    this.recognizerNow = new Recognizer(this.catalog);
    this.recognizerStale = false;
    this.learnt = [];
    this.unsettled.clear();
    this.forgotten.clear();
    this.staleUris.clear();
    this.generation++;
    this.entityGeneration++;
  }

  private intern(e: Entity): number {
    let i = this.idIndex.get(e.id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(e.id);
      this.idIndex.set(e.id, i);
    }
    if (!this.stats[i]) this.stats[i] = { entity: e, articles: new ArticleList(this.table), mentions: 0, latestDirty: false, earliestDirty: false, earliestFullDirty: false };
    return i;
  }

  upsert(uri: string, text: string): Article {
    // An analysis that linked someone no article introduces once it is committed (an edit took
    // out their only introduction) is made again, by the recogniser that has forgotten them.
    for (let tries = 1; ; tries++) {
      const a = this.commit(uri, analyzeArticle(text, this.current()), this.learnt.length)!;
      if (tries === 3 || !this.staleUris.has(uri)) return a;
    }
  }

  /** The recogniser, made again once a learnt entity was forgotten (see `settle`). */
  private current(): Recognizer {
    if (this.recognizerStale) {
      this.recognizerStale = false;
      this.recognizerNow = new Recognizer(this.catalog);
      for (const e of this.learntSince(0)) this.recognizerNow.learn(e);
    }
    return this.recognizerNow;
  }

  /** A discovered entity some article introduces: a name the recogniser knows from now on. */
  private learn(i: number): void {
    const s = this.stats[i]!;
    s.live = true;
    this.forgotten.delete(i);
    if (!this.recognizerStale) this.recognizerNow.learn(s.entity);
    this.learnt.push(s.entity);
    this.entityGeneration++;
  }

  /** A discovered entity no article introduces any more: the articles linking it are to be analysed again. */
  private forget(i: number): void {
    const s = this.stats[i]!;
    s.live = false;
    s.describedBy = undefined;
    this.forgotten.add(i);
    this.recognizerStale = true;
    this.entityGeneration++;
  }

  /**
   * Design: a discovered entity exists while some article introduces it (its own discovery found
   * it: a 'discovered' mention, see `MENTION_KINDS`). At the end of each update, an entity given
   * its first introducer is learnt; one left without any is forgotten (the recogniser is made
   * again without it, and `staleArticles` lists the articles still linking it, to be analysed
   * again: its links go with it). Its text and role are those of its earliest introducing article
   * (`earlier`: by date, then URI), so they do not depend on the order of indexing.
   * `restoring`: the articles come from a persisted index, part by part, whose entities are
   * described as their earliest introducers said: an earlier introducer in a later part stands
   * as it is.
   */
  private settle(restoring = false): void {
    for (const i of this.unsettled) {
      const s = this.stats[i]!;
      const intro = s.introducers;
      if (!intro || intro.size === 0) {
        if (s.live) this.forget(i);
        continue;
      }
      let first = s.earliestIntroducer;
      if (!first) {
        for (const a of intro.keys()) if (!first || earlier(a, first)) first = a;
        s.earliestIntroducer = first;
      }
      if (first !== s.describedBy) {
        const said = intro.get(first!);
        if (said) {
          const e = discoveredEntity(s.entity.id, said.key, said.text, said.role);
          if (e.ar !== s.entity.ar) {
            if (s.live) this.recognizerStale = true;
            this.entityGeneration++;
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

  /**
   * Articles to analyse again (with `recognizer`), listed once: those linking a discovered entity
   * no article introduces any more, those whose committed analysis linked one (the links were
   * left out), and restored ones whose introduction now describes someone (see `settle`).
   */
  async staleArticles(pause: () => Promise<void> = async () => undefined): Promise<string[]> {
    const gone = [...this.forgotten];
    this.forgotten.clear();
    const out = new Set(this.staleUris);
    this.staleUris.clear();
    if (gone.length === 0) return [...out];
    let n = 0;
    for (const a of [...this.articles.values()]) {
      if (++n % 64 === 0) await pause();
      if (!a.removed && gone.some((e) => !this.stats[e]!.live && this.mentionsEntity(a, e, () => true))) out.add(a.uri);
    }
    return [...out];
  }

  /** Whether `staleArticles` has something to look at: a relinking pass is due. */
  get staleWaiting(): boolean {
    return this.forgotten.size > 0 || this.staleUris.size > 0;
  }

  /**
   * People discovered since the catalog was set, in order (the caller passes them on to
   * recognisers elsewhere): those still introduced, each once, as the index describes them now.
   */
  learntSince(n: number): readonly Entity[] {
    const out: Entity[] = [];
    const seen = new Set<string>();
    for (let i = n; i < this.learnt.length; i++) {
      const s = this.statsOf(this.learnt[i].id)!;
      if (!s.live || seen.has(s.entity.id)) continue;
      seen.add(s.entity.id);
      out.push(s.entity);
    }
    return out;
  }

  get learntCount(): number {
    return this.learnt.length;
  }

  /**
   * Articles that may name one of these people (learnt after the articles were analysed) without
   * linking them yet: those whose token filter holds every pair of neighbouring words of the
   * name. Analysing them again links the people. Discovery only learns names of two or three
   * words; a one-word name has no pair and is not looked for. An article analysed by a recogniser
   * that knew a person already is not looked at for them (`Article.learntKnown`): analysing it
   * again would find what it found, and in a scan most articles come after most people are
   * learnt (at 100,000 articles, a tenth of the filter lookups, and of the false positives that
   * were most of the articles analysed again).
   */
  async relinkCandidates(people: readonly Entity[], pause: () => Promise<void> = async () => undefined): Promise<string[]> {
    const learntAt = new Map(this.learnt.map((e, i) => [e.id, i]));
    const wanted = people
      .map((e) => {
        const keys = tokenKeys(e.ar);
        return { slot: this.idIndex.get(e.id), learnt: learntAt.get(e.id) ?? Infinity, keys: keys.slice(1).map((k, j) => filterProbe(keys[j], k)) };
      })
      .filter((p): p is { slot: number; learnt: number; keys: FilterProbe[] } => p.slot !== undefined && !!this.stats[p.slot]?.live && p.keys.length > 0);
    const out: string[] = [];
    if (wanted.length === 0) return out;
    const latest = Math.max(...wanted.map((p) => p.learnt));
    // Taken whole, in slices between which the index may change (a removed article is skipped).
    let n = 0;
    for (const a of [...this.articles.values()]) {
      if (++n % 64 === 0) await pause();
      if (a.removed || a.learntKnown > latest) continue;
      // An article that names the person already is looked at only when it may name them before
      // introducing them (`NAMES_EARLY`): analysed before they were learnt, it missed that.
      const early = (a.data[a.base + NAMES_EARLY_WORD] & NAMES_EARLY) !== 0;
      if (wanted.some((p) => a.learntKnown <= p.learnt && p.keys.every((k) => a.mayContain(k)) && (early || !this.mentionsEntity(a, p.slot, () => true)))) out.push(a.uri);
    }
    return out;
  }

  /** The recogniser of the current catalog, for analyses made outside `upsert`. */
  get recognizer(): Recognizer {
    return this.current();
  }

  /** The catalog articles are recognised against, in the order `analyzeArticle` numbers it. */
  get catalogEntities(): readonly Entity[] {
    return this.catalog;
  }

  /**
   * Adds (or replaces) an article from its analysis, which must have been made against the
   * current catalog (`catalogEntities`); returns undefined when it was not. `learntKnown`: how
   * many of the people learnt (`learntSince(0)`) the recogniser that made it knew, at least.
   */
  commit(uri: string, analysis: ArticleAnalysis, learntKnown = 0): Article | undefined {
    const base = this.recognizerNow.catalogSize;
    const locals = base + analysis.discovered.length;
    let probe = new Article(uri, analysis.headline, analysis.date, analysis.source, analysis.data, analysis.dataBase ?? 0);
    if (!this.entitiesBelow(probe, locals)) return undefined;
    // Taken out first: whom the others introduce decides which learnt names may link here.
    this.detach(uri);
    this.staleUris.delete(uri);
    const introduced = new Uint8Array(analysis.discovered.length);
    const linked = new Uint8Array(analysis.discovered.length);
    const d = probe.data;
    for (let k = probe.mentionsAt, end = k + 3 * probe.mentionCount; k < end; k += 3) {
      const e = d[k] >>> 3;
      if (e < base) continue;
      linked[e - base] = 1;
      if (isIntroduction(d[k])) introduced[e - base] = 1;
    }
    const slot = new Uint32Array(locals);
    slot.set(this.catalogSlots);
    const said = new Map<number, Introduction>();
    let dead: number[] | undefined;
    let ignored: number[] | undefined;
    analysis.discovered.forEach((x, i) => {
      if (!linked[i]) return;
      // A name the user ignores is no entity, here or anywhere (so never learnt).
      if (this.ignored.size > 0 && this.ignored.has(x.key.slice(x.key.indexOf(':') + 1))) {
        (ignored ??= []).push(base + i);
        return;
      }
      const id = discoveredId(x.key);
      let n = this.idIndex.get(id);
      if (introduced[i]) {
        if (n === undefined || !this.stats[n]) n = this.intern(discoveredEntity(id, x.key, x.text, x.role));
        said.set(n, { key: x.key, text: x.text, role: x.role });
      } else if (n === undefined || !this.stats[n]?.introducers?.size) {
        // Linked by a recogniser that knew someone no article introduces now (it was made
        // before they were forgotten): the links are left out, and the article is to be analysed again.
        (dead ??= []).push(base + i);
        return;
      }
      slot[base + i] = n;
    });
    if (dead || ignored) probe = without(probe, [...(dead ?? []), ...(ignored ?? [])]);
    if (dead) this.staleUris.add(uri);
    this.remap(probe, slot, analysis.formTexts.map((t) => this.formId(t)));
    probe.learntKnown = learntKnown;
    this.attach(probe, analysis.headlineWords, false, said);
    this.settle();
    return probe;
  }

  /** True when every entity number in the article is below `limit`. */
  private entitiesBelow(a: Article, limit: number): boolean {
    const d = a.data;
    for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) if (d[k] >>> 3 >= limit) return false;
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) if (d[k] >= limit) return false;
    for (let k = a.formsAt, end = k + 3 * a.formCount; k < end; k += 3) if (d[k] >= limit) return false;
    return true;
  }

  /** True when every form id in the article is below `limit`. */
  private formsBelow(a: Article, limit: number): boolean {
    const d = a.data;
    for (let k = a.formsAt + 1, end = a.formsAt + 3 * a.formCount; k < end; k += 3) if (d[k] >= limit) return false;
    return true;
  }

  /** Rewrites, in place, the article's entity numbers through `slot` and its form ids through `form`. */
  private remap(a: Article, slot: ArrayLike<number>, form: ArrayLike<number>): void {
    const d = a.data;
    for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) d[k] = (slot[d[k] >>> 3] << 3) | (d[k] & 7);
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) d[k] = slot[d[k]];
    for (let k = a.formsAt, end = k + 3 * a.formCount; k < end; k += 3) {
      d[k] = slot[d[k]];
      d[k + 1] = form[d[k + 1]];
    }
  }

  private formId(form: string): number {
    let id = this.formIds.get(form);
    if (id === undefined) {
      id = this.formTexts.length;
      this.formTexts.push(form);
      this.formIds.set(form, id);
    }
    return id;
  }

  /**
   * `datesLater`: the entities' earliest and latest articles are left to be found when asked (see
   * `restore`). `said`: what the article says of the entities it introduces (unknown when restored).
   */
  private attach(article: Article, headlineWords?: HeadlineWords, datesLater = false, said?: ReadonlyMap<number, Introduction>): void {
    this.articles.set(article.uri, article);
    this.table.add(article);
    const d = article.data;
    for (let k = article.mentionsAt, end = k + 3 * article.mentionCount; k < end; k += 3) {
      if (!isIntroduction(d[k])) continue;
      const e = d[k] >>> 3;
      const s: EntityStats = this.stats[e]!;
      (s.introducers ??= new Map()).set(article, said?.get(e));
      if (s.earliestIntroducer && earlier(article, s.earliestIntroducer)) s.earliestIntroducer = article;
      this.unsettled.add(e);
    }
    // An entity named in full twice is compared twice, harmlessly.
    for (let k = article.mentionsAt, end = datesLater ? k : k + 3 * article.mentionCount; k < end; k += 3) {
      if (!isFullMention(d[k])) continue;
      const s: EntityStats = this.stats[d[k] >>> 3]!;
      if (!s.earliestFullDirty && (!s.earliestFull || earlier(article, s.earliestFull))) s.earliestFull = article;
    }
    for (let k = article.countsAt, end = k + 2 * article.entityCount; k < end; k += 2) {
      const s: EntityStats = this.stats[d[k]]!;
      if (s.articles.size === 0) this.present++;
      s.articles.add(article);
      if (s.top) addToTop(s.top, article, TOP);
      if (s.shared) this.share(s, article, d[k], 1);
      s.mentions += d[k + 1];
      if (article.date && !s.latestDirty && (!s.latest || article.date > s.latest)) s.latest = article.date;
      if (!s.earliestDirty && (!s.earliest || earlier(article, s.earliest))) s.earliest = article;
    }
    this.countForms(article, 1);
    this.generation++;
    for (const l of this.listeners) l(article, headlineWords, undefined);
  }

  /** Adds (`by` 1) or takes away (-1) the article's written forms, for the entities whose forms are counted (see `EntityStats.forms`). */
  private countForms(a: Article, by: 1 | -1, only?: EntityStats): void {
    const d = a.data;
    for (let k = a.formsAt, end = k + 3 * a.formCount; k < end; k += 3) {
      const s = this.stats[d[k]]!;
      const f = s.forms;
      if (!f || (only && s !== only)) continue;
      const n = (f.get(d[k + 1]) ?? 0) + by * d[k + 2];
      if (n > 0) f.set(d[k + 1], n);
      else f.delete(d[k + 1]);
    }
  }

  remove(uri: string): void {
    this.detach(uri);
    this.staleUris.delete(uri);
    this.settle();
  }

  /** Takes the article out, leaving the entities it introduced to `settle`. */
  private detach(uri: string): void {
    const old = this.articles.get(uri);
    if (!old) return;
    this.articles.delete(uri);
    old.removed = true;
    this.table.free(old);
    const d = old.data;
    for (let k = old.mentionsAt, end = k + 3 * old.mentionCount; k < end; k += 3) {
      if (!isIntroduction(d[k])) continue;
      const st = this.stats[d[k] >>> 3]!;
      st.introducers?.delete(old);
      if (st.earliestIntroducer === old) st.earliestIntroducer = undefined;
      this.unsettled.add(d[k] >>> 3);
    }
    for (let k = old.countsAt, end = k + 2 * old.entityCount; k < end; k += 2) {
      const s: EntityStats = this.stats[d[k]]!;
      s.articles.delete(old);
      if (s.top?.includes(old)) s.top = undefined;
      if (s.shared) this.share(s, old, d[k], -1);
      if (s.articles.size === 0) this.present--;
      s.mentions -= d[k + 1];
      if (old.date && old.date === s.latest) s.latestDirty = true;
      if (s.earliest === old) s.earliestDirty = true;
      if (s.earliestFull === old) s.earliestFullDirty = true;
    }
    this.countForms(old, -1);
    this.generation++;
    for (const l of this.listeners) l(undefined, undefined, old);
  }

  article(uri: string): Article | undefined {
    return this.articles.get(uri);
  }

  /** The live article of that number (`Article.slot`), if any. */
  articleAt(slot: number): Article | undefined {
    return this.table.at(slot);
  }

  allArticles(): IterableIterator<Article> {
    return this.articles.values();
  }

  get articleCount(): number {
    return this.articles.size;
  }

  entity(id: string): Entity | undefined {
    return this.statsOf(id)?.entity;
  }

  /** The article that introduces a discovered entity, as its description says (the earliest by date, then URI). */
  introducer(id: string): Article | undefined {
    const a = this.statsOf(id)?.describedBy;
    return a && !a.removed ? a : undefined;
  }

  /**
   * The index's number of an entity (as articles hold it: see `Article.forEachEntity`), for
   * corpus-wide counts kept in typed arrays; numbers stay below `entityNumbers`.
   */
  entityNumber(id: string): number | undefined {
    return this.idIndex.get(id);
  }

  /** The entity of an index number (see `entityNumber`). */
  entityByNumber(n: number): Entity | undefined {
    return this.stats[n]?.entity;
  }

  /** How many entity numbers there are (every number is below it). */
  get entityNumbers(): number {
    return this.stats.length;
  }

  /** The articles naming the entity (outside boilerplate), in no particular order: no sorting, for counts over all of them. */
  unorderedArticlesOf(id: string): Article[] {
    return this.statsOf(id)?.articles.toArray() ?? [];
  }

  private statsOf(id: string): EntityStats | undefined {
    const i = this.idIndex.get(id);
    return i === undefined ? undefined : this.stats[i];
  }

  /** Catalog entities, and discovered ones that some article still names. */
  allEntities(): Entity[] {
    const out = [...this.catalog];
    for (const s of this.stats) if (s?.entity.discovered && s.articles.size > 0) out.push(s.entity);
    return out;
  }

  /** The mentions of an article, decoded. */
  mentions(a: Article): Mention[] {
    const out: Mention[] = [];
    for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) out.push(this.decodeMention(a.data, k));
    return out;
  }

  private decodeMention(p: Uint32Array, k: number): Mention {
    const w = p[k];
    let kind = (w >>> 1) & 3;
    // A discovered entity's name learnt from another article (see `MENTION_KINDS`).
    if (kind === NAME_KIND && this.stats[w >>> 3]?.entity.discovered) kind = DISCOVERED_KIND;
    return { entity: this.ids[w >>> 3], kind: MENTION_KINDS[kind], boilerplate: (w & 1) === 1, start: p[k + 1], end: p[k + 2] };
  }

  /** Entity id → mentions outside boilerplate, for one article. */
  counts(a: Article): Map<string, number> {
    const out = new Map<string, number>();
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) out.set(this.ids[a.data[k]], a.data[k + 1]);
    return out;
  }

  countIn(a: Article, id: string): number {
    const e = this.idIndex.get(id);
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) if (a.data[k] === e) return a.data[k + 1];
    return 0;
  }

  /** Articles naming the entity (outside boilerplate), newest first, undated last; at most `limit`. */
  articlesOf(id: string, limit = Infinity): Article[] {
    const st = this.statsOf(id);
    if (!st) return [];
    const set = st.articles;
    if (limit >= set.size) return set.toArray().sort(byDateDesc);
    // Hovers ask for the same few newest articles again and again: keep ten until the next change.
    const small = limit <= 10;
    if (small && st.top) return st.top.slice(0, limit);
    const want = small ? TOP : limit;
    // Partial selection keeps this linear when an entity is named in most of the corpus.
    const top: Article[] = [];
    set.forEach((a) => addToTop(top, a, want));
    if (small) st.top = top;
    return top.slice(0, limit);
  }

  /** The articles naming the entity (outside boilerplate), in no order (cheaper than `articlesOf` for a caller that orders them itself). */
  articlesNaming(id: string): Article[] {
    return this.statsOf(id)?.articles.toArray() ?? [];
  }

  /** Every mention of the entity in the corpus outside boilerplate (inside it too when asked). */
  mentionsOf(id: string, opts: MentionOptions = {}): MentionRef[] {
    return this.mentionPage(id, opts, Infinity).mentions;
  }

  /**
   * At most `limit` of the entity's mentions (see `mentionsOf`), and how many there are in all.
   * When there are more, the mentions kept are those of the article `first` (if it names the
   * entity), then of the newest articles; only those become objects, the rest are counted.
   */
  mentionPage(id: string, opts: MentionOptions, limit: number, first?: string): { mentions: MentionRef[]; total: number } {
    const e = this.idIndex.get(id);
    if (e === undefined) return { mentions: [], total: 0 };
    const st = this.stats[e];
    const out: MentionRef[] = [];
    let arts = opts.includeBoilerplate ? [...this.articles.values()] : (st?.articles.toArray() ?? []);
    // The entity's count of mentions outside boilerplate is kept: it is the total asked for when
    // demonyms count too, and it bounds it otherwise (below the limit, any order will do).
    const known = !opts.includeBoilerplate && opts.includeDemonyms !== false && st !== undefined;
    let lead: Article | undefined;
    if (limit < Infinity && (opts.includeBoilerplate || (st?.mentions ?? 0) > limit)) {
      arts = newestFirst(arts);
      lead = first === undefined ? undefined : this.articles.get(first);
    }
    let total = 0;
    // The lead article (when it names the entity, it is among `arts`) first, then the others.
    for (let i = lead ? -1 : 0; i < arts.length; i++) {
      const a = i < 0 ? lead! : arts[i];
      if (i >= 0 && a === lead) continue;
      if (known && total >= limit) break;
      for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) {
        const word = a.data[k];
        if (word >>> 3 !== e) continue;
        if (isBoilerplateMention(word) && !opts.includeBoilerplate) continue;
        if (isDemonymMention(word) && opts.includeDemonyms === false) continue;
        if (total++ >= limit) continue;
        const m = this.decodeMention(a.data, k);
        // Spelt out rather than spread: spreading took a slow path (see `findDates`).
        out.push({ entity: m.entity, kind: m.kind, boilerplate: m.boilerplate, start: m.start, end: m.end, uri: a.uri });
      }
    }
    return { mentions: out, total: known ? st.mentions : total };
  }

  /**
   * Calls `visit` with the offsets of each of the entity's mentions in one article, in text order:
   * those outside boilerplate (the ones its counts hold), demonyms included unless told otherwise.
   */
  eachMentionSpan(a: Article, id: string, visit: (start: number, end: number) => void, opts: MentionOptions = {}): void {
    const e = this.idIndex.get(id);
    if (e !== undefined) a.forEachMentionOf(e, !!opts.includeBoilerplate, opts.includeDemonyms === false ? DEMONYM_KIND : -1, visit);
  }

  /** The id of an entity number that `Article.forEachMention` gives. */
  entityIdOf(entity: number): string | undefined {
    return this.ids[entity];
  }

  mentionAt(uri: string, offset: number): Mention | undefined {
    const a = this.articles.get(uri);
    if (!a) return undefined;
    const at = a.mentionsAt;
    let lo = 0;
    let hi = a.mentionCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = a.data[at + mid * 3 + 1];
      const end = a.data[at + mid * 3 + 2];
      if (end < offset) lo = mid + 1;
      else if (start > offset) hi = mid - 1;
      else return this.decodeMention(a.data, at + mid * 3);
    }
    return undefined;
  }

  summary(id: string): EntitySummary | undefined {
    const s = this.statsOf(id);
    if (!s) return undefined;
    if (s.latestDirty) {
      s.latest = undefined;
      s.articles.forEach((a) => {
        if (a.date && (!s.latest || a.date > s.latest)) s.latest = a.date;
      });
      s.latestDirty = false;
    }
    return { entity: s.entity, mentions: s.mentions, articles: s.articles.size, latest: s.latest };
  }

  /** How many entities the corpus names (outside boilerplate). */
  get presentEntityCount(): number {
    return this.present;
  }

  /** Entities the corpus names (outside boilerplate), optionally of one type. */
  summaries(type?: EntityType): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const s of this.stats) {
      if (!s || s.articles.size === 0 || (type && s.entity.type !== type)) continue;
      out.push(this.summary(s.entity.id)!);
    }
    return out;
  }

  /** Written forms of the entity seen in the corpus, most frequent first. */
  forms(id: string): [string, number][] {
    const s = this.statsOf(id);
    if (!s) return [];
    if (!s.forms) {
      s.forms = new Map();
      s.articles.forEach((a) => this.countForms(a, 1, s));
    }
    // Ties in code-unit order, so that the list does not depend on when the forms were first counted.
    const list = [...s.forms].map(([form, n]): [string, number] => [this.formTexts[form], n]);
    return list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * Entities named in the same articles as `id`, by number of shared articles. Computed on demand
   * and kept until the index changes. For an entity named in thousands of articles, while the
   * index changes (background indexing), a result up to two seconds old is served instead, so
   * that hovers stay fast.
   */
  cooccurring(id: string, limit = 5): { entity: Entity; articles: number }[] {
    const e = this.idIndex.get(id);
    const s = e === undefined ? undefined : this.stats[e];
    if (!s) return [];
    const c = s.cooccur;
    if (c && c.generation === this.generation && limit <= 10) return c.list.slice(0, limit);
    // Counted once; from then on kept up to date when the entity is named in many articles.
    if (!s.shared && s.articles.size >= this.sharedFrom) this.startSharing(s, e!);
    let shared = s.shared;
    if (!shared) {
      shared = new Uint32Array(this.stats.length);
      s.articles.forEach((a) => this.countShared(shared!, a, e!, 1));
    }
    const seen: number[] = [];
    for (let o = 0; o < shared.length; o++) if (shared[o] > 0) seen.push(o);
    const list = seen
      .map((other) => ({ entity: this.stats[other]!.entity, articles: shared![other], mentions: this.stats[other]!.mentions }))
      .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions)
      .slice(0, Math.max(limit, 10))
      .map(({ entity, articles }) => ({ entity, articles }));
    s.cooccur = { generation: this.generation, list };
    return list.slice(0, limit);
  }

  /** The earliest dated article naming the entity (an undated one when none is dated). */
  earliestArticle(id: string): Article | undefined {
    const s = this.statsOf(id);
    if (!s) return undefined;
    if (s.earliestDirty) {
      s.earliest = earliestIn(s.articles, () => true);
      s.earliestDirty = false;
    }
    return s.earliest;
  }

  /** The earliest article (dated first) giving the entity's full name outside boilerplate. */
  earliestFullArticle(id: string): Article | undefined {
    const i = this.idIndex.get(id);
    const s = i === undefined ? undefined : this.stats[i];
    if (!s) return undefined;
    if (s.earliestFullDirty) {
      s.earliestFull = earliestIn(s.articles, (a) => this.mentionsEntity(a, i!, isFullMention));
      s.earliestFullDirty = false;
    }
    return s.earliestFull;
  }

  /** Counts an entity's co-occurrences, to be kept up to date from now on (see `shared`). */
  private startSharing(s: EntityStats, e: number): void {
    s.shared = new Uint32Array(this.stats.length);
    s.articles.forEach((a) => this.share(s, a, e, 1));
  }

  /** Adds (`by` 1) or takes away (-1) the entities `a` names with entity `e` in `s.shared`. */
  private share(s: EntityStats, a: Article, e: number, by: 1 | -1): void {
    // Entity numbers stay below the number of entities known, which only grows.
    if (this.stats.length > s.shared!.length) {
      const grown = new Uint32Array(Math.max(this.stats.length, 2 * s.shared!.length));
      grown.set(s.shared!);
      s.shared = grown;
    }
    this.countShared(s.shared!, a, e, by);
  }

  private countShared(shared: Uint32Array, a: Article, e: number, by: 1 | -1): void {
    const d = a.data;
    for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) if (d[k] !== e) shared[d[k]] += by;
  }

  /** Whether the article has a mention of the entity whose first word (see `articleData`) `accept` takes. */
  private mentionsEntity(a: Article, entity: number, accept: (word: number) => boolean): boolean {
    const d = a.data;
    for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) if (d[k] >>> 3 === entity && accept(d[k])) return true;
    return false;
  }

  /**
   * What a persisted cache writes: the index's numbering and its articles, themselves (a copy of
   * each made 100,000 objects at once for the collector, and paused requests with it, when a
   * large index was written out; the articles are read as they are written). The index may
   * change while this pauses: the list is of articles each taken whole, and ids and forms only
   * ever grow.
   */
  async source(pause: () => Promise<void> = async () => undefined): Promise<IndexSource> {
    const entityIds = [...this.ids];
    const formTexts = [...this.formTexts];
    // Hover figures go along for the entities that keep them and for those named in so many
    // articles that counting them takes a first hover tens of milliseconds.
    const keeping = (has: (s: EntityStats) => boolean) => this.stats.flatMap((s, e) => (s && (has(s) || s.articles.size >= this.sharedFrom) ? [e] : []));
    const counts = new HoverCounts(
      entityIds.length,
      keeping((s) => !!s.forms),
      keeping((s) => !!s.shared),
    );
    const articles: Article[] = [];
    // Entities the listed articles mention (in boilerplate too): the discovered ones go along.
    const used = new Uint8Array(entityIds.length);
    let n = 0;
    for (const a of [...this.articles.values()]) {
      if (++n % 64 === 0) await pause();
      if (a.removed) continue;
      for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) used[a.data[k] >>> 3] = 1;
      articles.push(a);
    }
    const discovered = this.stats.filter((s, i): s is EntityStats => !!s && used[i] === 1 && !!s.entity.discovered).map((s) => s.entity);
    // In number order: a restore numbers them in the order written, so that an article analysed
    // again (relinking) keeps its place among the others, and bounded lists answer as before.
    articles.sort((a, b) => a.slot - b.slot);
    return { entityIds, discovered, articles, formTexts, counts };
  }

  /** A structured-clone-able copy of the index. */
  async snapshot(headlineWords: (a: Article) => readonly string[], pause: () => Promise<void> = async () => undefined): Promise<IndexSnapshot> {
    const { entityIds, discovered, formTexts, articles } = await this.source(pause);
    return { entityIds, discovered, formTexts, articles: articles.map((a) => recordOf(a, headlineWords(a))) };
  }

  /**
   * Takes the hover figures saved with a persisted index (`HoverCounts`) into an index restored
   * from it whole: the caller knows that every saved article was restored and nothing else
   * changed meanwhile; this checks that the numbering is the snapshot's. From here on they are
   * kept up to date as articles come and go. Entities that counted their own meanwhile (a hover
   * during the restore) keep those. Returns for how many entities they were taken; undefined when
   * the numbering differs or the figures are damaged.
   */
  adoptCounts(saved: readonly SavedCounts[], entityIds: readonly string[], formTexts: readonly string[], left: readonly Article[] = []): number | undefined {
    if (entityIds.length > this.ids.length || formTexts.length > this.formTexts.length) return undefined;
    if (!entityIds.every((id, i) => this.ids[i] === id) || !formTexts.every((t, i) => this.formTexts[i] === t)) return undefined;
    // A damaged file is not trusted: every number must be one of the snapshot's.
    const pairsBelow = (xs: Uint32Array | undefined, limit: number) => !xs || (xs instanceof Uint32Array && xs.length % 2 === 0 && xs.every((x, i) => i % 2 === 1 || x < limit));
    const strings = (xs: unknown) => Array.isArray(xs) && xs.length <= TOP && xs.every((x) => typeof x === 'string');
    const valid = (c: SavedCounts) =>
      Number.isInteger(c?.entity) && c.entity < entityIds.length && pairsBelow(c.forms, formTexts.length) && pairsBelow(c.shared, entityIds.length) && strings(c.top) && (c.latest === undefined || typeof c.latest === 'string');
    if (!Array.isArray(saved as unknown) || !saved.every(valid)) return undefined;
    // Figures of articles the restore left out (open documents with other text) are taken off.
    if (!left.every((a) => this.entitiesBelow(a, entityIds.length) && this.formsBelow(a, formTexts.length))) return undefined;
    const without = (c: SavedCounts) => {
      const forms = c.forms && new Map<number, number>();
      for (let k = 0; c.forms && k < c.forms.length; k += 2) forms!.set(c.forms[k], c.forms[k + 1]);
      const shared = c.shared && new Uint32Array(this.stats.length);
      for (let k = 0; c.shared && k < c.shared.length; k += 2) shared![c.shared[k]] = c.shared[k + 1];
      let top: readonly string[] | undefined = c.top;
      let latest: string | undefined | null = c.latest;
      for (const a of left) {
        const d = a.data;
        let names = false;
        for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) names ||= d[k] === c.entity;
        if (!names) continue;
        for (let k = a.formsAt, end = k + 3 * a.formCount; forms && k < end; k += 3) {
          if (d[k] !== c.entity) continue;
          const n = (forms.get(d[k + 1]) ?? 0) - d[k + 2];
          if (n > 0) forms.set(d[k + 1], n);
          else forms.delete(d[k + 1]);
        }
        if (shared) for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) if (d[k] !== c.entity && shared[d[k]] > 0) shared[d[k]]--;
        // The newest articles and the latest date may have been this one's: found again when asked.
        if (top?.includes(a.uri)) top = undefined;
        if (a.date !== undefined && a.date === latest) latest = null;
      }
      return { forms, shared, top, latest };
    };
    let taken = 0;
    for (const c of saved) {
      const s = this.stats[c.entity];
      if (!s) continue;
      const w = without(c);
      taken++;
      if (s.latestDirty && w.latest !== null) {
        s.latest = w.latest;
        s.latestDirty = false;
      }
      const top = w.top?.map((uri) => this.articles.get(uri));
      if (!s.top && top?.every((a) => a !== undefined)) s.top = top as Article[];
      if (w.forms && !s.forms) s.forms = w.forms;
      if (w.shared && !s.shared) s.shared = w.shared;
    }
    return taken;
  }

  /**
   * Restores articles from a snapshot taken under the same catalog; returns how many. `owned`:
   * the snapshot's data arrays are this index's from now on (a deserialised cache) and are
   * rewritten in place rather than copied. `restored` hears of each article restored, with its
   * place in the snapshot; `left`, of each one `keep` turned away (under the snapshot's numbering).
   */
  restore(snap: IndexSnapshot, keep: (uri: string, i: number) => boolean = () => true, owned = false, restored?: (a: Article, i: number) => void, left?: (a: Article) => void): number {
    // Learnt (see `settle`) when the restored articles introduce them.
    for (const d of snap.discovered) {
      const e = this.idIndex.get(d.id);
      if (e === undefined || !this.stats[e]) this.unsettled.add(this.intern(d));
      else if (!this.stats[e]!.live) this.stats[e]!.entity = d;
    }
    // Entity numbers and form ids in the snapshot are mapped onto this index's interning.
    const map = Uint32Array.from(snap.entityIds.map((id) => this.idIndex.get(id) ?? 0xffffff));
    const forms = Uint32Array.from(snap.formTexts.map((t) => this.formId(t)));
    // Restored into an index that numbers entities and forms as the snapshot did (a warm start
    // does), the articles' numbers stand as they are.
    const same = map.every((v, i) => v === i) && forms.every((v, i) => v === i);
    // Earliest and latest articles are found when first asked for, not compared article by
    // article (restoring 100,000 articles took 1.5 s of the thread with the comparisons, 1.1 s
    // without, in one profile each).
    for (const st of this.stats) if (st) st.latestDirty = st.earliestDirty = st.earliestFullDirty = true;
    let n = 0;
    for (let i = 0; i < snap.articles.length; i++) {
      const s = snap.articles[i];
      const base = s.base ?? 0;
      if (!keep(s.uri, i)) {
        left?.(new Article(s.uri, s.headline, s.date, s.source, s.data, base));
        continue;
      }
      const a = owned ? new Article(s.uri, s.headline, s.date, s.source, s.data, base) : new Article(s.uri, s.headline, s.date, s.source, articleDataAt(s.data, base).slice());
      if (!this.entitiesBelow(a, map.length) || !this.formsBelow(a, forms.length)) continue;
      if (!same) {
        this.remap(a, map, forms);
        if (!this.entitiesBelow(a, 0xffffff)) continue;
      }
      this.detach(s.uri);
      this.staleUris.delete(s.uri);
      this.attach(a, s.words, true);
      restored?.(a, i);
      n++;
    }
    this.settle(true);
    this.entityGeneration++;
    return n;
  }
}

/**
 * The article without the mentions, counts and forms of the (local) entities `dead`: rarely
 * made, for an analysis that linked people no article introduces any more (see `commit`).
 */
function without(a: Article, dead: readonly number[]): Article {
  const d = a.data;
  const b = a.base;
  const keep = (e: number) => !dead.includes(e);
  const mentions: number[] = [];
  for (let k = a.mentionsAt, end = k + 3 * a.mentionCount; k < end; k += 3) if (keep(d[k] >>> 3)) mentions.push(d[k], d[k + 1], d[k + 2]);
  const counts: number[] = [];
  for (let k = a.countsAt, end = k + 2 * a.entityCount; k < end; k += 2) if (keep(d[k])) counts.push(d[k], d[k + 1]);
  const forms: number[] = [];
  for (let k = a.formsAt, end = k + 3 * a.formCount; k < end; k += 3) if (keep(d[k])) forms.push(d[k], d[k + 1], d[k + 2]);
  // The line starts come first after the header; the header's eighth word is the text's length.
  const lineStarts = Array.from(d.subarray(a.mentionsAt - d[b], a.mentionsAt));
  const filter = d.slice(a.filterAt, a.filterAt + a.filterWords);
  const data = articleData({ lineStarts, mentions, counts, forms, headline: a.headline, length: d[b + 7], filter });
  data[NAMES_EARLY_WORD] |= d[b + NAMES_EARLY_WORD] & NAMES_EARLY;
  return new Article(a.uri, a.headline.text, a.date, a.source, data);
}

/** The earliest (see `earlier`) of the listed articles that `accept` takes. */
function earliestIn(list: ArticleList, accept: (a: Article) => boolean): Article | undefined {
  let best: Article | undefined;
  list.forEach((a) => {
    if ((!best || earlier(a, best)) && accept(a)) best = a;
  });
  return best;
}

/** Dated before undated, then by date, then by URI. */
function earlier(a: Article, b: Article): boolean {
  if (!!a.date !== !!b.date) return !!a.date;
  return a.date === b.date ? a.uri < b.uri : a.date! < b.date!;
}

/** How many newest articles an entity keeps at hand (hovers list eight). */
const TOP = 10;
/** Entities named in this many articles, once asked, keep their co-occurrences counted (see `EntityStats.shared`). */
const SHARED_FROM = 2000;

/** Puts `a` into `top` (newest first, at most `size`) when it is among the newest. */
function addToTop(top: Article[], a: Article, size: number): void {
  if (top.length === size && byDateDesc(a, top[size - 1]) >= 0) return;
  let i = top.length;
  while (i > 0 && byDateDesc(a, top[i - 1]) < 0) i--;
  top.splice(i, 0, a);
  if (top.length > size) top.pop();
}

/**
 * The articles, dated before undated, newest first, ties in their given order: sorted as numbers
 * (date and position in one double), a tenth of the time a comparison function took for the
 * 100,000 articles naming one entity.
 */
function newestFirst(arts: readonly Article[]): Article[] {
  const keys = new Float64Array(arts.length);
  // (99,999,999 − YYYYMMDD) · 2^25 + position stays below 2^53: exact in a double.
  for (let i = 0; i < arts.length; i++) keys[i] = (99_999_999 - dayNumber(arts[i].date)) * POSITIONS + i;
  keys.sort();
  const out: Article[] = new Array(arts.length);
  for (let j = 0; j < keys.length; j++) out[j] = arts[keys[j] % POSITIONS];
  return out;
}

const POSITIONS = 2 ** 25;

/** An ISO date (YYYY-MM-DD) as the number YYYYMMDD; 0 when undated. */
function dayNumber(iso: string | undefined): number {
  if (!iso) return 0;
  return Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

export function byDateDesc(a: Article, b: Article): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  // Code-unit order for URIs: `localeCompare` costs a hundred times more, over 100,000 articles.
  return da === db ? (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) : da < db ? 1 : -1;
}
