/** The concordance: hits, lines, sort keys, filters, collocates and the export of lines. */
import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { Concordance, type ConcordanceFilter, type ConcordanceLine, type SortKey, type Work } from '../../server/src/core/analysis/concordance';
import type { ConcordanceQuery } from '../../server/src/core/analysis/concordanceQuery';
import { Vocabulary } from '../../server/src/core/analysis/contextWords';
import { normalizeKey } from '../../server/src/core/text/normalize';
import { collocates, logLikelihood, mutualInformation } from '../../server/src/core/analysis/collocates';
import { exportLines } from '../../server/src/core/analysis/concordanceExport';
import { csvField } from '../../server/src/core/analysis/csvText';
import { marked, positionOf } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;
const LAVROV = 'person:sergey-lavrov';

const A = marked(`لافروف يزور بكين
موسكو 5 يوليو 2025 (تاس) قال ⟦سيرغي لافروف⟧ إن المحادثات مع الجانب الصيني بناءة.
وقال ⟦لافروف⟧ للصحفيين إن بكين شريك.
`);
const B = marked(`وزير الخارجية الروسي في الصين
بكين 1 مارس 2024 (شينخوا) التقى وانغ يي و⟦لافروف⟧ أمس في بكين.
وأضاف ⟦سيرجي لافروف⟧ أن العلاقات قوية، وقال ⟦لافْروف⟧ إن التعاون مستمر.
`);
const C = marked(`عقوبات جديدة
بكين 10 يناير 2023 (شينخوا) فرضت واشنطن ⟦العقوبات⟧، ورفضت موسكو ⟦العقوبـات⟧ الجديدة ولل⟦عقوبات⟧ أثر.
وناقش الوزير مسألة ⟦العُقوبات⟧ مع ⟦وزير الخارجية⟧ الذي قال إن ⟦عقوبات⟧ تؤلم وزير
الخارجية ترفضها.
`);
const TEXTS: Record<string, string> = {
  'file:///corpus/tass/a.txt': A.text,
  'file:///corpus/xinhua/b.txt': B.text,
  'file:///corpus/xinhua/c.txt': C.text,
};

function corpus(): { index: CorpusIndex; work: Work } {
  const index = new CorpusIndex(entities);
  for (const [uri, text] of Object.entries(TEXTS)) index.upsert(uri, text);
  return { index, work: { readText: async (uri) => TEXTS[uri] } };
}

async function concordance(query: ConcordanceQuery): Promise<{ c: Concordance; work: Work }> {
  const { index, work } = corpus();
  const c = await Concordance.create(index, query, work);
  assert.ok(!('error' in c), 'error' in c ? c.error : '');
  return { c, work };
}

async function lines(c: Concordance, work: Work, sort: SortKey[] = ['newest'], filter: ConcordanceFilter = {}, width = 60): Promise<ConcordanceLine[]> {
  await c.readAllWords(work);
  const view = c.view(filter, sort);
  return c.lines(view, 0, view.length, width, work, sort);
}

const firstWord = (s: string) => s.trim().split(' ')[0];
const lastWord = (s: string) => s.trim().split(' ').at(-1) ?? '';

