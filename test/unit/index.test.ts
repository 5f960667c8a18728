import { strict as assert } from 'assert';
import fc from 'fast-check';
import { deserialize, serialize } from 'v8';
import shipped from '../../server/catalog/shipped.json';
import sample from '../../server/catalog/entities.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { SearchEngine } from '../../server/src/core/search/search';
import { Shortlist } from '../../server/src/core/search/shortlist';
import { Article, CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { analyzeArticle } from '../../server/src/core/index/analysis';
import { ArticleList, ArticleTable } from '../../server/src/core/index/articleList';

const entities = (shipped as { entities: CatalogEntry[] }).entities;
const A = 'لافروف يزور بكين\nقال سيرغي لافروف إن روسيا والصين شريكان. وأضاف لافروف أن التعاون مستمر.';
const B = 'عنوان عن بوتين\nقال فلاديمير بوتين إن سيرجي لافروف سيزور بكين. وقال وزير الخارجية البرتغالي جواو كرافينيو إن الحوار مهم.';

describe('corpus index', () => {
  it('keeps totals, postings and forms in step with every change', () => {
    const ix = new CorpusIndex(entities);
    // Forms asked for before any article (then kept up to date) and after (then counted).
    assert.deepEqual(ix.figures.forms('person:vladimir-putin'), []);
    ix.upsert('a', A);
    ix.upsert('b', B);
    assert.deepEqual(ix.figures.summary('person:sergey-lavrov'), { entity: ix.figures.entity('person:sergey-lavrov'), mentions: 4, articles: 2, latest: undefined });
    assert.deepEqual(ix.figures.forms('person:sergey-lavrov'), [['لافروف', 2], ['سيرجي لافروف', 1], ['سيرغي لافروف', 1]]);
    assert.deepEqual(ix.figures.forms('person:vladimir-putin'), [['بوتين', 1], ['فلاديمير بوتين', 1]]);
    ix.upsert('a', 'خبر بلا أسماء');
    assert.deepEqual(ix.figures.summary('person:sergey-lavrov')!.mentions, 1);
    assert.deepEqual(ix.figures.forms('person:sergey-lavrov'), [['سيرجي لافروف', 1]]);
    ix.remove('b');
    assert.deepEqual(ix.figures.forms('person:vladimir-putin'), []);
    assert.equal(ix.figures.summary('person:sergey-lavrov')!.articles, 0);
    assert.deepEqual(ix.figures.summaries('person'), []);
    assert.equal(ix.figures.allEntities().filter((e) => e.discovered).length, 0, 'a discovered person no article names is gone');
  });

  it('keeps co-occurrence and the earliest article in step with changes', () => {
    const ix = new CorpusIndex(entities);
    ix.upsert('a', `10 يوليو 2025\n${A}`);
    ix.upsert('b', `3 مارس 2021\n${B}`);
    const withLavrov = ix.figures.cooccurring('person:sergey-lavrov', 10);
    assert.deepEqual([withLavrov[0].entity.id, withLavrov[0].articles], ['place:beijing', 2]);
    assert.ok(withLavrov.slice(1).every((c) => c.articles === 1));
    assert.equal(ix.figures.earliestArticle('person:sergey-lavrov')?.uri, 'b');
    ix.remove('b');
    assert.equal(ix.figures.earliestArticle('person:sergey-lavrov')?.uri, 'a');
    assert.equal(ix.figures.cooccurring('person:sergey-lavrov', 10).find((c) => c.entity.id === 'place:beijing')?.articles, 1);
    assert.equal(ix.figures.cooccurring('person:sergey-lavrov', 10).find((c) => c.entity.id === 'person:vladimir-putin'), undefined);
  });

  it('co-occurrence and newest articles kept up to date as articles come and go equal a count from scratch', () => {
    // The sample's catalog: 300 indexes are built here, and bookkeeping does not depend on the catalog's size.
    const entities = (sample as { entities: CatalogEntry[] }).entities;
    const sentences = ['قال سيرغي لافروف إن روسيا والصين شريكان.', 'التقى فلاديمير بوتين وانغ يي في بكين.', 'وصل لافروف إلى موسكو.', 'ناقشت قمة بريكس الحرب في أوكرانيا.', 'قال وانغ يي إن بكين تدعم الحوار.', 'وقال وزير الخارجية البرتغالي جواو كرافينيو إن بكين شريك.'];
    const dates = ['', '3 مارس 2021\n', '10 يوليو 2025\n', '1 يناير 2023\n'];
    const text = fc.tuple(fc.constantFrom(...dates), fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 4 })).map(([d, ss]) => `${d}عنوان\n${ss.join(' ')}`);
    const op = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(text, { nil: undefined }));
    const ids = ['person:sergey-lavrov', 'person:vladimir-putin', 'person:wang-yi', 'place:beijing', 'place:moscow'];
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        // Counted as articles change from the second article on, against counted when asked.
        const live = new CorpusIndex(entities, 2);
        const docs = new Map<string, string>();
        for (const [n, t] of ops) {
          const uri = `u${n}`;
          if (t === undefined) {
            live.remove(uri);
            docs.delete(uri);
          } else {
            live.upsert(uri, t);
            docs.set(uri, t);
          }
          live.figures.cooccurring(ids[n % ids.length], 3);
          live.figures.articlesOf(ids[(n + 1) % ids.length], 2);
        }
        const fresh = new CorpusIndex(entities, Infinity);
        for (const [uri, t] of docs) fresh.upsert(uri, t);
        const shares = (ix: CorpusIndex, id: string) => new Map(ix.figures.cooccurring(id, 1000).map((c) => [c.entity.id, c.articles]));
        for (const id of ids) {
          assert.deepEqual(shares(live, id), shares(fresh, id), id);
          assert.deepEqual(live.figures.articlesOf(id, 2).map((a) => a.uri), fresh.figures.articlesOf(id, 2).map((a) => a.uri), id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hover figures saved with a snapshot and taken by the index restored from it answer as counting afresh, and keep up with changes', async () => {
    const ix = new CorpusIndex(entities, 1);
    ix.upsert('a', `10 يوليو 2025\n${A}`);
    ix.upsert('b', `3 مارس 2021\n${B}`);
    ix.upsert('c', `عنوان آخر\nقال لافروف إن بكين شريك. وقال بوتين إن موسكو مستعدة.`);
    const lavrov = 'person:sergey-lavrov';
    const putin = 'person:vladimir-putin';
    // Asked for before the save: these two keep their figures (Lavrov's co-occurrences too).
    ix.figures.forms(lavrov);
    ix.figures.cooccurring(lavrov, 10);
    ix.figures.forms(putin);
    const src = await ix.persistence.source();
    for (const a of src.articles) src.counts.add(a);
    const saved = deserialize(serialize(src.counts.result()));
    const copy = deserialize(serialize(await ix.persistence.snapshot(() => [])));
    const copyForPart = deserialize(serialize(copy));
    const back = new CorpusIndex(entities, 1);
    back.persistence.restore(copy, () => true, true);
    assert.equal(back.persistence.adoptCounts(saved, copy.entityIds, copy.formTexts), saved.length);
    // Taken, not counted: the restored articles are not visited for them.
    const stats = (back as unknown as { entities: { stats: { entity: { id: string }; forms?: Map<number, number>; shared?: Uint32Array; top?: unknown[]; dates: { latest: { stale: boolean } } }[] } }).entities.stats;
    const lavrovStats = stats.find((x) => x?.entity.id === lavrov)!;
    assert.ok(lavrovStats.forms && lavrovStats.shared && lavrovStats.top && !lavrovStats.dates.latest.stale);
    const same = (id: string) => {
      assert.deepEqual(back.figures.forms(id), ix.figures.forms(id), `forms of ${id}`);
      assert.deepEqual(back.figures.cooccurring(id, 10), ix.figures.cooccurring(id, 10), `co-occurrences of ${id}`);
      assert.deepEqual(back.figures.summary(id), ix.figures.summary(id), `summary of ${id}`);
      assert.deepEqual(back.figures.articlesOf(id, 2).map((a) => a.uri), ix.figures.articlesOf(id, 2).map((a) => a.uri), `newest articles of ${id}`);
    };
    same(lavrov);
    same(putin);
    // Kept up to date afterwards, as counts of their own are.
    for (const x of [ix, back]) {
      x.upsert('d', '1 يناير 2026\nعنوان\nقال سيرغي لافروف إن بكين وموسكو شريكان.');
      x.remove('b');
    }
    same(lavrov);
    same(putin);
    // An article the restore leaves out (an open document with other text) is taken off the figures.
    const left: Article[] = [];
    const part = new CorpusIndex(entities, 1);
    part.persistence.restore(copyForPart, (uri) => uri !== 'a', true, undefined, (a) => left.push(a));
    assert.deepEqual(left.map((a) => a.uri), ['a']);
    assert.equal(part.persistence.adoptCounts(saved, copy.entityIds, copy.formTexts, left), saved.length);
    const fresh = new CorpusIndex(entities, 1);
    for (const r of copy.articles.filter((r: { uri: string }) => r.uri !== 'a')) fresh.persistence.restore({ ...copy, articles: [r] });
    for (const id of [lavrov, putin, 'place:beijing']) {
      assert.deepEqual(part.figures.forms(id), fresh.figures.forms(id), `forms of ${id} without a`);
      assert.deepEqual(part.figures.cooccurring(id, 10), fresh.figures.cooccurring(id, 10), `co-occurrences of ${id} without a`);
      assert.deepEqual(part.figures.summary(id), fresh.figures.summary(id), `summary of ${id} without a`);
      assert.deepEqual(part.figures.articlesOf(id, 1).map((a) => a.uri), fresh.figures.articlesOf(id, 1).map((a) => a.uri), `newest article of ${id} without a`);
    }
    // A snapshot numbered otherwise is refused.
    const other = new CorpusIndex(entities, 1);
    other.upsert('z', 'عنوان\nجواو كرافينيو في لشبونة.');
    assert.equal(other.persistence.adoptCounts(saved, [...copy.entityIds].reverse(), copy.formTexts), undefined);
  });

  it('restores from a structured-clone snapshot to the same answers', async () => {
    const ix = new CorpusIndex(entities);
    ix.upsert('a', A);
    ix.upsert('b', B);
    const copy = deserialize(serialize((await ix.persistence.snapshot(() => []))));
    const back = new CorpusIndex(entities);
    assert.equal(back.persistence.restore(copy), 2);
    for (const id of ['person:sergey-lavrov', 'place:beijing', 'person:vladimir-putin']) {
      assert.deepEqual(back.figures.summary(id), ix.figures.summary(id));
      assert.equal(back.figures.earliestArticle(id)?.uri, ix.figures.earliestArticle(id)?.uri);
      assert.equal(back.figures.earliestFullArticle(id)?.uri, ix.figures.earliestFullArticle(id)?.uri);
    }
    const disc = ix.figures.allEntities().find((e) => e.discovered)!;
    assert.equal(back.figures.entity(disc.id)?.ar, 'جواو كرافينيو');
    assert.deepEqual(back.articleMentions.of(back.article('b')!), ix.articleMentions.of(ix.article('b')!));
    assert.deepEqual(back.article('b')!.lines.positionAt(30), ix.article('b')!.lines.positionAt(30));
  });

  it('links a discovered person’s bare full name in articles indexed after the introduction', () => {
    const ix = new CorpusIndex(entities);
    ix.upsert('early', 'خبر قديم\nقال جواو كرافينيو إن الحوار مهم.');
    ix.upsert('b', B);
    ix.upsert('later', 'خبر جديد\nوصل جواو كرافينيو إلى بكين. وقال وزير الخارجية الإيطالي جواو سيلفا إن الزيارة مهمة.');
    const id = ix.figures.allEntities().find((e) => e.discovered && e.ar === 'جواو كرافينيو')!.id;
    assert.deepEqual(ix.figures.articlesOf(id).map((a) => a.uri).sort(), ['b', 'later']);
    // A namesake introduced by his own role phrase is a person of his own.
    assert.ok(ix.figures.allEntities().some((e) => e.discovered && e.ar === 'جواو سيلفا'));
    // An article indexed before the introduction is linked when it is indexed again.
    ix.upsert('early', 'خبر قديم\nقال جواو كرافينيو إن الحوار مهم.');
    assert.deepEqual(ix.figures.articlesOf(id).map((a) => a.uri).sort(), ['b', 'early', 'later']);
    assert.equal(ix.articleMentions.of(ix.article('later')!).find((m) => m.entity === id)?.kind, 'discovered');
  });

  it('finds the articles indexed before an introduction that name the person, so they can be linked', async () => {
    const ix = new CorpusIndex(entities);
    const early = 'خبر قديم\nقال جواو كرافينيو إن الحوار مهم.';
    const clitic = 'خبر آخر\nوصرح وجواو كرافينيو بأن الحوار مهم.';
    ix.upsert('early', early);
    ix.upsert('clitic', clitic);
    ix.upsert('other', 'خبر بلا اسمه\nقال سيرغي لافروف إن الحوار مهم.');
    ix.upsert('apart', 'خبر فيه الكلمتان\nقال جواو إن كرافينيو مدينة جميلة.');
    const mark = ix.discovery.learntCount;
    ix.upsert('b', B);
    const learnt = ix.discovery.learntSince(mark);
    assert.deepEqual(learnt.map((e) => e.ar), ['جواو كرافينيو']);
    // The introducing article names him already; those without his name, or with its words apart, are not read again.
    assert.deepEqual((await ix.discovery.relinking.relinkCandidates(learnt)).sort(), ['clitic', 'early']);
    ix.upsert('early', early);
    ix.upsert('clitic', clitic);
    assert.deepEqual(ix.figures.articlesOf(learnt[0].id).map((a) => a.uri).sort(), ['b', 'clitic', 'early']);
    assert.deepEqual(await ix.discovery.relinking.relinkCandidates(learnt), []);
  });

  it('does not look again for a person at an article whose analysis knew the person already', async () => {
    const ix = new CorpusIndex(entities);
    const early = 'خبر قديم\nقال جواو كرافينيو إن الحوار مهم.';
    // Made before he is learnt: the name is not linked.
    const before = analyzeArticle(early, ix.discovery.recognizer);
    ix.upsert('b', B);
    const learnt = ix.discovery.learntSince(0);
    assert.deepEqual(learnt.map((e) => e.ar), ['جواو كرافينيو']);
    // Committed as made by recognisers that knew none of the people learnt, and that knew him.
    ix.commit('unknowing', before, 0);
    ix.commit('knowing', before, 1);
    assert.deepEqual(await ix.discovery.relinking.relinkCandidates(learnt), ['unknowing']);
    // An article indexed now knows every person learnt.
    ix.upsert('unknowing', early);
    assert.equal(ix.article('unknowing')!.learntKnown, 1);
    assert.deepEqual(await ix.discovery.relinking.relinkCandidates(learnt), []);
  });

  it('restores an article whose only discovered person stands in its boilerplate', async () => {
    const body = 'قال فلاديمير بوتين إن التعاون بين روسيا والصين يتطور بسرعة في كل المجالات وإن البلدين سيواصلان العمل معا هذا العام.';
    const text = `عنوان عن بوتين\n${body}\nشاهد أيضاً\nوزير الخارجية البرتغالي جواو كرافينيو يزور بكين`;
    const ix = new CorpusIndex(entities);
    ix.upsert('c', text);
    const kinds = ix.articleMentions.of(ix.article('c')!).filter((m) => m.kind === 'discovered');
    assert.equal(kinds.length, 1);
    assert.equal(kinds[0].boilerplate, true);
    const back = new CorpusIndex(entities);
    assert.equal(back.persistence.restore(deserialize(serialize((await ix.persistence.snapshot(() => []))))), 1);
    assert.deepEqual(back.articleMentions.of(back.article('c')!), ix.articleMentions.of(ix.article('c')!));
  });

  it('restores only what the caller keeps (files changed since are indexed again)', async () => {
    const ix = new CorpusIndex(entities);
    ix.upsert('a', A);
    ix.upsert('b', B);
    const before = ix.articleMentions.of(ix.article('a')!);
    // Another catalog order interns entities differently, so restoring remaps every number.
    const back = new CorpusIndex([...entities].reverse());
    assert.equal(back.persistence.restore((await ix.persistence.snapshot(() => [])), (uri) => uri === 'a'), 1);
    assert.deepEqual(back.articleMentions.of(back.article('a')!), before);
    // The snapshot shared the live arrays: the source index must be untouched.
    assert.deepEqual(ix.articleMentions.of(ix.article('a')!), before);
    assert.equal(back.article('b'), undefined);
  });
});

