import { strict as assert } from 'assert';
import fc from 'fast-check';
import sample from '../../server/catalog/entities.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';

// The sample's catalog: hundreds of indexes are built here, and what is learnt across articles
// does not depend on the catalog's size.
const entities = (sample as { entities: CatalogEntry[] }).entities;

/**
 * Articles of a small corpus: people the catalog does not hold are introduced by a role phrase
 * (two of them introduce جواو كرافينيو, with different roles and dates) and named bare elsewhere;
 * catalog people besides.
 */
const POOL = [
  '5 مارس 2024\nكرافينيو في بكين\nوقال وزير الخارجية البرتغالي جواو كرافينيو إن الحوار مع الصين مهم. وأضاف كرافينيو أن بكين شريك.',
  '1 يناير 2023\nلشبونة تستقبل وفدا\nوأكد رئيس الوزراء البرتغالي جواو كرافينيو أن الاقتصاد ينمو.',
  'لقاء في لاهاي\nالتقى ديك سخوف وجواو كرافينيو في لاهاي. وقال سيرغي لافروف إن روسيا تتابع.',
  '10 يوليو 2025\nهولندا والاتفاق\nوقال رئيس الوزراء الهولندي ديك سخوف إن بلاده تدعم الاتفاق.',
  'عنوان عن بوتين\nقال فلاديمير بوتين إن سيرغي لافروف سيزور بكين. وصرح المتحدث باسم الحكومة الكينية إسحاق موورا بأن الانتخابات ستجري في موعدها.',
  'موورا وسخوف\nاجتمع إسحاق موورا مع ديك سخوف في موسكو، وقال وانغ يي إن بكين تدعم الحوار.',
];

/** Sentences an edit pastes in. */
const SENTENCES = [
  ' وقال وزير الخارجية البرتغالي جواو كرافينيو إن بكين شريك.',
  ' التقى جواو كرافينيو سيرغي لافروف في موسكو.',
  ' وقال رئيس الوزراء الهولندي ديك سخوف إن الحوار مهم.',
  ' وصل ديك سخوف إلى بكين.',
  ' وأشار إسحاق موورا إلى الاتفاق.',
  ' قال وانغ يي إن بكين تدعم الحوار.',
  // A surname alone after a title: it links once the person is known.
  ' وقال الوزير سخوف إن الحوار مهم.',
];

type Edit = { paste: number; at: number } | { cut: number; length: number };
type Step = { upsert: number; text: number; edit?: Edit } | { remove: number } | { relink: true };

const URIS = ['u0', 'u1', 'u2', 'u3', 'u4'];

