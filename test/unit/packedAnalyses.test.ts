import { strict as assert } from 'assert';
import fc from 'fast-check';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { analyzeArticle } from '../../server/src/core/index/analysis';
import type { FileAnalysis } from '../../server/src/workspace/fileAnalysis';
import { packAnalyses, packedTransferables, unpackAnalyses } from '../../server/src/workspace/packedAnalyses';

/** A packed batch after the trip to another thread: cloned, its buffers moved. */
function posted(results: FileAnalysis[]): FileAnalysis[] {
  const packed = packAnalyses(results);
  return unpackAnalyses(structuredClone(packed, { transfer: packedTransferables(packed) }));
}

/** A result as plain values (the data array as numbers, a missing field as absent). */
const plain = (r: FileAnalysis) => JSON.parse(JSON.stringify(r, (_k, v) => (v instanceof Uint32Array ? [...v] : v)));

const recognizer = new Recognizer([{ id: 'lavrov', type: 'person', ar: 'سيرغي لافروف', aliases: ['لافروف'] }]);
const analysed = (file: string, text: string, mtimeMs = 1764620000000.25): FileAnalysis => ({
  file,
  ok: true,
  stamp: { size: text.length * 2, mtimeMs, hash: 0x1f2e3d4c5b6a7 },
  truncated: false,
  analysis: analyzeArticle(text, recognizer, false),
});

describe('analyses posted by a worker', () => {
  it('arrive as they left: analysed files, files that failed, and people discovered', () => {
    const results: FileAnalysis[] = [
      analysed('/c/a.txt', 'لافروف يلتقي نظيره\n\nموسكو (رويترز) - قال وزير الخارجية سيرغي لافروف إن المحادثات ستستمر في 12 مارس 2024.\n'),
      { file: '/c/b.bin', ok: false, missing: false, reason: 'binary content (NUL or control bytes)' },
      analysed('/c/c.txt', 'محادثات في موسكو\n\nقال المتحدث باسم الوزارة يوسف مرعي إن لافروف سيزور بكين.\n', 1),
      { file: '/c/gone.txt', ok: false, missing: true, reason: 'unreadable: ENOENT' },
      analysed('/c/d.txt', ''),
    ];
    const before = results.map(plain);
    const back = posted(results);
    assert.deepEqual(back.map(plain), before);
    const c = back[2];
    assert.ok(c.ok && c.analysis.discovered.some((d) => d.text === 'يوسف مرعي'));
    assert.ok(c.ok && c.analysis.data instanceof Uint32Array);
  });

  it('move the data arrays instead of copying them', () => {
    const r = analysed('/c/a.txt', 'لافروف\n\nقال لافروف.\n');
    const data = r.ok ? r.analysis.data : undefined;
    const packed = packAnalyses([r]);
    structuredClone(packed, { transfer: packedTransferables(packed) });
    assert.equal(data!.length, 0, 'the sender no longer holds the moved array');
  });

  it('keep every field of any batch', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ب', 'ل', ' ', '\u064e', '😀', '\u0000'), maxLength: 12 });
    const result: fc.Arbitrary<FileAnalysis> = fc.oneof(
      fc.record({ file: text, ok: fc.constant(false as const), missing: fc.boolean(), reason: text }),
      fc.record({
        file: text,
        ok: fc.constant(true as const),
        stamp: fc.record({ size: fc.nat(), mtimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }), hash: fc.integer({ min: 0, max: 2 ** 52 - 1 }) }),
        truncated: fc.boolean(),
        analysis: fc.record({
          headline: text,
          date: fc.option(text, { nil: undefined }),
          source: fc.option(text, { nil: undefined }),
          data: fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 8 }).map((a) => Uint32Array.from(a)),
          discovered: fc.array(fc.record({ key: text, text, role: text }), { maxLength: 3 }),
          formTexts: fc.array(text, { maxLength: 5 }),
          headlineWords: fc.array(text, { maxLength: 5 }),
        }),
      }),
    );
    fc.assert(
      fc.property(fc.array(result, { maxLength: 6 }), (results) => {
        const before = results.map(plain);
        assert.deepEqual(posted(results).map(plain), before);
      }),
    );
  });
});