describe('article lists', () => {
  it('hold the live articles, in the order added, through removals, sweeps and replacements', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.boolean()), { minLength: 150, maxLength: 400 }), (ops) => {
        const table = new ArticleTable();
        const list = new ArticleList(table);
        const live = new Map<number, Article>();
        const order: Article[] = [];
        for (const [n, add] of ops) {
          const old = live.get(n);
          // Adding a live one replaces it, as the index does: the old article goes first.
          if (old) {
            old.removed = true;
            table.free(old);
            list.delete(old);
            live.delete(n);
            order.splice(order.indexOf(old), 1);
          }
          if (add) {
            const a = new Article(`u${n}`, '', undefined, undefined, new Uint32Array(9));
            table.add(a);
            list.add(a);
            live.set(n, a);
            order.push(a);
          }
          assert.equal(list.size, live.size);
        }
        assert.deepEqual(list.toArray().map((a) => a.uri), order.map((a) => a.uri));
        // A freed number is not given again: a stale entry never reaches a newer article.
        assert.equal(new Set(order.map((a) => a.slot)).size, order.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('search shortlist', () => {
  it('ranks the one document holding a rare and a very common word first, among 20,000 holding the common one', () => {
    const s = new Shortlist();
    s.add(0, ['الصين', 'كرافينيو']);
    for (let id = 1; id <= 20_000; id++) s.add(id, ['الصين', `كلمة${id}`]);
    const top = s.candidates(['الصين', 'كرافينيو'], 10);
    assert.equal(top[0], 0);
    assert.equal(top.length, 10);
    // The rest are the newest documents holding the common word.
    assert.deepEqual(top.slice(1), [20_000, 19_999, 19_998, 19_997, 19_996, 19_995, 19_994, 19_993, 19_992]);
  });

  it('gives each live document its words back, letting other work in within a very common word', async () => {
    const s = new Shortlist();
    for (let id = 0; id < 20_000; id++) s.add(id, id % 2 ? ['الصين', `كلمة${id}`] : ['الصين']);
    s.remove(7);
    let pauses = 0;
    const byId = await s.wordsById(async () => void pauses++);
    assert.deepEqual(byId.of(3), ['الصين', 'كلمة3']);
    assert.deepEqual(byId.of(4), ['الصين']);
    assert.deepEqual(byId.of(19_999), ['الصين', 'كلمة19999']);
    assert.equal(byId.of(7), undefined);
    assert.equal(byId.of(20_000), undefined);
    // One pause per word (10,001 words) in each of two passes, and more within the 20,000 ids of الصين.
    assert.ok(pauses >= 2 * (10_001 + 4), `${pauses} pauses`);
  });

  it('keeps a long list of documents sorted and without repeats when they come out of order', async () => {
    const s = new Shortlist();
    // Even ids first (the list outgrows a small one), then odd ones from the top down, then some again.
    for (let id = 0; id < 60; id += 2) s.add(id, ['الصين']);
    for (let id = 59; id > 0; id -= 2) s.add(id, ['الصين', 'الصين']);
    for (const id of [0, 31, 58, 7]) s.add(id, ['الصين']);
    const all = Array.from({ length: 60 }, (_, i) => 59 - i);
    // Equal scores: newest (highest) first.
    assert.deepEqual(s.candidates(['الصين'], 100), all);
    const byId = await s.wordsById();
    for (const id of all) assert.deepEqual(byId.of(id), ['الصين'], `words of ${id}`);
    // A list longer than four times the limit is searched by halving for the ids already scored.
    s.add(100, ['كرافينيو']);
    s.add(31, ['كرافينيو']);
    assert.deepEqual(s.candidates(['كرافينيو', 'الصين'], 2), [31, 100]);
  });

  it('files words given by number in a table as it files the words themselves', async () => {
    const docs = [['الصين', 'لافروف'], ['بكين', 'x', 'الصين'], ['لافروف', 'الصين', 'موسكو'], ['موسكو']];
    const byWord = new Shortlist();
    docs.forEach((words, id) => byWord.add(id, words));
    const byNumber = new Shortlist();
    // Two tables, numbered differently; the second also holds a word no document has.
    const first = ['x', 'لافروف', 'الصين', 'بكين'];
    const second = ['موسكو', 'غائبة', 'الصين', 'لافروف'];
    const ids = (table: string[], words: string[]) => Uint32Array.from(words, (w) => table.indexOf(w));
    const along = (id: number, table: string[]) => {
      const numbers = ids(table, docs[id]);
      // Among other numbers, as a part's array holds every article's.
      const padded = Uint32Array.from([0, ...numbers, 0]);
      byNumber.addFromTable(id, table, padded, 1, 1 + numbers.length);
    };
    along(0, first);
    along(1, first);
    along(2, second);
    along(3, second);
    for (const q of [['الصين'], ['لافروف'], ['موسكو', 'بكين'], ['لافرف'], ['x']]) assert.deepEqual(byNumber.candidates(q), byWord.candidates(q), q.join(' '));
    const [a, b] = [await byWord.wordsById(), await byNumber.wordsById()];
    for (let id = 0; id < docs.length; id++) assert.deepEqual(b.of(id)?.slice().sort(), a.of(id)?.slice().sort(), `words of ${id}`);
  });

  it('reaches documents through typos and shares of trigrams', () => {
    const s = new Shortlist();
    s.add(1, ['لافروف', 'بكين']);
    s.add(2, ['بوتين']);
    s.add(3, ['شانغهاي']);
    assert.deepEqual(s.candidates(['لافرف']), [1]);
    assert.deepEqual(s.candidates(['بوتن']), [2]);
    s.remove(2);
    assert.deepEqual(s.candidates(['بوتين']), []);
  });

  it('keeps headline search in step with the index', () => {
    const ix = new CorpusIndex(entities);
    const search = new SearchEngine(ix);
    ix.upsert('a', A);
    assert.equal(search.headlineHits('لافروف يزور')[0]?.article.uri, 'a');
    ix.upsert('a', 'عنوان آخر تماما\nنص.');
    assert.equal(search.headlineHits('لافروف يزور').length, 0);
    // A new catalog drops the articles until they are indexed again; the search forgets them too.
    ix.upsert('b', A);
    ix.setCatalog(entities);
    assert.equal(search.headlineHits('لافروف يزور').length, 0);
    ix.upsert('c', 'خبر عن بكين\nنص.');
    ix.upsert('b', A);
    assert.deepEqual(search.headlineHits('لافروف يزور').map((h) => h.article.uri), ['b']);
    assert.deepEqual(search.headlineHits('خبر عن بكين').map((h) => h.article.uri), ['c']);
  });
});

describe('headline search by transliteration', () => {
  it('"lavrov" finds a headline that names لافروف', () => {
    const ix = new CorpusIndex(entities);
    const search = new SearchEngine(ix);
    ix.upsert('a', 'العلاقات الاستراتيجية على مستوى غير مسبوق بحسب لافروف\nنص الخبر هنا.');
    ix.upsert('b', 'خبر عن الطقس في المدينة\nنص.');
    assert.deepEqual(search.headlineHits('lavrov').map((h) => h.article.uri), ['a']);
  });
});
