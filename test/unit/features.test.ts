import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseCatalog, workspaceEntities, mergeCatalogs } from '../../server/src/core/catalog/catalog';
import { hover } from '../../server/src/core/features/hover';
import { definition, highlights, references } from '../../server/src/core/features/navigation';
import { findPassages, SearchEngine } from '../../server/src/core/search/search';
import { articleMentions, entityArticles } from '../../server/src/core/features/entityViews';
import { articleGroups } from '../../server/src/core/features/articlesView';
import { searchAll } from '../../server/src/core/features/paletteSearch';
import { workspaceSymbols } from '../../server/src/core/features/workspaceSymbols';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { marked, positionOf } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;

function corpus(docs: Record<string, string>) {
  const index = new CorpusIndex(entities);
  for (const [uri, text] of Object.entries(docs)) index.upsert(uri, text);
  return index;
}

const A = marked(`5 يوليو 2025
لافروف يلتقي وانغ يي في بكين

بكين 5 يوليو 2025 (شينخوا) التقى وزير الخارجية الصيني وانغ يي نظيره الروسي ⟦سيرغي لافروف⟧، وقال ⟦لافـروف⟧ إن العلاقات جيدة.
وأضاف و⟦لاف┃روف⟧ أن "التعاون مستمر بين البلدين بقوة".`);
const B = `موسكو 1 مارس 2024 (تاس) قال سيرجي لافروف إن [اضغط هنا](command:workbench.action.terminal.new) و<script>alert(1)</script> ليست أخبارا.`;

describe('hover', () => {
  const index = corpus({ 'file:///a.txt': A.text, 'file:///b.txt': B });
  it('shows the dossier on a clitic form', () => {
    const h = hover(index, 'file:///a.txt', A.cursor, A.text)!;
    const md = (h.contents as { value: string }).value;
    assert.match(md, /\*\*سيرغي لافروف\*\* · Sergey Lavrov/);
    assert.match(md, /Minister of Foreign Affairs of Russia/);
    assert.match(md, /\*\*4\*\* in this article · \*\*5\*\* in the corpus, in 2 articles/);
    assert.match(md, /2025\\-07\\-05|2025-07-05/);
    assert.match(md, /command:corpusLens\.showMentions\?/);
    assert.deepEqual(h.range!.start, positionOf(A.text, A.ranges[2].start));
  });

  it('keeps corpus text inert: no live link, HTML or foreign command', () => {
    const index2 = corpus({ 'file:///b.txt': B, 'file:///a.txt': A.text });
    const at = B.indexOf('لافروف');
    const md = (hover(index2, 'file:///b.txt', at, B)!.contents as { value: string }).value;
    assert.doesNotMatch(md, /\]\(command:workbench/);
    assert.doesNotMatch(md, /<script>/);
    const commands = [...md.matchAll(/\]\((command:[^?)]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(commands)].sort(), ['command:corpusLens.concordance.open', 'command:corpusLens.reveal', 'command:corpusLens.showMentions']);
  });

  it('in plain text for a client that asks for it: no Markdown escapes, no command links', () => {
    const h = hover(index, 'file:///a.txt', A.cursor, A.text, { markdown: false, commands: false })!;
    const text = (h.contents as { kind: string; value: string }).value;
    assert.equal((h.contents as { kind: string }).kind, 'plaintext');
    assert.match(text, /سيرغي لافروف · Sergey Lavrov/);
    assert.match(text, /\(2004-03-09–\)/);
    // Corpus text shows as written (plain text renders nothing); the card adds no escapes and no links of its own.
    assert.doesNotMatch(text, /\\|\*\*|command:corpusLens/);
  });

  it('command links only for a client that runs them', () => {
    const md = (hover(index, 'file:///a.txt', A.cursor, A.text, { markdown: true, commands: false })!.contents as { value: string }).value;
    assert.doesNotMatch(md, /command:/);
  });

  it('each spelling seen with its own count', () => {
    const md = (hover(index, 'file:///a.txt', A.cursor, A.text)!.contents as { value: string }).value;
    assert.match(md, /Forms seen: «لافروف» ×2 · «سيرجي لافروف» ×1 · «سيرغي لافروف» ×1/);
  });

  it('a demonym says it is an adjective of its place', () => {
    const at = A.text.indexOf('الروسي') + 2;
    const md = (hover(index, 'file:///a.txt', at, A.text)!.contents as { value: string }).value;
    assert.match(md, /الروسي: an adjective of Russia \(demonym\)/);
  });

  it('a mention in a related-article teaser says it is not counted', () => {
    const text = 'لافروف في بكين\nقال سيرغي لافروف إن الحوار مستمر.\n\nشاهد أيضاً\nلافروف يزور موسكو\n';
    const ix = corpus({ 'file:///t.txt': text });
    const md = (hover(ix, 'file:///t.txt', text.lastIndexOf('لافروف') + 1, text)!.contents as { value: string }).value;
    assert.match(md, /related-article teaser: not counted/);
    assert.match(md, /in the corpus/);
  });

  it('a date in the first line (the dateline) gets its hover like the others', () => {
    const text = '10:18 صباحًا / 3 ديسمبر، 2025\nوزيرا خارجية الصين وروسيا يلتقيان\n\nقال سيرغي لافروف إن الحوار مستمر.';
    const ix = corpus({ 'file:///d.txt': text });
    const h = hover(ix, 'file:///d.txt', text.indexOf('ديسمبر') + 2, text)!;
    assert.match((h.contents as { value: string }).value, /2025-12-03\*\* · Wednesday/);
  });

  it('shows the ISO date and weekday on a date', () => {
    const h = hover(index, 'file:///a.txt', 2, A.text)!;
    assert.match((h.contents as { value: string }).value, /2025-07-05\*\* · Saturday · السبت/);
  });
});

