/**
 * Everything the index needs from one article's text, computed without touching the index: its
 * structure, line starts, and mentions packed against the recogniser's own entity numbering.
 * A plain, structured-clone-able value, so that it can be computed on another thread and
 * committed to the index (`CorpusIndex.commit`) on the thread that owns it.
 */
import { inZones, isTrimmed, parseArticle } from '../article/structure';
import { discoverNames, titleBefore, type DiscoveredName, type KnownMention } from '../entities/discovery';
import { lamBeforeName, mayBeNameWord, surnameKey } from '../entities/nameWords';
import { triggerOf } from '../entities/triggerWords';
import { cliticReadings } from '../text/clitics';
import { headlineWords } from '../search/searchKeys';
import type { Mention, Recognizer } from '../entities/recognizer';
import { lineStarts } from '../text/lines';
import { articleData, articleDataAt, mentionWord, MENTION_KINDS, NAME_KIND } from './article';
import { pairHash, titledHash, tokenFilter } from './tokenFilter';
import { keyHash, keyUnitOffset, tokenize, type Token } from '../text/tokenize';

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
  /**
   * Where the article's own array starts in `data`, when it shares `data` with others (the
   * analyses a worker posted in one batch share one array); absent when it has `data` alone.
   */
  readonly dataBase?: number;
  readonly discovered: readonly { readonly key: string; readonly text: string; readonly role: string }[];
  readonly formTexts: readonly string[];
  /** The words fuzzy search files the headline under. */
  readonly headlineWords: readonly string[];
}

/** The analysis's own data array: `data`, or its part from `dataBase` on when it shares it. */
export function ownArticleData(a: ArticleAnalysis): Uint32Array {
  return a.dataBase === undefined ? a.data : articleDataAt(a.data, a.dataBase);
}

/**
 * A copy of `s` that does not hold on to the string it was cut from (V8 keeps a slice's parent
 * alive, and the parent here is a whole article text the index must not retain).
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Analyses one article's text against the recogniser's catalog. `detach` copies the strings
 * kept from the text; a worker thread skips it, as posting the analysis copies them anyway.
 */
export function analyzeArticle(text: string, recognizer: Recognizer, detach = true): ArticleAnalysis {
  const own = detach ? ownCopy : (x: string) => x;
  const structure = parseArticle(text, recognizer.named);
  const tokens = tokenize(text);
  const boiler = (o: number) => inZones(structure.boilerplate, o);
  const found = recognizer.recognize(text, boiler, tokens);
  const people = new DiscoveredSlots(recognizer.catalogSize);
  // People learnt from other articles are numbered like the ones this article introduces.
  const local: number[] = found.map((m) => {
    const i = m.slot ?? recognizer.indexOf(m.entity);
    if (i < recognizer.catalogSize) return i;
    const e = recognizer.entities[i];
    return people.slot(discoveredKey(e.id), e.ar, e.description ?? '');
  });
  const early = addDiscovered(text, tokens, recognizer, found, local, boiler, people);
  const discovered = people.list;

  const order = found.map((_, k) => k).sort((a, b) => found[a].start - found[b].start);
  const mentions: number[] = [];
  const counts = new EntityCounts();
  const forms = new FormCounts();
  for (const k of order) {
    const m = found[k];
    const e = local[k];
    // The recogniser's mentions carry an id, discovery's none: a learnt name is no introduction.
    const kind = m.kind === 'discovered' && m.entity !== '' ? NAME_KIND : MENTION_KINDS.indexOf(m.kind);
    mentions.push(mentionWord(e, kind, m.boilerplate), m.start, m.end);
    if (m.boilerplate) continue;
    counts.add(e);
    const written = text.slice(m.start, m.end);
    forms.add(e, hasOddSpace(written) ? written.replace(/\s+/gu, ' ') : written, own);
  }
  const h = structure.headline;
  const filter = tokenFilter(pairScratch, filterHashes(text, tokens));
  const data = articleData({ lineStarts: lineStarts(text), mentions, counts: counts.pairs(), forms: forms.triples, headline: h, length: text.length, filter, namesEarly: early });
  return {
    headline: own(h.text),
    date: structure.date?.iso,
    source: structure.source === undefined ? undefined : own(structure.source),
    data,
    discovered: discovered.map((d) => ({ key: own(d.key), text: own(d.text), role: own(d.role) })),
    formTexts: forms.texts,
    headlineWords: h.text ? headlineWords(h.text) : [],
  };
}