describe('concordance', () => {
  it("holds an entity's every spelling, clitic and short form, the node without its proclitic", async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const all = await lines(c, work);
    // The headline's mention and the marked ones in the two articles.
    assert.equal(all.length, 1 + A.ranges.length + B.ranges.length);
    assert.deepEqual(new Set(all.map((l) => l.node)), new Set(['لافروف', 'سيرغي لافروف', 'سيرجي لافروف', 'لافْروف']));
    const clitic = all.find((l) => l.uri.endsWith('b.txt') && l.left.endsWith('و'))!;
    assert.equal(clitic.node, 'لافروف');
    assert.deepEqual(clitic.range.start, positionOf(B.text, B.ranges[0].start));
    assert.equal(B.text.slice(clitic.start, clitic.end), 'لافروف');
    assert.ok(all.every((l) => l.entity === LAVROV));
    // Newest first, and in text order within an article.
    assert.deepEqual(all.map((l) => l.date), ['2025-07-05', '2025-07-05', '2025-07-05', '2024-03-01', '2024-03-01', '2024-03-01']);
    assert.ok(all[0].start < all[1].start && all[1].start < all[2].start);
  });

  it('sorts on 1R after folding: إن and أن are one word, ahead of للصحفيين (صحفيين), ties newest first', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const sorted = await lines(c, work, ['1R']);
    assert.deepEqual(sorted.map((l) => firstWord(l.right)), ['أمس', 'إن', 'أن', 'إن', 'للصحفيين', 'يزور']);
    // Each line tells where its 1R word is, and the key it sorts by.
    assert.deepEqual(
      sorted.map((l) => l.sortWords!.map((w) => `${w.sortKey} ${w.in} ${l.right.slice(w.start, w.end)} ${w.key}`)),
      [['1R right أمس امس'], ['1R right إن ان'], ['1R right أن ان'], ['1R right إن ان'], ['1R right للصحفيين صحفيين'], ['1R right يزور يزور']],
    );
    assert.deepEqual(sorted.slice(1, 4).map((l) => l.date), ['2025-07-05', '2024-03-01', '2024-03-01']);
  });

  it('sorts on 1L with proclitics off: وقال beside قال, a line-initial node first', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const sorted = await lines(c, work, ['1L']);
    // The headline's node has no word before it on its line.
    assert.equal(sorted[0].left, '');
    assert.deepEqual(sorted.slice(1, 4).map((l) => lastWord(l.left)), ['قال', 'وقال', 'وقال']);
    assert.deepEqual(sorted.slice(4).map((l) => lastWord(l.left)), ['وأضاف', 'و']);
  });

  it('sorts on a second and third key when the first ties, and on the date or the source', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const byTwo = await lines(c, work, ['1L', '2R']);
    // The three قال lines, in the order of their 2R words: إن (ان), التعاون (تعاون), المحادثات (محادثات).
    assert.deepEqual(byTwo.slice(1, 4).map((l) => l.right.trim().split(' ')[1]), ['إن', 'التعاون', 'المحادثات']);
    const oldest = await lines(c, work, ['oldest']);
    assert.equal(oldest[0].date, '2024-03-01');
    const bySource = await lines(c, work, ['source', 'oldest']);
    assert.deepEqual([...new Set(bySource.map((l) => l.source))], ['تاس', 'شينخوا']);
  });

  it('puts undated articles last, newest or oldest first', async () => {
    const index = new CorpusIndex(entities);
    const texts: Record<string, string> = { ...TEXTS, 'file:///corpus/undated.txt': 'لقاء في موسكو\nقال لافروف إن اللقاء مثمر.\n' };
    for (const [uri, text] of Object.entries(texts)) index.upsert(uri, text);
    const work: Work = { readText: async (uri) => texts[uri] };
    const c = (await Concordance.create(index, { kind: 'entity', id: LAVROV }, work)) as Concordance;
    for (const sort of [['newest'], ['oldest']] as SortKey[][]) {
      const dates = (await lines(c, work, sort)).map((l) => l.date);
      assert.equal(dates.at(-1), undefined, sort[0]);
      assert.equal(dates.filter((d) => d === undefined).length, 1);
    }
  });

  it('keeps the context to the line of the node, cut to the width at a word', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const narrow = await lines(c, work, ['newest'], {}, 12);
    const line = narrow.find((l) => l.node === 'سيرغي لافروف')!;
    // The spaces beside the node are kept: left, node and right read as the text does.
    assert.equal(line.left, '(تاس) قال ');
    assert.equal(line.right, ' إن');
    // The headline ends its line: nothing of the next line is its context.
    assert.equal(narrow[0].right, ' يزور بكين');
    const clitic = narrow.find((l) => l.left.endsWith('و'))!;
    assert.equal(clitic.left + clitic.node + clitic.right, 'وانغ يي ولافروف أمس في');
  });

  it('finds a word on the normalised text: spelling, diacritics, tatweel and proclitics optional', async () => {
    const { c, work } = await concordance({ kind: 'words', text: 'العقوبات' });
    const found = await lines(c, work, ['newest']);
    // The headline's عقوبات, then the marked ones (ولل: the second lam is the article's).
    const expected = [{ start: 0, end: 'عقوبات'.length }, ...C.ranges.filter((r) => r.text !== 'وزير الخارجية')];
    assert.deepEqual(found.map((l) => [l.start, l.end]), expected.map((r) => [r.start, r.end]));
    // Without the article, the query finds the same words, the article then outside the node.
    const bare = await concordance({ kind: 'words', text: 'عقوبات' });
    const nodes = (await lines(bare.c, bare.work)).map((l) => l.node);
    assert.deepEqual(nodes, ['عقوبات', 'عقوبات', 'عقوبـات', 'عقوبات', 'عُقوبات', 'عقوبات']);
  });

  it('finds a phrase only within a line', async () => {
    const { c, work } = await concordance({ kind: 'words', text: 'وزير الخارجيّة' });
    const found = await lines(c, work);
    const phrase = C.ranges.find((r) => r.text === 'وزير الخارجية')!;
    // The headline of B holds it too; the وزير at the end of a line followed by الخارجية on the next does not count.
    assert.deepEqual(found.map((l) => `${l.uri.slice(-5)}:${l.start}`), ['b.txt:0', `c.txt:${phrase.start}`]);
  });

  it('matches a regular expression on the text as written, and says why a malformed one cannot', async () => {
    const { c, work } = await concordance({ kind: 'regex', pattern: 'لاف[ْ]?روف' });
    assert.equal((await lines(c, work)).length, 6);
    const { index } = corpus();
    const bad = await Concordance.create(index, { kind: 'regex', pattern: '(' }, { readText: async (u) => TEXTS[u] });
    assert.ok('error' in bad && /regular expression/.test(bad.error));
  });

  it('filters by date range and by folder, and counts hits and articles', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const recent = c.view({ from: '2025-01-01' }, ['newest']);
    assert.equal(recent.length, 3);
    assert.equal(c.articleCount(recent), 1);
    const xinhua = c.view({ folder: 'file:///corpus/xinhua' }, ['newest']);
    assert.deepEqual([...new Set((await c.lines(xinhua, 0, 10, 40, work)).map((l) => l.uri))], ['file:///corpus/xinhua/b.txt']);
    assert.equal(c.view({ from: '2024-03-02', to: '2025-07-04' }, []).length, 0);
    const facets = c.facets();
    assert.deepEqual(facets.folders, [{ uri: 'file:///corpus/tass', articles: 1 }, { uri: 'file:///corpus/xinhua', articles: 1 }]);
    assert.deepEqual([facets.first, facets.last, facets.undated], ['2024-03-01', '2025-07-05', 0]);
  });

  it('takes a year or a month as a bound of the date range, as the timeline names its periods', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    const year2024 = c.view({ from: '2024', to: '2024' }, ['newest']);
    assert.deepEqual([...new Set((await c.lines(year2024, 0, 10, 40, work)).map((l) => l.date))], ['2024-03-01']);
    assert.equal(c.articleCount(year2024), 1);
    assert.equal(c.view({ from: '2024-03', to: '2025-07' }, ['newest']).length, 6);
    assert.equal(c.view({ from: '2024-04', to: '2025-06' }, ['newest']).length, 0);
  });

  /** Articles naming Lavrov: two a day on three days (folders in another order than the URIs), and one undated. */
  function manyArticles(): { index: CorpusIndex; work: Work; texts: Record<string, string> } {
    const texts: Record<string, string> = {};
    const days = ['2025-07-05', '2023-01-10', '2024-03-01'];
    days.forEach((day, i) => {
      const [y, m, d] = day.split('-').map(Number);
      const months = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو'];
      for (const folder of ['z', 'a']) texts[`file:///corpus/${folder}/${i}.txt`] = `خبر ${i}\nموسكو ${d} ${months[m - 1]} ${y} (تاس) قال لافروف إن ${folder}. وقال لافروف ثانية.\n`;
    });
    texts['file:///corpus/b/undated.txt'] = 'خبر\nقال لافروف إن اللقاء مثمر.\n';
    const index = new CorpusIndex(entities);
    // Added in another order than the lines show them: z before a, the days unordered.
    for (const uri of Object.keys(texts)) index.upsert(uri, texts[uri]);
    return { index, work: { readText: async (uri) => texts[uri] }, texts };
  }

  it('orders the lines newest first, articles of one day by URI, text order within one; a page is the slice of all lines', async () => {
    const { index, work } = manyArticles();
    const c = (await Concordance.create(index, { kind: 'entity', id: LAVROV }, work)) as Concordance;
    // Two in each dated article, one in the undated one.
    assert.equal(c.count, 13);
    const view = c.view({}, ['newest']);
    const all = await c.lines(view, 0, view.length, 40, work);
    assert.equal(all.length, 13);
    assert.deepEqual(
      all.filter((_, i) => i % 2 === 0).map((l) => l.uri.replace('file:///corpus/', '')),
      ['a/0.txt', 'z/0.txt', 'a/2.txt', 'z/2.txt', 'a/1.txt', 'z/1.txt', 'b/undated.txt'],
    );
    for (let i = 0; i < 12; i += 2) assert.ok(all[i].uri === all[i + 1].uri && all[i].start < all[i + 1].start, `${i}`);
    // A fresh concordance's later page, then its first: each the slice of the whole.
    const fresh = (await Concordance.create(index, { kind: 'entity', id: LAVROV }, work)) as Concordance;
    const v = fresh.view({}, ['newest']);
    assert.deepEqual(await fresh.lines(v, 5, 9, 40, work), all.slice(5, 9));
    assert.deepEqual(await fresh.lines(v, 0, 3, 40, work), all.slice(0, 3));
    const facets = fresh.facets();
    assert.deepEqual([facets.first, facets.last, facets.undated], ['2023-01-10', '2025-07-05', 1]);
    assert.deepEqual(facets.folders, [{ uri: 'file:///corpus/a', articles: 3 }, { uri: 'file:///corpus/b', articles: 1 }, { uri: 'file:///corpus/z', articles: 3 }]);
  });

  it('a period of one day keeps its articles in URI order; oldest first reverses the days, not the articles of one', async () => {
    const { index, work } = manyArticles();
    const c = (await Concordance.create(index, { kind: 'entity', id: LAVROV }, work)) as Concordance;
    const day = c.view({ from: '2024-03-01', to: '2024-03-01' }, ['newest']);
    assert.deepEqual((await c.lines(day, 0, 10, 40, work)).map((l) => l.uri.replace('file:///corpus/', '')), ['a/2.txt', 'a/2.txt', 'z/2.txt', 'z/2.txt']);
    assert.equal(c.articleCount(day), 2);
    const inA = c.view({ folder: 'file:///corpus/a', from: '2024' }, ['newest']);
    assert.deepEqual((await c.lines(inA, 0, 10, 40, work)).map((l) => l.uri.replace('file:///corpus/', '')), ['a/0.txt', 'a/0.txt', 'a/2.txt', 'a/2.txt']);
    const oldest = c.view({}, ['oldest']);
    assert.deepEqual(
      (await c.lines(oldest, 0, 14, 40, work)).filter((_, i) => i % 2 === 0).map((l) => l.uri.replace('file:///corpus/', '')),
      ['a/1.txt', 'z/1.txt', 'a/2.txt', 'z/2.txt', 'a/0.txt', 'z/0.txt', 'b/undated.txt'],
    );
  });
});

