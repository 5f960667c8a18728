import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { findPassages, SearchEngine } from '../../server/src/core/search/search';
import { Shortlist } from '../../server/src/core/search/shortlist';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';

const entities = (shipped as { entities: CatalogEntry[] }).entities;

function corpus(docs: Record<string, string>) {
  const index = new CorpusIndex(entities);
  for (const [uri, text] of Object.entries(docs)) index.upsert(uri, text);
  return index;
}

const article = (headline: string, body: string) => `${headline}\n\nموسكو 3 مارس 2024 (تاس) ${body}\n`;

const DOCS = {
  'file:///1.txt': article('لافروف يبحث مع نظيره الصيني الأزمة الأوكرانية', 'قال وزير الخارجية الروسي سيرغي لافروف إن بلاده تدعم الحل السياسي. وأضاف لافروف أن العقوبات الغربية لن تغير موقف موسكو.'),
  'file:///2.txt': article('موسكو تنتقد عقوبات جديدة على قطاع الطاقة', 'قالت الخارجية الروسية إن عقوبات الاتحاد الأوروبي غير قانونية. وتابعت أن والعقوبات السابقة لم تحقق أهدافها.'),
  'file:///3.txt': article('مروحيات ترافق موكب الوزير في العاصمة', 'حلقت مروحيات عسكرية فوق العاصمة خلال زيارة الوفد. وأفاد شهود بأن المروحيات غادرت بعد ساعة.'),
  'file:///4.txt': article('الصين تتعهد بتعزيز التجارة مع أفريقيا', 'قال متحدث صيني إن التبادل التجاري مع القارة ارتفع. ولم يذكر المتحدث تفاصيل أخرى.'),
  // A discovered person whose name sounds like "sudan" in the Latin skeleton (s-d-n), named often.
  'file:///5.txt': article('مباحثات حول الأمن الإقليمي', 'قال المشير سعدون الحربي إن الوضع مستقر. وأكد سعدون الحربي أن الحوار مستمر. وقال سعدون الحربي إن اللقاء مثمر. وشدد سعدون الحربي على التعاون.'),
};

describe('search quality', () => {
  const index = corpus(DOCS);
  const search = new SearchEngine(index);
  const ids = (q: string, n = 20) => search.entities(q, n).map((h) => h.entity.id);

  it('lavrov: the person first, and no topic or organisation that only looks a little like him', () => {
    const hits = ids('lavrov', 50);
    assert.equal(hits[0], 'person:sergey-lavrov');
    // Alexander Lavrentiev, Leverkusen, the Sahel: a few letters in common is no match.
    assert.ok(hits.every((id) => /lavrov/.test(id)), hits.join(', '));
    // Headlines hold the name: the one that names him, none that does not.
    assert.deepEqual(search.headlineHits('lavrov').map((h) => h.article.uri), ['file:///1.txt']);
  });

  it('السودان and sudan: Sudan first, entities of Sudan next, no Chinese ones, a sound-alike discovered name after them', () => {
    for (const q of ['السودان', 'sudan']) {
      const hits = ids(q, 50);
      assert.equal(hits[0], 'place:sudan', q);
      assert.ok(!hits.some((id) => /china|cpc|pboc/.test(id)), `${q}: ${hits.join(', ')}`);
      const discovered = hits.findIndex((id) => id.startsWith('discovered:'));
      if (discovered >= 0) assert.ok(hits.slice(discovered).every((id) => id.startsWith('discovered:') || !hits.slice(0, discovered).length), `${q}: ${hits.join(', ')}`);
    }
    // The catalog's exact and prefix matches of "sudan" come before any sound-alike.
    const sudan = ids('sudan', 50);
    const alike = sudan.findIndex((id) => id.startsWith('discovered:'));
    assert.ok(alike < 0 || alike > sudan.indexOf('place:south-sudan'), sudan.join(', '));
  });

  it('exact and prefix matches of a name come before fuzzy ones; among equals, the more mentioned', () => {
    // لافرو is a prefix of لافروف; لافرنتييف only a distant variant.
    const hits = ids('لافرو', 50);
    assert.equal(hits[0], 'person:sergey-lavrov');
    const grades = search.entities('لافرو', 50).map((h) => h.score);
    assert.deepEqual(grades, [...grades].sort((a, b) => a - b));
  });

  it('a word in no name, headline or passage finds nothing', () => {
    assert.deepEqual(ids('زنجبيلية'), []);
    assert.deepEqual(search.headlineHits('زنجبيلية'), []);
    assert.deepEqual(search.headlineHits('قطارات'), []);
  });

  it('headlines hold the query word or a close variant of it', () => {
    assert.deepEqual(search.headlineHits('مروحيات').map((h) => h.article.uri), ['file:///3.txt']);
    // With or without the article, and through a clitic.
    assert.deepEqual(search.headlineHits('العقوبات').map((h) => h.article.uri), ['file:///2.txt']);
    assert.deepEqual(search.headlineHits('التجارة').map((h) => h.article.uri), ['file:///4.txt']);
  });
});

describe('search shortlist at scale', () => {
  it('never drops exact matches for fuzzy ones, however many fuzzy words come first', () => {
    const list = new Shortlist();
    // 2,000 documents hold the word exactly; 400 rare words that share most of its trigrams come
    // each in one document (rare words are read first, and once filled the shortlist used to keep them).
    for (let id = 0; id < 2000; id++) list.add(id, ['لافروف', 'يلتقي']);
    for (let id = 2000; id < 2400; id++) list.add(id, [`لافروف${String.fromCharCode(0x0628 + (id % 20))}${id}`, `لافرو${id}`]);
    const got = list.candidates([['لافروف']], 50);
    assert.equal(got.length, 50);
    assert.ok(got.every((id) => id < 2000), got.join(','));
  });

  it('an exact word common in the corpus still brings its documents when rare words of another query word fill the shortlist', () => {
    const list = new Shortlist();
    for (let id = 0; id < 1500; id++) list.add(id, ['الانتصار', 'في', 'الحرب']);
    for (let id = 1500; id < 1800; id++) list.add(id, ['بالحرب', 'في']);
    const got = list.candidates([['الانتصار'], ['في'], ['الحرب']], 50);
    assert.ok(got.every((id) => id < 1500), got.join(','));
  });
});

describe('passages', () => {
  const text = DOCS['file:///2.txt'];
  const words = (q: string) => findPassages(text, q).map((p) => p.matches.map((m) => text.slice(m.start, m.end)));

  it('العقوبات and عقوبات are the same word; proclitics are optional; the whole word is marked', () => {
    const expected = [['عقوبات'], ['عقوبات'], ['والعقوبات']];
    assert.deepEqual(words('عقوبات'), expected);
    assert.deepEqual(words('العقوبات'), expected);
    assert.deepEqual(words('والعقوبات'), [['والعقوبات']]);
  });

  it('marks the whole word a suffix extends, and finds no word inside another', () => {
    const t = 'حلقت المروحيات فوق المدينة. وتحدث المسؤولون عن الطائرات.';
    assert.deepEqual(findPassages(t, 'مروحيات').map((p) => p.matches.map((m) => t.slice(m.start, m.end))), [['المروحيات']]);
    assert.deepEqual(findPassages(t, 'روحيات'), []);
  });
});
