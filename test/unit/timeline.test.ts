import { strict as assert } from 'assert';
import fc from 'fast-check';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { periodOf, timeline, type Timeline } from '../../server/src/core/analysis/timeline';
import { yearSparkline } from '../../server/src/core/analysis/sparkline';
import { hover } from '../../server/src/core/features/hover';
import { marked } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;
const LAVROV = 'person:sergey-lavrov';
const WANG = 'person:wang-yi';
const DAY = 86_400_000;

/** Four articles: Lavrov written in full, short, with a clitic (ولافروف) and as سيرجي; one article undated. */
function corpus(): CorpusIndex {
  const ix = new CorpusIndex(entities);
  ix.upsert('a', '10 يوليو 2025\nلقاء في بكين\nقال سيرغي لافروف إن التعاون مستمر، وأضاف لافروف أن وانغ يي سيزور موسكو.');
  ix.upsert('b', '12 يوليو 2025\nعنوان\nالتقى سيرجي لافروف نظيره.\nوقال وانغ يي إن الحوار مهم ولافروف وافق.');
  ix.upsert('c', '3 مارس 2021\nعنوان آخر\nقال فلاديمير بوتين في موسكو إن وانغ يي مرحب به.');
  ix.upsert('d', 'خبر بلا تاريخ\nقال لافروف للصحفيين إن سيرغي لافروف سيعود.');
  return ix;
}

/** The series' counts by period key, periods with none left out. */
function byPeriod(t: Timeline, id: string): Record<string, [number, number]> {
  const s = t.series.find((x) => x.id === id)!;
  return Object.fromEntries(t.periods.flatMap((p, i) => (s.articles[i] > 0 ? [[p.key, [s.mentions[i], s.articles[i]]]] : [])));
}

