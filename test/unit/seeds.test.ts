/**
 * Acceptance tables for the sample corpus, written by reading the articles: structure, and the
 * people, organisations and places each one names in its own text (boilerplate excluded), with
 * how many times each person is mentioned.
 */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseArticle } from '../../server/src/core/article/structure';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { Recognizer } from '../../server/src/core/entities/recognizer';

const seed = (name: string) => readFileSync(path.join(__dirname, '../../seeds', name), 'utf8');

interface Expected {
  file: string;
  headline: string;
  date?: string;
  place?: string;
  source?: string;
  paragraphs: number;
  people: Record<string, number>;
  organisations: string[];
  places: string[];
}

const TABLE: Expected[] = [
  {
    file: '000_552278f0a494b428.txt',
    headline: 'وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار في الحرب العالمية الثانية',
    date: '2025-12-03',
    source: 'شفا',
    paragraphs: 11,
    people: { 'person:wang-yi': 6, 'person:sergey-lavrov': 3, 'person:xi-jinping': 1, 'person:vladimir-putin': 1 },
    organisations: ['org:cpc-politburo', 'org:un-security-council', 'org:shfa'],
    places: ['place:china', 'place:russia', 'place:japan'],
  },
  {
    file: '001_f3a42c96f725cff0.txt',
    headline: 'الخارجية الصينية: بكين مستعدة لتعزيز التعاون الثنائي مع موسكو',
    source: 'Sputnik',
    paragraphs: 13,
    people: { 'person:wang-yi': 5, 'person:sergey-lavrov': 3, 'person:vladimir-putin': 1, 'person:xi-jinping': 1 },
    organisations: ['org:china-mfa', 'org:russia-mfa', 'org:brics', 'org:g20', 'org:united-nations', 'org:un-security-council', 'org:sco'],
    places: ['place:china', 'place:russia', 'place:beijing', 'place:moscow', 'place:kazan', 'place:rio-de-janeiro', 'place:global-south'],
  },
  {
    file: '002_8fe0a44215cf6e95.txt',
    headline: 'وزير الخارجية الصيني: الصين مستعدة لتعزيز التنسيق الاستراتيجي مع روسيا',
    date: '2025-07-11',
    place: 'كوالالمبور',
    source: 'شينخوا',
    paragraphs: 12,
    people: { 'person:wang-yi': 7, 'person:sergey-lavrov': 4 },
    organisations: ['org:xinhua', 'org:cpc-politburo', 'org:asean', 'org:east-asia-summit', 'org:asean-regional-forum', 'org:sco', 'org:brics', 'org:un-security-council'],
    places: ['place:china', 'place:russia', 'place:kuala-lumpur', 'place:east-asia', 'place:asia-pacific', 'place:iran', 'place:middle-east'],
  },
  {
    file: '003_664ae161526b342d.txt',
    headline: 'الصين وروسيا تتفقان على تعزيز الثقة المتبادلة وحماية الاستقرار الإستراتيجي العالمي',
    date: '2024-11-22',
    paragraphs: 8,
    people: { 'person:yang-jiechi': 3, 'person:nikolai-patrushev': 3, 'person:vladimir-putin': 1, 'person:xi-jinping': 1 },
    organisations: ['org:cpc', 'org:russian-security-council', 'org:cgtn', 'org:sco', 'org:china-government'],
    places: ['place:china', 'place:russia', 'place:fujian', 'place:samarkand', 'place:uzbekistan', 'place:taiwan', 'place:moscow', 'place:beijing'],
  },
  {
    file: '004_0559fb3e170e58b6.txt',
    // No headline line: the lead's first sentence after the dateline, cut at a word boundary.
    headline: 'تعهد عضو مجلس الدولة وزير الخارجية الصيني وانغ يي ووزير الخارجية الروسي سيرجي…',
    date: '2021-09-16',
    place: 'دوشنبه',
    source: 'شينخوا',
    paragraphs: 13,
    people: { 'person:wang-yi': 3, 'person:sergey-lavrov': 3 },
    organisations: ['org:xinhua', 'org:state-council-china', 'org:sco', 'org:united-nations'],
    places: ['place:dushanbe', 'place:china', 'place:russia', 'place:united-states', 'place:the-west', 'place:xinjiang', 'place:hong-kong', 'place:tibet', 'place:asia-pacific', 'place:central-asia'],
  },
];

