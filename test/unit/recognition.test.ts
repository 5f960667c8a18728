/** Recognition on text the seeds do not have: new spellings, clitics, diacritics, tatweel, people. */
import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { marked } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;
const recognizer = new Recognizer(entities);

/** Each `⟦…⟧` must be found, with this entity id, and nothing else of the listed kinds. */
function expectMentions(src: string, ids: string[]) {
  const { text, ranges } = marked(src);
  const found = recognizer.recognize(text).filter((m) => m.kind !== 'demonym');
  assert.deepEqual(
    found.map((m) => ({ text: text.slice(m.start, m.end), entity: m.entity })),
    ranges.map((r, i) => ({ text: r.text, entity: ids[i] })),
  );
}

describe('recognition that generalises', () => {
  it('spelling variants: سيرجي / بينج / شنغهاي', () =>
    expectMentions('التقى ⟦سيرجي لافروف⟧ مع ⟦شي جين بينج⟧ في إطار ⟦منظمة شنغهاي للتعاون⟧.', ['person:sergey-lavrov', 'person:xi-jinping', 'org:sco']));

  it('attached clitics, on the first token only', () =>
    expectMentions('و⟦لافروف⟧ قال إن ب⟦روسيا⟧ ... ول⟦فلاديمير بوتين⟧ وكذلك و⟦شي جين بينغ⟧', ['person:sergey-lavrov', 'place:russia', 'person:vladimir-putin', 'person:xi-jinping']));

  it('clitics carrying marks: the mention starts at the name, past them', () =>
    expectMentions('وَبِ⟦موسكو⟧ قال وَ⟦لافروف⟧', ['place:moscow', 'person:sergey-lavrov']));

  it('ل + ال written لل', () => expectMentions('عضو المكتب التابع ل⟦لحزب الشيوعي الصيني⟧', ['org:cpc']));

  it('diacritics and tatweel inside names', () =>
    expectMentions('قال ⟦سِيرْغِي لافـــروف⟧ اليوم', ['person:sergey-lavrov']));

  it('a whole token is not split when it is a name itself (وانغ)', () =>
    expectMentions('وقال ⟦وانغ يي⟧ إن ⟦وانغ⟧ يرى', ['person:wang-yi', 'person:wang-yi']));

  it('demonyms link to their place as adjective mentions', () => {
    const { text } = marked('قال الرئيس الروسي إن الجانب الصيني والمواطنين الصينيين');
    const d = recognizer.recognize(text).filter((m) => m.kind === 'demonym');
    assert.deepEqual(d.map((m) => [text.slice(m.start, m.end), m.entity]), [
      ['الروسي', 'place:russia'],
      ['الصيني', 'place:china'],
      ['الصينيين', 'place:china'],
    ]);
  });

  it('an ambiguous short form with no antecedent is not guessed; with one it is', () => {
    assert.deepEqual(recognizer.recognize('وقال وانغ إن').filter((m) => m.kind === 'short'), []);
    const found = recognizer.recognize('قال وانغ وين بين المتحدث ... وأضاف وانغ').map((m) => m.entity);
    assert.deepEqual(found, ['person:wang-wenbin', 'person:wang-wenbin']);
  });

  it('a short form that needs an antecedent (شي) is not linked without one', () => {
    assert.deepEqual(recognizer.recognize('هذا شي جميل').map((m) => m.entity), []);
  });

  it('an organisation is found by the Latin acronym news writes in Arabic text', () =>
    expectMentions('ونقلت شبكة ⟦CNN⟧ عن مسؤول في حلف ⟦NATO⟧ أن القمة تأجلت.', ['org:cnn', 'org:nato']));

  it('a short form that is also a word (حماس: zeal) links beside its context words without its full name, and not elsewhere', () => {
    expectMentions('وقالت ⟦حماس⟧ إن القصف على ⟦غزة⟧ مستمر.', ['org:hamas', 'place:gaza']);
    expectMentions('استقبل الجمهور الفريق بحماس كبير بعد الفوز.', []);
  });

  it('disambiguates مجلس الأمن by context', () => {
    const un = recognizer.recognize('بصفتهما عضوين دائمين في مجلس الأمن').map((m) => m.entity);
    assert.ok(un.includes('org:un-security-council'));
    const ru = recognizer.recognize('قال سكرتير مجلس الأمن إن').map((m) => m.entity);
    assert.ok(ru.includes('org:russian-security-council'));
    assert.deepEqual(recognizer.recognize('مجلس الأمن الروسي').map((m) => m.entity), ['org:russian-security-council']);
  });
});