/**
 * Whether a name as written holds two spaces running, or a tab, line break or no-break space:
 * what `/\s\s|[\t\n\r\u00a0]/u` tests, without a regular expression's call for each mention
 * (names are a few words, written with single spaces).
 */
export function hasOddSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII and the Arabic block hold no white space.
    if ((c > 0x20 && c < 0x7f) || (c >= 0x600 && c <= 0x6ff)) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) return true;
    if (isTrimmed(c) && i + 1 < s.length && isTrimmed(s.charCodeAt(i + 1))) return true;
  }
  return false;
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
 * holds جواو كرافينيو), so that a person learnt later is looked for by the pairs of their name
 * (`filteredPairs`); and each word a title stands before (`titleBefore`), where a learnt person's
 * surname links alone (الوزير كرافينيو). Written to `pairScratch`; returns how many.
 */
function filterHashes(text: string, tokens: readonly Token[]): number {
  // At most three hashes per pair, and two titled words per title.
  if (pairScratch.length < 5 * tokens.length) pairScratch = new Uint32Array(5 * tokens.length + 1024);
  const out = pairScratch;
  let n = 0;
  let here = tokens.length > 0 && mayBeNameWord(tokens[0].key);
  for (let i = 0; i < tokens.length; i++) {
    const x = tokens[i].key;
    const next = i + 1 < tokens.length && mayBeNameWord(tokens[i + 1].key);
    if (next && (here || lamBeforeName(x))) {
      const y = tokens[i + 1].hash;
      out[n++] = pairHash(tokens[i].hash, y);
      // The readings without a conjunction and a preposition (the article makes a word no name's).
      let at = 0;
      if (isConjunction(x.charCodeAt(at)) && x.length - at > 2) out[n++] = pairHash(keyHash(x, ++at), y);
      if (isPreposition(x.charCodeAt(at)) && x.length - at > 2) out[n++] = pairHash(keyHash(x, ++at), y);
    }
    here = next;
    const t = triggerOf(tokens[i]);
    if (t?.title && t.prefix === 0) {
      for (let k = i + 1; k <= i + 2 && k < tokens.length; k++) if (titleBefore(text, tokens, k)) out[n++] = titledHash(tokens[k].hash);
    }
  }
  return n;
}

/**
 * Each entity's count of mentions, in the order of first mention. Counted in arrays by local
 * entity number, shared by all analyses, rather than a map, whose lookups were a measurable part
 * of an analysis (docs/performance.md). An entry belongs to the analysis whose number it carries, so that an analysis that failed
 * halfway leaves nothing for the next one to clear.
 */
export class EntityCounts {
  private static counts = new Uint32Array(1024);
  private static owners = new Uint32Array(1024);
  private static lastNumber = 0;
  /** This analysis's number (never 0, which new entries carry). */
  private readonly number = (EntityCounts.lastNumber = (EntityCounts.lastNumber % 0xfffffffe) + 1);
  private readonly order: number[] = [];

  add(e: number): void {
    if (e >= EntityCounts.counts.length) {
      const size = 2 * (e + 1);
      const counts = new Uint32Array(size);
      counts.set(EntityCounts.counts);
      const owners = new Uint32Array(size);
      owners.set(EntityCounts.owners);
      EntityCounts.counts = counts;
      EntityCounts.owners = owners;
    }
    if (EntityCounts.owners[e] !== this.number) {
      EntityCounts.owners[e] = this.number;
      EntityCounts.counts[e] = 0;
      this.order.push(e);
    }
    EntityCounts.counts[e]++;
  }

  /** Entity and count, in turn. */
  pairs(): number[] {
    const out: number[] = [];
    for (const e of this.order) out.push(e, EntityCounts.counts[e]);
    return out;
  }
}

/**
 * The article's written forms (`texts`, numbered in order of first use) and, for each pair of
 * entity and form, its count (`triples`: entity, form, count, in order of first use). An
 * entity's latest form is tried before the map of forms: names repeat as they were written.
 */
export class FormCounts {
  readonly texts: string[] = [];
  readonly triples: number[] = [];
  private readonly ids = new Map<string, number>();
  /** Per form, its first triple; per triple, the next triple of the same form (-1: none). */
  private readonly firstOfForm: number[] = [];
  private readonly nextOfForm: number[] = [];
  private readonly latest = new Map<number, number>();