describe('go-to-mentions', () => {
  const index = corpus({ 'file:///a.txt': A.text, 'file:///b.txt': B });
  it('references: every mention, whatever the spelling', () => {
    const refs = references(index, 'file:///a.txt', A.cursor, A.text);
    assert.equal(refs.locations.length, 5);
    assert.equal(refs.total, 5);
    assert.equal(refs.entity?.en, 'Sergey Lavrov');
    assert.ok(refs.locations.some((r) => r.uri === 'file:///b.txt'));
  });
  it('references: at most the limit, this article’s mentions first, then the newest articles', () => {
    const article = (date: string) => `${date}\nقال وزير الخارجية سيرغي لافروف إن الحوار مهم. وأضاف لافروف أن العلاقات جيدة.`;
    const docs = { 'file:///2020.txt': article('1 يناير 2020'), 'file:///2022.txt': article('2 فبراير 2022'), 'file:///2024.txt': article('5 مارس 2024') };
    const ix = corpus(docs);
    const text = docs['file:///2022.txt'];
    const at = text.indexOf('لافروف');
    const all = references(ix, 'file:///2022.txt', at, text);
    assert.equal(all.locations.length, 6);
    const three = references(ix, 'file:///2022.txt', at, text, true, 3);
    assert.equal(three.total, 6);
    assert.deepEqual(
      three.locations.map((l) => l.uri),
      ['file:///2022.txt', 'file:///2022.txt', 'file:///2024.txt'],
    );
    assert.deepEqual(three.locations[2].range.start, positionOf(docs['file:///2024.txt'], docs['file:///2024.txt'].indexOf('سيرغي')));
    // A limit the mentions fit in changes nothing.
    assert.deepEqual(references(ix, 'file:///2022.txt', at, text, true, 6), all);
  });
  it('highlights the mentions in this article with exact ranges', () => {
    const hl = highlights(index, 'file:///a.txt', A.cursor, A.text).map((h) => h.range.start);
    const headline = A.text.indexOf('لافروف');
    assert.deepEqual(hl, [positionOf(A.text, headline), ...A.ranges.map((r) => positionOf(A.text, r.start))]);
  });
  it('definition: the full name in this article when it has one', () => {
    const d = definition(index, 'file:///a.txt', A.cursor, A.text)!;
    assert.equal(d.uri, 'file:///a.txt');
    assert.deepEqual(d.range.start, positionOf(A.text, A.ranges[0].start));
  });
  it('definition: from that full name, the first full-name mention in the earliest article', () => {
    const d = definition(index, 'file:///a.txt', A.ranges[0].start + 2, A.text)!;
    assert.equal(d.uri, 'file:///b.txt');
    assert.deepEqual(d.range.start, positionOf(B, B.indexOf('سيرجي')));
  });
  it('definition: past an earlier article that has only the short form, and back to it when the full name goes', () => {
    const ix = new CorpusIndex(entities);
    const old = '1 يناير 2020\nقال لافروف إن الحوار مهم.';
    const later = '5 مارس 2022\nقال وزير الخارجية سيرغي لافروف إن الحوار مهم.';
    ix.upsert('file:///old.txt', old);
    ix.upsert('file:///later.txt', later);
    const at = old.indexOf('لافروف') + 1;
    const d = definition(ix, 'file:///old.txt', at, old)!;
    assert.equal(d.uri, 'file:///later.txt');
    assert.deepEqual(d.range.start, positionOf(later, later.indexOf('سيرغي')));
    ix.remove('file:///later.txt');
    const back = definition(ix, 'file:///old.txt', at, old)!;
    assert.equal(back.uri, 'file:///old.txt');
    assert.deepEqual(back.range.start, positionOf(old, old.indexOf('لافروف')));
  });
  it('definition: the workspace catalog entry when there is one', () => {
    const text = '{\n  "entities": [\n    { "id": "person:sergey-lavrov", "type": "person", "ar": "سيرغي لافروف", "short": ["لافروف"] }\n  ]\n}';
    const parsed = parseCatalog(text);
    const ix = new CorpusIndex(mergeCatalogs(entities, workspaceEntities(parsed, 'file:///cat.json', text)));
    ix.upsert('file:///a.txt', A.text);
    const d = definition(ix, 'file:///a.txt', A.cursor, A.text)!;
    assert.equal(d.uri, 'file:///cat.json');
    assert.equal(d.range.start.line, 2);
  });
});

