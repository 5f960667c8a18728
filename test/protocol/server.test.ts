import { strict as assert } from 'assert';
import * as fs from 'fs';
import { readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DocumentSymbol, Hover, Location, SymbolInformation, DocumentHighlight } from 'vscode-languageserver-types';
import { EntitiesRequest, MentionsRequest, SearchRequest, type EntityItem, type SearchResult } from '../../server/src/protocol';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const file = path.join(seeds, '000_552278f0a494b428.txt');
const uri = pathToFileURL(file).toString();
const text = readFileSync(file, 'utf8');

describe('language server over stdio', function () {
  let s: Session;
  before(async () => {
    s = await startServer(seeds, { latinInlayHints: true, colourByType: true });
    await within(s.indexed, 30_000, 'the first corpusLens/status with indexing done');
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  });
  after(async () => s && (await s.stop()));

  const lavrov = positionOf(text, text.indexOf('لافروف', text.indexOf('قال لافروف')));

  it('hover on a short form shows the entity card', async () => {
    const h = await s.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: lavrov });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /سيرغي لافروف\*\* · Sergey Lavrov/);
    assert.match(md, /\*\*13\*\* in the corpus, in 4 articles/);
  });

  it('references find every mention in the corpus', async () => {
    const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri }, position: lavrov, context: { includeDeclaration: true } });
    // 3 + 3 + 4 + 0 + 3 own mentions (see the acceptance table), in 4 files.
    assert.equal(refs.length, 13);
    assert.equal(new Set(refs.map((r) => r.uri)).size, 4);
    for (const r of refs) {
      const t = readFileSync(new URL(r.uri), 'utf8');
      const lines = t.split(/\r\n|\r|\n/);
      const form = lines[r.range.start.line].slice(r.range.start.character, r.range.end.character);
      assert.match(form, /لافروف$/, `range ${JSON.stringify(r.range)} in ${r.uri} holds "${form}"`);
    }
  });

  it('document highlight marks this article’s mentions', async () => {
    const hl = await s.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: lavrov });
    assert.equal(hl.length, 3);
  });

  it('document symbols: headline on top with the ISO date', async () => {
    const syms = await s.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(syms[0].name, 'وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار في الحرب العالمية الثانية');
    assert.match(syms[0].detail!, /^2025-12-03/);
    // Then the parts in the order of the text: the agency that opens the lead (شفا –) as the
    // source, the lead and the ten paragraphs; then the entities by type and the boilerplate.
    assert.deepEqual(syms.slice(1, 3).map((x) => [x.name, x.detail]), [['Source: شفا', 'news agency'], ['شفا – عقد وزير الخارجية الصيني …', 'lead']]);
    assert.deepEqual(syms.slice(3, 13).map((x) => x.detail), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `paragraph ${n}`));
    assert.deepEqual(syms.slice(13).map((x) => x.name), ['People', 'Organisations', 'Places', 'Topics', 'Boilerplate']);
  });

  it('workspace symbols: "lavrov" finds لافروف', async () => {
    const syms = await s.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'lavrov' });
    assert.match(syms[0].name, /سيرغي لافروف/);
  });

  it('custom requests: the People list and the palette search', async () => {
    const people = await s.connection.sendRequest(EntitiesRequest.method, { type: 'person' }) as EntityItem[];
    const top = people[0];
    assert.equal(top.id, 'person:wang-yi');
    // 6 + 5 + 7 + 0 + 3 (the acceptance table).
    assert.equal(top.mentions, 21);
    const r = await s.connection.sendRequest(SearchRequest.method, { query: 'شانغهاي للتعاون' }) as SearchResult;
    assert.equal(r.entities[0].id, 'org:sco');
    assert.ok(r.passages.length >= 3);
  });

  it('entity marks give each mention its range and type, for the editor to draw behind the text', async () => {
    const marks = (await s.connection.sendRequest('corpusLens/entityMarks', { uri })) as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; type: string; demonym: boolean }[];
    const lines = text.split('\n');
    const at = (m: (typeof marks)[number]) => lines[m.range.start.line].slice(m.range.start.character, m.range.end.character);
    const lavrov = marks.filter((m) => at(m) === 'لافروف');
    assert.ok(lavrov.length > 0 && lavrov.every((m) => m.type === 'person'));
    assert.ok(marks.some((m) => m.type === 'place' && m.demonym && at(m) === 'الروسي'));
    assert.equal(marks[0].type, 'date');
  });

  it('semantic tokens colour mentions by type when asked (colourByType), and not by default', async () => {
    const plain = await startServer(seeds);
    try {
      await within(plain.indexed, 30_000, 'indexing');
      const none = (await plain.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
      assert.deepEqual(none.data, []);
    } finally {
      await plain.stop();
    }
    const init = (await s.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
    assert.ok(init.data.length > 0 && init.data.length % 5 === 0);
    // The first token is the date on line 0; its type is "date" (index 4 of the legend).
    assert.deepEqual(init.data.slice(0, 5).filter((_, i) => i !== 2 && i !== 4), [0, text.split('\n')[0].indexOf('3'), 4]);
  });

  it('folding ranges, code lens, completion and inlay hints answer', async () => {
    const folds = (await s.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as { startLine: number; kind?: string }[];
    assert.ok(folds.some((f) => f.kind === 'comment'));
    const lenses = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    assert.match(lenses[0].command.title, /^\d+ entities · \d+ mentions$/);
    const hints = (await s.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } })) as { label: string }[];
    assert.ok(hints.some((h) => h.label === 'Sergey Lavrov'));
    const line = text.split('\n').findIndex((l) => l.includes('قال لافروف'));
    const character = text.split('\n')[line].indexOf('لافروف') + 3;
    const items = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as { label: string }[];
    assert.ok(items.some((i) => i.label === 'سيرغي لافروف'));
  });

  it('an edit re-indexes the open article', async () => {
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'التقى زيلينسكي بوتين.\n' }],
    });
    const pos = positionOf('التقى زيلينسكي بوتين.\n', 'التقى '.length + 2);
    const h = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.match((h!.contents as { value: string }).value, /Volodymyr Zelensky/);
  });

  it('an edit shows in corpus-wide answers at once, whatever document it was made in', async () => {
    // A new article, not saved yet.
    const other = pathToFileURL(path.join(seeds, 'unsaved.txt')).toString();
    const before = (await s.connection.sendRequest(EntitiesRequest.method, { type: 'person' })) as EntityItem[];
    const blinken = () => before.find((p) => p.id === 'person:antony-blinken')?.mentions ?? 0;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'plaintext', version: 1, text: 'قال أنتوني بلينكن إن.\n' } });
    const after = (await s.connection.sendRequest(EntitiesRequest.method, { type: 'person' })) as EntityItem[];
    assert.equal(after.find((p) => p.id === 'person:antony-blinken')?.mentions, blinken() + 1);
  });
});