describe('names of catalog entities as news writes them', () => {
  it('a headline names a person by the short form, and the full name on a later line serves it', () => {
    expectMentions('⟦بري⟧ يدعو إلى جلسة نيابية الأسبوع المقبل\n\nدعا رئيس ⟦مجلس النواب اللبناني⟧ ⟦نبيه بري⟧ إلى جلسة، وقال ⟦بري⟧ إنها عامة.', [
      'person:nabih-berri',
      'org:lebanese-parliament',
      'person:nabih-berri',
      'person:nabih-berri',
    ]);
    // السوداني is a demonym too: the full name below makes the headline's the prime minister.
    expectMentions('⟦السوداني⟧ يفتتح مشروعا جديدا\nافتتح رئيس الوزراء العراقي ⟦محمد شياع السوداني⟧ اليوم مشروعا.', ['person:mohammed-shia-al-sudani', 'person:mohammed-shia-al-sudani']);
  });

  it('a short form on the same line as the full name after it is no mention of that person (القيادي الحوثي: a Houthi leader)', () => {
    expectMentions('وقال القيادي الحوثي إن الجماعة مستعدة، بعد خطاب ⟦عبد الملك الحوثي⟧ أمس.', ['person:abdul-malik-al-houthi']);
    assert.deepEqual(recognizer.recognize('البرهان جديد على قوة الموقف').map((m) => m.entity), []);
  });

  it('أوبك+ is the alliance and أوبك the organisation, the + included in the mention', () =>
    expectMentions('قررت ⟦أوبك+⟧ تمديد الخفض، وقالت ⟦أوبك⟧ إن دول ⟦أوبك+⟧ ملتزمة، وأكدت ⟦منظمة أوبك⟧ ذلك.', ['org:opec-plus', 'org:opec', 'org:opec-plus', 'org:opec']));

  it("a club's one-word name links in an article on its league, not elsewhere; of two clubs named before that share a name, the one whose league the article names", () => {
    expectMentions('تصدر ⟦الهلال⟧ ترتيب ⟦دوري روشن⟧ بعد فوزه على ⟦النصر⟧.', ['org:al-hilal', 'org:saudi-pro-league', 'org:al-nassr']);
    expectMentions('شوهد الهلال في السماء مساء أمس، وخرج أنصار النصر إلى الشوارع.', []);
    expectMentions('انتقل اللاعب من ⟦الأهلي المصري⟧ إلى ⟦الأهلي السعودي⟧ المنافس في ⟦الدوري السعودي⟧، وقال ⟦الأهلي⟧ إن الصفقة تمت.', [
      'org:al-ahly',
      'org:al-ahli-saudi',
      'org:saudi-pro-league',
      'org:al-ahli-saudi',
    ]);
  });

  it('a demonym stays its place\'s when the place and a person whose surname it is were both named before', () => {
    const text = 'التقى محمد شياع السوداني وفدا من السودان، وأشاد بالشعب السوداني.';
    const last = recognizer.recognize(text).at(-1)!;
    assert.deepEqual([text.slice(last.start, last.end), last.entity, last.kind], ['السوداني', 'place:sudan', 'demonym']);
  });

  it('a dotted acronym is one name (د.ب.أ, أ. ف. ب); a dotted abbreviation before a name is not', () => {
    expectMentions('وزير الخارجية يصل (⟦د.ب.أ⟧) وصورة أخرى (⟦أ. ف. ب⟧)', ['org:dpa', 'org:afp']);
    expectMentions('قال د. أحمد إن التقرير جاهز.', []);
  });

  it('the quoted part after a head word (قناة "المسيرة") is the mention; a name before the quotes stays one of its own', () => {
    expectMentions('ونقلت قناة "⟦المسيرة⟧" عن مصدر، فيما قال ⟦الاتحاد الدولي لكرة القدم⟧ «⟦فيفا⟧» إن المباراة أجلت.', ['org:al-masirah', 'org:fifa', 'org:fifa']);
    // A closing quote ends a name: "المسيرة" then a word is not a longer name.
    expectMentions('انطلقت "المسيرة" الشعبية صباحا.', []);
  });
});