describe('outline', () => {
  const index = corpus({ 'file:///a.txt': A.text });
  const [top] = documentSymbols(index, 'file:///a.txt', A.text);
  it('has the headline on top with the ISO date and source in detail', () => {
    assert.equal(top.name, 'لافروف يلتقي وانغ يي في بكين');
    assert.equal(top.detail, '2025-07-05 · شينخوا');
  });

  // Site chrome above the headline and below the article; a quotation in the second paragraph.
  const O = `10:18 صباحًا / 3 ديسمبر، 2025
آخر الاخبار

لافروف يلتقي وانغ يي في بكين

بكين 5 يوليو 2025 (شينخوا) التقى وزير الخارجية الصيني وانغ يي نظيره الروسي سيرغي لافروف، وقال لافروف إن العلاقات جيدة.
وأضاف لافروف أن "التعاون مستمر بين البلدين بقوة" في كل المجالات.
وأشار وانغ إلى أن البلدين سيعملان معا في إطار منظمة شانغهاي للتعاون خلال الفترة المقبلة.

شاهد أيضاً
زيارة مرتقبة إلى موسكو`;
  const syms = documentSymbols(corpus({ 'file:///o.txt': O }), 'file:///o.txt', O);
  const EXPECTED = ['لافروف يلتقي وانغ يي في بكين', 'Dateline: بكين 5 يوليو 2025 (شينخوا)', 'بكين 5 يوليو 2025 (شينخوا) التقى …', 'وأضاف لافروف أن "التعاون مستمر بين …', 'وأشار وانغ إلى أن البلدين سيعملان …', 'People', 'Organisations', 'Places', 'Boilerplate'];

  /** VS Code's order for one level of its outline ("Sort By: Position"): by where each symbol starts, then ends, then by name. */
  const byPosition = (list: DocumentSymbol[]) =>
    [...list].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character || x.range.end.line - y.range.end.line || x.range.end.character - y.range.end.character || x.name.localeCompare(y.name));

  it("puts the article's parts first, in the order of the text, then the entities by type, then the boilerplate", () => {
    assert.deepEqual(syms.map((x) => x.name), EXPECTED);
    assert.deepEqual(syms.map((x) => x.detail).slice(1, 5), ['place بكين · agency شينخوا', 'lead', 'paragraph 2', 'paragraph 3']);
  });

  it('in the same order where the client orders symbols by position (VS Code)', () => {
    assert.deepEqual(byPosition(syms).map((x) => x.name), EXPECTED);
  });

  it('a quotation sits in its paragraph; the entities in their groups', () => {
    const second = syms[3];
    assert.deepEqual(second.children!.map((c) => [c.name, c.detail]), [['“التعاون مستمر بين البلدين بقوة”', 'quotation']]);
    const q = second.children![0].range;
    assert.deepEqual(q.start, positionOf(O, O.indexOf('"التعاون')));
    assert.deepEqual(syms.find((x) => x.name === 'People')!.children!.map((c) => c.name), ['سيرغي لافروف', 'وانغ يي']);
  });

  it('Ctrl+Shift+O: every row reads distinctly; none repeats the headline beside it', () => {
    // VS Code's quick outline lists every symbol, each with the name of the symbol holding it beside it.
    const rows: { name: string; beside: string; start: DocumentSymbol['range']['start'] }[] = [];
    const flatten = (list: DocumentSymbol[], holder: string) => {
      for (const x of list) {
        rows.push({ name: x.name, beside: holder, start: x.range.start });
        flatten(x.children ?? [], x.name);
      }
    };
    flatten(syms, '');
    const headline = syms[0].name;
    assert.deepEqual(rows.filter((r) => r.beside === headline), []);
    const texts = rows.map((r) => `${r.name} | ${r.beside}`);
    assert.equal(new Set(texts).size, texts.length, texts.join('\n'));
    // A paragraph's row shows its own first words, with nothing beside them.
    assert.ok(texts.includes('وأشار وانغ إلى أن البلدين سيعملان … | '), texts.join('\n'));
    assert.ok(texts.includes('سيرغي لافروف | People'));
  });

  it('a dateline naming an agency (شفا –) is the source, not a dateline place', () => {
    const text = `وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار\n\nشفا – عقد وزير الخارجية الصيني وانغ يي ونظيره الروسي سيرغي لافروف اجتماعا في بكين اليوم.\n`;
    const list = documentSymbols(corpus({ 'file:///s.txt': text }), 'file:///s.txt', text);
    assert.deepEqual(list.slice(0, 2).map((x) => [x.name, x.detail]), [['وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار', 'شفا'], ['Source: شفا', 'news agency']]);
    assert.ok(!list.some((x) => x.name.startsWith('Dateline')));
    assert.ok(!list.find((x) => x.name === 'Places')!.children!.some((c) => c.name === 'شفا'));
  });

  it('a headline derived from the first sentence says so, and stands first', () => {
    const text = 'وقال لافروف، في مؤتمر صحفي عقده في موسكو بعد لقائه نظيره الصيني وانغ يي، إن العلاقات بين البلدين تمر بأفضل مراحلها.\n';
    const list = documentSymbols(corpus({ 'file:///d.txt': text }), 'file:///d.txt', text);
    assert.match(list[0].name, /^وقال لافروف، في مؤتمر صحفي .*…$/u);
    assert.equal(list[0].detail, 'from the first sentence');
    assert.equal(byPosition(list)[0], list[0]);
  });
});

