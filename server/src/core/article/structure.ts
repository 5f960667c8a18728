/**
 * The structure of an article saved from a web page: headline (not the masthead or nav), date,
 * dateline, source, lead, paragraphs, quotations, and boilerplate zones (mastheads, "see also",
 * teasers, repeated lines) that are set apart from the article's own text.
 */
import type { EntityType } from '../catalog/types';
import { findDates, type FoundDate } from '../text/dates';
import { normalizeKey } from '../text/normalize';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type BoilerplateKind = 'masthead' | 'navigation' | 'section-marker' | 'related' | 'repeated' | 'date-line' | 'source-line';

export interface BoilerplateZone extends Span {
  readonly kind: BoilerplateKind;
}

/**
 * The words that open the lead: `PLACE DATE (AGENCY)`, or a name before a dash (`غزة – `, `شفا – `),
 * which is the place the story was filed from or the agency that filed it, or neither when the
 * catalog and the agency cue words do not tell.
 */
export interface Dateline extends Span {
  readonly place?: string;
  readonly agency?: string;
}

/** What the catalog knows a name as (`recognizer.named`), for telling a dateline's place from its agency. */
export type NameLookup = (name: string) => { readonly type: EntityType; readonly subtype?: string } | undefined;

export interface ArticleStructure {
  /**
   * The headline; `synthetic` when the text has none and it was derived from the lead's first
   * sentence (its range is the part of the sentence kept; its text ends with … when shortened).
   */
  readonly headline: Span & { readonly synthetic: boolean };
  readonly date?: { readonly iso: string; readonly start: number; readonly end: number };
  readonly dateline?: Dateline;
  /** The source (a news agency or site): from a source line (`المصدر: …`) or the dateline's agency. */
  readonly source?: string;
  /** The source line, when the source came from one. */
  readonly sourceLine?: Span;
  readonly lead?: Span;
  /** Body paragraphs in order; the lead is the first. */
  readonly paragraphs: readonly Span[];
  readonly quotations: readonly Span[];
  readonly boilerplate: readonly BoilerplateZone[];
}

interface Line extends Span {
  /** Normalised text, for marker matching; computed only for short lines (long ones are body text). */
  readonly key: string;
  readonly words: number;
}

/** Lines of this many words are body text whatever their punctuation. */
const BODY_WORDS = 14;
/** Lines longer than this many words are never markers, mastheads or navigation. */
const SHORT_LINE = 12;

/** Lines that open a zone running to the end of the page (normalised keys). */
const TRAILING_MARKERS = ['شاهد ايضا', 'اقرا ايضا', 'صور ساخنه', 'مناقشه', 'اخبار ذات صله', 'اخبار متعلقه', 'مواضيع ذات صله', 'المزيد من الاخبار', 'الاكثر قراءه', 'التعليقات'].map(normalizeKey);
/** Single boilerplate lines. */
const LINE_MARKERS = ['اخر الاخبار', 'تابع احدث الاخبار', 'تابعونا', 'شارك', 'الصفحه الرئيسيه', 'اقرا المزيد', 'عاجل'].map(normalizeKey);
const MASTHEAD = /^(رييس (مجلس|مجلسي) الاداره|رييس التحرير|مدير التحرير|رييس مجلس الاداره)/u;
const SENTENCE_END = /[.!?؟…]["”»']?\s*$/u;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const cr = text.indexOf('\r') >= 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    let next = to + 1;
    if (cr) {
      // Lone CR ends a line too; CRLF is one break.
      const r = text.indexOf('\r', from);
      if (r >= 0 && r < to) {
        to = r;
        next = text.charCodeAt(r + 1) === 10 ? r + 2 : r + 1;
      }
    }
    // The line's bounds without surrounding white space, found without slicing the line twice.
    let start = from;
    let end = to;
    while (start < end && isTrimmed(text.charCodeAt(start))) start++;
    while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
    if (end > start) {
      const body = text.slice(start, end);
      const words = countWords(body);
      const key = words <= SHORT_LINE ? normalizeKey(body).replace(/\s+/g, ' ') : '';
      lines.push({ start, end, text: body, key, words });
    }
    from = next;
  }
  return lines;
}

/**
 * Words of a line, counted up to BODY_WORDS: every test on the count compares it with less
 * (a long paragraph need not be counted to the end).
 */
