/** Article structure on articles written for the test: what a dateline names, and the headline of an article without one. */
import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseArticle } from '../../server/src/core/article/structure';
import { Recognizer } from '../../server/src/core/entities/recognizer';

const names = new Recognizer((shipped as { entities: CatalogEntry[] }).entities).named;
const HEADLINE = 'مباحثات جديدة حول المعابر والمساعدات الإنسانية';
const BODY = 'وأضاف المتحدث أن الطرفين اتفقا على مواصلة الاتصالات خلال الأيام المقبلة لبحث التفاصيل.';
/** An article whose lead opens with `opening`. */
const article = (opening: string) => `${HEADLINE}\n\n${opening} أعلنت الوزارة اليوم أن المعابر ستفتح أمام الشاحنات ابتداء من الأسبوع المقبل.\n\n${BODY}\n`;

describe('dateline: a place, an agency, or both', () => {
  const dateline = (opening: string, lookup = names) => {
    const s = parseArticle(article(opening), lookup);
    return { text: s.dateline?.text, place: s.dateline?.place, agency: s.dateline?.agency, source: s.source };
  };

  it('an agency before a dash (شفا –) is the source, not a place: the catalog knows it as an agency', () => {
    assert.deepEqual(dateline('شفا –'), { text: 'شفا', place: undefined, agency: 'شفا', source: 'شفا' });
  });

  it('a city before a dash (غزة –) is the place, and no source', () => {
    assert.deepEqual(dateline('غزة -'), { text: 'غزة', place: 'غزة', agency: undefined, source: undefined });
  });

  it('wire services and «وكالة …» are agencies by their cue words, without the catalog', () => {
    assert.deepEqual(dateline('رويترز –', undefined), { text: 'رويترز', place: undefined, agency: 'رويترز', source: 'رويترز' });
    assert.deepEqual(dateline('وكالة سبأ —', undefined), { text: 'وكالة سبأ', place: undefined, agency: 'وكالة سبأ', source: 'وكالة سبأ' });
  });

  it('a word the catalog and the cues do not know is neither place nor source', () => {
    assert.deepEqual(dateline('زيتونستان –'), { text: 'زيتونستان', place: undefined, agency: undefined, source: undefined });
  });

  it('PLACE DATE (AGENCY) gives both', () => {
    assert.deepEqual(dateline('رام الله 5 يوليو 2025 (وفا) -'), { text: 'رام الله 5 يوليو 2025 (وفا)', place: 'رام الله', agency: 'وفا', source: 'وفا' });
    assert.deepEqual(dateline('باريس (أ ف ب) -'), { text: 'باريس (أ ف ب)', place: 'باريس', agency: 'أ ف ب', source: 'أ ف ب' });
  });

  it('a source line (المصدر: وكالة شفا) gives the source and where it is written', () => {
    const text = `${HEADLINE}\nالمصدر: وكالة شفا\n\nأعلنت الوزارة اليوم أن المعابر ستفتح أمام الشاحنات ابتداء من الأسبوع المقبل.\n\n${BODY}\n`;
    const s = parseArticle(text, names);
    assert.equal(s.source, 'وكالة شفا');
    assert.equal(text.slice(s.sourceLine!.start, s.sourceLine!.end), 'المصدر: وكالة شفا');
    assert.equal(s.dateline, undefined);
  });
});

describe('the headline of an article that has none', () => {
  const lead = 'وقال لافروف، في مؤتمر صحفي عقده في موسكو بعد لقائه نظيره الصيني، إن العلاقات بين البلدين تمر بأفضل مراحلها. وأضاف أن التعاون سيستمر.';
  const text = `${lead}\n${BODY}\n`;
  const h = parseArticle(text, names).headline;

  it('is the first sentence of the lead, not its first clause, shortened at a word boundary with an ellipsis', () => {
    assert.equal(h.synthetic, true);
    assert.ok(h.text.startsWith('وقال لافروف، في مؤتمر صحفي'), h.text);
    assert.ok(h.text.endsWith('…'), h.text);
    assert.ok(h.text.length >= 60 && h.text.length <= 80, `${h.text.length} characters`);
    // Its range is the part of the sentence kept, which ends where a word does.
    assert.equal(text.slice(h.start, h.end) + '…', h.text);
    assert.match(text.slice(h.end, h.end + 1), /[\s،]/u);
  });

  it('a short first sentence is kept whole, without its full stop; a dateline before it is left out', () => {
    const s = parseArticle(`بكين 5 يوليو 2025 (شينخوا) – التقى وانغ يي نظيره الروسي في بكين. ثم عقدا مؤتمرا صحفيا مشتركا حول العلاقات الثنائية.\n${BODY}\n`, names);
    assert.equal(s.headline.text, 'التقى وانغ يي نظيره الروسي في بكين');
    assert.equal(s.headline.synthetic, true);
  });

  it('an article with a headline line keeps it, not derived', () => {
    const s = parseArticle(article('غزة -'), names);
    assert.equal(s.headline.text, HEADLINE);
    assert.equal(s.headline.synthetic, false);
  });
});