describe('seed articles: structure', () => {
  // The catalog tells the dateline's agency (شفا, in 000) from a place.
  const names = new Recognizer((shipped as { entities: CatalogEntry[] }).entities).named;
  for (const t of TABLE) {
    it(`${t.file}: headline, date, dateline, source, paragraphs`, () => {
      const a = parseArticle(seed(t.file), names);
      assert.equal(a.headline.text, t.headline);
      assert.equal(a.date?.iso, t.date);
      assert.equal(a.dateline?.place, t.place);
      assert.equal(a.source, t.source);
      assert.equal(a.paragraphs.length, t.paragraphs);
    });
  }

  it('sets boilerplate apart: mastheads, "see also", teasers and repeated titles', () => {
    const kinds = (f: string) => parseArticle(seed(f)).boilerplate.flatMap((z) => z.text.split('\n').map((line) => `${z.kind}:${line}`));
    assert.ok(kinds('000_552278f0a494b428.txt').includes('section-marker:آخر الاخبار'));
    assert.ok(kinds('000_552278f0a494b428.txt').some((k) => k.startsWith('related:شاهد أيضاً')));
    assert.ok(kinds('000_552278f0a494b428.txt').some((k) => k.startsWith('repeated:وزيرا خارجية')));
    assert.ok(kinds('003_664ae161526b342d.txt').some((k) => k.startsWith('masthead:رئيس مجلسى الإدارة')));
    assert.ok(kinds('003_664ae161526b342d.txt').some((k) => k.startsWith('section-marker:تابع أحدث الأخبار')));
    assert.ok(kinds('001_f3a42c96f725cff0.txt').some((k) => k.startsWith('related:مروحيات ترافق موكب لافروف')));
  });
});

describe('seed articles: recognition', () => {
  const index = new CorpusIndex((shipped as { entities: CatalogEntry[] }).entities);
  for (const t of TABLE) index.upsert(t.file, seed(t.file));

  for (const t of TABLE) {
    it(`${t.file}: people and their mention counts`, () => {
      const a = index.article(t.file)!;
      const people = Object.fromEntries([...index.articleMentions.counts(a)].filter(([id]) => index.figures.entity(id)?.type === 'person'));
      assert.deepEqual(people, t.people);
    });
    it(`${t.file}: organisations and places`, () => {
      const a = index.article(t.file)!;
      const present = new Set(index.articleMentions.counts(a).keys());
      const missing = [...t.organisations, ...t.places].filter((id) => !present.has(id));
      assert.deepEqual(missing, [], `not found: ${missing.join(', ')}`);
      const orgs = [...present].filter((id) => index.figures.entity(id)?.type === 'organisation').sort();
      assert.deepEqual(orgs, [...t.organisations].sort());
    });
  }

  it('keeps mentions in boilerplate apart from the article’s own', () => {
    const a = index.article('001_f3a42c96f725cff0.txt')!;
    const lavrov = index.articleMentions.of(a).filter((m) => m.entity === 'person:sergey-lavrov');
    assert.equal(lavrov.filter((m) => m.boilerplate).length, 2);
    assert.equal(index.articleMentions.counts(a).get('person:donald-trump'), undefined);
  });

  it('discovers a person introduced by a role phrase', () => {
    const a = index.article('000_552278f0a494b428.txt')!;
    const m = index.articleMentions.of(a).find((x) => x.kind === 'discovered');
    const d = m && index.figures.entity(m.entity);
    assert.equal(d?.ar, 'مؤيد شعبان');
    assert.equal(m!.boilerplate, true, 'it is named in the “see also” teaser');
    assert.match(d!.description!, /الوزير/);
  });
});
