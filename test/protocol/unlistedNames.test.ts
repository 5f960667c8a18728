/** Names no catalog holds, over LSP: the list to review, quick fixes, and the workspace catalog adopting or ignoring them. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction } from 'vscode-languageserver-types';
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
      assert.deepEqual(actions.map((a) => a.command?.command), ['corpusLens.adoptName', 'corpusLens.mergeName', 'corpusLens.ignoreName']);
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
