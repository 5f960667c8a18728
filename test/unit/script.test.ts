import * as assert from 'assert';
import { arabicShare, isMostlyArabic, readsAsArabic, SCRIPT_SAMPLE } from '../../server/src/core/text/script';

describe('script of a text', () => {
  it('an Arabic article with Latin names and figures in it is mostly Arabic', () => {
    assert.ok(isMostlyArabic('قال وزير الخارجية الروسي سيرغي لافروف (Sergey Lavrov) يوم 3 ديسمبر 2025 إن موسكو وبكين…'));
  });
  it('an English note, a licence or a requirements file is not', () => {
    for (const t of ['Notes for the Sudan folder: check the RSF figures against OCHA.', 'MIT License\n\nCopyright (c) 2025', 'numpy==1.26\npandas>=2.0\n']) assert.ok(!isMostlyArabic(t), t);
  });
  it('counts letters only: digits, punctuation and marks weigh nothing', () => {
    assert.equal(arabicShare('١٢٣ 456 ،؛ ً'), 0);
    assert.equal(arabicShare('مصر Egypt'), 3 / 8);
  });
  it('a file is told from its beginning: an English preamble longer than the sample makes a note', () => {
    const arabic = 'قال المتحدث باسم الوزارة إن المحادثات ستستمر. '.repeat(100);
    const preamble = 'Draft notes, not for publication. '.repeat(Math.ceil(SCRIPT_SAMPLE / 30));
    assert.ok(readsAsArabic(arabic));
    assert.ok(readsAsArabic(`Draft.\n${arabic}`), 'a short Latin line first');
    assert.ok(!readsAsArabic(preamble + arabic));
    assert.ok(isMostlyArabic(preamble + arabic), 'though the whole is mostly Arabic');
  });
});