  add(e: number, form: string, own: (s: string) => string): void {
    let f = this.latest.get(e);
    if (f === undefined || this.texts[f] !== form) {
      f = this.ids.get(form);
      if (f === undefined) {
        this.ids.set(form, (f = this.texts.length));
        this.texts.push(own(form));
        this.firstOfForm.push(-1);
      }
      this.latest.set(e, f);
    }
    const t = this.triples;
    let at = this.firstOfForm[f];
    let last = -1;
    while (at >= 0 && t[3 * at] !== e) {
      last = at;
      at = this.nextOfForm[at];
    }
    if (at < 0) {
      at = t.length / 3;
      t.push(e, f, 0);
      this.nextOfForm.push(-1);
      if (last >= 0) this.nextOfForm[last] = at;
      else this.firstOfForm[f] = at;
    }
    t[3 * at + 2]++;
  }
}

/**
 * The discovered people an article names, each with its local entity number. A name this
 * article introduces (`introduced`) carries this article's own text and role, even when the
 * person was learnt from another article first, so that an analysis does not depend on what
 * was indexed before it.
 */
class DiscoveredSlots {
  readonly list: { key: string; text: string; role: string }[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly own = new Set<string>();
  constructor(private readonly base: number) {}

  slot(key: string, text: string, role: string, introduced = false): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      this.byKey.set(key, (i = this.list.length));
      this.list.push({ key, text, role });
    }
    if (introduced && !this.own.has(key)) {
      this.own.add(key);
      this.list[i] = { key, text, role };
    }
    return this.base + i;
  }
}

/** The id of the person discovered under a normalised name (tokens never hold spaces or hyphens). */
export const discoveredId = (key: string) => `discovered:${key.replace(/\s+/g, '-')}`;
const discoveredKey = (id: string) => id.slice('discovered:'.length).replace(/-/g, ' ');

/** Where the recogniser's mentions lie over the tokens: mention number + 1 at each token, 0 elsewhere. */
interface Cover {
  /** Mentions of catalog entries (discovery reads around them). */
  readonly catalog: Int32Array;
  /**
   * Mentions of names learnt from other articles, kept apart: discovery reads the text as the
   * catalog alone would, so that an article introduces whom it introduces whatever was learnt
   * before it (a fresh index and a long-running one agree).
   */
  readonly learnt?: Int32Array;
}

function coverOf(tokens: readonly Token[], mentions: readonly Mention[], local: readonly number[], catalogSize: number): Cover {
  const catalog = new Int32Array(tokens.length);
  let learnt: Int32Array | undefined;
  let m = 0;
  // Recogniser mentions come in text order.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    if (m < mentions.length && mentions[m].start < t.end) {
      if (local[m] < catalogSize) catalog[i] = m + 1;
      else (learnt ??= new Int32Array(tokens.length))[i] = m + 1;
    }
  }
  return { catalog, learnt };
}

/**
 * Adds the names discovery finds (people, organisations, places) and their later mentions in
 * the article: the whole name again, and a person's surname. Recognised mentions inside a
 * discovered name give way to it, except demonyms inside a body's name (وزارة الصحة الفلسطينية).
 * Returns whether the article may name one of them early (see `Article.namesEarly`).
 */
function addDiscovered(text: string, tokens: Token[], recognizer: Recognizer, mentions: Mention[], local: number[], boiler: (o: number) => boolean, people: DiscoveredSlots): boolean {
  // Described when discovery asks (near a trigger word): most mentions never are.
  const described: (KnownMention | undefined)[] = [];
  const known = (k: number): KnownMention => {
    const x = mentions[k];
    return (described[k] ??= { type: recognizer.entities[x.slot ?? recognizer.indexOf(x.entity)].type, demonym: x.kind === 'demonym', short: x.kind === 'short' });
  };
  const cover = coverOf(tokens, mentions, local, recognizer.catalogSize);
  const found = discoverNames(text, tokens, cover.catalog, known);
  if (found.length === 0) return false;
  const drop = new Uint8Array(mentions.length);
  // Tokens some mention holds from now on: later mentions are looked for elsewhere.
  const used = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) used[i] = cover.catalog[i] > 0 || (cover.learnt !== undefined && cover.learnt[i] > 0) ? 1 : 0;
  const add = (slot: number, kind: Mention['kind'], start: number, end: number) => {
    mentions.push({ entity: '', kind, start, end, boilerplate: boiler(start) });
    local.push(slot);
  };
  for (const d of found) {
    for (let k = d.first; k <= d.last; k++) {
      const c = cover.catalog[k];
      if (c > 0 && !(d.type !== 'person' && known(c - 1).demonym)) drop[c - 1] = 1;
      // A learnt name the discovered one overlaps gives way to it.
      if (cover.learnt !== undefined && cover.learnt[k] > 0) drop[cover.learnt[k] - 1] = 1;
      used[k] = 1;
    }
    add(people.slot(d.key, d.text, d.role, true), 'discovered', d.start, d.end);
  }
  addLaterMentions(text, tokens, used, found, people, add);
  let w = 0;
  for (let r = 0; r < mentions.length; r++) {
    if (r < drop.length && drop[r]) continue;
    mentions[w] = mentions[r];
    local[w++] = local[r];
  }
  mentions.length = w;
  local.length = w;
  return mayNameEarly(found, tokens, recognizer);
}

