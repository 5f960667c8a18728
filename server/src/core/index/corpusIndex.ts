/**
 * The live corpus index: articles (structure, mentions, line table), entity postings, entity ×
 * entity co-occurrence by article, discovered entities. Every update touches one article only;
 * a catalog change re-recognises from the texts already held.
 */
import { parseArticle, inZones, type ArticleStructure } from '../article/structure';
import type { Entity, EntityType } from '../catalog/types';
import { discoverNames } from '../entities/discovery';
import { Recognizer, type Mention } from '../entities/recognizer';
import { LineIndex } from '../text/lines';
import { tokenize } from '../text/tokenize';

export interface Article {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly structure: ArticleStructure;
  /** Sorted by start. */
  readonly mentions: readonly Mention[];
  /** Entity id → number of mentions outside boilerplate. */
  readonly counts: ReadonlyMap<string, number>;
}

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

export class CorpusIndex {
  private catalog: Entity[] = [];
  private recognizer = new Recognizer([]);
  private readonly byId = new Map<string, Entity>();
  private readonly articles = new Map<string, Article>();
  /** entity id → uris of the articles that name it outside boilerplate. */
  private readonly postings = new Map<string, Set<string>>();
  private readonly discovered = new Map<string, { entity: Entity; uris: Set<string> }>();
  private generation = 0;

  constructor(entities: readonly Entity[] = []) {
    this.setCatalog(entities);
  }

  /** Bumped on every change; lets callers cache derived views. */
  get version(): number {
    return this.generation;
  }

  setCatalog(entities: readonly Entity[]): void {
    this.catalog = [...entities];
    this.recognizer = new Recognizer(this.catalog);
    this.byId.clear();
    for (const e of this.catalog) this.byId.set(e.id, e);
    const texts = [...this.articles.values()].map((a) => [a.uri, a.text] as const);
    this.articles.clear();
    this.postings.clear();
    this.discovered.clear();
    for (const [uri, text] of texts) this.upsert(uri, text);
    this.generation++;
  }

  upsert(uri: string, text: string): Article {
    this.remove(uri);
    const structure = parseArticle(text);
    const tokens = tokenize(text);
    const boiler = (o: number) => inZones(structure.boilerplate, o);
    const mentions = this.recognizer.recognize(text, boiler, tokens).slice();

    // People introduced by a role phrase that the catalog does not know.
    const covered = new Uint8Array(tokens.length);
    let m = 0;
    tokens.forEach((t, i) => {
      while (m < mentions.length && mentions[m].end <= t.start) m++;
      if (m < mentions.length && mentions[m].start < t.end) covered[i] = 1;
    });
    for (const d of discoverNames(text, tokens, (i) => covered[i] === 1, (k) => this.recognizer.startsName(k))) {
      const id = `discovered:${d.key.replace(/\s+/g, '-')}`;
      let entry = this.discovered.get(id);
      if (!entry) {
        entry = { entity: { id, type: 'person', ar: d.text, description: d.role, discovered: true }, uris: new Set() };
        this.discovered.set(id, entry);
        this.byId.set(id, entry.entity);
      }
      entry.uris.add(uri);
      // Later mentions of the same name in this article.
      for (let i = 0; i < tokens.length; i++) {
        if (tokens[i].start < d.start || covered[i]) continue;
        const keys = d.key.split(' ');
        if (keys.every((k, n) => tokens[i + n]?.key === k)) {
          const last = tokens[i + keys.length - 1];
          mentions.push({ entity: id, kind: 'discovered', start: tokens[i].start, end: last.end, boilerplate: boiler(tokens[i].start) });
          for (let n = 0; n < keys.length; n++) covered[i + n] = 1;
        }
      }
    }
    mentions.sort((a, b) => a.start - b.start);

    const counts = new Map<string, number>();
    for (const mn of mentions) {
      if (mn.boilerplate) continue;
      counts.set(mn.entity, (counts.get(mn.entity) ?? 0) + 1);
    }
    const article: Article = { uri, text, lines: new LineIndex(text), structure, mentions, counts };
    this.articles.set(uri, article);
    for (const id of counts.keys()) {
      let set = this.postings.get(id);
      if (!set) this.postings.set(id, (set = new Set()));
      set.add(uri);
    }
    this.generation++;
    return article;
  }

