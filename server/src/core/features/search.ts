/**
 * Fuzzy search over entities and headlines: an inverted index (shortlist.ts) picks candidates by
 * Arabic key and Latin skeleton, and fuse.js ranks them. Passage search finds, in texts the
 * caller supplies, the sentences holding every word of the query.
 */
import Fuse from 'fuse.js';
import type { Entity } from '../catalog/types';
import type { Article, CorpusIndex, HeadlineWords } from '../index/corpusIndex';
import { normalizeKey, normalizeRange } from '../text/normalize';
import { tokenKeys } from '../text/tokenize';
import { latinKey } from '../text/transliterate';
import { docOf, headlineWords, wordsOf, type Doc } from './searchKeys';
import { Shortlist } from './shortlist';

export interface EntityHit {
  readonly entity: Entity;
  readonly score: number;
}

export interface HeadlineHit {
  readonly article: Article;
  readonly score: number;
}

export interface Passage {
  /** Offsets of the sentence and of the matched words within the text. */
  readonly start: number;
  readonly end: number;
  readonly matches: readonly { start: number; end: number }[];
}

export const FUSE_OPTS = { includeScore: true, ignoreLocation: true, threshold: 0.38, minMatchCharLength: 2, keys: ['keys', 'latin'] };
const isArabic = (s: string) => /[\u0600-\u06ff]/.test(s);

function queryWords(query: string): string[] {
  const key = normalizeKey(query);
  const words = key.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
  const latin = isArabic(key) ? [] : [latinKey(query), ...key.split(/\s+/).map(latinKey)];
  // A Latin query meets Arabic names through the skeleton; an Arabic one meets Latin ones too.
  const skeletons = isArabic(key) ? words.map(latinKey) : latin;
  return [...words, ...words.map((w) => `~${w}`), ...skeletons.filter((w) => w.length >= 2).map((w) => `~${w}`)];
}

/**
 * The documents, each with only the keys fuse.js could match `pattern` in: its bitap score is
 * errors / pattern length, and every pattern character a key lacks is an error, so a key lacking
 * more than the threshold allows never matches. Dropping those keys changes no score (fuse.js
 * scores the keys that match) and spares most of the ranking's work. Patterns longer than fuse.js's
 * 32-character chunks are searched chunk by chunk, so those keep every key.
 */
export function mayMatchAny(docs: readonly ({ id: number } & Doc)[], pattern: string): ({ id: number } & Doc)[] {
  if (pattern.length > 32) return docs as ({ id: number } & Doc)[];
  const p = pattern.toLowerCase();
  const allowed = FUSE_OPTS.threshold * p.length;
  const may = (text: string) => {
    const t = text.toLowerCase();
    let missing = 0;
    for (let i = 0; i < p.length; i++) if (t.indexOf(p[i]) < 0 && ++missing > allowed) return false;
    return true;
  };
  const out: ({ id: number } & Doc)[] = [];
  for (const d of docs) {
    const keys = d.keys.filter(may);
    const latin = d.latin.filter(may);
    if (keys.length > 0 || latin.length > 0) out.push({ id: d.id, keys, latin });
  }
  return out;
}

/** Search structures kept in step with the index through its change events. */
export class SearchEngine {
  private entityIds: string[] = [];
  private entityDocs: Doc[] = [];
  private entitySlot = new Map<string, number>();
  private entityList = new Shortlist();
  /** Headlines filed by their article's number in the index (`Article.slot`). */
  private headlineList = new Shortlist();
  private entityVersion = -1;

  constructor(private readonly index: CorpusIndex) {
    index.onArticle((article, words, removed) => this.articleChanged(article, words, removed));
    for (const a of index.allArticles()) this.articleChanged(a);
    // The catalog's names are filed now rather than by the first search, which a server starting
    // to index answers while the code is still cold (some 20 ms for the shipped catalog).
    this.syncEntities();
  }

  private syncEntities(): void {
    if (this.entityVersion === this.index.entityVersion) return;
    for (const e of this.index.allEntities()) {
      if (this.entitySlot.has(e.id)) continue;
      const id = this.entityIds.length;
      const names = [e.ar, ...(e.aliases ?? []), ...(e.short ?? []).map((s) => (typeof s === 'string' ? s : s.text))];
      const doc = docOf(names, e.en ? [e.en] : []);
      this.entityIds.push(e.id);
      this.entityDocs.push(doc);
      this.entitySlot.set(e.id, id);
      this.entityList.add(id, wordsOf(doc));
    }
    this.entityVersion = this.index.entityVersion;
  }

  private articleChanged(article: Article | undefined, words?: HeadlineWords, removed?: Article): void {
    if (removed) {
      this.headlineList.remove(removed.slot);
      this.headlineDocCache.delete(removed.slot);
    }
    if (!article || !article.headline.text) return;
    // The search keys are not kept: fuse.js gets them again for the few shortlisted headlines.
    if (words && !Array.isArray(words)) {
      const w = words as Exclude<HeadlineWords, readonly string[]>;
      this.headlineList.addFromTable(article.slot, w.table, w.ids, w.start, w.end);
    } else this.headlineList.add(article.slot, words ?? headlineWords(article.headline.text));
  }

