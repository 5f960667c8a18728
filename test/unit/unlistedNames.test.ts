/** Names no catalog holds: the list to review, the quick fixes, ignoring a name, the automatic Latin spelling. */
import { strict as assert } from 'assert';
import sample from '../../server/catalog/entities.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseCatalog } from '../../server/src/core/catalog/catalog';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { hover } from '../../server/src/core/features/hover';
import { adoptedEntry, unlistedNameFixes, unlistedNames } from '../../server/src/core/features/unlistedNames';
import { CatalogTextError, catalogIds, withAliases, withEntry, withIgnored } from '../../server/src/core/catalog/catalogEdits';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
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
    // The server's commands, which any client can run, with the name's id.
    assert.deepEqual(fixes.map((f) => f.command?.command), ['corpusLens.catalog.adoptName', 'corpusLens.catalog.mergeName', 'corpusLens.catalog.ignoreName']);
    assert.deepEqual(fixes[0].command?.arguments, ['discovered:سيدي-ولد-الطالب']);
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

describe('the workspace catalog edited for a name', () => {
  /** The text an editor makes of `text` with the edits (positions in UTF-16, as LSP has them). */
  const applied = (text: string | undefined, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///catalog.json', 'json', 1, text ?? ''), edits);
  const kamal = () => unlistedNames(indexed()).find((n) => n.ar === 'كمال بوزيدي')!;

  it('an adopted name’s entry: its forms, its role, an id from its Latin name that no entity has', () => {
    const entry = adoptedEntry(kamal(), 'person', undefined, () => false);
    assert.deepEqual(entry, { id: 'person:kamal-buzidi', type: 'person', ar: 'كمال بوزيدي', short: [{ text: 'بوزيدي', requiresAntecedent: true }], description: 'المتحدث باسم هيئة الموانئ الساحلية' });
    // A Latin name the user gives is its English name and its id; an id taken is numbered.
    const named = adoptedEntry(kamal(), 'person', 'Kamel Bouzidi', (id) => id === 'person:kamel-bouzidi');
    assert.equal(named.id, 'person:kamel-bouzidi-2');
    assert.equal(named.en, 'Kamel Bouzidi');
  });

  it('adds the entry to a catalog written by hand, keeping its comments and layout; the edits are positioned in UTF-16', () => {
    const text = '// أسماء الميناء\n{\n  "entities": [\n    { "id": "person:sidi", "type": "person", "ar": "سيدي ولد الطالب" }\n  ],\n  "ignore": ["جاء ذلك"]\n}\n';
    const entry = adoptedEntry(kamal(), 'person', undefined, () => false);
    const change = withEntry(text, entry);
    assert.equal(applied(text, change.edits), change.text);
    assert.ok(change.text.startsWith('// أسماء الميناء\n{\n  "entities": [\n    { "id": "person:sidi", "type": "person", "ar": "سيدي ولد الطالب" },\n    {\n      "id": "person:kamal-buzidi",'), change.text);
    const parsed = parseCatalog(change.text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.file?.entities.map((e) => e.id), ['person:sidi', 'person:kamal-buzidi']);
    assert.deepEqual(catalogIds(change.text), new Set(['person:sidi', 'person:kamal-buzidi']));
  });

  it('a catalog not written yet is written whole, as a valid catalog', () => {
    const change = withIgnored(undefined, 'سيدي ولد الطالب');
    assert.deepEqual(change.edits.map((e) => e.range), [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
    assert.equal(applied('', change.edits), change.text);
    assert.deepEqual(parseCatalog(change.text).file, { entities: [], ignore: ['سيدي ولد الطالب'] });
    // Ignored again, or another: one list, each name once.
    const twice = withIgnored(withIgnored(change.text, 'سيدي ولد الطالب').text, 'أعلى مستوى');
    assert.deepEqual(parseCatalog(twice.text).file?.ignore, ['سيدي ولد الطالب', 'أعلى مستوى']);
  });

  it('an alias goes into the entity’s entry; a shipped entity is copied in whole with it', () => {
    const lavrov = entities.find((e) => e.id === 'person:sergey-lavrov')!;
    const copied = withAliases(undefined, { ...lavrov, source: { uri: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } }, ['لافروفيتش']);
    assert.deepEqual(parseCatalog(copied.text).problems, []);
    assert.deepEqual(JSON.parse(copied.text).entities[0], { ...lavrov, aliases: [...(lavrov.aliases ?? []), 'لافروفيتش'] });
    const again = withAliases(copied.text, lavrov, ['لافروفيتش', 'س. لافروف']);
    assert.equal(applied(copied.text, again.edits), again.text);
    assert.deepEqual(parseCatalog(again.text).file!.entities[0].aliases, [...(lavrov.aliases ?? []), 'لافروفيتش', 'س. لافروف']);
  });

  it('a catalog whose JSON does not parse is not edited', () => {
    assert.throws(() => withIgnored('{ "entities": [ ', 'x'), CatalogTextError);
    assert.throws(() => withEntry('[]', adoptedEntry(kamal(), 'person', undefined, () => false)), CatalogTextError);
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
