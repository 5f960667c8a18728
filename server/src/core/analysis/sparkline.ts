/**
 * An entity's articles per year as a line of Unicode block characters (▁▂▃▅█), for the hover
 * card: text, so it shows the same in VS Code's Markdown hover, in plain-text hovers of other
 * editors and in the Reader's card, with no image or markup for a client to render (an SVG
 * image in a hover would be a data URI that clients other than VS Code print as raw text).
 */
import type { Article } from '../index/article';
import type { CorpusIndex } from '../index/corpusIndex';
import { SHARED_FROM } from '../index/entityStats';

const BLOCKS = '▁▂▃▄▅▆▇█';
/** The most years a line shows (the latest ones). */
const YEARS = 30;
export interface YearSparkline {
  readonly first: number;
  readonly last: number;
  /** One block a year from `first` to `last`, as tall as that year's articles against the busiest year's. */
  readonly bars: string;
}

const yearOf = (a: Article) => {
  const d = a.date!;
  return (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
};

/**
 * Per index, the kept years of entities by entity number (year → articles). A catalog change
 * renumbers entities only after every article has gone, which brings every count back to zero.
 */
const kept = new WeakMap<CorpusIndex, Map<number, Map<number, number>>>();

function keptYears(index: CorpusIndex): Map<number, Map<number, number>> {
  let years = kept.get(index);
  if (years) return years;
  const all = (years = new Map());
  kept.set(index, all);
  const count = (a: Article, by: 1 | -1) => {
    if (all.size === 0 || a.date === undefined) return;
    const y = yearOf(a);
    a.forEachEntity((e) => {
      const m = all.get(e);
      if (m) m.set(y, (m.get(y) ?? 0) + by);
    });
  };
  index.onArticle((added, _words, removed) => {
    if (removed) count(removed, -1);
    if (added) count(added, 1);
  });
  return all;
}

function countYears(index: CorpusIndex, id: string): Map<number, number> {
  const perYear = new Map<number, number>();
  for (const a of index.figures.unorderedArticlesOf(id)) if (a.date !== undefined) perYear.set(yearOf(a), (perYear.get(yearOf(a)) ?? 0) + 1);
  return perYear;
}

/**
 * The line of the entity's dated articles; undefined when they span fewer than two years. From
 * `keepFrom` articles (by default as many as make the index keep an entity's co-occurrences),
 * its years are counted once and then kept up to date as articles come and go; below that they
 * are counted on each hover, which is quick for so few articles.
 */
export function yearSparkline(index: CorpusIndex, id: string, keepFrom = SHARED_FROM): YearSparkline | undefined {
  const e = index.figures.entityNumber(id);
  if (e === undefined) return undefined;
  let perYear: Map<number, number> | undefined;
  if ((index.figures.summary(id)?.articles ?? 0) >= keepFrom) {
    const years = keptYears(index);
    perYear = years.get(e);
    if (!perYear) years.set(e, (perYear = countYears(index, id)));
  } else perYear = countYears(index, id);
  return line(perYear);
}

function line(perYear: Map<number, number>): YearSparkline | undefined {
  let last = -Infinity;
  let earliest = Infinity;
  for (const [y, n] of perYear) {
    if (n <= 0) continue;
    last = Math.max(last, y);
    earliest = Math.min(earliest, y);
  }
  const first = Math.max(earliest, last - YEARS + 1);
  if (!(first < last)) return undefined;
  let most = 0;
  for (let y = first; y <= last; y++) most = Math.max(most, perYear.get(y) ?? 0);
  let bars = '';
  for (let y = first; y <= last; y++) {
    const n = perYear.get(y) ?? 0;
    // A year with none is the lowest block; any article lifts it at least one step.
    bars += BLOCKS[n <= 0 ? 0 : Math.max(1, Math.round((n / most) * (BLOCKS.length - 1)))];
  }
  return { first, last, bars };
}
