/**
 * The periods of a timeline: days, ISO weeks, months and years, and the ISO dates that bound them.
 */
export type Granularity = 'day' | 'week' | 'month' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'year'];

/**
 * Periods are numbered with consecutive integers, so that the next period is the number after:
 * a day by its days since 1970-01-01, a week by its Monday's day divided by seven, a month as
 * year · 12 + month − 1, a year by itself. Dates are read and written with calendar arithmetic
 * (no Date objects): a timeline of 100,000 articles reads as many dates.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The ISO date of a day number (civil_from_days). */
function isoOfDay(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Two or four digits of an ISO date, as a number. */
const digits2 = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
const yearOf = (iso: string) => digits2(iso, 0) * 100 + digits2(iso, 2);

/** The number of the period holding an ISO date (YYYY-MM-DD). */
export function periodNumber(g: Granularity, iso: string): number {
  const y = yearOf(iso);
  const m = digits2(iso, 5);
  switch (g) {
    case 'day':
      return daysFromCivil(y, m, digits2(iso, 8));
    case 'week':
      // Day 0 was a Thursday: days + 3 counts from a Monday.
      return Math.floor((daysFromCivil(y, m, digits2(iso, 8)) + 3) / 7);
    case 'month':
      return y * 12 + m - 1;
    case 'year':
      return y;
  }
}

/** The first day (a day number) of period `n`. */
function firstDay(g: Granularity, n: number): number {
  switch (g) {
    case 'day':
      return n;
    case 'week':
      return 7 * n - 3;
    case 'month':
      return daysFromCivil(Math.floor(n / 12), (n % 12) + 1, 1);
    case 'year':
      return daysFromCivil(n, 1, 1);
  }
}

/** The key of period `n` (see `TimelinePeriod.key`). */
function periodKey(g: Granularity, n: number): string {
  switch (g) {
    case 'day':
      return isoOfDay(n);
    case 'week': {
      // The ISO week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
      const thursday = firstDay(g, n) + 3;
      const year = yearOf(isoOfDay(thursday));
      const week = 1 + Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
    case 'year':
      return String(n).padStart(4, '0');
  }
}

export function period(g: Granularity, n: number): { key: string; from: string; to: string } {
  return { key: periodKey(g, n), from: isoOfDay(firstDay(g, n)), to: isoOfDay(firstDay(g, n + 1) - 1) };
}

/** The period (its key and first and last day) that holds an ISO date. */
export function periodOf(g: Granularity, iso: string): { key: string; from: string; to: string } {
  return period(g, periodNumber(g, iso));
}