describe('a headline derived from the first sentence', () => {
  const derivedText = 'موسكو 3 مارس 2024 (تاس) – وقال لافروف، في مؤتمر صحفي عقده بعد لقائه نظيره الصيني وانغ يي في العاصمة الروسية، إن العلاقات جيدة.\n';
  const index = corpus({ 'file:///a.txt': A.text, 'file:///d.txt': derivedText });
  const search = new SearchEngine(index);
  const title = index.article('file:///d.txt')!.headline.text;

  it('is the title of its article everywhere, marked derived; an article with a headline line is not marked', async () => {
    assert.match(title, /^وقال لافروف، في مؤتمر صحفي .*…$/u);
    const listed = articleGroups(index, '2024', '2024-03');
    assert.deepEqual(listed.map((g) => [g.label, g.derived]), [[title, true]]);
    assert.equal(articleGroups(index, '2025', '2025-07')[0].derived, undefined);
    const inTree = entityArticles(index, 'person:sergey-lavrov');
    assert.deepEqual(inTree.map((x) => [x.headline, x.derived]), [[A.text.split('\n')[1], undefined], [title, true]]);
    const found = await searchAll(index, search, 'مؤتمر صحفي', async () => undefined);
    assert.deepEqual(found.headlines.map((h) => [h.headline, h.derived]), [[title, true]]);
    assert.deepEqual(workspaceSymbols(index, search, 'مؤتمر صحفي').filter((x) => x.kind === SymbolKind.File).map((x) => x.containerName), ['2024-03-03 · from the first sentence']);
  });

  it("the hover's list of articles names it with the note", () => {
    const md = (hover(index, 'file:///a.txt', A.cursor, A.text)!.contents as { value: string }).value;
    const line = md.split('\n').find((l) => l.startsWith('- 2024-03-03'))!;
    assert.match(line, /\*\(from the first sentence\)\*$/);
  });
});

