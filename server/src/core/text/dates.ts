/**
 * Dates as news text writes them: `10 يوليو 2025`, `الجمعة 22 نوفمبر 2024`, `3 ديسمبر، 2025`,
 * `2025:07:11.09:45`, Levantine and Maghrebi month names, Arabic-Indic digits and paired forms
 * (`تشرين الثاني/نوفمبر`). Matching runs on the normalised key, so hamza and digit variants fold
 * away, and ranges are mapped back to the original text.
 */
import { normalizeRange, originalRange } from './normalize';

export interface FoundDate {
  /** Original UTF-16 range. */
  readonly start: number;
  readonly end: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** 1 when nothing contradicts the date; lower when a weekday next to it disagrees. */
  readonly confidence: number;
}

/** Month names in normalised form (see normalize.ts), month number as value. */
const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['يناير', 1], ['فبراير', 2], ['مارس', 3], ['ابريل', 4], ['مايو', 5], ['يونيو', 6], ['يونيه', 6],
  ['يوليو', 7], ['يوليه', 7], ['اغسطس', 8], ['سبتمبر', 9], ['اكتوبر', 10], ['نوفمبر', 11], ['ديسمبر', 12],
  ['كانون الثاني', 1], ['شباط', 2], ['اذار', 3], ['نيسان', 4], ['ايار', 5], ['حزيران', 6], ['تموز', 7],
  ['اب', 8], ['ايلول', 9], ['تشرين الاول', 10], ['تشرين الثاني', 11], ['كانون الاول', 12],
  ['جانفي', 1], ['فيفري', 2], ['افريل', 4], ['ماي', 5], ['جوان', 6], ['جويليه', 7], ['اوت', 8],
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7],
  ['august', 8], ['september', 9], ['october', 10], ['november', 11], ['december', 12],
];

const WEEKDAYS: ReadonlyArray<readonly [string, number]> = [
  ['الاحد', 0], ['الاثنين', 1], ['الثلاثاء', 2], ['الاربعاء', 3], ['الخميس', 4], ['الجمعه', 5], ['السبت', 6],
];

export const WEEKDAY_NAMES_AR = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const monthAlt = [...MONTHS].sort((a, b) => b[0].length - a[0].length).map(([m]) => m.replace(/ /g, '\\s+')).join('|');
const weekdayAlt = WEEKDAYS.map(([w]) => w).join('|');
const L = '\\p{L}\\p{N}';
/** A month, and its other name after a slash or in brackets (تموز/يوليو, يوليو (تموز)). */
const monthGroup = `(${monthAlt})(?:\\s*/\\s*(${monthAlt})|\\s*\\(\\s*(${monthAlt})\\s*\\))?`;

/**
 * day month[/month | (month)] [،,] year. Keys are lower case already (no `i` flag, which slows matching).
 * The pattern starts at the day's digits, which the engine finds fast; the weekday that may come
 * first is looked for behind them (`WEEKDAY_BEFORE`). With the weekday in front, every ال of the
 * text was a place where a match could start: a tenth of analysing an article went to it.
 */
const DAY_MONTH_YEAR = new RegExp(`(\\d{1,2})\\s+${monthGroup}\\s*[،,]?\\s*(\\d{4})(?![${L}])`, 'gu');
/** A weekday right before a day (see `DAY_MONTH_YEAR`), at the end of the text before it. */
const WEEKDAY_BEFORE = new RegExp(`(?<![${L}])(${weekdayAlt})\\s*[،,]?\\s*$`, 'u');
const LETTER_OR_DIGIT = new RegExp(`[${L}]`, 'u');
/** Numeric forms: 2025:07:11(.09:45), 2025-07-11, 11/07/2025. */
const NUMERIC = /(?<![\p{L}\p{N}])(?:(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})(?:[.T ]\d{1,2}:\d{2})?|(\d{1,2})\/(\d{1,2})\/(\d{4}))(?![\p{L}\p{N}])/gu;

function monthNumber(name: string): number {
  const n = name.replace(/\s+/g, ' ');
  return MONTHS.find(([m]) => m === n)?.[1] ?? 0;
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Like `matchAll`, without cloning the (large) regex on every call. */
function* execAll(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) yield m;
}

/**
 * Day-month-year dates of a key, each with the weekday before it if any: where the day is not
 * after a letter or digit, or the weekday is not. A day that cannot start a date (a digit of a
 * longer number or word) gives the search back to the next unit.
 */
function dayMonthYears(key: string): { index: number; length: number; weekday?: string; day: string; month: string; month2?: string; year: string }[] {
  const out: ReturnType<typeof dayMonthYears> = [];
  const re = DAY_MONTH_YEAR;
  re.lastIndex = 0;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    const at = m.index;
    // Weekdays are a few units long: a short look back finds one.
    const before = key.slice(Math.max(0, at - 16), at);
    const wd = WEEKDAY_BEFORE.exec(before);
    if (wd) {
      const from = at - before.length + wd.index;
      out.push({ index: from, length: at + m[0].length - from, weekday: wd[1], day: m[1], month: m[2], month2: m[3] ?? m[4], year: m[5] });
    } else if (at === 0 || !LETTER_OR_DIGIT.test(key[at - 1])) {
      out.push({ index: at, length: m[0].length, day: m[1], month: m[2], month2: m[3] ?? m[4], year: m[5] });
    } else re.lastIndex = at + 1;
  }
  return out;
}

/** All dates in `text[start, end)`, in text order, with original ranges. */
export function findDates(text: string, start = 0, end = text.length): FoundDate[] {
  // Every date form has a digit; most lines have none.
  if (!/[0-9\u0660-\u0669\u06f0-\u06f9]/u.test(text.slice(start, end))) return [];
  const n = normalizeRange(text, start, end);
  const out: FoundDate[] = [];
  for (const m of dayMonthYears(n.key)) {
    const day = Number(m.day);
    const month = monthNumber(m.month);
    const month2 = m.month2 ? monthNumber(m.month2) : month;
    const year = Number(m.year);
    if (!valid(year, month, day)) continue;
    const iso = isoDate(year, month, day);
    let confidence = month2 === month ? 1 : 0.5;
    if (m.weekday) {
      const wd = WEEKDAYS.find(([w]) => w === m.weekday)?.[1];
      if (wd !== undefined && wd !== weekdayOf(iso)) confidence *= 0.5;
    }
    const r = originalRange(n, m.index, m.index + m.length);
    // Spelt out: a spread of `r` takes a slow path (docs/performance.md).
    out.push({ start: r.start, end: r.end, year, month, day, iso, confidence });
  }
  for (const m of execAll(NUMERIC, n.key)) {
    const [year, month, day] = m[1] ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(m[6]), Number(m[5]), Number(m[4])];
    if (!valid(year, month, day)) continue;
    const r = originalRange(n, m.index!, m.index! + m[0].length);
    if (out.some((d) => d.start < r.end && r.start < d.end)) continue;
    out.push({ start: r.start, end: r.end, year, month, day, iso: isoDate(year, month, day), confidence: 1 });
  }
  return out.sort((a, b) => a.start - b.start);
}