/** A temporary copy of the seeds, an empty storage folder, and the articles' file names. */
function seedsCopy(prefix: string): { folder: string; store: string; names: string[] } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-'));
  const names = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'));
  for (const f of names) fs.copyFileSync(path.join(seeds, f), path.join(folder, f));
  return { folder, store, names };
}

describe('persisted index', function () {
  const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-'));
  it('a second start restores the index from the storage folder and answers the same', async () => {
    // Headlines are found by their words after a restore as before it (the words are stored apart).
    const headlines = async (t: Session) => {
      const found: { name: string; kind: number }[] = [];
      for (const q of ['بريكس', 'lavrov', 'شانغهاي', 'الصين']) found.push(...(await t.connection.sendRequest<{ name: string; kind: number }[]>('workspace/symbol', { query: q })));
      return found.filter((x) => x.kind === 1).map((x) => x.name);
    };
    const first = await startServer(seeds, { storagePath });
    await within(first.indexed, 30_000, 'first indexing');
    const before = await headlines(first);
    assert.ok(before.length > 0);
    await first.stop();
    const second = await startServer(seeds, { storagePath });
    try {
      await within(second.indexed, 30_000, 'warm start');
      assert.ok(second.logs.some((l) => /index cache: 5 articles restored, 0 files to index/.test(l)), second.logs.join('\n'));
      assert.deepEqual(await headlines(second), before);
      await second.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      const h = await second.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, text.indexOf('لافروف', text.indexOf('قال لافروف'))) });
      assert.match((h.contents as { value: string }).value, /\*\*13\*\* in the corpus/);
    } finally {
      await second.stop();
    }
  });

  it('a file touched without changing is restored; one changed at the same size is indexed again; one deleted is gone', async () => {
    const { folder, store, names } = seedsCopy('corpus-lens-stamps-');
    const first = await startServer(folder, { storagePath: store });
    await within(first.indexed, 30_000, 'first indexing');
    await first.stop();
    const later = new Date(Date.now() + 60_000);
    const touched = path.join(folder, names[0]);
    fs.utimesSync(touched, later, later);
    // ق for ف: the same number of UTF-8 bytes, another text.
    const changed = path.join(folder, names[1]);
    const before = fs.readFileSync(changed, 'utf8');
    assert.ok(before.includes('ف'));
    fs.writeFileSync(changed, before.replace('ف', 'ق'));
    fs.utimesSync(changed, later, later);
    assert.equal(fs.statSync(changed).size, Buffer.byteLength(before));
    fs.unlinkSync(path.join(folder, names[2]));
    const second = await startServer(folder, { storagePath: store });
    const fresh = await startServer(folder);
    try {
      await within(second.indexed, 30_000, 'warm start');
      assert.ok(second.logs.some((l) => new RegExp(`index cache: ${names.length - 2} articles restored, 1 files to index`).test(l)), second.logs.join('\n'));
      // The deleted file's article left nothing behind: the totals are those of a fresh index of the folder.
      const people = (t: Session) => t.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' });
      await within(fresh.indexed, 30_000, 'fresh indexing');
      assert.deepEqual(await people(second), await people(fresh));
    } finally {
      await fresh.stop();
      // The cache updated after that start (written in the background, or at the latest on shutdown).
      await second.stop();
    }
    const third = await startServer(folder, { storagePath: store });
    try {
      await within(third.indexed, 30_000, 'third start');
      assert.ok(third.logs.some((l) => new RegExp(`index cache: ${names.length - 1} articles restored, 0 files to index`).test(l)), third.logs.join('\n'));
    } finally {
      await third.stop();
    }
  });

  it('an article open with its file\'s text is cached; one open with other text keeps the editor\'s over the cache', async () => {
    const { folder, store, names } = seedsCopy('corpus-lens-open-');
    const open = async (t: Session, name: string, body: string) => {
      const u = pathToFileURL(path.join(folder, name)).toString();
      await t.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'plaintext', version: 1, text: body } });
      return u;
    };
    // Opened as the scan starts, with the text on disk: its analysis goes into the cache.
    const first = await startServer(folder, { storagePath: store });
    try {
      await open(first, names[0], fs.readFileSync(path.join(folder, names[0]), 'utf8'));
      await within(first.indexed, 30_000, 'first indexing');
    } finally {
      await first.stop();
    }
    // Opened with an unsaved edit: the editor's text, not the cached file, is what is indexed.
    // The document is opened before the server hears back about its progress report, which it
    // asks for before the scan begins: so the warm start knows of it, however fast the scan goes.
    const added = 'التقى زيلينسكي بوتين.\n';
    const second = await startServer(folder, { storagePath: store }, undefined, { window: { workDoneProgress: true } });
    let opened: Promise<string> | undefined;
    second.connection.onRequest('window/workDoneProgress/create', async () => {
      opened = open(second, names[1], added + fs.readFileSync(path.join(folder, names[1]), 'utf8'));
      await opened;
      return null;
    });
    try {
      await within(second.indexed, 30_000, 'warm start');
      assert.ok(opened, 'the server asked for a progress report before scanning');
      const edited = await opened;
      assert.ok(second.logs.some((l) => new RegExp(`index cache: ${names.length - 1} articles restored, 1 files to index`).test(l)), second.logs.join('\n'));
      const h = await second.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: edited }, position: positionOf(added, 'التقى '.length + 2) });
      assert.match((h?.contents as { value: string } | undefined)?.value ?? 'no hover', /Volodymyr Zelensky/);
    } finally {
      await second.stop();
    }
  });

  it('hover figures written with the cache are taken on a warm start, and the card is the one before the restart', async () => {
    const { folder, store, names } = seedsCopy('corpus-lens-figures-');
    const opened = path.basename(file);
    const u = pathToFileURL(path.join(folder, opened)).toString();
    const card = async (t: Session) => {
      const h = await t.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, text.indexOf('لافروف', text.indexOf('قال لافروف'))) });
      return (h.contents as { value: string }).value;
    };
    const first = await startServer(folder, { storagePath: store });
    let before: string;
    try {
      await within(first.indexed, 30_000, 'first indexing');
      await first.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'plaintext', version: 1, text } });
      // The hover makes Lavrov keep his figures; a file deleted then makes the cache be written
      // again (on shutdown at the latest), now with them.
      await card(first);
      const gone = names.find((n) => n !== opened && fs.readFileSync(path.join(folder, n), 'utf8').includes('لافروف'))!;
      fs.unlinkSync(path.join(folder, gone));
      await first.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, gone)).toString(), type: 3 }] });
      before = await card(first);
      assert.match(before, /in 3 articles/);
    } finally {
      await first.stop();
    }
    const second = await startServer(folder, { storagePath: store });
    try {
      await within(second.indexed, 30_000, 'warm start');
      assert.ok(second.logs.some((l) => /index cache: hover figures of [1-9]\d* entities taken/.test(l)), second.logs.join('\n'));
      await second.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'plaintext', version: 1, text } });
      assert.equal(await card(second), before);
    } finally {
      await second.stop();
    }
  });

  it('a corrupt cache is discarded and the corpus indexed again', async () => {
    for (const f of fs.readdirSync(storagePath)) fs.writeFileSync(path.join(storagePath, f), 'not a cache');
    const s = await startServer(seeds, { storagePath });
    await within(s.indexed, 30_000, 'indexing after a corrupt cache');
    assert.ok(s.logs.some((l) => /index cache: unreadable .*discarded/.test(l)), s.logs.join('\n'));
    assert.equal((await within(s.indexed, 1000, 'status')).articles, 5);
    await s.stop();
  });
});