describe('Latin names in Latin text (English notes taken as articles)', () => {
  it('link case-insensitively on word boundaries; a surname only after the full name', () =>
    expectMentions(
      'Lavrov arrived first. Foreign Minister ⟦Sergey Lavrov⟧ met ⟦WANG YI⟧ in ⟦Beijing⟧; ⟦lavrov⟧ said the Lavrovian line holds, and ⟦Wang⟧ agreed.',
      ['person:sergey-lavrov', 'person:wang-yi', 'place:beijing', 'person:sergey-lavrov', 'person:wang-yi'],
    ));

  it('the surname the Arabic short form spells (Xi of Xi Jinping), with the Arabic full name as antecedent too', () => {
    expectMentions('Xi was absent. ⟦Xi Jinping⟧ sent a letter and ⟦Xi⟧ replied.', ['person:xi-jinping', 'person:xi-jinping']);
    expectMentions('قال ⟦سيرغي لافروف⟧ إن ⟦Lavrov⟧ سيزور ⟦Moscow⟧', ['person:sergey-lavrov', 'person:sergey-lavrov', 'place:moscow']);
  });

  it("names written with an apostrophe link; a topic's Latin label is no name; a name that & or + belongs to is left to the name without them", () =>
    expectMentions('Talks on trade: ⟦Ma’aden⟧ and the ⟦United Nations Security Council⟧ on Trade, e.g. with ⟦OPEC⟧.', ['org:maaden', 'org:un-security-council', 'org:opec']));
});

describe('discovery of people not in the catalog', () => {
  it('links a discovered person across articles by normalised name', () => {
    const index = new CorpusIndex(entities);
    // A minister no catalog holds (the names are made up).
    index.upsert('a', 'قال وزير الخارجية الهندي راغوناث تشاندراشيكار إن بلاده مستعدة.');
    index.upsert('b', 'وأكد الوزير راغوناث تشاندراشيكار أن الحوار مستمر.');
    const found = index.figures.allEntities().filter((e) => e.discovered);
    assert.equal(found.length, 1);
    assert.equal(found[0].ar, 'راغوناث تشاندراشيكار');
    assert.equal(index.figures.articlesOf(found[0].id).length, 2);
  });

  it('takes the role as the description', () => {
    const index = new CorpusIndex(entities);
    index.upsert('a', 'وقالت المتحدثة باسم وزارة الخارجية الفرنسية جوزيفين لاروش، إن');
    const d = index.figures.allEntities().find((e) => e.discovered)!;
    assert.equal(d.ar, 'جوزيفين لاروش');
    assert.match(d.description!, /المتحدثة باسم وزارة الخارجية الفرنسية/);
  });
});

describe('written-for-test articles: recall and precision', () => {
  // Articles in the seeds' style with spellings, clitics, marks and tatweel the seeds lack.
  const articles = [
    '⟦موسكو⟧ 5 مارس 2024 (⟦تاس⟧) التقى وزير الخارجية الروسي ⟦سيرجى لافروف⟧ نظيره الصيني ⟦وانج يي⟧ في ⟦بكين⟧، وأكد ⟦لافروف⟧ أن ⟦روسيا⟧ و⟦الصين⟧ تدعمان ⟦منظمة شنغهاي للتعاون⟧.',
    'وقال ⟦وانغ يِي⟧ إن ⟦بكين⟧ ترحب بقمة ⟦بريكس⟧ في ⟦قازان⟧، فيما أشاد ⟦الرئيس⟧ ب⟦بوتين⟧.',
    'وأعرب ⟦شي جين بينغ⟧ عن تقديره ل⟦فلاديمير بوتـين⟧، ودعا ⟦الأمم المتحدة⟧ و⟦مجلس الأمن الدولي⟧ إلى دعم ⟦أفغانستان⟧.',
    'اجتمع ⟦نيكولاي باتروشيف⟧ مع ⟦يانغ جيه تشي⟧ في ⟦شانغهاي⟧، وقال ⟦يانغ⟧ إن ⟦تايوان⟧ جزء من ⟦الصين⟧.',
  ];
  it('finds at least 90% of the marked mentions with at least 90% precision', () => {
    let tp = 0;
    let fn = 0;
    let fp = 0;
    for (const src of articles) {
      const { text, ranges } = marked(src);
      const gold = ranges.filter((r) => r.text !== 'الرئيس');
      const found = recognizer.recognize(text).filter((m) => m.kind !== 'demonym');
      for (const g of gold) {
        if (found.some((m) => m.start === g.start && m.end === g.end)) tp++;
        else fn++;
      }
      for (const m of found) if (!gold.some((g) => g.start === m.start && g.end === m.end)) fp++;
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    assert.ok(recall >= 0.9 && precision >= 0.9, `recall ${recall.toFixed(2)}, precision ${precision.toFixed(2)} (tp ${tp}, fn ${fn}, fp ${fp})`);
  });
});