describe('keyword-in-context lines of the sidebar', () => {
  // A row is laid out left to right and cut at its right edge: where an Arabic line starts, and a Latin one ends.
  it('an Arabic mention has two words after it and five before, so that the cut falls before it', () => {
    const text = 'كلمة أولى ثانية ثالثة رابعة خامسة سادسة سابعة قال سيرغي لافروف إن العلاقات بين البلدين جيدة جدا في كل المجالات.\n';
    const [m] = articleMentions(corpus({ 'file:///k.txt': text }), 'person:sergey-lavrov', 'file:///k.txt', text);
    assert.equal(m.line, 'رابعة خامسة سادسة سابعة قال سيرغي لافروف إن العلاقات');
    assert.equal(m.line.slice(m.matchStart, m.matchEnd), 'سيرغي لافروف');
  });
  it('a Latin mention has two words before it and five after', () => {
    const text = 'One two three four five six seven eight said Sergey Lavrov today in Moscow before the talks began.\n';
    const [m] = articleMentions(corpus({ 'file:///l.txt': text }), 'person:sergey-lavrov', 'file:///l.txt', text);
    assert.equal(m.line, 'eight said Sergey Lavrov today in Moscow before the');
  });
});

describe('search', () => {
  const index = corpus({ 'file:///a.txt': A.text, 'file:///b.txt': B });
  const search = new SearchEngine(index);
  const top = (q: string) => search.entities(q, 5)[0]?.entity.id;
  it('Latin transliteration: lavrov, xi jinping, patrushev', () => {
    assert.equal(top('lavrov'), 'person:sergey-lavrov');
    assert.equal(top('xi jinping'), 'person:xi-jinping');
    assert.equal(top('patrushev'), 'person:nikolai-patrushev');
  });
  it('typos, missing hamza and diacritics', () => {
    assert.equal(top('بوتن'), 'person:vladimir-putin');
    assert.equal(top('لافرف'), 'person:sergey-lavrov');
    assert.equal(top('ايران'), 'place:iran');
    assert.equal(top('سِيرغي لافروف'), 'person:sergey-lavrov');
  });
  it('passages hold every word of the query and mark it', () => {
    const p = findPassages(A.text, 'التعاون مستمر');
    assert.equal(p.length, 1);
    assert.deepEqual(p[0].matches.map((m) => A.text.slice(m.start, m.end)), ['التعاون', 'مستمر']);
  });
});

describe('workspace catalog', () => {
  it('reports malformed JSON at the right place', () => {
    const text = '{\n  "entities": [\n    { "id": "x:y", }\n  ]\n}';
    const r = parseCatalog(text);
    assert.equal(r.file, undefined);
    assert.equal(r.problems[0].start, text.indexOf('}'));
    // Once, in words.
    assert.deepEqual(r.problems.map((p) => p.message), ['A property name (in double quotes) is missing here; the last good catalog is still in use.']);
  });
  it('reports wrong types at the offending property', () => {
    const text = '{ "entities": [ { "id": "person:a", "type": "alien", "ar": "أحمد" } ] }';
    const r = parseCatalog(text);
    assert.equal(r.file, undefined);
    assert.equal(text.slice(r.problems[0].start, r.problems[0].end), '"alien"');
  });
  it('drops duplicate ids and over-general aliases with a message', () => {
    const text = '{ "entities": [ { "id": "person:a", "type": "person", "ar": "أحمد زيد" }, { "id": "person:a", "type": "person", "ar": "زيد" }, { "id": "person:b", "type": "person", "ar": "في" } ] }';
    const r = parseCatalog(text);
    assert.deepEqual(r.file!.entities.map((e) => e.id), ['person:a']);
    assert.equal(r.problems.length, 2);
  });
});
