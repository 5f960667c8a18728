import { strict as assert } from 'assert';
import fc from 'fast-check';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { analyzeArticle, ownArticleData } from '../../server/src/core/index/analysis';
import { articleData } from '../../server/src/core/index/article';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import type { FileAnalysis } from '../../server/src/workspace/fileAnalysis';
import { packAnalyses, packedTransferables, unpackAnalyses } from '../../server/src/workspace/packedAnalyses';

/** A packed batch after the trip to another thread: cloned, its buffers moved. */
function posted(results: FileAnalysis[]): FileAnalysis[] {
  const packed = packAnalyses(results);
  return unpackAnalyses(structuredClone(packed, { transfer: packedTransferables(packed) }), results.map((r) => r.file));
}

/** A result as plain values (its own data array as numbers, a missing field as absent). */
const plain = (r: FileAnalysis) => {
  const own = r.ok ? { ...r, analysis: { ...r.analysis, data: [...ownArticleData(r.analysis)], dataBase: undefined } } : r;
  return JSON.parse(JSON.stringify(own));
};

const recognizer = new Recognizer([{ id: 'lavrov', type: 'person', ar: 'سيرغي لافروف', aliases: ['لافروف'] }]);
const analysed = (file: string, text: string, mtimeMs = 1764620000000.25): FileAnalysis => ({
  file,
  ok: true,
  stamp: { size: text.length * 2, mtimeMs, hash: 0x1f2e3d4c5b6a7 },
  truncated: false,
  analysis: analyzeArticle(text, recognizer, false),
  arabic: true,
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

  it('move the data arrays, one array for the batch, instead of copying them', () => {
    const results = [analysed('/c/a.txt', 'لافروف\n\nقال لافروف.\n'), analysed('/c/b.txt', 'موسكو\n\nقال سيرغي لافروف في موسكو.\n')];
    const packed = packAnalyses(results);
    assert.equal(packedTransferables(packed).length, 2, 'the fields and the data');
    const back = unpackAnalyses(structuredClone(packed, { transfer: packedTransferables(packed) }), results.map((r) => r.file));
    assert.equal(packed.data.length, 0, 'the sender no longer holds the moved array');
    assert.ok(back[0].ok && back[1].ok);
    assert.equal(back[0].analysis.data, back[1].analysis.data, 'both articles in one array');
    assert.deepEqual([back[0].analysis.dataBase, back[1].analysis.dataBase], [0, results[0].ok ? results[0].analysis.data.length : -1]);
  });

  it('commit to the index as the analyses they were made from', () => {
    const entities = [{ id: 'lavrov', type: 'person' as const, ar: 'سيرغي لافروف', aliases: ['لافروف'] }];
    const texts = ['لافروف يلتقي نظيره\n\nقال وزير الخارجية سيرغي لافروف إن المحادثات ستستمر.\n', 'محادثات في موسكو\n\nقال المتحدث يوسف مرعي إن لافروف سيزور بكين.\n'];
    const direct = new CorpusIndex(entities);
    const viaBatch = new CorpusIndex(entities);
    const results = texts.map((t, i) => ({ ...analysed(`/c/${i}.txt`, t), analysis: analyzeArticle(t, direct.discovery.recognizer, false) }) as FileAnalysis);
    // Posted first: committing rewrites an analysis's entity numbers in place.
    const batch = posted(results);
    results.forEach((r) => r.ok && direct.commit(`file://${r.file}`, r.analysis));
    batch.forEach((r) => r.ok && viaBatch.commit(`file://${r.file}`, r.analysis));
    const seen = (index: CorpusIndex) => [...index.allArticles()].map((a) => ({ uri: a.uri, headline: a.headline, lines: a.lines.lineCount, mentions: index.articleMentions.of(a).map((m) => [m.entity, m.start, m.end]) }));
    assert.deepEqual(seen(viaBatch), seen(direct));
    assert.deepEqual(viaBatch.figures.forms('lavrov'), direct.figures.forms('lavrov'));
    assert.ok(seen(direct)[1].mentions.length >= 1);
  });

  it('keep every field of any batch', () => {
    const words = (n: number) => fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: n });
    const articleArray = fc
      .record({ lineStarts: words(4), mentions: words(2).map((a) => [...a, ...a, ...a]), counts: words(2).map((a) => [...a, ...a]), forms: words(2).map((a) => [...a, ...a, ...a]), length: fc.nat(), filter: words(4).map((a) => Uint32Array.from(a)), synthetic: fc.boolean() })
      .map((p) => articleData({ ...p, headline: { start: 0, end: 0, synthetic: p.synthetic } }));
    const text = fc.string({ unit: fc.constantFrom('a', 'ب', 'ل', ' ', '\u064e', '😀', '\u0000'), maxLength: 12 });
    const result: fc.Arbitrary<FileAnalysis> = fc.oneof(
      fc.record({ file: text, ok: fc.constant(false as const), missing: fc.boolean(), reason: text }),
      fc.record({
        file: text,
        ok: fc.constant(true as const),
        stamp: fc.record({ size: fc.nat(), mtimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }), hash: fc.integer({ min: 0, max: 2 ** 52 - 1 }) }),
        truncated: fc.boolean(),
        arabic: fc.boolean(),
        analysis: fc.record({
          headline: text,
          date: fc.option(text, { nil: undefined }),
          source: fc.option(text, { nil: undefined }),
          data: articleArray,
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
