/**
 * Everything the index needs from one article's text, computed without touching the index: its
 * structure, line starts, and mentions packed against the recogniser's own entity numbering.
 * A plain, structured-clone-able value, so that it can be computed on another thread and
 * committed to the index (`CorpusIndex.commit`) on the thread that owns it.
 */
import { inZones, parseArticle } from '../article/structure';
import { discoverNames, mayBeNameWord } from '../entities/discovery';
import { headlineWords } from '../features/searchKeys';
import type { Mention, Recognizer } from '../entities/recognizer';
import { lineStarts } from '../text/lines';
import { articleData } from './article';
import { pairHash, tokenFilter } from './tokenFilter';
import { keyHash, tokenize, type Token } from '../text/tokenize';

export const MENTION_KINDS = ['name', 'short', 'demonym', 'discovered'] as const;

export interface ArticleAnalysis {
  readonly headline: string;
  readonly date?: string;
  readonly source?: string;
  /**
   * The article's data array (see `articleData`), with local entity numbers: below the
   * recogniser's catalog size, that catalog entry; from it on, `discovered[local - size]`. Form
   * ids are indexes into `formTexts`.
   */
  readonly data: Uint32Array;
  readonly discovered: readonly { readonly key: string; readonly text: string; readonly role: string }[];
  readonly formTexts: readonly string[];
  /** The words fuzzy search files the headline under. */
  readonly headlineWords: readonly string[];
}

/**
 * A copy of `s` that does not hold on to the string it was cut from (V8 keeps a slice's parent
 * alive, and the parent here is a whole article text the index must not retain).
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Analyses one article's text against the recogniser's catalog. `detach` copies the strings
 * kept from the text; a worker thread skips it, as posting the analysis copies them anyway.
 */
export function analyzeArticle(text: string, recognizer: Recognizer, detach = true): ArticleAnalysis {
  const own = detach ? ownCopy : (x: string) => x;
  const structure = parseArticle(text);
  const tokens = tokenize(text);
  const boiler = (o: number) => inZones(structure.boilerplate, o);
  const found = recognizer.recognize(text, boiler, tokens);
  const people = new DiscoveredSlots(recognizer.catalogSize);
  // People learnt from other articles are numbered like the ones this article introduces.
  const local: number[] = found.map((m) => {
    const i = recognizer.indexOf(m.entity);
    if (i < recognizer.catalogSize) return i;
    const e = recognizer.entities[i];
    return people.slot(discoveredKey(e.id), e.ar, e.description ?? '');
  });
  addDiscovered(text, tokens, recognizer, found, local, boiler, people);
  const discovered = people.list;

  const order = found.map((_, k) => k).sort((a, b) => found[a].start - found[b].start);
  const mentions: number[] = [];
  const formIndex = new Map<string, number>();
  const formTexts: string[] = [];
  const formCounts = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const k of order) {
    const m = found[k];
    const e = local[k];
    mentions.push((e << 3) | (MENTION_KINDS.indexOf(m.kind) << 1) | (m.boilerplate ? 1 : 0), m.start, m.end);
    if (m.boilerplate) continue;
    counts.set(e, (counts.get(e) ?? 0) + 1);
    const written = text.slice(m.start, m.end);
    const form = /\s\s|[\t\n\r\u00a0]/u.test(written) ? written.replace(/\s+/gu, ' ') : written;
    let f = formIndex.get(form);
    if (f === undefined) {
      formIndex.set(form, (f = formTexts.length));
      formTexts.push(own(form));
    }
    // Entity and form in one number (an article has far fewer than 2^20 forms).
    const key = e * 0x100000 + f;
    formCounts.set(key, (formCounts.get(key) ?? 0) + 1);
  }
  const forms: number[] = [];
  for (const [key, n] of formCounts) forms.push(Math.floor(key / 0x100000), key % 0x100000, n);
  const h = structure.headline;
  return {
    headline: own(h.text),
    date: structure.date?.iso,
    source: structure.source === undefined ? undefined : own(structure.source),
    data: articleData({ lineStarts: lineStarts(text), mentions, counts: pairs(counts), forms, headline: h, length: text.length, filter: tokenFilter(pairScratch, filterHashes(tokens)) }),
    discovered: discovered.map((d) => ({ key: own(d.key), text: own(d.text), role: own(d.role) })),
    formTexts,
    headlineWords: h.text ? headlineWords(h.text) : [],
  };
}

