import { strict as assert } from 'assert';
import { cliticReadings } from '../../server/src/core/text/clitics';
import { findDates } from '../../server/src/core/text/dates';
import fc from 'fast-check';
import { normalizeKey, normalizeRange, originalRange, unitsText } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokenize';
import { latinKey } from '../../server/src/core/text/transliterate';
import { LineIndex } from '../../server/src/core/text/lines';
import { marked } from '../fixtures';

describe('normalisation', () => {
  const cases: [string, string][] = [
    ['أَحْمَد', 'احمد'],
    ['إيران', 'ايران'],
    ['آسيا', 'اسيا'],
    ['ٱلله', 'الله'],
    ['مستشفى', 'مستشفي'],
    ['الصينية', 'الصينيه'],
    ['مؤتمر', 'موتمر'],
    ['رئيس', 'رييس'],
    ['الـــروسي', 'الروسي'],
    ['\u200fلافروف\u200e', 'لافروف'],
    ['٢٠٢٥ ۱۹', '2025 19'],
    ['ﻻ', 'لا'],
    ['Lavrov', 'lavrov'],
    ['پوتین', 'بوتين'],
    ['گ', 'غ'],
  ];
  for (const [input, key] of cases) it(`${JSON.stringify(input)} → ${key}`, () => assert.equal(normalizeKey(input), key));

  it('maps key ranges back to the original characters, marks included', () => {
    const { text, ranges } = marked('قال ⟦لَافْرُوف⟧ إن');
    const n = normalizeRange(text);
    const at = n.key.indexOf('لافروف');
    assert.deepEqual(originalRange(n, at, at + 'لافروف'.length), { start: ranges[0].start, end: ranges[0].end });
  });
});

describe('units to text', () => {
  it('gives the first n units as they are, whatever the units, the length and the array (property)', () => {
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x600, max: 0x6ff })), { maxLength: 5000 });
    fc.assert(
      fc.property(units, units, fc.nat(), (a, b, cut) => {
        // Two arrays in turn: the text must come from the array given, not the one before.
        for (const list of [a, b, a]) {
          const codes = new Uint16Array(list.length + 8);
          codes.set(list);
          const n = list.length === 0 ? 0 : cut % (list.length + 1);
          assert.equal(unitsText(codes, n), list.slice(0, n).map((u) => String.fromCharCode(u)).join(''));
        }
      }),
    );
  });

  it('reads a view that starts inside its buffer from the view', () => {
    const buffer = new Uint16Array([0x41, 0x644, 0x627, 0x641]);
    assert.equal(unitsText(buffer.subarray(1), 3), 'لاف');
  });
});

describe('tokens', () => {
  it('splits on Unicode letters, marks and digits, keeping diacritics and tatweel inside words', () => {
    const { text, ranges } = marked('⟦وَقَالَ⟧ ⟦لافـــروف⟧، ⟦الـ17⟧ (⟦Sputnik⟧)');
    assert.deepEqual(tokenize(text).map((t) => ({ start: t.start, end: t.end })), ranges.map((r) => ({ start: r.start, end: r.end })));
  });

  it('drops tokens made only of marks or tatweel', () => {
    assert.equal(tokenize('ـــ \u064b\u064b').length, 0);
  });

  it('gives UTF-16 offsets with astral characters before a word', () => {
    const { text, ranges } = marked('😀 ⟦بوتين⟧');
    assert.equal(tokenize(text)[0].start, ranges[0].start);
  });
});

describe('clitics', () => {
  const readings = (w: string) => cliticReadings(normalizeKey(w)).map((r) => r.rest);
  it('tries the whole token first', () => assert.equal(readings('وانغ')[0], 'وانغ'));
  it('strips the conjunction', () => assert.ok(readings('ولافروف').includes('لافروف')));
  it('strips a preposition', () => assert.ok(readings('بروسيا').includes('روسيا')));
  it('reads ل + ل… as ل + ال…', () => assert.ok(readings('للحزب').includes('الحزب')));
  it('strips conjunction, preposition and article together', () => assert.ok(readings('وبالصين').includes('صين')));
});