describe('timeline', () => {
  it('counts mentions (every spelling and clitic) and articles per month, undated apart', async () => {
    const t = (await timeline(corpus(), { ids: [LAVROV, WANG], granularity: 'month' }))!;
    // Every month from the first to the last named, empty ones too: March 2021 to July 2025.
    assert.equal(t.periods[0].key, '2021-03');
    assert.equal(t.periods[t.periods.length - 1].key, '2025-07');
    assert.equal(t.periods.length, 12 * 4 + 5);
    assert.deepEqual(t.periods[t.periods.length - 1], { key: '2025-07', from: '2025-07-01', to: '2025-07-31', corpusArticles: 2 });
    // a: سيرغي لافروف + لافروف; b: سيرجي لافروف + ولافروف.
    assert.deepEqual(byPeriod(t, LAVROV), { '2025-07': [4, 2] });
    assert.deepEqual(byPeriod(t, WANG), { '2021-03': [1, 1], '2025-07': [2, 2] });
    const lavrov = t.series[0];
    assert.deepEqual([lavrov.id, lavrov.ar, lavrov.type], [LAVROV, 'سيرغي لافروف', 'person']);
    assert.deepEqual(lavrov.undated, { mentions: 2, articles: 1 });
    assert.deepEqual(lavrov.total, { mentions: 4, articles: 2 });
    assert.equal(t.undatedCorpusArticles, 1);
  });

  it('buckets by day, ISO week and year', async () => {
    const ix = corpus();
    const days = (await timeline(ix, { ids: [LAVROV], granularity: 'day' }))!;
    assert.deepEqual(byPeriod(days, LAVROV), { '2025-07-10': [2, 1], '2025-07-12': [2, 1] });
    assert.deepEqual(days.periods.map((p) => p.key), ['2025-07-10', '2025-07-11', '2025-07-12']);
    // 10 July 2025 is a Thursday and 12 July a Saturday: both in week 28 (Monday 7 to Sunday 13).
    const weeks = (await timeline(ix, { ids: [LAVROV], granularity: 'week' }))!;
    assert.deepEqual(weeks.periods, [{ key: '2025-W28', from: '2025-07-07', to: '2025-07-13', corpusArticles: 2 }]);
    const years = (await timeline(ix, { ids: [WANG, LAVROV], granularity: 'year' }))!;
    assert.deepEqual(years.periods.map((p) => [p.key, p.corpusArticles]), [['2021', 1], ['2022', 0], ['2023', 0], ['2024', 0], ['2025', 2]]);
    assert.deepEqual(years.series.map((s) => s.id), [WANG, LAVROV], 'series in the order asked for');
  });

  it('ISO weeks at the turn of a year belong to the year of their Thursday', () => {
    assert.deepEqual(periodOf('week', '2021-01-01'), { key: '2020-W53', from: '2020-12-28', to: '2021-01-03' });
    assert.deepEqual(periodOf('week', '2024-12-30'), { key: '2025-W01', from: '2024-12-30', to: '2025-01-05' });
    assert.deepEqual(periodOf('month', '2024-02-10'), { key: '2024-02', from: '2024-02-01', to: '2024-02-29' });
  });

  it('periods agree with the calendar on any day from 1900 to 2100', () => {
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2100, 11, 31) / DAY }), (day) => {
        const date = new Date(day * DAY);
        const monday = new Date((day - ((date.getUTCDay() + 6) % 7)) * DAY);
        const thursday = new Date(monday.getTime() + 3 * DAY);
        const week = 1 + Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * DAY));
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth();
        assert.deepEqual(periodOf('day', iso(date)), { key: iso(date), from: iso(date), to: iso(date) });
        assert.deepEqual(periodOf('week', iso(date)), { key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, from: iso(monday), to: iso(new Date(monday.getTime() + 6 * DAY)) });
        assert.deepEqual(periodOf('month', iso(date)), { key: iso(date).slice(0, 7), from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))) });
        assert.deepEqual(periodOf('year', iso(date)), { key: String(y), from: `${y}-01-01`, to: `${y}-12-31` });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps to a date range, and leaves out unknown ids', async () => {
    const t = (await timeline(corpus(), { ids: [WANG, 'person:nobody'], granularity: 'year', from: '2025', to: '2025-12' }))!;
    assert.deepEqual(t.series.map((s) => s.id), [WANG]);
    assert.deepEqual(byPeriod(t, WANG), { '2025': [2, 2] });
    assert.deepEqual(t.series[0].total, { mentions: 2, articles: 2 });
  });

  it('compares at most twelve entities', async () => {
    const people = entities.filter((e) => e.type === 'person').slice(0, 14).map((e) => e.id);
    const t = (await timeline(corpus(), { ids: people, granularity: 'year' }))!;
    assert.deepEqual(t.series.map((x) => x.id), people.slice(0, 12));
  });

  it('an entity named nowhere gives no periods', async () => {
    const t = (await timeline(corpus(), { ids: ['person:vladimir-putin'], granularity: 'month', from: '2024' }))!;
    assert.deepEqual(t.periods, []);
    assert.deepEqual(t.series[0].total, { mentions: 0, articles: 0 });
  });

  it('gives up when cancelled, and pauses between slices of a long pass', async () => {
    const ix = new CorpusIndex(entities);
    for (let i = 0; i < 600; i++) ix.upsert(`x${i}`, `${1 + (i % 28)} مارس 2024\nعنوان\nقال سيرغي لافروف إن التعاون مستمر.`);
    let pauses = 0;
    const token = { isCancellationRequested: false };
    const cancelled = await timeline(ix, { ids: [LAVROV], granularity: 'month' }, { pause: async () => void (token.isCancellationRequested = true), token });
    assert.equal(cancelled, undefined);
    token.isCancellationRequested = false;
    const full = await timeline(ix, { ids: [LAVROV], granularity: 'month' }, { pause: async () => void pauses++, token });
    assert.equal(full?.series[0].total.articles, 600);
    assert.ok(pauses >= 2, `paused ${pauses} times`);
    // Counted once and kept: another granularity reads no article.
    pauses = 0;
    const years = await timeline(ix, { ids: [LAVROV], granularity: 'year' }, { pause: async () => void pauses++, token });
    assert.deepEqual(years?.series[0].articles, [600]);
    assert.equal(pauses, 0);
  });

  it('kept counts follow articles that come, change and go: they equal a count in a fresh index', async () => {
    const texts = new Map<string, string>();
    const ix = new CorpusIndex(entities);
    const put = (uri: string, text: string) => (texts.set(uri, text), ix.upsert(uri, text));
    const drop = (uri: string) => (texts.delete(uri), ix.remove(uri));
    const text = (day: string, names: string) => `${day}\nعنوان\n${names}`;
    put('a', text('3 مارس 2024', 'قال سيرغي لافروف إن وانغ يي سيزور موسكو.'));
    put('b', text('5 مارس 2024', 'قال لافروف إن الحوار مستمر، وأضاف لافروف أن الزيارة مهمة.'));
    put('c', text('7 يوليو 2025', 'التقى وانغ يي نظيره.'));
    put('d', 'خبر بلا تاريخ\nقال لافروف للصحفيين إن التعاون مستمر.');
    const params = { ids: [LAVROV, WANG], granularity: 'month' as const };
    const fresh = async () => {
      const other = new CorpusIndex(entities);
      for (const [uri, t] of texts) other.upsert(uri, t);
      return timeline(other, params);
    };
    assert.deepEqual(await timeline(ix, params), await fresh());
    put('b', text('9 يوليو 2025', 'قال لافروف إن الحوار مستمر.'));
    drop('a');
    put('e', text('1 يناير 2023', 'قال سيرغي لافروف ووانغ يي إن العلاقات قوية.'));
    put('d', 'خبر بلا تاريخ\nلا أسماء هنا.');
    const after = await timeline(ix, params);
    assert.deepEqual(after, await fresh());
    assert.deepEqual(byPeriod(after!, LAVROV), { '2023-01': [1, 1], '2025-07': [1, 1] });
    assert.deepEqual(after!.series[0].undated, { mentions: 0, articles: 0 });
    assert.equal(after!.periods.find((p) => p.key === '2025-07')!.corpusArticles, 2);
    // A catalog change lets every article go and renumbers the entities: counts follow the articles indexed after it.
    ix.setCatalog(entities);
    texts.clear();
    put('n', text('2 فبراير 2022', 'قال وانغ يي إن سيرغي لافروف سيزور بكين.'));
    assert.deepEqual(await timeline(ix, params), await fresh());
    assert.deepEqual(byPeriod((await timeline(ix, params))!, WANG), { '2022-02': [1, 1] });
  });

  it('counts made while the index changed are not kept: the next timeline counts again', async () => {
    const ix = new CorpusIndex(entities);
    for (let i = 0; i < 600; i++) ix.upsert(`x${i}`, `${1 + (i % 28)} مارس 2024\nعنوان\nقال سيرغي لافروف إن التعاون مستمر.`);
    let added = false;
    // An article comes in the middle of the pass, after the pass took its list.
    const pause = async () => {
      if (added) return;
      added = true;
      ix.upsert('late', '2 أبريل 2024\nعنوان\nقال لافروف إن التعاون مستمر.');
    };
    await timeline(ix, { ids: [LAVROV], granularity: 'month' }, { pause });
    const next = (await timeline(ix, { ids: [LAVROV], granularity: 'month' }))!;
    assert.deepEqual(byPeriod(next, LAVROV), { '2024-03': [600, 600], '2024-04': [1, 1] });
  });
});