  remove(uri: string): void {
    const old = this.articles.get(uri);
    if (!old) return;
    this.articles.delete(uri);
    for (const id of old.counts.keys()) {
      const set = this.postings.get(id);
      set?.delete(uri);
      if (set && set.size === 0) this.postings.delete(id);
    }
    for (const [id, d] of this.discovered) {
      d.uris.delete(uri);
      if (d.uris.size === 0) {
        this.discovered.delete(id);
        this.byId.delete(id);
      }
    }
    this.generation++;
  }

  rename(oldUri: string, newUri: string): void {
    const a = this.articles.get(oldUri);
    if (!a) return;
    this.remove(oldUri);
    this.upsert(newUri, a.text);
  }

  article(uri: string): Article | undefined {
    return this.articles.get(uri);
  }

  allArticles(): IterableIterator<Article> {
    return this.articles.values();
  }

  get articleCount(): number {
    return this.articles.size;
  }

  entity(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  allEntities(): Entity[] {
    return [...this.catalog, ...[...this.discovered.values()].map((d) => d.entity)];
  }

  /** Articles naming the entity (outside boilerplate), newest first, undated last. */
  articlesOf(id: string): Article[] {
    const uris = this.postings.get(id);
    if (!uris) return [];
    return [...uris].map((u) => this.articles.get(u)!).sort(byDateDesc);
  }

  /** Every mention of the entity in the corpus, boilerplate ones included when asked. */
  mentionsOf(id: string, opts: { includeBoilerplate?: boolean; includeDemonyms?: boolean } = {}): MentionRef[] {
    const out: MentionRef[] = [];
    const uris = opts.includeBoilerplate ? [...this.articles.keys()] : [...(this.postings.get(id) ?? [])];
    for (const uri of uris) {
      const a = this.articles.get(uri)!;
      for (const m of a.mentions) {
        if (m.entity !== id) continue;
        if (m.boilerplate && !opts.includeBoilerplate) continue;
        if (m.kind === 'demonym' && opts.includeDemonyms === false) continue;
        out.push({ ...m, uri });
      }
    }
    return out;
  }

  mentionAt(uri: string, offset: number): Mention | undefined {
    const a = this.articles.get(uri);
    if (!a) return undefined;
    let lo = 0;
    let hi = a.mentions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = a.mentions[mid];
      if (m.end < offset) lo = mid + 1;
      else if (m.start > offset) hi = mid - 1;
      else return m;
    }
    return undefined;
  }

  summary(id: string): EntitySummary | undefined {
    const entity = this.byId.get(id);
    if (!entity) return undefined;
    const arts = this.articlesOf(id);
    let mentions = 0;
    for (const a of arts) mentions += a.counts.get(id) ?? 0;
    return { entity, mentions, articles: arts.length, latest: arts.find((a) => a.structure.date)?.structure.date?.iso };
  }

  /** Entities present in the corpus (outside boilerplate), optionally of one type. */
  summaries(type?: EntityType): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const id of this.postings.keys()) {
      const s = this.summary(id);
      if (s && (!type || s.entity.type === type)) out.push(s);
    }
    return out;
  }

  /** Entities named in the same articles as `id`, by number of shared articles. */
  cooccurring(id: string, limit = 5): { entity: Entity; articles: number }[] {
    const shared = new Map<string, number>();
    for (const a of this.articlesOf(id)) {
      for (const other of a.counts.keys()) if (other !== id) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    return [...shared]
      .map(([other, n]) => ({ entity: this.byId.get(other)!, articles: n, mentions: this.summary(other)?.mentions ?? 0 }))
      .filter((x) => x.entity)
      .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions)
      .slice(0, limit)
      .map(({ entity, articles }) => ({ entity, articles }));
  }
}

export function byDateDesc(a: Article, b: Article): number {
  const da = a.structure.date?.iso ?? '';
  const db = b.structure.date?.iso ?? '';
  return da === db ? a.uri.localeCompare(b.uri) : da < db ? 1 : -1;
}
