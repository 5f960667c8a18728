/** Names no catalog holds, over LSP: the list to review, quick fixes, and the workspace catalog adopting or ignoring them. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseCatalog } from '../../server/src/core/catalog/catalog';
import { positionOf } from '../fixtures';
import { EntitiesRequest, UnlistedNamesRequest } from '../../server/src/protocol';
import { startServer, within } from './lspClient';

describe('names to review over LSP', function () {
  this.timeout(60_000);
  it('lists discovered names, offers quick fixes on them, and follows the workspace catalog adopting one and ignoring another', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-unlisted-'));
    const text = 'الميناء يفتح\nقال وزير النقل الموريتاني سيدي ولد الطالب إن الميناء سيفتح، وأكد المتحدث باسم هيئة الموانئ الساحلية كمال بوزيدي أن السفن وصلت.';
    fs.writeFileSync(path.join(dir, 'a.txt'), text);
    fs.mkdirSync(path.join(dir, '.corpus-lens'));
    const catalog = path.join(dir, '.corpus-lens', 'catalog.json');
    fs.writeFileSync(catalog, '{ "entities": [] }\n');
    const s = await startServer(dir);
    try {
      await within(s.indexed, 30_000, 'indexing');
      const uri = pathToFileURL(path.join(dir, 'a.txt')).toString();
      const names = async () => (await s.connection.sendRequest(UnlistedNamesRequest, {})).map((n) => n.ar);
      assert.deepEqual((await names()).sort(), ['سيدي ولد الطالب', 'كمال بوزيدي', 'هيئة الموانئ الساحلية'].sort());

      const at = text.indexOf('كمال');
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - (text.lastIndexOf('\n', at) + 1);
      const actions: CodeAction[] = await s.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: character + 1 }, end: { line, character: character + 1 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions.map((a) => a.command?.command), ['corpusLens.catalog.adoptName', 'corpusLens.catalog.mergeName', 'corpusLens.catalog.ignoreName']);
      assert.equal(actions[0].command?.arguments?.[0], 'discovered:كمال-بوزيدي');

      // The catalog adopts one name and ignores another, as the client's commands write it.
      fs.writeFileSync(catalog, JSON.stringify({ entities: [{ id: 'person:kamal-bouzidi', type: 'person', ar: 'كمال بوزيدي', en: 'Kamal Bouzidi' }], ignore: ['سيدي ولد الطالب'] }, null, 2));
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(catalog).toString(), type: 2 }] });
      const end = Date.now() + 20_000;
      while (JSON.stringify(await names()) !== JSON.stringify(['هيئة الموانئ الساحلية'])) {
        if (Date.now() > end) throw new Error(`names left: ${(await names()).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person' });
      const kamal = people.find((p) => p.ar === 'كمال بوزيدي');
      assert.ok(kamal && !kamal.discovered && kamal.en === 'Kamal Bouzidi', JSON.stringify(people));
      assert.ok(!people.some((p) => p.ar === 'سيدي ولد الطالب'));
    } finally {
      await s.stop();
    }
  });
});

describe('the catalog commands over LSP (workspace/executeCommand)', function () {
  this.timeout(60_000);
  const text = 'الميناء يفتح\nقال وزير النقل الموريتاني سيدي ولد الطالب إن الميناء سيفتح، وأكد المتحدث باسم هيئة الموانئ الساحلية كمال بوزيدي أن السفن وصلت.';

  /**
   * A client that applies the server's workspace edits to its buffers and saves nothing, as an
   * editor does until the user saves; `capabilities`: what its workspace edits may hold.
   */
  async function session(workspaceEdit: Record<string, unknown>, choose?: (message: string, titles: string[]) => string | null) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-commands-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), text);
    const s = await startServer(dir, {}, undefined, { workspace: { applyEdit: true, workspaceEdit } });
    const buffers = new Map<string, string>();
    const edits: WorkspaceEdit[] = [];
    s.connection.onRequest('workspace/applyEdit', (p: { label?: string; edit: WorkspaceEdit }) => {
      edits.push(p.edit);
      const apply = (uri: string, e: TextEdit[]) => buffers.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, buffers.get(uri) ?? (fs.existsSync(fileURLToPath(uri)) ? fs.readFileSync(fileURLToPath(uri), 'utf8') : '')), e));
      for (const c of p.edit.documentChanges ?? []) {
        if ('kind' in c) {
          if (c.kind === 'create') buffers.set(c.uri, buffers.get(c.uri) ?? '');
        } else apply(c.textDocument.uri, c.edits);
      }
      for (const [uri, e] of Object.entries(p.edit.changes ?? {})) apply(uri, e);
      return { applied: true };
    });
    s.connection.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
      const title = choose?.(p.message, (p.actions ?? []).map((a) => a.title)) ?? null;
      return title === null ? null : { title };
    });
    await within(s.indexed, 30_000, 'indexing');
    const uri = pathToFileURL(path.join(dir, 'a.txt')).toString();
    const catalogUri = pathToFileURL(path.join(dir, '.corpus-lens', 'catalog.json')).toString();
    /** The quick fixes on the name at the first occurrence of `word`. */
    const fixes = async (word: string): Promise<CodeAction[]> => {
      const at = positionOf(text, text.indexOf(word) + 1);
      return s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    };
    const run = (command: { command: string; arguments?: unknown[] }) => s.connection.sendRequest('workspace/executeCommand', { command: command.command, arguments: command.arguments });
    const names = async () => (await s.connection.sendRequest(UnlistedNamesRequest, {})).map((n) => n.ar).sort();
    /** The names to review once the corpus is indexed again under the catalog as edited. */
    const namesBecome = async (want: string[]) => {
      const end = Date.now() + 20_000;
      while (JSON.stringify(await names()) !== JSON.stringify([...want].sort())) {
        if (Date.now() > end) throw new Error(`names: ${(await names()).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    return { s, dir, buffers, edits, fixes, run, names, namesBecome, catalogUri };
  }

  it('adopts, ignores and merges a name and adds an alias from the quick fixes, through edits the client applies; the names link at once, unsaved', async () => {
    let asked: string[] = [];
    const c = await session({ documentChanges: true, resourceOperations: ['create'] }, (_message, titles) => {
      asked = titles;
      return titles[0] ?? null;
    });
    try {
      assert.deepEqual(await c.names(), ['سيدي ولد الطالب', 'كمال بوزيدي', 'هيئة الموانئ الساحلية'].sort());
      const catalog = () => {
        const t = c.buffers.get(c.catalogUri) ?? '';
        assert.deepEqual(parseCatalog(t).problems, []);
        return { file: JSON.parse(t) as { entities: { id: string; en?: string; aliases?: string[] }[]; ignore?: string[] } };
      };

      // Adopted from its quick fix: the catalog is created, then written.
      const adopt = (await c.fixes('كمال'))[0];
      assert.equal(adopt.command?.command, 'corpusLens.catalog.adoptName');
      assert.equal(await c.run(adopt.command!), 'person:kamal-buzidi');
      const created = c.edits[0].documentChanges!;
      assert.deepEqual(created[0], { kind: 'create', uri: c.catalogUri, options: { ignoreIfExists: true } });
      assert.deepEqual(catalog().file.entities, [{ id: 'person:kamal-buzidi', type: 'person', ar: 'كمال بوزيدي', description: 'المتحدث باسم هيئة الموانئ الساحلية' }]);
      assert.ok(!fs.existsSync(fileURLToPath(c.catalogUri)), 'the client saved nothing');
      await c.namesBecome(['سيدي ولد الطالب', 'هيئة الموانئ الساحلية']);
      const people = await c.s.connection.sendRequest(EntitiesRequest, { type: 'person' });
      assert.ok(people.some((p) => p.id === 'person:kamal-buzidi' && !p.discovered && p.mentions === 1), JSON.stringify(people));

      // Ignored: the edit goes into the unsaved buffer, after the first.
      const ignore = (await c.fixes('سيدي'))[2];
      assert.equal(ignore.command?.command, 'corpusLens.catalog.ignoreName');
      assert.equal(await c.run(ignore.command!), true);
      assert.deepEqual(catalog().file.ignore, ['سيدي ولد الطالب']);
      assert.deepEqual(catalog().file.entities.map((e) => e.id), ['person:kamal-buzidi']);
      await c.namesBecome(['هيئة الموانئ الساحلية']);

      // Merged: the server asks which entity, among those the name may be another spelling of.
      const merge = (await c.fixes('هيئة'))[1];
      assert.equal(merge.command?.command, 'corpusLens.catalog.mergeName');
      assert.equal(await c.run(merge.command!), true);
      // Organisations first (the name's type), the one chosen copied in with the alias.
      const chosen = /· (org:\S+)$/.exec(asked[0])?.[1];
      assert.ok(chosen, asked.join('\n'));
      const target = catalog().file.entities.find((e) => e.id === chosen);
      assert.ok(target?.aliases?.includes('هيئة الموانئ الساحلية') && target.en, JSON.stringify(target));
      await c.namesBecome([]);

      // An alias added to a catalog entity; a command with bad arguments is refused.
      assert.equal(await c.run({ command: 'corpusLens.catalog.addAlias', arguments: ['person:kamal-buzidi', 'ك. بوزيدي'] }), true);
      assert.deepEqual(catalog().file.entities.find((e) => e.id === 'person:kamal-buzidi')?.aliases, ['ك. بوزيدي']);
      await assert.rejects(c.run({ command: 'corpusLens.catalog.adoptName', arguments: ['person:kamal-buzidi'] }), /no discovered name/);
      await assert.rejects(c.run({ command: 'corpusLens.catalog.addAlias', arguments: ['person:kamal-buzidi'] }), /alias/);

      // Saved: the file the server is told of is the catalog it has, and it stays.
      fs.mkdirSync(path.join(c.dir, '.corpus-lens'));
      fs.writeFileSync(fileURLToPath(c.catalogUri), c.buffers.get(c.catalogUri)!);
      await c.s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.catalogUri, type: 1 }] });
      assert.deepEqual(await c.names(), []);
      assert.ok((await c.s.connection.sendRequest(EntitiesRequest, { type: 'person' })).some((p) => p.id === 'person:kamal-buzidi'));
    } finally {
      await c.s.stop();
    }
  });

  it('edits an existing catalog through `changes` for a client whose workspace edits hold no document changes', async () => {
    const c = await session({});
    try {
      fs.mkdirSync(path.join(c.dir, '.corpus-lens'));
      const file = fileURLToPath(c.catalogUri);
      fs.writeFileSync(file, '{\n  // كتبه المستخدم\n  "entities": []\n}\n');
      await c.s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.catalogUri, type: 1 }] });
      // The catalog read, the corpus is indexed again.
      const end = Date.now() + 20_000;
      let found: CodeAction[] = [];
      while ((found = await c.fixes('سيدي')).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      const ignore = found[2];
      assert.equal(await c.run(ignore.command!), true);
      assert.deepEqual(Object.keys(c.edits[0]), ['changes']);
      assert.match(c.buffers.get(c.catalogUri)!, /^\{\n {2}\/\/ كتبه المستخدم\n {2}"entities": \[\],\n {2}"ignore": \[\n {4}"سيدي ولد الطالب"\n {2}\]\n\}\n$/);
      await c.namesBecome(['كمال بوزيدي', 'هيئة الموانئ الساحلية']);
    } finally {
      await c.s.stop();
    }
  });
});

describe('leaving parts of the shipped catalog out (corpusLens.catalog.leaveOut)', function () {
  this.timeout(60_000);
  it('takes the left-out entities out of every answer, and puts them back when the setting changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-leave-out-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'مباراة\nقال سيرغي لافروف في موسكو إن الاتحاد الدولي لكرة القدم فيفا سيجتمع.');
    const s = await startServer(dir, { leaveOut: ['sports', 'place'] });
    try {
      await within(s.indexed, 30_000, 'indexing');
      const ids = async (type: 'person' | 'organisation' | 'place') => (await s.connection.sendRequest(EntitiesRequest, { type })).map((e) => e.id);
      assert.deepEqual(await ids('person'), ['person:sergey-lavrov']);
      assert.deepEqual(await ids('place'), []);
      assert.ok(!(await ids('organisation')).includes('org:fifa'));
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { corpusLens: { leaveOut: [] } } });
      const end = Date.now() + 20_000;
      while (!(await ids('place')).includes('place:moscow')) {
        if (Date.now() > end) throw new Error(`places: ${(await ids('place')).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok((await ids('organisation')).includes('org:fifa'));
    } finally {
      await s.stop();
    }
  });
});