describe('hover sparkline', () => {
  it('draws an entity’s articles per year, empty years lowest, in the card as text', () => {
    const ix = new CorpusIndex(entities);
    const years = { 2021: 1, 2023: 4, 2024: 2 };
    let n = 0;
    for (const [year, count] of Object.entries(years)) for (let i = 0; i < count; i++) ix.upsert(`y${n++}`, `3 مارس ${year}\nعنوان\nقال سيرغي لافروف إن الحوار مستمر.`);
    ix.upsert('undated', 'عنوان\nقال سيرغي لافروف إن الحوار مستمر.');
    assert.deepEqual(yearSparkline(ix, LAVROV), { first: 2021, last: 2024, bars: '▃▁█▅' });
    const card = hover(ix, 'y0', marked('3 مارس 2021\nعنوان\nقال سيرغي ┃لافروف إن الحوار مستمر.').cursor, '3 مارس 2021\nعنوان\nقال سيرغي لافروف إن الحوار مستمر.', { markdown: false, commands: false });
    assert.match((card!.contents as { value: string }).value, /Articles by year: 2021 ▃▁█▅ 2024/);
    // Kept in step with the index.
    ix.remove('y0');
    assert.deepEqual(yearSparkline(ix, LAVROV), { first: 2023, last: 2024, bars: '█▅' });
    ix.remove('y1');
    for (let i = 2; i < 7; i++) ix.remove(`y${i}`);
    assert.equal(yearSparkline(ix, LAVROV), undefined, 'no dated article: no line');
  });

  it('kept up to date as articles come, change and go, it equals a count from scratch', () => {
    const ix = new CorpusIndex(entities);
    const text = (year: number) => `3 مارس ${year}\nعنوان\nقال سيرغي لافروف إن الحوار مستمر.`;
    const fresh = () => yearSparkline(ix, LAVROV, Infinity);
    for (let i = 0; i < 6; i++) ix.upsert(`k${i}`, text(2019 + (i % 3)));
    // Kept from the first article on: counted now, then followed.
    assert.deepEqual(yearSparkline(ix, LAVROV, 1), fresh());
    ix.upsert('k0', text(2024));
    ix.upsert('k1', 'عنوان\nخبر بلا أسماء.');
    ix.remove('k2');
    ix.upsert('k9', text(2016));
    assert.deepEqual(yearSparkline(ix, LAVROV, 1), fresh());
    assert.deepEqual(fresh(), { first: 2016, last: 2024, bars: '█▁▁███▁▁█' });
    // A catalog change renumbers the entities: counts start again from the articles indexed after it.
    ix.setCatalog(entities);
    ix.upsert('n0', text(2020));
    ix.upsert('n1', text(2022));
    assert.deepEqual(yearSparkline(ix, LAVROV, 1), { first: 2020, last: 2022, bars: '█▁█' });
  });
});
