/** Discovery of names the catalog does not know: people, organisations and places, in articles written for the test. */
import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { marked } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;

/** The discovered mentions of one article: text, kind and the entity's type. */
function discovered(src: string, index = new CorpusIndex(entities), uri = 'a') {
  const { text, ranges } = marked(src);
  const a = index.upsert(uri, text);
  const found = index
    .articleMentions.of(a)
    .filter((m) => index.figures.entity(m.entity)?.discovered)
    .map((m) => ({ text: text.slice(m.start, m.end), kind: m.kind, type: index.figures.entity(m.entity)!.type, id: m.entity }));
  return { text, ranges, found, index };
}

/** Each ⟦…⟧ is discovered, with this type, and nothing else is. */
function expectDiscovered(src: string, types: string[]) {
  const { ranges, found } = discovered(src);
  assert.deepEqual(
    found.map((f) => [f.text, f.type]),
    ranges.map((r, i) => [r.text, types[i]]),
  );
}

describe('discovery: people from titles and roles', () => {
  it('military and honorific titles, however many words', () =>
    expectDiscovered('أعلن الفريق أول ⟦سليمان دقلان⟧ أمس، فيما التقى الشيخ ⟦خالد بن عبدالرحمن بن ناصر آل زيدان⟧ بالوفد، وحضر العميد ⟦نزار الحمداني⟧ الاجتماع.', ['person', 'person', 'person']));

  it('an office whose complement is a recognised organisation or country', () =>
    expectDiscovered('قالت مديرة صندوق النقد الدولي ⟦ماريانا كوستوفا⟧ إن الاقتصاد يتعافى، وأكد نائب رئيس ⟦مجلس الموانئ والمنائر⟧ ⟦سمير حدادين⟧ ذلك.', ['person', 'organisation', 'person']));

  it('a name taken whole with its particles, foreign ones too', () =>
    expectDiscovered('وقالت المفوضة الأوروبية ⟦هيلغا فون دير برويك⟧ إن الاتفاق قريب.', ['person']));

  it('a name ends before verbs, prepositions, time words and conjunctions', () => {
    const { found } = discovered('التقى وزير الخارجية الصيني ⟦تشين لانغهو⟧ وربما يلتقي لاحقا وزير الدفاع ⟦لويد أوستنسون⟧ لعقد محادثات، بعد أن حكم الرئيس ⟦سامي حسينو⟧ عام 1990.');
    assert.deepEqual(found.map((f) => f.text), ['تشين لانغهو', 'لويد أوستنسون', 'سامي حسينو']);
  });

  it('a report verb with a role in apposition vouches for a name; without one it does not', () => {
    expectDiscovered('وقال ⟦بيورن غالتسون⟧، المتحدث باسم الأمم المتحدة، إن المساعدات وصلت.', ['person']);
    expectDiscovered('وقال بيورن غالتسون إن المساعدات وصلت.', []);
  });

  it('a name before a role in apposition at the start of a sentence', () =>
    expectDiscovered('وصل الفريق إلى الملعب. ⟦أرنو سلوتمان⟧، مدرب الفريق، قال إنه راض.', ['person']));
});

describe('discovery: people from given names', () => {
  it('a given name starts a name without a title, with عبد and the word it joins', () =>
    expectDiscovered('سجل ⟦محمد صلاحين⟧ هدفاً، ومرر ⟦عبد العزيز عبد الشافعي⟧ الكرة إلى ⟦ومصطفى كاراسولو⟧ في الدقيقة الأخيرة.'.replace('⟦ومصطفى', 'و⟦مصطفى'), ['person', 'person', 'person']));

  it('a definite family name after a given name, a demonym read as a family name', () =>
    expectDiscovered('وقال رئيس الوزراء ⟦محمد شياع البصراوي⟧ إن ⟦ليث الدليماوي⟧ استقال.', ['person', 'person']));
});

describe('discovery: junk is not a name', () => {
  const junk = ['اجتماع عقد ببالي', 'لا يعني رفض', 'أمينا عاما', 'بدلا منه', 'رؤساء مجالس إدارات', 'يستقبل وفد', 'لمناقشة تعزيز', 'لتولي هذا', 'يدشن رسميا', 'ومنصب وزير'];
  const article = [
    'وكان الرئيس اجتماع عقد ببالي مع الوفود.',
    'وقال الوزير لا يعني رفض المبادرة.',
    'وانتخب النائب أمينا عاما للحزب.',
    'وعين المدير بدلا منه.',
    'واجتمع الرئيس رؤساء مجالس إدارات الشركات.',
    'الأمير يستقبل وفد الشركات.',
    'والتقى الوزير لمناقشة تعزيز العلاقات.',
    'ورشح الأمين العام لتولي هذا المنصب.',
    'الرئيس يدشن رسميا المشروع.',
    'والسوداني مرشح تحالف الإطار ومنصب وزير الدفاع شاغر.',
  ].join('\n');
  for (const phrase of junk) {
    it(`«${phrase}» stays unlinked`, () => {
      const { text, found } = discovered(article);
      const at = text.indexOf(phrase);
      assert.ok(at >= 0);
      const people = found.filter((f) => f.type === 'person');
      assert.deepEqual(people.map((f) => f.text).filter((t) => phrase.includes(t) || t.includes(phrase.split(' ')[0])), []);
    });
  }
});