/** و and ف. */
const isConjunction = (c: number) => c === 0x648 || c === 0x641;
/** ب, ك and ل. */
const isPreposition = (c: number) => c === 0x628 || c === 0x643 || c === 0x644;

/** Where `filterHashes` writes, reused: every article makes a few hundred hashes. */
let pairScratch = new Uint32Array(4096);

/**
 * What an article's token filter holds (as hashes): each pair of neighbouring tokens that could
 * both belong to a discovered name, the first also read without its proclitics (وجواو كرافينيو
 * holds جواو كرافينيو), so that a person learnt later is looked for by the pairs of their name.
 * Written to `pairScratch`; returns how many.
 */
function filterHashes(tokens: readonly Token[]): number {
  // At most three hashes per pair.
  if (pairScratch.length < 3 * tokens.length) pairScratch = new Uint32Array(3 * tokens.length + 1024);
  const out = pairScratch;
  let n = 0;
  let here = tokens.length > 0 && mayBeNameWord(tokens[0].key);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = mayBeNameWord(tokens[i + 1].key);
    if (here && next) {
      const x = tokens[i].key;
      const y = tokens[i + 1].hash;
      out[n++] = pairHash(tokens[i].hash, y);
      // The readings without a conjunction and a preposition (the article makes a word no name's).
      let at = 0;
      if (isConjunction(x.charCodeAt(at)) && x.length - at > 2) out[n++] = pairHash(keyHash(x, ++at), y);
      if (isPreposition(x.charCodeAt(at)) && x.length - at > 2) out[n++] = pairHash(keyHash(x, ++at), y);
    }
    here = next;
  }
  return n;
}

function pairs(m: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [k, v] of m) out.push(k, v);
  return out;
}

/** People introduced by a role phrase, and their later mentions in the same article. */
/** The discovered people an article names, each with its local entity number. */
class DiscoveredSlots {
  readonly list: { key: string; text: string; role: string }[] = [];
  private readonly byKey = new Map<string, number>();
  constructor(private readonly base: number) {}

  slot(key: string, text: string, role: string): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      this.byKey.set(key, (i = this.list.length));
      this.list.push({ key, text, role });
    }
    return this.base + i;
  }
}

/** The id of the person discovered under a normalised name (tokens never hold spaces or hyphens). */
export const discoveredId = (key: string) => `discovered:${key.replace(/\s+/g, '-')}`;
const discoveredKey = (id: string) => id.slice('discovered:'.length).replace(/-/g, ' ');

function addDiscovered(text: string, tokens: Token[], recognizer: Recognizer, mentions: Mention[], local: number[], boiler: (o: number) => boolean, people: DiscoveredSlots): void {
  const covered = new Uint8Array(tokens.length);
  let m = 0;
  // Recogniser mentions come in text order.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    if (m < mentions.length && mentions[m].start < t.end) covered[i] = 1;
  }
  for (const d of discoverNames(text, tokens, (i) => covered[i] === 1, (k) => recognizer.startsName(k))) {
    const slot = people.slot(d.key, d.text, d.role);
    const keys = d.key.split(' ');
    const sameAt = (i: number) => {
      for (let n = 0; n < keys.length; n++) if (tokens[i + n]?.key !== keys[n]) return false;
      return true;
    };
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].start < d.start || covered[i]) continue;
      if (sameAt(i)) {
        const last = tokens[i + keys.length - 1];
        mentions.push({ entity: '', kind: 'discovered', start: tokens[i].start, end: last.end, boilerplate: boiler(tokens[i].start) });
        local.push(slot);
        for (let n = 0; n < keys.length; n++) covered[i + n] = 1;
      }
    }
  }
}
