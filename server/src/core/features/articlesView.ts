/** The Articles view: years (newest first, undated last), the months of a year, the articles of a month. */
import type { Article, CorpusIndex } from '../index/corpusIndex';
import { derived, type ArticleGroup } from './viewTypes';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function articleGroups(index: CorpusIndex, year?: string, month?: string): ArticleGroup[] {
  const yearOf = (a: Article) => a.date?.slice(0, 4) ?? 'undated';
  if (!year) {
    const counts = new Map<string, number>();
    for (const a of index.allArticles()) counts.set(yearOf(a), (counts.get(yearOf(a)) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => (a[0] === 'undated' ? 1 : b[0] === 'undated' ? -1 : b[0].localeCompare(a[0])))
      .map(([key, count]) => ({ kind: 'year', key, label: key === 'undated' ? 'Undated' : key, count }));
  }
  const inYear = [...index.allArticles()].filter((a) => yearOf(a) === year);
  if (year === 'undated' || month) {
    return inYear
      .filter((a) => year === 'undated' || a.date!.slice(0, 7) === month)
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.uri.localeCompare(b.uri))
      .map((a) => ({ kind: 'article', key: a.uri, label: a.headline.text || a.uri, count: a.entityCount, date: a.date, ...derived(a) }));
  }
  const months = new Map<string, number>();
  for (const a of inYear) months.set(a.date!.slice(0, 7), (months.get(a.date!.slice(0, 7)) ?? 0) + 1);
  return [...months]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([key, count]) => ({ kind: 'month', key, label: `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`, count }));
}
