import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { cooccurrenceNetwork, type Network } from '../../server/src/core/analysis/network';
import { articlesNaming } from '../../server/src/core/analysis/articlesNaming';
import { marked, positionOf } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;
const LAVROV = 'person:sergey-lavrov';
const WANG = 'person:wang-yi';
const PUTIN = 'person:vladimir-putin';
const BEIJING = 'place:beijing';
const MOSCOW = 'place:moscow';

// Lavrov and Wang Yi: named in a and b, in one paragraph (line) only in a. ولافروف in b carries a clitic.
const A = marked('10 يوليو 2025\nلقاء في بكين\nقال ⟦سيرغي لافروف⟧ إن وانغ يي سيزور موسكو.\nوصل الوفد إلى بكين.');
const B = '12 يوليو 2025\nعنوان\nالتقى سيرجي لافروف نظيره في بكين.\nوقال وانغ يي إن الحوار مهم.\nولافروف وافق.';
const C = '3 مارس 2021\nعنوان آخر\nقال فلاديمير بوتين في موسكو إن وانغ يي مرحب به.';
const D = 'خبر بلا تاريخ\nقال لافروف للصحفيين إن سيرغي لافروف سيعود إلى موسكو.';

function corpus(): CorpusIndex {
  const ix = new CorpusIndex(entities);
  ix.upsert('a', A.text);
  ix.upsert('b', B);
  ix.upsert('c', C);
  ix.upsert('d', D);
  return ix;
}

const weight = (net: Network, x: string, y: string) => net.edges.find((e) => (e.source === x && e.target === y) || (e.source === y && e.target === x))?.weight;

describe('co-occurrence network', () => {
  it('sizes nodes by articles and weighs edges by the articles naming both', async () => {
    const net = (await cooccurrenceNetwork(corpus(), {}))!;
    const node = (id: string) => net.nodes.find((n) => n.id === id);
    assert.deepEqual(node(LAVROV), { id: LAVROV, type: 'person', ar: 'سيرغي لافروف', en: 'Sergey Lavrov', discovered: false, articles: 3, mentions: 5 });
    assert.equal(node(MOSCOW)?.articles, 3);
    // Most articles first, then most mentions.
    assert.deepEqual(net.nodes.slice(0, 2).map((n) => n.id), [LAVROV, WANG]);
    assert.equal(weight(net, LAVROV, WANG), 2);
    assert.equal(weight(net, LAVROV, BEIJING), 2);
    assert.equal(weight(net, WANG, MOSCOW), 2);
    assert.equal(weight(net, PUTIN, BEIJING), undefined);
    assert.ok(net.edges.every((e, i) => i === 0 || net.edges[i - 1].weight >= e.weight), 'heaviest first');
    assert.equal(net.articles, 4);
    assert.equal(net.candidates, net.nodes.length);
  });

  it('with paragraphs as the basis, counts the lines naming both', async () => {
    const net = (await cooccurrenceNetwork(corpus(), { basis: 'paragraphs' }))!;
    assert.equal(net.basis, 'paragraphs');
    // Only a's third line names both; in b they are a line apart.
    assert.equal(weight(net, LAVROV, WANG), 1);
    // a names Beijing on lines of its own (the headline, the last line): no edge from a, nor from b's line.
    assert.equal(weight(net, LAVROV, BEIJING), 1);
    assert.equal(weight(net, LAVROV, MOSCOW), 2);
  });

  it('filters by type, top N, minimum weight and date range', async () => {
    const ix = corpus();
    const places = (await cooccurrenceNetwork(ix, { types: ['place'] }))!;
    assert.ok(places.nodes.length > 0 && places.nodes.every((n) => n.type === 'place'));
    assert.ok(places.nodes.some((n) => n.id === BEIJING));
    const two = (await cooccurrenceNetwork(ix, { top: 2 }))!;
    assert.deepEqual(two.nodes.map((n) => n.id), [LAVROV, WANG]);
    assert.deepEqual(two.edges, [{ source: LAVROV, target: WANG, weight: 2 }]);
    assert.ok(two.candidates > 2);
    const heavy = (await cooccurrenceNetwork(ix, { minWeight: 2 }))!;
    assert.ok(heavy.edges.length > 0 && heavy.edges.every((e) => e.weight >= 2));
    const early = (await cooccurrenceNetwork(ix, { from: '2021', to: '2021-12-31' }))!;
    assert.deepEqual(new Set(early.nodes.map((n) => n.id)), new Set([PUTIN, MOSCOW, WANG]));
    assert.equal(early.articles, 1, 'the undated article is outside any range');
  });

  it('gives up when cancelled', async () => {
    const net = await cooccurrenceNetwork(corpus(), {}, { token: { isCancellationRequested: true } });
    assert.equal(net, undefined);
  });
});

describe('articles naming entities', () => {
  it('lists the articles naming all of them, newest first, with the first mention to open', async () => {
    const page = (await articlesNaming(corpus(), { ids: [LAVROV, WANG] }))!;
    assert.equal(page.total, 2);
    assert.deepEqual(page.articles.map((a) => [a.uri, a.date, a.mentions]), [
      ['b', '2025-07-12', [2, 1]],
      ['a', '2025-07-10', [1, 1]],
    ]);
    const a = page.articles[1];
    assert.equal(a.headline, 'لقاء في بكين');
    assert.deepEqual(a.range, { start: positionOf(A.text, A.ranges[0].start), end: positionOf(A.text, A.ranges[0].end) });
  });

  it('in one paragraph, within a range, undated only, and by pages', async () => {
    const ix = corpus();
    const same = (await articlesNaming(ix, { ids: [LAVROV, WANG], sameParagraph: true }))!;
    assert.deepEqual(same.articles.map((a) => a.uri), ['a']);
    const july10 = (await articlesNaming(ix, { ids: [LAVROV], from: '2025-07-10', to: '2025-07-10' }))!;
    assert.deepEqual(july10.articles.map((a) => a.uri), ['a']);
    const undated = (await articlesNaming(ix, { ids: [LAVROV], undated: true }))!;
    assert.deepEqual(undated.articles.map((a) => a.uri), ['d']);
    const first = (await articlesNaming(ix, { ids: [MOSCOW], limit: 2 }))!;
    const second = (await articlesNaming(ix, { ids: [MOSCOW], limit: 2, offset: 2 }))!;
    assert.deepEqual([first.total, second.total, second.offset], [3, 3, 2]);
    assert.deepEqual([...first.articles, ...second.articles].map((a) => a.uri), ['a', 'c', 'd'], 'dated newest first, undated last');
    assert.deepEqual((await articlesNaming(ix, { ids: [LAVROV, 'person:nobody'] }))!.total, 0);
  });
});