describe('discovery: short forms', () => {
  it('the surname of a discovered person links later in the article', () => {
    const { found } = discovered('قال رئيس البلدية ⟦مراد كوتشيكلي⟧ إن المدينة مستعدة. وأضاف ⟦كوتشيكلي⟧ أن العمل مستمر، ثم غادر ⟦وكوتشيكلي⟧ القاعة.'.replace('⟦وكوتشيكلي⟧', 'و⟦كوتشيكلي⟧'));
    assert.deepEqual(found.map((f) => [f.text, f.kind]), [['مراد كوتشيكلي', 'discovered'], ['كوتشيكلي', 'short'], ['كوتشيكلي', 'short']]);
    assert.equal(new Set(found.map((f) => f.id)).size, 1);
  });

  it('a catalog short form that needs an antecedent links after a title, and not without one', () => {
    const recognizer = new Recognizer(entities);
    const short = entities.find((e) => e.type === 'person' && e.short?.some((s) => typeof s !== 'string' && s.requiresAntecedent && s.text === 'الشرع'));
    assert.ok(short, 'the catalog holds الشرع as a short form');
    const titled = recognizer.recognize('وقال الرئيس الشرع إن البلاد تتعافى.').filter((m) => m.kind === 'short');
    assert.deepEqual(titled.map((m) => m.entity), [short!.id]);
    assert.deepEqual(recognizer.recognize('وفق أحكام الشرع الإسلامي.').filter((m) => m.kind === 'short'), []);
  });
});

describe('discovery: organisations', () => {
  it('head nouns with their complement to its natural end', () =>
    expectDiscovered('أعلنت ⟦وزارة الزراعة⟧ اليوم، وقالت ⟦الهيئة الوطنية للمساحة⟧ إن ⟦جهاز الأمن والمخابرات⟧ لم يتدخل، فيما أصدرت ⟦المحكمة الاتحادية⟧ حكمها.', ['organisation', 'organisation', 'organisation', 'organisation']));

  it('a demonym inside the name stays a demonym mention as well', () => {
    const { text, found, index } = discovered('وقالت ⟦هيئة الانتخابات التركية⟧ إن النتائج نهائية.');
    assert.deepEqual(found.map((f) => [f.text, f.type]), [['هيئة الانتخابات التركية', 'organisation']]);
    const demonyms = index.articleMentions.of(index.article('a')!).filter((m) => m.kind === 'demonym');
    assert.deepEqual(demonyms.map((m) => [text.slice(m.start, m.end), m.entity]), [['التركية', 'place:turkiye']]);
  });

  it('a generic head with a generic complement is not invented; a real body with a generic name is', () => {
    expectDiscovered('ودعت المنظمة الدولية قوات الأمن إلى ضبط النفس، وقالت الحكومة الجديدة إن اللجنة المعنية ستجتمع.', []);
    // مجلس الوزراء names a real body: found, under its name.
    expectDiscovered('وافق ⟦مجلس الوزراء⟧ على الموازنة.', ['organisation']);
  });

  it('comes out as an organisation across articles, with the head noun that introduced it', () => {
    const index = new CorpusIndex(entities);
    discovered('أعلنت ⟦وزارة الزراعة⟧ خطة جديدة.', index, 'a');
    const { found } = discovered('وقالت ⟦وزارة الزراعة⟧ إن الخطة تبدأ غدا.', index, 'b');
    const e = index.figures.entity(found[0].id)!;
    assert.equal(e.type, 'organisation');
    assert.equal(e.discovered, true);
    assert.equal(e.description, 'وزارة');
    assert.equal(index.figures.articlesOf(e.id).length, 2);
    assert.deepEqual(index.figures.summaries('organisation').filter((s) => s.entity.discovered).map((s) => s.entity.ar), ['وزارة الزراعة']);
  });
});

describe('discovery: places', () => {
  it('a cue word and the name after it', () => {
    const { found, index } = discovered('وقعت الاشتباكات في بلدة ⟦القطيفة⟧ قرب ولاية ⟦ميتشيغونا⟧.');
    assert.deepEqual(found.map((f) => [f.text, f.type]), [['القطيفة', 'place'], ['ميتشيغونا', 'place']]);
    assert.equal(index.figures.entity(found[0].id)!.description, 'بلدة');
  });

  it('a one-word place is found again by its cue, never by the word alone', () => {
    const index = new CorpusIndex(entities);
    discovered('وصل الوفد إلى مدينة ⟦نصرين⟧ مساء.', index, 'a');
    const { found } = discovered('قال إن نصرين قريب.', index, 'b');
    assert.deepEqual(found, []);
  });
});