describe('Latin skeleton', () => {
  const same: [string, string][] = [
    ['lavrov', 'لافروف'],
    ['shanghai', 'شانغهاي'],
    ['shanghai', 'شنغهاي'],
    ['xi jinping', 'شي جين بينغ'],
    ['patrushev', 'باتروشيف'],
    ['putin', 'بوتين'],
    ['moscow', 'موسكو'],
  ];
  for (const [latin, arabic] of same) it(`${latin} meets ${arabic}`, () => assert.equal(latinKey(latin), latinKey(arabic)));
  it('keeps different names apart', () => assert.notEqual(latinKey('lavrov'), latinKey('بوتين')));
});

describe('dates', () => {
  const cases: [string, string | undefined][] = [
    ['10 يوليو 2025', '2025-07-10'],
    ['الجمعة 22 نوفمبر 2024', '2024-11-22'],
    ['3 ديسمبر، 2025', '2025-12-03'],
    ['/مصدر: شينخوا/   2025:07:11.09:45', '2025-07-11'],
    ['١٥ كانون الثاني ٢٠٢٤', '2024-01-15'],
    ['1 أيلول 2023', '2023-09-01'],
    ['9 تشرين الأول 2022', '2022-10-09'],
    ['5 جويلية 2021', '2021-07-05'],
    ['12 أوت 2020', '2020-08-12'],
    ['3 أفريل 2019', '2019-04-03'],
    ['3 تشرين الثاني/نوفمبر 2024', '2024-11-03'],
    ['30 يوليو (تموز) 2019', '2019-07-30'],
    ['5 حزيران (يونيو) 2024', '2024-06-05'],
    ['في آب الماضي', undefined],
    ['مارس الضغط', undefined],
    ['31 فبراير 2024', undefined],
  ];
  for (const [text, iso] of cases) it(`${text} → ${iso ?? 'none'}`, () => assert.equal(findDates(text)[0]?.iso, iso));

  it('lowers confidence when the weekday contradicts the date', () => {
    assert.equal(findDates('الجمعة 22 نوفمبر 2024')[0].confidence, 1);
    assert.ok(findDates('الخميس 22 نوفمبر 2024')[0].confidence < 1);
  });

  it('takes the weekday into the range, and no day that is the tail of a longer number or word', () => {
    const text = 'نشر في الجمعة، 22 نوفمبر 2024 ثم';
    const d = findDates(text)[0];
    assert.equal(text.slice(d.start, d.end), 'الجمعة، 22 نوفمبر 2024');
    const glued = findDates('الجمعة22 نوفمبر 2024')[0];
    assert.deepEqual([glued.start, glued.iso, glued.confidence], [0, '2024-11-22', 1]);
    assert.deepEqual(findDates('رقم 122 نوفمبر 2024'), []);
    assert.deepEqual(findDates('x12 يناير 2020'), []);
    // A weekday that is the tail of a word is no weekday: the date starts at the day.
    const tail = 'والجمعة 22 نوفمبر 2024';
    assert.equal(tail.slice(findDates(tail)[0].start), '22 نوفمبر 2024');
  });

  it('returns the original range', () => {
    const { text, ranges } = marked('نشر في ⟦٣ ديسمبر، ٢٠٢٥⟧ صباحا');
    const d = findDates(text)[0];
    assert.deepEqual({ start: d.start, end: d.end }, { start: ranges[0].start, end: ranges[0].end });
  });
});

describe('line index', () => {
  it('handles LF, CRLF and lone CR', () => {
    const text = 'a\r\nبب\rc\nd';
    const li = new LineIndex(text);
    assert.deepEqual(li.positionAt(text.indexOf('بب') + 1), { line: 1, character: 1 });
    assert.deepEqual(li.positionAt(text.indexOf('c')), { line: 2, character: 0 });
    assert.equal(li.offsetAt({ line: 3, character: 0 }), text.indexOf('d'));
  });
});
