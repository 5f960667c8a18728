import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { articleLenses } from '../../server/src/core/features/codeLenses';
import { completions } from '../../server/src/core/features/completion';
import { foldingRanges } from '../../server/src/core/features/folding';
import { latinInlayHints } from '../../server/src/core/features/inlayHints';
import { semanticTokens, SEMANTIC_TOKEN_TYPES } from '../../server/src/core/features/entityMarks';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { marked, positionOf } from '../fixtures';

const entities = (shipped as { entities: CatalogEntry[] }).entities;

const DOC = marked(`العنوان: ⟦لافروف⟧ يزور ⟦بكين⟧ في ⟦3 ديسمبر، 2025⟧
⟦بكين⟧ (⟦شينخوا⟧) قال ⟦سيرغي لافروف⟧ إن ⟦روسيا⟧ و⟦الصين⟧ تدعمان ⟦بريكس⟧ بقوة كبيرة جدا.
وأضاف ⟦لافروف⟧ أن الجانب ⟦الروسي⟧ مستعد للعمل مع الشركاء في كل المجالات.
شاهد أيضاً
خبر آخر عن ⟦التجارة⟧
وخبر ثالث`);

describe('semantic tokens', () => {
  const index = new CorpusIndex(entities);
  index.upsert('u', DOC.text);
  it('colour every mention and date, by type, on the right UTF-16 columns', () => {
    const data = semanticTokens(index, 'u', DOC.text);
    const decoded: { line: number; character: number; length: number; type: string; mods: number }[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      decoded.push({ line, character: ch, length: data[i + 2], type: SEMANTIC_TOKEN_TYPES[data[i + 3]], mods: data[i + 4] });
    }
    assert.deepEqual(
      decoded.map((d) => ({ line: d.line, character: d.character, length: d.length })),
      DOC.ranges.map((r) => ({ ...positionOf(DOC.text, r.start), length: r.end - r.start })),
    );
    assert.deepEqual(decoded.map((d) => d.type), ['person', 'place', 'date', 'place', 'organisation', 'person', 'place', 'place', 'organisation', 'person', 'place', 'topic']);
    assert.equal(decoded[decoded.length - 2].mods & 1, 1, 'الروسي carries the demonym modifier');
    assert.equal(decoded[decoded.length - 1].mods & 4, 4, 'a mention in “see also” carries the boilerplate modifier');
  });
});

describe('folding, lenses, completion, inlay hints', () => {
  const index = new CorpusIndex(entities);
  index.upsert('u', DOC.text);
  it('folds the trailing boilerplate as a comment zone and the body as a region', () => {
    const f = foldingRanges(index, 'u', DOC.text);
    assert.ok(f.some((r) => r.kind === 'comment' && r.startLine === 3 && r.endLine === 5), JSON.stringify(f));
    assert.ok(f.some((r) => r.kind === 'region' && r.startLine === 1 && r.endLine === 2), JSON.stringify(f));
  });
  it('puts a lens on the headline with entity and mention counts', () => {
    const [lens] = articleLenses(index, 'u');
    assert.equal(lens.range.start.line, 0);
    assert.match(lens.command!.title, /^\d+ entities · 10 mentions$/);
  });
  it('an article with few names found offers the workspace catalog in its lens', () => {
    const few = new CorpusIndex(entities);
    few.upsert('f', 'مزارعو الزيتون يستعدون للموسم\nقال مزارعون في القرية إن المحصول جيد هذا العام.');
    const [lens] = articleLenses(few, 'f');
    assert.match(lens.command!.title, /few names found: add yours to the workspace catalog$/);
    assert.equal(lens.command!.command, 'corpusLens.openCatalog');
  });
  it('completes entity names from an Arabic or Latin prefix', () => {
    const text = 'التقى لافر';
    assert.equal(completions(index, 'u', text.length, text)[0]?.label, 'سيرغي لافروف');
    const latin = 'met lavr';
    const c = completions(index, 'u', latin.length, latin);
    assert.equal(c[0]?.label, 'سيرغي لافروف');
    assert.deepEqual(c[0].textEdit && 'range' in c[0].textEdit ? c[0].textEdit.range.start : undefined, { line: 0, character: 4 });
  });
  it('hints the Latin name after Arabic mentions', () => {
    const hints = latinInlayHints(index, 'u', DOC.text);
    const lavrov = DOC.ranges[5];
    assert.ok(hints.some((h) => h.label === 'Sergey Lavrov' && h.position.line === positionOf(DOC.text, lavrov.end).line && h.position.character === positionOf(DOC.text, lavrov.end).character));
    assert.ok(!hints.some((h) => h.label === 'Russia' && h.position.line === 2), 'no hint after a demonym');
  });
});
