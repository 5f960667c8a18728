import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import path from 'path';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../../server/src/core/catalog/entityTypes';
import { ENTITY_TYPES, type CatalogEntry } from '../../server/src/core/catalog/types';
import { completions } from '../../server/src/core/features/completion';
import { SEMANTIC_TOKEN_TYPES } from '../../server/src/core/features/entityMarks';
import { hover } from '../../server/src/core/features/hover';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { marked } from '../fixtures';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));

const entities: CatalogEntry[] = [
  { id: 'person:rami-nasser', type: 'person', ar: 'رامي ناصر' },
  { id: 'org:blue-river-council', type: 'organisation', ar: 'مجلس النهر الأزرق' },
  { id: 'place:wadi-salam', type: 'place', ar: 'وادي سلام' },
  { id: 'topic:irrigation', type: 'topic', ar: 'الري' },
];
const DOC = marked('اجتماع في وادي سلام\n\nقال ┃رامي ناصر رئيس مجلس النهر الأزرق في وادي سلام إن الري أولوية.\n');

describe('entity types', () => {
  it('each has its sidebar view, with its icon, its semantic token type and its mark colours in the manifest', () => {
    const views = manifest.contributes.views.corpusLens as { id: string; icon: string }[];
    const tokens = (manifest.contributes.semanticTokenTypes as { id: string }[]).map((t) => t.id);
    const colours = (manifest.contributes.colors as { id: string }[]).map((c) => c.id);
    for (const type of ENTITY_TYPES) {
      const info = ENTITY_TYPE_INFO[type];
      assert.equal(views.find((v) => v.id === info.view)?.icon, `$(${info.icon})`, `${type}'s view`);
      assert.ok(tokens.includes(type) && SEMANTIC_TOKEN_TYPES.includes(type), `${type}'s token type`);
      assert.ok(colours.includes(`corpusLens.${type}Mark`) && colours.includes(`corpusLens.${type}MarkBackground`), `${type}'s colours`);
    }
  });

  it('are shown by the table: the hover card’s label, the outline’s groups, completion kinds', () => {
    const index = new CorpusIndex(entities);
    index.upsert('u', DOC.text);
    const card = hover(index, 'u', DOC.cursor, DOC.text, { markdown: false, commands: false });
    assert.match(String((card?.contents as { value: string }).value), /^Person\b/m);
    const groups = documentSymbols(index, 'u', DOC.text)
      .filter((s) => s.kind === SymbolKind.Namespace && s.name !== 'Boilerplate')
      .map((s) => s.name);
    assert.deepEqual(groups, ['People', 'Organisations', 'Places', 'Topics']);
    const kindOf = (typed: string) => {
      const text = `${DOC.text}${typed}`;
      return completions(index, 'u', text.length, text)[0]?.kind;
    };
    assert.deepEqual([kindOf('رامي'), kindOf('مجلس'), kindOf('وادي'), kindOf('الر')], [CompletionItemKind.Class, CompletionItemKind.Struct, CompletionItemKind.Module, CompletionItemKind.EnumMember]);
  });
});
