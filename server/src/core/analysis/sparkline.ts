/**
 * An entity's articles per year as a line of Unicode block characters (▁▂▃▅█), for the hover
 * card: text, so it shows the same in VS Code's Markdown hover, in plain-text hovers of other
 * editors and in the Reader's card, with no image or markup for a client to render (an SVG
 * image in a hover would be a data URI that clients other than VS Code print as raw text).
 */
import type { CorpusIndex } from '../index/corpusIndex';

const BLOCKS = '▁▂▃▄▅▆▇█';
/** The most years a line shows (the latest ones). */
const YEARS = 30;
/** Entities named in this many articles keep a line for a while as the index changes (background indexing), so that hovers stay fast. */
const LARGE = 2000;
const STALE_MS = 2000;

export interface YearSparkline {
  readonly first: number;
  readonly last: number;
  /** One block a year from `first` to `last`, as tall as that year's articles against the busiest year's. */
  readonly bars: string;
}

const cache = new WeakMap<CorpusIndex, Map<string, { version: number; at: number; line: YearSparkline | undefined }>>();

/** The line of the entity's dated articles; undefined when they span fewer than two years. */
export function yearSparkline(index: CorpusIndex, id: string): YearSparkline | undefined {
  let lines = cache.get(index);
  if (!lines) cache.set(index, (lines = new Map()));
  const kept = lines.get(id);
  const now = Date.now();
  if (kept && (kept.version === index.version || (now - kept.at < STALE_MS && (index.summary(id)?.articles ?? 0) >= LARGE))) return kept.line;
  const line = count(index, id);
  lines.set(id, { version: index.version, at: now, line });
  return line;
}

function count(index: CorpusIndex, id: string): YearSparkline | undefined {
  const perYear = new Map<number, number>();
  for (const a of index.unorderedArticlesOf(id)) {
    const d = a.date;
    if (d === undefined) continue;
    // The year's digits read as a number without slicing the string.
    const year = (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  if (perYear.size === 0) return undefined;
  const last = Math.max(...perYear.keys());
  const first = Math.max(Math.min(...perYear.keys()), last - YEARS + 1);
  if (first === last) return undefined;
  let most = 0;
  for (let y = first; y <= last; y++) most = Math.max(most, perYear.get(y) ?? 0);
  let bars = '';
  for (let y = first; y <= last; y++) {
    const n = perYear.get(y) ?? 0;
    // A year with none is the lowest block; any article lifts it at least one step.
    bars += BLOCKS[n === 0 ? 0 : Math.max(1, Math.round((n / most) * (BLOCKS.length - 1)))];
  }
  return { first, last, bars };
}