describe('the words sort keys compare', () => {
  /** The comparison key of each word, after counting the words of `text` (as written). */
  function keysAfter(text: string, words: string[]): string[] {
    const v = new Vocabulary();
    for (const w of text.split(/\s+/u).filter(Boolean)) v.add(normalizeKey(w), w, true);
    const ids = words.map((w) => v.add(normalizeKey(w), w, false));
    const keys = v.comparisonKeys();
    return ids.map((id) => v.keys[keys[id]]);
  }

  it('drop the article and what comes before it', () => {
    assert.deepEqual(keysAfter('', ['الروسي', 'والروسي', 'بالروسي', 'للحزب', 'وللحزب', 'التي']), ['روسي', 'روسي', 'روسي', 'حزب', 'حزب', 'التي']);
  });

  it('drop a lone conjunction or preposition only when the rest is written alone often enough', () => {
    const text = 'قال قال وقال لافروف ولافروف بكين وزارة وزارة وزارة وزارة وزارة زارة';
    assert.deepEqual(keysAfter(text, ['وقال', 'ولافروف', 'وبكين', 'وزارة', 'وزير']), ['قال', 'لافروف', 'بكين', 'وزاره', 'وزير']);
  });

  it('fold hamza, alef maqsura and ta marbuta, and drop diacritics and tatweel', () => {
    assert.deepEqual(keysAfter('', ['إنّ', 'أنَّ', 'إلى', 'العلاقـات']), ['ان', 'ان', 'الي', 'علاقات']);
  });
});