/**
 * Whether a name of two words or more (one the recogniser would learn) that it does not know yet
 * may be written before the first introduction: its first word or surname ends a token there
 * (with proclitics); see `Article.namesEarly`. Saying yes wrongly costs one analysis more.
 */
function mayNameEarly(found: readonly DiscoveredName[], tokens: readonly Token[], recognizer: Recognizer): boolean {
  for (const d of found) {
    const keys = d.key.slice(d.key.indexOf(':') + 1).split(' ');
    if (keys.length < 2 || recognizer.indexOf(discoveredId(d.key)) >= 0) continue;
    const surname = d.type === 'person' ? surnameKey(keys)?.split(' ')[0] : undefined;
    for (let i = 0; i < found[0].first; i++) if (tokens[i].key.endsWith(keys[0]) || (surname !== undefined && tokens[i].key.endsWith(surname))) return true;
  }
  return false;
}

/** A form a discovered name is written again in: the whole name, or a person's surname (`short`). */
interface LaterForm {
  readonly slot: number;
  readonly keys: string[];
  readonly short: boolean;
}

/** The names' first words' last two letters, as a bit of `tails`: most tokens are turned away on them. */
const tail = (k: string) => (k.charCodeAt(k.length - 1) * 31 + k.charCodeAt(k.length - 2)) & 1023;

/** The discovered names' later forms, by first word, and the bits of their first words' tails. */
function laterForms(found: readonly DiscoveredName[], people: DiscoveredSlots): { byFirst: Map<string, LaterForm[]>; tails: Uint32Array } {
  const byFirst = new Map<string, LaterForm[]>();
  const tails = new Uint32Array(32);
  const done = new Set<string>();
  for (const d of found) {
    if (done.has(d.key)) continue;
    done.add(d.key);
    const slot = people.slot(d.key, d.text, d.role);
    const keys = d.key.slice(d.key.indexOf(':') + 1).split(' ');
    const surname = d.type === 'person' ? surnameKey(keys) : undefined;
    const forms = [{ slot, keys, short: false }];
    if (surname !== undefined) forms.push({ slot, keys: surname.split(' '), short: true });
    for (const f of forms) {
      const list = byFirst.get(f.keys[0]) ?? [];
      list.push(f);
      byFirst.set(f.keys[0], list);
      const h = tail(f.keys[0]);
      tails[h >>> 5] |= 1 << (h & 31);
    }
  }
  return { byFirst, tails };
}

/** Adds the later mentions of the discovered names: each token not `used` is looked up once among the names' first words and surnames. */
function addLaterMentions(text: string, tokens: readonly Token[], used: Uint8Array, found: readonly DiscoveredName[], people: DiscoveredSlots, add: (slot: number, kind: Mention['kind'], start: number, end: number) => void): void {
  const { byFirst, tails } = laterForms(found, people);
  const after = found[0].start;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (used[i] || t.start < after) continue;
    const h = tail(t.key);
    if ((tails[h >>> 5] & (1 << (h & 31))) === 0) continue;
    // The first word may carry proclitics (ولوزارة الصحة, وشتينكايا).
    let hit: (LaterForm & { prefix: number }) | undefined;
    for (const r of cliticReadings(t.key)) {
      for (const f of byFirst.get(r.rest) ?? []) {
        if (i + f.keys.length > tokens.length) continue;
        let same = true;
        for (let n = 1; n < f.keys.length && same; n++) same = !used[i + n] && tokens[i + n].key === f.keys[n];
        // The whole name before its surname; the longest form first.
        if (same && (!hit || f.keys.length > hit.keys.length || (hit.short && !f.short))) hit = { ...f, prefix: r.prefixLength };
      }
    }
    if (!hit) continue;
    const last = i + hit.keys.length - 1;
    add(hit.slot, hit.short ? 'short' : 'discovered', hit.prefix > 0 ? keyUnitOffset(text, t, hit.prefix) : t.start, tokens[last].end);
    for (let n = i; n <= last; n++) used[n] = 1;
    i = last;
  }
}
