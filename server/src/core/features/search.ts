/**
 * Fuzzy search over entities and headlines (fuse.js on Arabic keys and on the Latin skeleton),
 * and passage search for the palette: sentences holding every word of the query.
 */
import Fuse from 'fuse.js';
import type { Entity } from '../catalog/types';
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { normalizeRange, normalizeKey } from '../text/normalize';
import { latinKey } from '../text/transliterate';
import { tokenKeys } from '../text/tokenize';

interface EntityDoc {
  readonly id: string;
  readonly keys: string[];
  readonly latin: string[];
}

interface HeadlineDoc {
  readonly uri: string;
  readonly key: string;
  readonly latin: string;
}

export interface EntityHit {
  readonly entity: Entity;
  readonly score: number;
}

export interface HeadlineHit {
  readonly article: Article;
  readonly score: number;
}

export interface PassageHit {
  readonly article: Article;
  /** Original offsets of the sentence and of the matched words within the text. */
  readonly start: number;
  readonly end: number;
  readonly matches: readonly { start: number; end: number }[];
}

const FUSE_OPTS = { includeScore: true, ignoreLocation: true, threshold: 0.38, minMatchCharLength: 2 } as const;

/** Search structures, rebuilt lazily when the index changes. */
export class SearchEngine {
  private built = -1;
  private entityAr!: Fuse<EntityDoc>;
  private entityLatin!: Fuse<EntityDoc>;
  private headlines!: Fuse<HeadlineDoc>;

  constructor(private readonly index: CorpusIndex) {}

  private ensure(): void {
    if (this.built === this.index.version) return;
    const docs: EntityDoc[] = this.index.allEntities().map((e) => {
      const names = [e.ar, ...(e.aliases ?? []), ...(e.short ?? []).map((s) => (typeof s === 'string' ? s : s.text))];
      return {
        id: e.id,
        keys: names.map(normalizeKey),
        latin: [...names.map(latinKey), ...(e.en ? [e.en.toLowerCase(), latinKey(e.en)] : [])],
      };
    });
    this.entityAr = new Fuse(docs, { ...FUSE_OPTS, keys: ['keys'] });
    this.entityLatin = new Fuse(docs, { ...FUSE_OPTS, keys: ['latin'] });
    const heads: HeadlineDoc[] = [...this.index.allArticles()].map((a) => ({ uri: a.uri, key: normalizeKey(a.structure.headline.text), latin: latinKey(a.structure.headline.text) }));
    this.headlines = new Fuse(heads, { ...FUSE_OPTS, keys: ['key', 'latin'] });
    this.built = this.index.version;
  }

  entities(query: string, limit = 20): EntityHit[] {
    this.ensure();
    const key = normalizeKey(query).trim();
    if (!key) return [];
    const best = new Map<string, number>();
    const note = (id: string, score: number) => best.set(id, Math.min(best.get(id) ?? 1, score));
    for (const r of this.entityAr.search(key, { limit: limit * 2 })) note(r.item.id, r.score ?? 1);
    const lat = /[\u0600-\u06ff]/.test(key) ? latinKey(key) : key;
    for (const r of this.entityLatin.search(lat, { limit: limit * 2 })) note(r.item.id, (r.score ?? 1) + 0.01);
    if (!/[\u0600-\u06ff]/.test(key)) for (const r of this.entityLatin.search(latinKey(key), { limit: limit * 2 })) note(r.item.id, (r.score ?? 1) + 0.02);
    return [...best]
      .map(([id, score]) => ({ entity: this.index.entity(id)!, score, present: this.index.summary(id)?.mentions ?? 0 }))
      .filter((h) => h.entity)
      // Entities found in the corpus rank before catalog entries it never names.
      .sort((a, b) => Number(b.present > 0) - Number(a.present > 0) || a.score - b.score || b.present - a.present)
      .slice(0, limit)
      .map(({ entity, score }) => ({ entity, score }));
  }

  headlineHits(query: string, limit = 20): HeadlineHit[] {
    this.ensure();
    const key = normalizeKey(query).trim();
    if (!key) return [];
    return this.headlines
      .search(/[\u0600-\u06ff]/.test(key) ? key : latinKey(key), { limit })
      .map((r) => ({ article: this.index.article(r.item.uri)!, score: r.score ?? 1 }))
      .filter((h) => h.article);
  }

  /** Sentences containing every word of the query (a word may carry proclitics). */
  passages(query: string, limit = 50): PassageHit[] {
    const words = tokenKeys(query);
    if (words.length === 0) return [];
    const out: PassageHit[] = [];
    for (const a of this.index.allArticles()) {
      for (const p of a.structure.paragraphs) {
        for (const s of sentences(a.text, p.start, p.end)) {
          const n = normalizeRange(a.text, s.start, s.end);
          const matches: { start: number; end: number }[] = [];
          for (const w of words) {
            const at = findWord(n.key, w);
            if (at < 0) break;
            matches.push({ start: n.map[at], end: n.map[at + w.length] });
          }
          if (matches.length === words.length) {
            out.push({ article: a, start: s.start, end: s.end, matches: matches.sort((x, y) => x.start - y.start) });
            if (out.length >= limit) return out;
          }
        }
      }
    }
    return out;
  }
}

/** A word inside a key: at a token start, or after a one- or two-letter proclitic. */
function findWord(key: string, word: string): number {
  let from = 0;
  for (;;) {
    const at = key.indexOf(word, from);
    if (at < 0) return -1;
    const before = key.slice(Math.max(0, at - 3), at);
    const m = /(?:^|[^\p{L}\p{N}])([وفبكل]{0,2}(?:ال)?)$/u.exec(at === 0 ? '' : before);
    if (at === 0 || m || /[^\p{L}\p{N}]$/u.test(before)) {
      const after = key[at + word.length];
      if (after === undefined || /[^\p{L}\p{N}]/u.test(after) || /[\u0600-\u06ff]/.test(word)) return at;
    }
    from = at + 1;
  }
}

function sentences(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if ('.!?؟'.includes(text[i]) && (i + 1 >= end || /\s/.test(text[i + 1]))) {
      out.push({ start: s, end: i + 1 });
      s = i + 1;
      while (s < end && /\s/.test(text[s])) s++;
    }
  }
  if (s < end) out.push({ start: s, end });
  return out;
}