function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n <= BODY_WORDS; i++) {
    const c = s.charCodeAt(i);
    const space = c <= 32 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** What String.prototype.trim removes: white space and line terminators (what `\s` matches). */
export function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const startsWithMarker = (key: string, markers: readonly string[]) =>
  markers.some((mk) => key === mk || (key.startsWith(mk) && (key.length === mk.length || /[\s:،,\-–]/u.test(key[mk.length]))));

/**
 * The lines seen so far, filed by length: a body line is its whole text, and a set of strings
 * hashed every paragraph whole; lines of one length are few, and strings of equal length mostly
 * differ in their first characters.
 */
class SeenLines {
  private readonly byLength = new Map<number, string[]>();

  /** Whether `line` was seen before; it is seen from now on. */
  again(line: string): boolean {
    const same = this.byLength.get(line.length);
    if (!same) {
      this.byLength.set(line.length, [line]);
      return false;
    }
    if (same.includes(line)) return true;
    same.push(line);
    return false;
  }
}

/** The date a line made almost only of a date (a masthead or timestamp line) gives. */
function dateLineDate(line: Line): FoundDate | undefined {
  if (line.words > 8) return undefined;
  const dates = findDates(line.text);
  if (dates.length === 0) return undefined;
  const rest = line.text.slice(0, dates[0].start) + line.text.slice(dates[0].end);
  return rest.trim().split(/\s+/u).filter((w) => /[\p{L}]/u.test(w)).length <= 3 ? dates[0] : undefined;
}

/** `المصدر: وكالة شفا`, `/مصدر: شينخوا/ 2025:07:11`: the source runs to a slash or the end of the line. */
const SOURCE_LINE = /^\/?\s*(?:مصدر|المصدر)\s*:\s*([^/]+?)\s*(?:\/|$)/u;
const isSourceLine = (line: Line) => SOURCE_LINE.test(line.text) || (/^[A-Za-z][A-Za-z .&-]{1,30}$/.test(line.text) && line.words <= 3);
/** Navigation trails need `>`, `»` or `|`; most lines have none, and the search for them is cheaper than the pattern. */
const mayBeNavigation = (t: string) => t.indexOf('>') >= 0 || t.indexOf('»') >= 0 || t.indexOf('|') >= 0;
const isBody = (line: Line) => line.words >= BODY_WORDS || (line.words >= 6 && SENTENCE_END.test(line.text));

/**
 * The structure of `text`. `names` tells what the catalog knows a dateline's name as; without it
 * only the agency cue words tell an agency from a place.
 */
export function parseArticle(text: string, names?: NameLookup): ArticleStructure {
  const lines = splitLines(text);
  const firstBody = lines.findIndex(isBody);
  const roles = lineRoles(lines, firstBody);
  const { boiler, sourceLine } = roles;
  let { source, date } = roles;

  // Headline: the fullest non-boilerplate line before the first paragraph of body text.
  const header = lines.filter((l, i) => (firstBody < 0 || i < firstBody) && !boiler.has(l));
  let headlineLine: Line | undefined;
  for (const l of header) if (l.words >= 3 && (!headlineLine || l.words > headlineLine.words)) headlineLine = l;
  for (const l of header) if (l !== headlineLine) boiler.set(l, 'navigation');

  // Body: paragraphs after the header; short unpunctuated lines among them are teasers for other stories.
  const paragraphs: Span[] = [];
  lines.forEach((l, i) => {
    if (boiler.has(l) || l === headlineLine || (firstBody >= 0 && i < firstBody)) return;
    if (!isBody(l) && !SENTENCE_END.test(l.text) && !/[:：]$/.test(l.text)) return void boiler.set(l, 'related');
    paragraphs.push({ start: l.start, end: l.end, text: l.text });
  });

  const lead = paragraphs[0];
  const dateline = lead ? parseDateline(lead, names) : undefined;
  if (dateline?.agency) source ??= dateline.agency;
  if (!date && dateline) {
    const d = findDates(text, dateline.start, dateline.end)[0];
    if (d) date = { iso: d.iso, start: d.start, end: d.end };
  }

  const headline = headlineLine
    ? { start: headlineLine.start, end: headlineLine.end, text: headlineLine.text, synthetic: false }
    : syntheticHeadline(lead, dateline);

  return new Structure(headline, date, dateline, source, sourceLine, lead, paragraphs, mergeZones(lines, boiler));
}

/** The first line of the trailing zone: the first "see also"-style marker after body text begins (`lines.length` when none). */
function trailingZoneStart(lines: readonly Line[], firstBody: number): number {
  if (firstBody < 0) return lines.length;
  for (let i = firstBody; i < lines.length; i++) if (startsWithMarker(lines[i].key, TRAILING_MARKERS) && lines[i].words <= 5) return i;
  return lines.length;
}

/**
 * The lines that are site chrome, by kind (the trailing zone, repeats, mastheads, section
 * markers, navigation, source and date lines), and the source, source line and date those lines give.
 */
function lineRoles(lines: readonly Line[], firstBody: number): { boiler: Map<Line, BoilerplateKind>; source?: string; sourceLine?: Span; date?: ArticleStructure['date'] } {
  const boiler = new Map<Line, BoilerplateKind>();
  const seen = new SeenLines();
  const trailingFrom = trailingZoneStart(lines, firstBody);
  let source: string | undefined;
  let sourceLine: Span | undefined;
  let date: ArticleStructure['date'];
  let mastheadNames = 0;
  lines.forEach((line, i) => {
    if (i >= trailingFrom) return void boiler.set(line, 'related');
    const identity = line.key || line.text;
    if (seen.again(identity)) return void boiler.set(line, 'repeated');
    if (MASTHEAD.test(line.key)) {
      mastheadNames = 1;
      return void boiler.set(line, 'masthead');
    }
    if (mastheadNames > 0 && line.words <= 3 && !isBody(line)) {
      mastheadNames = 0;
      return void boiler.set(line, 'masthead');
    }
    mastheadNames = 0;
    if (startsWithMarker(line.key, LINE_MARKERS) && line.words <= 8) return void boiler.set(line, 'section-marker');
    if (mayBeNavigation(line.text) && />>|»\s*\S+\s*»|\s[|»]\s/.test(line.text) && !isBody(line)) return void boiler.set(line, 'navigation');
    if (isSourceLine(line)) {
      const m = SOURCE_LINE.exec(line.text);
      if (source === undefined) {
        source = (m ? m[1] : line.text).trim();
        sourceLine = { start: line.start, end: line.end, text: line.text };
      }
      const d = findDates(line.text)[0];
      if (d && !date) date = { iso: d.iso, start: line.start + d.start, end: line.start + d.end };
      return void boiler.set(line, 'source-line');
    }
    const d = firstBody < 0 || i < firstBody ? dateLineDate(line) : undefined;
    if (d) {
      if (!date) date = { iso: d.iso, start: line.start + d.start, end: line.start + d.end };
      return void boiler.set(line, 'date-line');
    }
  });
  return { boiler, source, sourceLine, date };
}

/**
 * A parsed article. A class, so that the lazy `quotations` getter is on the prototype: with the
 * getter in an object literal, each article's paragraphs and zones outlived young-generation
 * collections and were promoted, which made garbage collection a large share of a scan's CPU
 * (docs/performance.md).
 */
class Structure implements ArticleStructure {
  private quoted: Span[] | undefined;
  constructor(
    readonly headline: ArticleStructure['headline'],
    readonly date: ArticleStructure['date'],
    readonly dateline: Dateline | undefined,
    readonly source: string | undefined,
    readonly sourceLine: Span | undefined,
    readonly lead: Span | undefined,
    readonly paragraphs: readonly Span[],
    readonly boilerplate: readonly BoilerplateZone[],
  ) {}

  /** Only the outline shows quotations; indexing never asks for them. */
  get quotations(): readonly Span[] {
    return (this.quoted ??= this.paragraphs.flatMap(findQuotations));
  }
}

/**
 * Agency names and the words that make a name one (normalised keys): the wire services Arabic
 * news credits most, by the short names it uses (أ ف ب, واس), and وكالة / أنباء in a longer name.
 */
const AGENCY_NAMES = new Set(
  ['رويترز', 'أ ف ب', 'ا ف ب', 'أ.ف.ب', 'د ب أ', 'أسوشيتد برس', 'يو بي آي', 'واج', 'سانا', 'وام', 'قنا', 'كونا', 'واس', 'وفا', 'بترا', 'ومع', 'بنا', 'إرنا', 'الأناضول', 'شينخوا', 'سبوتنيك', 'تاس', 'نوفوستي', 'AFP', 'Reuters', 'AP', 'dpa'].map(
    (n) => normalizeKey(n).replace(/[.\s]+/gu, ' ').trim(),
  ),
);
const AGENCY_WORDS = new Set(['وكاله', 'لوكاله', 'انباء', 'الانباء', 'للانباء'].map(normalizeKey));

/** Whether `name` (a dateline's words) names a news agency or a place, as far as the cue words and the catalog tell. */
function datelineKind(name: string, names: NameLookup | undefined): 'agency' | 'place' | undefined {
  const key = normalizeKey(name).replace(/[.\s]+/gu, ' ').trim();
  if (AGENCY_NAMES.has(key) || key.split(' ').some((w) => AGENCY_WORDS.has(w))) return 'agency';
  const known = names?.(name);
  if (known?.type === 'organisation' && known.subtype === 'agency') return 'agency';
  if (known?.type === 'place') return 'place';
  return undefined;
}

/** `PLACE [DATE] (AGENCY)` or `NAME – ` at the start of the lead. */
function parseDateline(lead: Span, names: NameLookup | undefined): Dateline | undefined {
  const head = lead.text.slice(0, 90);
  const paren = /^([^()\n]{2,60}?)\s*\(([^()]{2,30})\)/u.exec(head);
  if (paren) {
    const before = paren[1];
    const d = findDates(before)[0];
    const placeText = (d ? before.slice(0, d.start) : before).trim();
    const words = placeText.split(/\s+/u).filter(Boolean);
    if (words.length <= 3 && (d || words.length >= 1)) {
      return { start: lead.start, end: lead.start + paren[0].length, text: paren[0], place: placeText || undefined, agency: paren[2].trim() };
    }
  }
  const dash = /^(\S+(?:\s\S+)?)\s+[–—-]\s/u.exec(head);
  if (!dash) return undefined;
  const name = dash[1];
  const span = { start: lead.start, end: lead.start + name.length, text: name };
  const kind = datelineKind(name, names);
  return kind === 'agency' ? { ...span, agency: name } : kind === 'place' ? { ...span, place: name } : span;
}

/** A derived headline is the lead's first sentence, cut at a word boundary to at most this many characters. */
const DERIVED_HEADLINE = 80;

/**
 * The headline of an article that has none: the first sentence of its lead (after the dateline),
 * cut at the last word boundary that keeps it within DERIVED_HEADLINE characters, with an ellipsis.
 */
function syntheticHeadline(lead: Span | undefined, dateline: Dateline | undefined): Span & { synthetic: boolean } {
  if (!lead) return { start: 0, end: 0, text: '', synthetic: true };
  const text = lead.text;
  let from = dateline && dateline.end > lead.start ? dateline.end - lead.start : 0;
  // What joins the dateline to the sentence: spaces, a dash, a colon.
  while (from < text.length && /[\s–—\-:،,]/u.test(text[from])) from++;
  // The sentence ends at a full stop or question or exclamation mark before a space or the end of the line.
  const stop = /[.!?؟](?=\s|$)/u.exec(text.slice(from));
  let end = stop ? from + stop.index : text.length;
  let cut = false;
  if (end - from > DERIVED_HEADLINE) {
    // The last space that leaves room for the ellipsis.
    const space = text.lastIndexOf(' ', from + DERIVED_HEADLINE - 1);
    end = space > from ? space : from + DERIVED_HEADLINE - 1;
    cut = true;
  }
  // No trailing comma, colon or dash before the ellipsis.
  while (end > from && /[\s،,:;؛–—\-]/u.test(text[end - 1])) end--;
  const kept = text.slice(from, end);
  return { start: lead.start + from, end: lead.start + end, text: cut ? `${kept}…` : kept, synthetic: true };
}

const QUOTES = /“([^“”\n]{3,2000})”|«([^«»\n]{3,2000})»|"([^"\n]{3,2000})"/gu;

