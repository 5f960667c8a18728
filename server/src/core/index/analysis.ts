/**
 * Everything the index needs from one article's text, computed without touching the index: its
 * structure, line starts, and mentions packed against the recogniser's own entity numbering.
 * A plain, structured-clone-able value, so that it can be computed on another thread and
 * committed to the index (`CorpusIndex.commit`) on the thread that owns it.
 */
import { inZones, parseArticle } from '../article/structure';
import { discoverNames } from '../entities/discovery';
import { headlineWords } from '../features/searchKeys';
import type { Mention, Recognizer } from '../entities/recognizer';
import { LineIndex } from '../text/lines';
import { tokenize, type Token } from '../text/tokenize';

export const MENTION_KINDS = ['name', 'short', 'demonym', 'discovered'] as const;

export interface ArticleAnalysis {
  readonly headline: { readonly text: string; readonly start: number; readonly end: number; readonly synthetic: boolean };
  readonly date?: string;
  readonly source?: string;
  readonly lineStarts: Uint32Array;
  readonly length: number;
  /**
   * Three words per mention, in text order: local entity << 3 | kind << 1 | boilerplate, start,
   * end. A local entity below the recogniser's entity count is that catalog entry; above it,
   * `discovered[local - count]`.
   */
  readonly packed: Uint32Array;
  readonly discovered: readonly { readonly key: string; readonly text: string; readonly role: string }[];
  /** Triples [local entity, index into `formTexts`, count]: how each entity was written (outside boilerplate). */
  readonly forms: Uint32Array;
  readonly formTexts: readonly string[];
  /** The words fuzzy search files the headline under. */
  readonly headlineWords: readonly string[];
}

/** Analyses one article's text against the recogniser's catalog. */
export function analyzeArticle(text: string, recognizer: Recognizer): ArticleAnalysis {
  const structure = parseArticle(text);
  const tokens = tokenize(text);
  const boiler = (o: number) => inZones(structure.boilerplate, o);
  const found = recognizer.recognize(text, boiler, tokens);
  const local: number[] = found.map((m) => recognizer.indexOf(m.entity));
  const discovered = addDiscovered(text, tokens, recognizer, found, local, boiler);

  const order = found.map((_, k) => k).sort((a, b) => found[a].start - found[b].start);
  const packed = new Uint32Array(found.length * 3);
  const formIndex = new Map<string, number>();
  const formTexts: string[] = [];
  const formCounts = new Map<number, number>();
  order.forEach((k, slot) => {
    const m = found[k];
    const e = local[k];
    packed[slot * 3] = (e << 3) | (MENTION_KINDS.indexOf(m.kind) << 1) | (m.boilerplate ? 1 : 0);
    packed[slot * 3 + 1] = m.start;
    packed[slot * 3 + 2] = m.end;
    if (m.boilerplate) return;
    const written = text.slice(m.start, m.end);
    const form = /\s\s|[\t\n\r\u00a0]/u.test(written) ? written.replace(/\s+/gu, ' ') : written;
    let f = formIndex.get(form);
    if (f === undefined) {
      formIndex.set(form, (f = formTexts.length));
      formTexts.push(form);
    }
    // Entity and form in one number (an article has far fewer than 2^20 forms).
    const key = e * 0x100000 + f;
    formCounts.set(key, (formCounts.get(key) ?? 0) + 1);
  });
  const forms = new Uint32Array(formCounts.size * 3);
  let i = 0;
  for (const [key, n] of formCounts) {
    forms[i++] = Math.floor(key / 0x100000);
    forms[i++] = key % 0x100000;
    forms[i++] = n;
  }
  const lines = new LineIndex(text);
  const h = structure.headline;
  return {
    headline: { text: h.text, start: h.start, end: h.end, synthetic: h.synthetic },
    date: structure.date?.iso,
    source: structure.source,
    lineStarts: lines.starts,
    length: text.length,
    packed,
    discovered,
    forms,
    formTexts,
    headlineWords: h.text ? headlineWords(h.text) : [],
  };
}

/** People introduced by a role phrase, and their later mentions in the same article. */
function addDiscovered(text: string, tokens: Token[], recognizer: Recognizer, mentions: Mention[], local: number[], boiler: (o: number) => boolean): ArticleAnalysis['discovered'] {
  const covered = new Uint8Array(tokens.length);
  let m = 0;
  // Recogniser mentions come in text order.
  tokens.forEach((t, i) => {
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    if (m < mentions.length && mentions[m].start < t.end) covered[i] = 1;
  });
  const out: { key: string; text: string; role: string }[] = [];
  const slots = new Map<string, number>();
  for (const d of discoverNames(text, tokens, (i) => covered[i] === 1, (k) => recognizer.startsName(k))) {
    let slot = slots.get(d.key);
    if (slot === undefined) {
      slots.set(d.key, (slot = out.length));
      out.push({ key: d.key, text: d.text, role: d.role });
    }
    const keys = d.key.split(' ');
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].start < d.start || covered[i]) continue;
      if (keys.every((k, n) => tokens[i + n]?.key === k)) {
        const last = tokens[i + keys.length - 1];
        mentions.push({ entity: '', kind: 'discovered', start: tokens[i].start, end: last.end, boilerplate: boiler(tokens[i].start) });
        local.push(recognizer.entities.length + slot);
        for (let n = 0; n < keys.length; n++) covered[i + n] = 1;
      }
    }
  }
  return out;
}