describe('collocates', () => {
  it('log-likelihood and mutual information of a 2×2 table', () => {
    // Values worked out apart from the code (2·Σ O·ln(O/E) over the four cells; log2(O11/E11)).
    assert.ok(Math.abs(logLikelihood(10, 100, 20, 10_000) - 65.5837) < 1e-3);
    assert.ok(Math.abs(mutualInformation(10, 100, 20, 10_000) - 5.6439) < 1e-3);
    assert.ok(Math.abs(logLikelihood(4, 40, 10, 1000) - 13.1319) < 1e-3);
    // As often as chance: no association.
    assert.equal(logLikelihood(2, 100, 20, 1000), 0);
    assert.equal(mutualInformation(2, 100, 20, 1000), 0);
  });

  it('ranks the words seen beside the node, each counted once where two windows overlap; one chosen filters the lines', async () => {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    await c.readAllWords(work);
    const result = collocates(c, {}, { window: 3, minTogether: 2, minFrequency: 1 });
    const words = result.collocates.map((x) => x.key);
    // إن / أن (folded ان) and قال / وقال (قال) are the node's company.
    assert.deepEqual(words.slice(0, 2), ['ان', 'قال']);
    for (const x of result.collocates) assert.ok(x.together <= x.frequency, `${x.word}: ${x.together} in windows, ${x.frequency} in all`);
    const said = result.collocates.find((x) => x.key === 'قال')!;
    assert.equal(said.word, 'قال');
    assert.ok(said.left >= 2);
    const near = await lines(c, work, ['newest'], { near: ['قال'], nearWindow: 1 });
    assert.deepEqual(near.map((l) => lastWord(l.left)), ['قال', 'وقال', 'وقال']);
    // MI orders otherwise than log-likelihood, both over the same counts.
    const mi = collocates(c, {}, { window: 3, minTogether: 1, minFrequency: 1, measure: 'mi' });
    assert.ok(mi.collocates.every((x, i, a) => i === 0 || a[i - 1].mi >= x.mi));
  });
});

