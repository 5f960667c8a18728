/** Names no catalog holds: the list to review, the quick fixes, ignoring a name, the automatic Latin spelling. */
import { strict as assert } from 'assert';
import sample from '../../server/catalog/entities.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseCatalog } from '../../server/src/core/catalog/catalog';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { hover } from '../../server/src/core/features/hover';
import { unlistedNameFixes, unlistedNames } from '../../server/src/core/features/unlistedNames';
import { romanize } from '../../server/src/core/text/romanize';
import { marked } from '../fixtures';

const entities = (sample as { entities: CatalogEntry[] }).entities;

// Made-up people and a body, introduced as news writes them; سيرغي لافروف is in the catalog.
const A = 'وفد في الميناء\nقال وزير النقل الموريتاني سيدي ولد الطالب إن الميناء سيفتح. وأضاف الطالب أن سيرغي لافروف اتصل به.';
const B = 'الميناء يفتح\nوأكد وزير النقل الموريتاني سيدي ولد الطالب أن العمل بدأ، فيما قال المتحدث باسم هيئة الموانئ الساحلية كمال بوزيدي إن السفن وصلت. وأضاف بوزيدي أن الرصيف جاهز.';

function indexed(ignored: string[] = []) {
  const index = new CorpusIndex(entities);
  index.setCatalog(entities, ignored);
  index.upsert('a', A);
  index.upsert('b', B);
  return index;
}

describe('names to review', () => {
  it('lists the names no catalog holds, those in the most articles first, with their forms and why they were found', () => {
    const names = unlistedNames(indexed());
    assert.equal(names[0].ar, 'سيدي ولد الطالب');
    assert.equal(names[0].type, 'person');
    assert.equal(names[0].articles, 2);
    assert.deepEqual(names[0].forms, ['سيدي ولد الطالب']);
    assert.match(names[0].reason ?? '', /وزير النقل الموريتاني/);
    assert.equal(names[0].latin, 'Sidi ould al-Talb');
    // A surname said alone later is one of the forms.
    assert.deepEqual([...(names.find((n) => n.ar === 'كمال بوزيدي')?.forms ?? [])].sort(), ['بوزيدي', 'كمال بوزيدي']);
    // Catalog entities are not names to review.
    assert.ok(!names.some((n) => n.ar.includes('لافروف')));
    // One name by its id.
    assert.deepEqual(unlistedNames(indexed(), 10, names[0].id).map((n) => n.ar), ['سيدي ولد الطالب']);
  });

  it('offers adding, merging and ignoring as quick fixes on a discovered name, and nothing on a catalog name', () => {
    const index = indexed();
    const { text, ranges } = marked(A.replace('سيدي ولد الطالب', '⟦سيدي ولد الطالب⟧').replace('سيرغي لافروف', '⟦سيرغي لافروف⟧'));
    index.upsert('a', text);
    const fixes = unlistedNameFixes(index, 'a', ranges[0].start + 2);
    assert.deepEqual(fixes.map((f) => f.command?.command), ['corpusLens.adoptName', 'corpusLens.mergeName', 'corpusLens.ignoreName']);
    assert.match(fixes[0].title, /«سيدي ولد الطالب».*as a person/);
    assert.equal(fixes[0].isPreferred, true);
    assert.deepEqual(unlistedNameFixes(index, 'a', ranges[1].start + 2), []);
  });

  it('a name the workspace catalog ignores is no entity anywhere, and the others stay', () => {
    const index = indexed(['سيدي ولد الطالب']);
    const names = unlistedNames(index).map((n) => n.ar);
    assert.ok(!names.includes('سيدي ولد الطالب'), names.join(', '));
    assert.ok(names.includes('كمال بوزيدي'));
    // Its surname goes with it.
    const a = index.article('a')!;
    assert.ok(!index.articleMentions.of(a).some((m) => index.figures.entity(m.entity)?.discovered), 'no discovered mention left in a');
    // The catalog's own mentions stay.
    assert.ok(index.articleMentions.of(a).some((m) => m.entity === 'person:sergey-lavrov'));
  });

  it('the workspace catalog file holds the ignored names', () => {
    const parsed = parseCatalog('{ "entities": [], "ignore": ["جاء ذلك", "أعلى مستوى"] }');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.file?.ignore, ['جاء ذلك', 'أعلى مستوى']);
    assert.equal(parseCatalog('{ "entities": [], "ignore": [3] }').problems.length, 1);
  });

  it('the hover of a discovered name gives an automatic Latin spelling, marked so', () => {
    const index = indexed();
    const at = A.indexOf('سيدي') + 1;
    const card = hover(index, 'a', at, A, { markdown: true, commands: true });
    const value = (card?.contents as { value: string }).value;
    assert.match(value, /Sidi ould al\\-Talb \*\(automatic\)\*/);
    assert.match(value, /command:corpusLens\.adoptName/);
    // Why it was found: the phrase that introduced it, in the earliest article that does.
    assert.match(value, /Found from «وزير النقل الموريتاني سيدي ولد الطالب» in \[وفد في الميناء\]\(a#L1\); in no catalog\./);
  });
});

describe('automatic Latin spelling', () => {
  it('spells names letter by letter, with particles and the article', () => {
    assert.equal(romanize('خليفة حفتر'), 'Khalifa Haftr');
    assert.equal(romanize('عبد الله بن زايد'), 'Abd Allah bin Zayd');
    assert.equal(romanize('وزارة الخارجية'), 'Wazara al-Kharjiya');
    assert.equal(romanize('نجيب ميقاتي'), 'Najib Miqati');
    // Diacritics and tatweel do not change it.
    assert.equal(romanize('نَجِيب ميقـاتي'), 'Najib Miqati');
  });
});