  /**
   * The words each article's headline is filed under (for a persisted index, so that a warm
   * start need not derive them). Inverted from the postings once; a headline filed after that is
   * derived again.
   */
  async headlineWordsOf(pause?: () => Promise<void>): Promise<(article: Article) => readonly string[]> {
    const byId = await this.headlineList.wordsById(pause);
    // Article numbers are never given twice, so a number the inversion saw still stands for the same headline.
    return (a) => byId.of(a.slot) ?? (a.headline.text ? headlineWords(a.headline.text) : []);
  }

  /** Search keys of recently shortlisted headlines (a query typed letter by letter meets the same ones). */
  private readonly headlineDocCache = new Map<number, Doc>();

  private headlineDoc(id: number): Doc {
    let doc = this.headlineDocCache.get(id);
    if (!doc) {
      doc = docOf([this.index.articleAt(id)?.headline.text ?? '']);
      if (this.headlineDocCache.size >= 5000) this.headlineDocCache.delete(this.headlineDocCache.keys().next().value!);
      this.headlineDocCache.set(id, doc);
    }
    return doc;
  }

  private rank(list: Shortlist, docOfId: (id: number) => Doc, query: string, limit: number, shortlist = 150): { id: number; score: number }[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const ids = list.candidates(words, shortlist);
    if (ids.length === 0) return [];
    const docs = ids.map((id) => ({ id, ...docOfId(id) }));
    const best = new Map<number, number>();
    const note = (id: number, score: number) => best.set(id, Math.min(best.get(id) ?? 1, score));
    const ranked = (pattern: string) => new Fuse(mayMatchAny(docs, pattern), FUSE_OPTS).search(pattern, { limit: limit * 2 });
    for (const r of ranked(normalizeKey(query).trim())) note(r.item.id, r.score ?? 1);
    const skeleton = latinKey(query);
    if (skeleton) for (const r of ranked(skeleton)) note(r.item.id, (r.score ?? 1) + 0.02);
    return [...best].map(([id, score]) => ({ id, score }));
  }

  entities(query: string, limit = 20): EntityHit[] {
    this.syncEntities();
    return this.rank(this.entityList, (id) => this.entityDocs[id], query, limit)
      .map(({ id, score }) => ({ entity: this.index.entity(this.entityIds[id])!, score, present: this.index.summary(this.entityIds[id])?.mentions ?? 0 }))
      .filter((h) => h.entity)
      // Entities the corpus names rank before catalog entries it never mentions.
      .sort((a, b) => Number(b.present > 0) - Number(a.present > 0) || a.score - b.score || b.present - a.present)
      .slice(0, limit)
      .map(({ entity, score }) => ({ entity, score }));
  }

  headlineHits(query: string, limit = 20): HeadlineHit[] {
    return this.rank(this.headlineList, (id) => this.headlineDoc(id), query, limit, 50)
      .sort((a, b) => a.score - b.score)
      .map(({ id, score }) => ({ article: this.index.articleAt(id)!, score }))
      .filter((h) => h.article)
      .slice(0, limit);
  }
}

/** Sentences of `text[start, end)` holding every word of the query (a word may carry proclitics). */
export function findPassages(text: string, query: string, ranges: readonly { start: number; end: number }[] = [{ start: 0, end: text.length }]): Passage[] {
  const words = tokenKeys(query);
  if (words.length === 0) return [];
  const out: Passage[] = [];
  for (const r of ranges) {
    for (const s of sentences(text, r.start, r.end)) {
      const n = normalizeRange(text, s.start, s.end);
      const matches: { start: number; end: number }[] = [];
      for (const w of words) {
        const at = findWord(n.key, w);
        if (at < 0) break;
        matches.push({ start: n.map[at], end: n.map[at + w.length] });
      }
      if (matches.length === words.length) out.push({ start: s.start, end: s.end, matches: matches.sort((x, y) => x.start - y.start) });
    }
  }
  return out;
}

/** A word inside a key: at a word start, or after proclitics (و ف ب ك ل, then ال). */
function findWord(key: string, word: string): number {
  for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
    let start = at;
    while (start > 0 && /[\p{L}\p{N}]/u.test(key[start - 1])) start--;
    const prefix = key.slice(start, at);
    if (prefix && !/^[وف]?[بكل]?(ال|ل)?$/u.test(prefix)) continue;
    const after = key[at + word.length];
    // Arabic words may carry suffixes; Latin ones must end here.
    if (after === undefined || !/[\p{L}\p{N}]/u.test(after) || isArabic(word)) return at;
  }
  return -1;
}

function sentences(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if ('.!?؟\n'.includes(text[i]) && (i + 1 >= end || /\s/.test(text[i + 1]) || text[i] === '\n')) {
      if (i > s) out.push({ start: s, end: text[i] === '\n' ? i : i + 1 });
      s = i + 1;
      while (s < end && /\s/.test(text[s])) s++;
    }
  }
  if (s < end) out.push({ start: s, end });
  return out;
}