function findQuotations(p: Span): Span[] {
  const out: Span[] = [];
  for (const m of p.text.matchAll(QUOTES)) {
    const inner = m[1] ?? m[2] ?? m[3];
    // A quoted name ("بريكس") is not a quotation.
    if (inner.trim().split(/\s+/u).length < 3) continue;
    const start = p.start + m.index!;
    out.push({ start, end: start + m[0].length, text: inner });
  }
  return out;
}

function mergeZones(lines: readonly Line[], boiler: ReadonlyMap<Line, BoilerplateKind>): BoilerplateZone[] {
  const zones: BoilerplateZone[] = [];
  let cur: { start: number; end: number; kind: BoilerplateKind; texts: string[] } | undefined;
  for (const l of lines) {
    const kind = boiler.get(l);
    if (kind && cur && cur.kind === kind) {
      cur.end = l.end;
      cur.texts.push(l.text);
      continue;
    }
    if (cur) zones.push({ start: cur.start, end: cur.end, kind: cur.kind, text: cur.texts.join('\n') });
    cur = kind ? { start: l.start, end: l.end, kind, texts: [l.text] } : undefined;
  }
  if (cur) zones.push({ start: cur.start, end: cur.end, kind: cur.kind, text: cur.texts.join('\n') });
  return zones;
}

/** Whether `offset` lies in one of the zones (zones are sorted by start). */
export function inZones(zones: readonly { start: number; end: number }[], offset: number): boolean {
  let lo = 0;
  let hi = zones.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (zones[mid].end < offset) lo = mid + 1;
    else if (zones[mid].start > offset) hi = mid - 1;
    else return true;
  }
  return false;
}