function edited(text: string, edit: Edit | undefined): string {
  if (!edit) return text;
  if ('paste' in edit) {
    const at = Math.floor(edit.at * (text.length + 1));
    return text.slice(0, at) + SENTENCES[edit.paste] + text.slice(at);
  }
  const from = Math.floor(edit.cut * text.length);
  return text.slice(0, from) + text.slice(from + edit.length);
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ paste: fc.integer({ min: 0, max: SENTENCES.length - 1 }), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }),
  fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), length: fc.integer({ min: 1, max: 30 }) }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ upsert: fc.integer({ min: 0, max: URIS.length - 1 }), text: fc.integer({ min: 0, max: POOL.length - 1 }), edit: fc.option(edit, { nil: undefined }) }, { requiredKeys: ['upsert', 'text'] }) },
  { weight: 2, arbitrary: fc.record({ remove: fc.integer({ min: 0, max: URIS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.constant({ relink: true as const }) },
);

/**
 * What the workspace does after a scan or an edit, in the core: the articles whose analysis
 * linked a discovered person no article introduces any more are analysed again (`staleArticles`),
 * and so are those that may name a person learnt since the last pass (`learntSince`,
 * `relinkCandidates`), until neither finds any. `seen`: how many learnt people earlier passes
 * looked for (the workspace's `relinkedUpTo`).
 */
async function relink(ix: CorpusIndex, docs: ReadonlyMap<string, string>, seen: { mark: number }): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const stale = await ix.discovery.relinking.staleArticles();
    const people = ix.discovery.learntSince(seen.mark);
    seen.mark = ix.discovery.learntCount;
    const candidates = people.length > 0 ? await ix.discovery.relinking.relinkCandidates(people) : [];
    const todo = [...new Set([...stale, ...candidates])].filter((u) => docs.has(u));
    if (todo.length === 0) return;
    for (const uri of todo) ix.upsert(uri, docs.get(uri)!);
  }
  assert.fail('relinking did not settle in ten rounds');
}

/** A fresh index of the final texts, indexed in the order given, then relinked as after a scan. */
async function fresh(docs: ReadonlyMap<string, string>, order: readonly string[]): Promise<CorpusIndex> {
  const ix = new CorpusIndex(entities);
  for (const uri of order) ix.upsert(uri, docs.get(uri)!);
  await relink(ix, docs, { mark: 0 });
  return ix;
}

/** What a user sees of the index: entities' counts, the discovered ones and their cards, each article's mentions. */
function view(ix: CorpusIndex, uris: readonly string[]) {
  const counts = Object.fromEntries(
    ix
      .figures.summaries()
      .map((s) => [s.entity.id, `${s.mentions} mentions in ${s.articles}, latest ${s.latest ?? '-'}`] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const discovered = ix
    .figures.allEntities()
    .filter((e) => e.discovered)
    .map((e) => e.id)
    .sort();
  const cards = Object.fromEntries(
    discovered.map((id) => {
      const e = ix.figures.entity(id)!;
      return [id, { ar: e.ar, role: e.description, forms: ix.figures.forms(id), earliest: ix.figures.earliestFullArticle(id)?.uri }];
    }),
  );
  const mentions = Object.fromEntries(
    [...uris].sort().map((uri) => {
      const a = ix.article(uri);
      return [uri, a && ix.articleMentions.of(a).map((m) => `${m.entity} ${m.kind}${m.boilerplate ? ' boilerplate' : ''} ${m.start}-${m.end}`)];
    }),
  );
  return { counts, discovered, cards, mentions };
}

describe('edit histories', () => {
  it('a person learnt from a text is forgotten, links and all, once no article introduces them', async () => {
    const ix = new CorpusIndex(entities);
    const docs = new Map<string, string>();
    const seen = { mark: 0 };
    const put = async (uri: string, text: string | undefined) => {
      if (text === undefined) {
        docs.delete(uri);
        ix.remove(uri);
      } else {
        docs.set(uri, text);
        ix.upsert(uri, text);
      }
      await relink(ix, docs, seen);
    };
    const person = 'discovered:جواو-كرافينيو';
    // An open document introduces him; another names him bare, and links him.
    await put('open', POOL[0]);
    await put('other', POOL[2]);
    assert.ok(ix.articleMentions.of(ix.article('other')!).some((m) => m.entity === person));
    // Closed unsaved: the file on disk has no such text.
    await put('open', undefined);
    assert.equal(ix.figures.entity(person) && ix.figures.allEntities().some((e) => e.id === person), false, 'no article introduces him');
    assert.ok(!ix.articleMentions.of(ix.article('other')!).some((m) => m.entity === person), 'his links go with him');
    assert.deepEqual(view(ix, [...docs.keys()]), view(await fresh(docs, [...docs.keys()]), [...docs.keys()]));
    // Introduced again, by an edit: linked again.
    await put('open', POOL[1]);
    assert.ok(ix.articleMentions.of(ix.article('other')!).some((m) => m.entity === person));
    // An edit that takes the role phrase out of the only article introducing him.
    await put('open', POOL[1].replace('وأكد رئيس الوزراء البرتغالي', 'وأكد'));
    assert.deepEqual(view(ix, [...docs.keys()]), view(await fresh(docs, [...docs.keys()]), [...docs.keys()]));
  });

  it('a discovered person’s role comes from the earliest article introducing them, whatever the order', async () => {
    const docs = new Map([
      ['late', POOL[0]],
      ['early', POOL[1]],
      ['bare', POOL[2]],
    ]);
    const one = await fresh(docs, ['late', 'early', 'bare']);
    const other = await fresh(docs, ['bare', 'early', 'late']);
    assert.equal(one.figures.entity('discovered:جواو-كرافينيو')?.description, 'رئيس الوزراء البرتغالي');
    assert.deepEqual(view(one, [...docs.keys()]), view(other, [...docs.keys()]));
    // The earliest one goes: the next one's role.
    one.remove('early');
    docs.delete('early');
    await relink(one, docs, { mark: one.discovery.learntCount });
    assert.equal(one.figures.entity('discovered:جواو-كرافينيو')?.description, 'وزير الخارجية البرتغالي');
    assert.deepEqual(view(one, [...docs.keys()]), view(await fresh(docs, [...docs.keys()]), [...docs.keys()]));
  });

  it('a name discovery takes from a garbled role phrase links the same whichever article was indexed first', async () => {
    // An edit cuts وصرح short: «باسم الحكومة» (a given name and a definite word) reads as a name
    // there, while the intact «المتحدث باسم الحكومة» of the other article is a role phrase.
    const docs = new Map([
      ['intact', POOL[4]],
      ['edited', edited(POOL[4], { cut: 0.460431654676259, length: 3 })],
    ]);
    assert.ok(docs.get('edited')!.includes('وصالمتحدث باسم الحكومة'));
    const expected = view(await fresh(docs, ['edited', 'intact']), [...docs.keys()]);
    assert.deepEqual(view(await fresh(docs, ['intact', 'edited']), [...docs.keys()]), expected);
    // The long-running index of the history that found it: the text, then the edit.
    const live = new CorpusIndex(entities);
    const seen = { mark: 0 };
    live.upsert('intact', POOL[4]);
    live.upsert('edited', POOL[4]);
    await relink(live, docs, seen);
    live.upsert('edited', docs.get('edited')!);
    await relink(live, docs, seen);
    assert.deepEqual(view(live, [...docs.keys()]), expected);
  });

  it('a person learnt later links in the articles indexed before as in those indexed after', async () => {
    const person = 'discovered:لوكا-كرافينيو';
    const docs = new Map([
      ['introduces', 'وقال وزير الخارجية البرتغالي لوكا كرافينيو إن الحوار مهم.'],
      // The surname alone after a title, the name after ل, and after the article (no name's).
      ['titled', 'وقال الوزير كرافينيو إن الحوار مهم.'],
      ['lam', 'وقالت مصادر للوكا كرافينيو إن الحوار مهم.'],
      ['article', 'وقالت مصادر إن اللوكا كرافينيو مهم.'],
    ]);
    const uris = [...docs.keys()];
    const before = await fresh(docs, [...uris].reverse());
    const after = await fresh(docs, uris);
    const linked = (ix: CorpusIndex, uri: string) => ix.articleMentions.of(ix.article(uri)!).filter((m) => m.entity === person).map((m) => `${m.kind} ${docs.get(uri)!.slice(m.start, m.end)}`);
    for (const ix of [before, after]) {
      assert.deepEqual(linked(ix, 'titled'), ['short كرافينيو']);
      assert.deepEqual(linked(ix, 'lam'), ['discovered لوكا كرافينيو']);
      assert.deepEqual(linked(ix, 'article'), []);
    }
    assert.deepEqual(view(before, uris), view(after, uris));
  });

  it('the index after any history of edits, pastes, new files and removals equals a fresh index of the final files', async function () {
    // Three hundred histories, each indexed four ways: seconds of work, more on a loaded machine.
    this.timeout(180_000);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const live = new CorpusIndex(entities);
        const docs = new Map<string, string>();
        const seen = { mark: 0 };
        for (const s of steps) {
          if ('relink' in s) await relink(live, docs, seen);
          else if ('remove' in s) {
            live.remove(URIS[s.remove]);
            docs.delete(URIS[s.remove]);
          } else {
            const text = edited(POOL[s.text], s.edit);
            live.upsert(URIS[s.upsert], text);
            docs.set(URIS[s.upsert], text);
          }
        }
        // The workspace relinks after every scan and edit; the last pass settles the index.
        await relink(live, docs, seen);
        const uris = [...docs.keys()];
        const expected = view(await fresh(docs, uris), uris);
        assert.deepEqual(view(live, uris), expected);
        // Indexed in another order, a fresh index sees the same (roles included).
        assert.deepEqual(view(await fresh(docs, [...uris].reverse()), uris), expected);
        // A warm start from the long-running index's cache, relinked as after its scan, too.
        const warm = new CorpusIndex(entities);
        warm.persistence.restore(await live.persistence.snapshot(() => []));
        await relink(warm, docs, { mark: warm.discovery.learntCount });
        assert.deepEqual(view(warm, uris), expected);
        // Restored part by part, as the persisted index is read, with nothing to analyse again.
        const snap = await live.persistence.snapshot(() => []);
        const parts = new CorpusIndex(entities);
        for (let i = 0; i < snap.articles.length; i += 2) parts.persistence.restore({ ...snap, articles: snap.articles.slice(i, i + 2) });
        assert.deepEqual(await parts.discovery.relinking.staleArticles(), []);
        assert.deepEqual(view(parts, uris), expected);
      }),
      { numRuns: 300 },
    );
  });
});