describe('a references list over the limit (corpusLens.references.maxResults)', function () {
  it('holds this article’s mentions and the newest ones up to the limit, and says how many there are', async () => {
    const s = await startServer(seeds, { maxReferences: 5 });
    try {
      await within(s.indexed, 30_000, 'indexing done');
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      const lavrov = positionOf(text, text.indexOf('لافروف', text.indexOf('قال لافروف')));
      const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri }, position: lavrov, context: { includeDeclaration: true } });
      assert.equal(refs.length, 5);
      // This article has three: they come first.
      assert.deepEqual(refs.slice(0, 3).map((r) => r.uri), [uri, uri, uri]);
      const told = await within(
        (async () => {
          while (!s.logs.some((l) => l.includes('is mentioned 13 times'))) await new Promise((r) => setTimeout(r, 20));
          return s.logs.find((l) => l.includes('is mentioned 13 times'))!;
        })(),
        5_000,
        'the message that the list is cut',
      );
      assert.match(told, /Sergey Lavrov\) is mentioned 13 times; the list holds the 5 in this article and the newest ones/);
      // Show All Mentions (from a tree, no current article): the newest articles' alone.
      const all = await s.connection.sendRequest(MentionsRequest, { id: 'person:sergey-lavrov' });
      assert.equal(all.length, 5);
      await within(
        (async () => {
          while (!s.logs.some((l) => l.includes('the list holds the 5 in the newest articles'))) await new Promise((r) => setTimeout(r, 20));
        })(),
        5_000,
        'the message that Show All Mentions is cut',
      );
    } finally {
      await s.stop();
    }
  });
});

describe('the stdio transport', function () {
  it('ends the server when the client closes its input: code 1 without a shutdown request', async () => {
    const s = await startServer(seeds);
    await within(s.indexed, 30_000, 'indexing done');
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.stdin!.end();
    assert.equal(await within(exited, 10_000, 'the server to exit'), 1);
    s.connection.dispose();
  });

  it('ends with code 0 when the input closes after a shutdown request', async () => {
    const s = await startServer(seeds);
    await within(s.indexed, 30_000, 'indexing done');
    await s.connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.stdin!.end();
    assert.equal(await within(exited, 10_000, 'the server to exit'), 0);
    s.connection.dispose();
  });
});
