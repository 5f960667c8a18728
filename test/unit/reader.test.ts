/** The Reader's page: an article's parts and mentions as HTML, its text inert. */
import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { readerArticle } from '../../server/src/core/features/reader';
import { readerBody } from '../../client/src/readerHtml';

const entities = (shipped as { entities: CatalogEntry[] }).entities;

function render(text: string): string {
  const index = new CorpusIndex(entities);
  index.upsert('file:///a.txt', text);
  return readerBody(text, readerArticle(index, 'file:///a.txt', text)!);
}

const ARTICLE = `لافروف يلتقي وانغ يي في بكين
موسكو 5 يوليو 2025 (تاس) التقى وزير الخارجية الروسي سيرغي لافروف نظيره الصيني وانغ يي، وقال: «إن التعاون بين البلدين مستمر وسيتعزز في السنوات المقبلة».

وأضاف لافروف أن العلاقات جيدة.

شاهد أيضاً
بوتين يستقبل ضيفا
`;

describe('the Reader', () => {
  it('shows the headline, the date and the paragraphs in order, mentions marked by type with their entity', () => {
    const html = render(ARTICLE);
    assert.match(html, /<h1>.*لافروف.*<\/h1>/s);
    assert.match(html, /2025-07-05/);
    const main = html.slice(html.indexOf('<main>'));
    assert.ok(main.indexOf('class="lead"') < main.indexOf('وأضاف'));
    assert.match(html, /class="m person" data-id="person:sergey-lavrov" tabindex="0">سيرغي لافروف<\/span><span class="latin" dir="ltr">Sergey Lavrov<\/span>/);
    assert.match(html, /class="m place demonym"[^>]*>الروسي</);
    assert.match(html, /class="quote"[^>]*>«إن التعاون بين البلدين/);
  });

  it('an article without a headline is titled by its first sentence, shortened with an ellipsis and marked derived', () => {
    const html = render('موسكو 5 يوليو 2025 (تاس) – وقال لافروف، في مؤتمر صحفي عقده بعد لقائه نظيره الصيني وانغ يي في العاصمة الروسية، إن العلاقات جيدة.\n');
    const h1 = /<h1[^>]*>(.*?)<\/h1>/su.exec(html)!;
    assert.match(h1[0], /class="derived"/);
    // Its words as shown (the Latin names after the Arabic ones are hidden until asked for).
    const words = h1[1].replace(/<span class="latin"[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '');
    assert.match(words, /^وقال لافروف، في مؤتمر صحفي .*…$/u);
  });

  it('folds the site chrome away, its mentions not counted', () => {
    const html = render(ARTICLE);
    const folded = html.slice(html.indexOf('<details class="chrome">'));
    assert.match(folded, /not counted/);
    assert.match(folded, /بوتين/);
    assert.doesNotMatch(html.slice(0, html.indexOf('<details')), /بوتين يستقبل/);
  });

  it('keeps hostile text inert: no element, link or script comes from the article', () => {
    const hostile = `لافروف <script>alert(1)</script> في بكين\nقال سيرغي لافروف [اضغط](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> و<a href="command:x">هنا</a> " onmouseover="alert(2)\n`;
    const html = render(hostile);
    for (const bad of ['<script', '<img', '<a ', 'href="command:']) assert.ok(!html.includes(bad), bad);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    // Every attribute value the article reaches is quoted and escaped.
    assert.ok(!/"\s+onmouseover=/.test(html));
  });

  it('every run knows its offset in the text (for click-to-cursor)', () => {
    const html = render(ARTICLE);
    for (const m of html.matchAll(/<span data-s="(\d+)"[^>]*>([^<]*)<\/span>/g)) {
      const text = m[2].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
      assert.equal(ARTICLE.slice(Number(m[1]), Number(m[1]) + text.length), text);
    }
  });
});