describe('export of concordance lines', () => {
  it('CSV fields: quoted when they hold a comma, quote or line break; a formula made text', () => {
    assert.equal(csvField('قال، لافروف'), 'قال، لافروف');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "x"'), '"say ""x"""');
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField(null), '');
    assert.equal(csvField(42), '42');
  });

  async function exported(format: 'csv' | 'json', sort: SortKey[] = ['newest']): Promise<string> {
    const { c, work } = await concordance({ kind: 'entity', id: LAVROV });
    await c.readAllWords(work);
    let out = '';
    const n = await exportLines(c, c.view({}, sort), 40, format, (uri) => uri.replace('file://', ''), async (s) => void (out += s), work);
    assert.equal(n, 6);
    return out;
  }

  it('CSV: a byte order mark, a header, one row a line with path, date, line, offsets, left, node, right, entity', async () => {
    const csv = await exported('csv', ['1R']);
    assert.ok(csv.startsWith('\uFEFFpath,date,line,start,end,left,node,right,entity\r\n'));
    const rows = csv.slice(1).trim().split('\r\n').slice(1);
    assert.equal(rows.length, 6);
    const first = rows[0];
    const b = B.ranges[0];
    assert.equal(first, `/corpus/xinhua/b.txt,2024-03-01,2,${b.start},${b.end},1 مارس 2024 (شينخوا) التقى وانغ يي و,لافروف, أمس في بكين.,${LAVROV}`);
    // The Arabic comma is no field separator; nothing here needed quoting.
    assert.ok(rows.some((r) => r.includes(' أن العلاقات قوية، وقال لافْروف إن,')));
  });

  it('JSON: parses back with the Arabic as written, lines from 1, offsets that slice the node', async () => {
    const rows = JSON.parse(await exported('json')) as { path: string; date: string; line: number; start: number; end: number; left: string; node: string; right: string; entity: string }[];
    assert.equal(rows.length, 6);
    for (const r of rows) {
      const text = TEXTS[`file://${r.path}`];
      assert.equal(text.slice(r.start, r.end), r.node);
      assert.equal(text.split('\n')[r.line - 1].includes(r.node), true);
      assert.equal(r.entity, LAVROV);
    }
    assert.equal(rows[0].line, 1);
    assert.equal(rows[0].right, ' يزور بكين');
  });
});
