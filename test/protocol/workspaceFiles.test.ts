/** The corpus is exactly the workspace's files: one article per file whatever its URI spelling, folders added and removed at once. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { URI } from 'vscode-uri';
import type { Location } from 'vscode-languageserver-types';
import { EntitiesRequest, type EntityItem, type EntityKind } from '../../server/src/protocol';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const seedFiles = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
/** Names a browser, a user or an archive gives files: each spelt otherwise by VS Code and by Node. */
const ODD_NAMES = ['تقرير (1).txt', "rapport!'*+,.txt", 'a=b@c[1].txt', 'news #3.txt', '100% مقال.txt'];

/** Every entity's mention and article counts, by type. */
async function counts(s: Session): Promise<string[]> {
  const out: string[] = [];
  for (const type of ['person', 'organisation', 'place', 'topic'] as EntityKind[]) {
    const items: EntityItem[] = await s.connection.sendRequest(EntitiesRequest, { type, sort: 'name' });
    for (const e of items) out.push(`${e.id} ${e.mentions} ${e.articles}`);
  }
  return out;
}

function folderOf(files: readonly string[], names: readonly string[] = files): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-ws-'));
  files.forEach((f, i) => fs.copyFileSync(path.join(seeds, f), path.join(dir, names[i])));
  return dir;
}

const lavrov = (s: Session) => s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' }).then((items) => items.find((e) => e.id === 'person:sergey-lavrov'));

describe('one article per file, whatever the URI spelling', function () {
  let s: Session;
  let dir: string;
  before(async () => {
    dir = folderOf(seedFiles, ODD_NAMES);
    s = await startServer(dir);
    await within(s.indexed, 30_000, 'indexing');
  });
  after(async () => {
    await s?.stop();
  });

  /** VS Code's spelling of a file's URI, and Node's (which some other clients use). */
  const SPELLINGS = { 'VS Code': (f: string) => URI.file(f).toString(), Node: (f: string) => pathToFileURL(f).toString() };

  it('opening, editing and closing each file, its URI spelt as VS Code or as Node spells it, leaves every count as the scan made it', async () => {
    const before = await counts(s);
    assert.ok(before.some((l) => l.startsWith('person:sergey-lavrov ')), before.join('\n'));
    assert.ok(ODD_NAMES.filter((n) => SPELLINGS['VS Code'](n) !== SPELLINGS.Node(n)).length >= 3);
    for (const [client, spell] of Object.entries(SPELLINGS)) for (const name of ODD_NAMES) {
      const file = path.join(dir, name);
      const uri = spell(file);
      const text = fs.readFileSync(file, 'utf8');
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'corpus-article', version: 1, text } });
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '\n' }] });
      // A request about the document makes the server take in its text.
      await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(await counts(s), before, `${name} open (${client})`);
      await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(await counts(s), before, `${name} closed (${client})`);
    }
    assert.equal(s.statuses.at(-1)!.articles, ODD_NAMES.length);
  });

  it('references come back with the spelling the client uses for its open documents', async () => {
    const name = ODD_NAMES[0];
    const file = path.join(dir, name);
    const uri = SPELLINGS.Node(file);
    const text = fs.readFileSync(file, 'utf8');
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'corpus-article', version: 1, text } });
    const at = text.indexOf('لافروف');
    assert.ok(at >= 0);
    const refs: Location[] = await s.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: positionOf(text, at), context: { includeDeclaration: true } });
    const spellings = new Set(refs.map((r) => r.uri));
    assert.ok(spellings.has(uri), [...spellings].join('\n'));
    // Every file is named as this client last named it (the test before opened each in Node's spelling).
    const expected = new Set(ODD_NAMES.map((n) => SPELLINGS.Node(path.join(dir, n))));
    for (const u of spellings) assert.ok(expected.has(u), u);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});

describe('workspace folders added and removed while the server runs', function () {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-ws-storage-'));
  const first = folderOf(seedFiles.slice(0, 3));
  const second = folderOf(seedFiles.slice(3));
  let all: Session;
  let allCounts: string[];
  let firstCounts: string[];
  before(async () => {
    const only = await startServer(first);
    all = await startServer([first, second]);
    await within(Promise.all([only.indexed, all.indexed]), 30_000, 'indexing');
    firstCounts = await counts(only);
    allCounts = await counts(all);
    await only.stop();
    assert.notDeepEqual(firstCounts, allCounts);
  });
  after(async () => {
    await all?.stop();
  });

  it('a folder added is indexed, a folder removed is dropped, and a warm start agrees', async () => {
    const capabilities = { workspace: { workspaceFolders: true } };
    const s = await startServer(first, { storagePath: storage }, undefined, capabilities);
    await within(s.indexed, 30_000, 'indexing of the first folder');
    assert.deepEqual(await counts(s), firstCounts);
    const folder = (f: string) => ({ uri: URI.file(f).toString(), name: path.basename(f) });

    const added = s.statusWhen((st) => !st.indexing && st.articles === seedFiles.length);
    await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(second)], removed: [] } });
    await within(added, 30_000, 'the added folder to be indexed');
    assert.deepEqual(await counts(s), allCounts);

    const removed = s.statusWhen((st) => !st.indexing && st.articles === 3);
    await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(second)] } });
    await within(removed, 30_000, 'the removed folder to be dropped');
    assert.deepEqual(await counts(s), firstCounts);
    assert.ok(await lavrov(s));
    await s.stop();

    // The persisted index written on the way holds only the first folder's articles.
    const warm = await startServer(first, { storagePath: storage }, undefined, capabilities);
    await within(warm.indexed, 30_000, 'the warm start');
    assert.ok(warm.logs.some((l) => /index cache: \d+ articles restored/.test(l)), warm.logs.join('\n'));
    assert.deepEqual(await counts(warm), firstCounts);
    assert.equal(warm.statuses.at(-1)!.articles, 3);
    await warm.stop();
  });
});

describe('documents closed unsaved', function () {
  let s: Session;
  let dir: string;
  before(async () => {
    dir = folderOf(seedFiles.slice(0, 2));
    fs.mkdirSync(path.join(dir, '.corpus-lens'));
    fs.writeFileSync(path.join(dir, '.corpus-lens', 'catalog.json'), JSON.stringify({ entities: [{ id: 'person:zaid', type: 'person', ar: 'زيد الهاشمي', en: 'Zaid al-Hashimi' }] }));
    fs.writeFileSync(path.join(dir, 'note.txt'), 'قال الباحث زيدون القرطبي إن المخطوطة نادرة.\n');
    s = await startServer(dir);
    await within(s.indexed, 30_000, 'indexing');
  });
  after(async () => {
    await s?.stop();
  });
  const people = async () => (await s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' })).map((e) => e.id);

  it('a catalog edited and closed without saving: the file on disk serves again', async () => {
    const uri = URI.file(path.join(dir, '.corpus-lens', 'catalog.json')).toString();
    const edited = JSON.stringify({ entities: [{ id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي', en: 'Zaydun al-Qurtubi' }] });
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: edited } });
    await within(poll(async () => ((await people()).includes('person:zaydun') ? true : undefined)), 10_000, 'the edited catalog in use');
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(poll(async () => (!(await people()).includes('person:zaydun') ? true : undefined)), 10_000, 'the saved catalog in use again');
  });

  it('a new document never saved leaves the count when it is closed', async () => {
    // The catalog edited before sets off a scan of its own (the index is emptied, then filled
    // again): the folder's three articles, once it is done, are the count to start from.
    const before = 3;
    const last = s.statuses.at(-1)!;
    if (last.indexing || last.articles !== before) await within(s.statusWhen((st) => !st.indexing && st.articles === before), 30_000, 'the scan to end');
    const uri = URI.file(path.join(dir, 'unsaved.txt')).toString();
    // Each status awaited is asked for before what makes the server send it.
    const counted = s.statusWhen((st) => st.articles === before + 1);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'corpus-article', version: 1, text: 'قال وزير الخارجية الروسي سيرغي لافروف إن الحوار مستمر.\n' } });
    await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await within(counted, 10_000, 'the new document counted').catch((e: Error) => {
      throw new Error(`${e.message.split('\n')[0]}; statuses: ${JSON.stringify(s.statuses.slice(-4).map((x) => [x.articles, x.indexing]))}`);
    });
    const dropped = s.statusWhen((st) => st.articles === before);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(dropped, 10_000, 'the count without it');
  });
});

/** Resolves with the first value `f` gives that is not undefined, asking again every 50 ms. */
async function poll<T>(f: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('what is an article', function () {
  const english = 'Notes for the Sudan folder\nCheck the RSF figures against OCHA before quoting Sergey Lavrov.\n';
  let dir: string;
  before(() => {
    dir = folderOf(seedFiles.slice(0, 2));
    fs.writeFileSync(path.join(dir, 'README.txt'), english);
    fs.writeFileSync(path.join(dir, 'notes.txt'), english);
  });
  const articles = async (options: Record<string, unknown>) => {
    const s = await startServer(dir, options);
    try {
      await within(s.indexed, 30_000, 'indexing');
      return { count: s.statuses.at(-1)!.articles, skipped: s.statuses.at(-1)!.skipped.length, logs: s.logs };
    } finally {
      await s.stop();
    }
  };

  it('files in Latin script (a README, English notes) are not articles, and not reported as skipped', async () => {
    const r = await articles({});
    assert.equal(r.count, 2);
    assert.equal(r.skipped, 0);
    assert.ok(!r.logs.some((l) => /skipped/.test(l) && /README/.test(l)), r.logs.join('\n'));
  });

  it('unless the include globs name the file itself, or the settings take Latin-script articles', async () => {
    assert.equal((await articles({ include: ['**/*.txt', 'README.txt'] })).count, 3);
    assert.equal((await articles({ articleScripts: ['arabic', 'latin'] })).count, 4);
  });

  it('in an English note taken as an article, a Latin name links: «Sergey Lavrov» is one of his mentions', async () => {
    const s = await startServer(dir, { articleScripts: ['arabic', 'latin'] });
    try {
      await within(s.indexed, 30_000, 'indexing');
      const note = pathToFileURL(path.join(dir, 'notes.txt')).toString();
      const at = positionOf(english, english.indexOf('Lavrov'));
      const h = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: note }, position: at });
      assert.match(h.contents.value, /سيرغي لافروف\*\* · Sergey Lavrov/);
      const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: note }, position: at, context: { includeDeclaration: true } });
      const inNote = refs.filter((r) => r.uri === note).map((r) => r.range);
      assert.deepEqual(inNote, [{ start: positionOf(english, english.indexOf('Sergey')), end: positionOf(english, english.indexOf('Lavrov') + 'Lavrov'.length) }]);
      // And his Arabic mentions in the seed articles.
      assert.ok(refs.some((r) => r.uri !== note), JSON.stringify(refs.map((r) => r.uri)));
    } finally {
      await s.stop();
    }
  });
});

describe('each workspace folder with its own globs', function () {
  it('a folder whose settings include only its articles/ folder indexes only those; the other folder keeps the general globs', async () => {
    const a = folderOf(seedFiles.slice(0, 2));
    const b = folderOf([]);
    fs.mkdirSync(path.join(b, 'articles'));
    fs.mkdirSync(path.join(b, 'drafts'));
    fs.copyFileSync(path.join(seeds, seedFiles[2]), path.join(b, 'articles', seedFiles[2]));
    fs.copyFileSync(path.join(seeds, seedFiles[3]), path.join(b, 'drafts', seedFiles[3]));
    const s = await startServer([a, b], { folders: [{ uri: URI.file(b).toString(), include: ['articles/**/*.txt'] }] });
    try {
      await within(s.indexed, 30_000, 'indexing');
      assert.equal(s.statuses.at(-1)!.articles, 3);
    } finally {
      await s.stop();
    }
  });
});

describe('the workspace catalogs of several folders', function () {
  it('each folder’s catalog is read; for one id, the first folder’s entry wins', async () => {
    const catalog = (dir: string, entities: object[]) => {
      fs.mkdirSync(path.join(dir, '.corpus-lens'));
      fs.writeFileSync(path.join(dir, '.corpus-lens', 'catalog.json'), JSON.stringify({ entities }));
    };
    const a = folderOf(seedFiles.slice(0, 1));
    const b = folderOf(seedFiles.slice(1, 2));
    fs.writeFileSync(path.join(b, 'note.txt'), 'قال الباحث زيدون القرطبي إن سليم الورّاق وافقه الرأي.\n');
    catalog(a, [{ id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي', en: 'Zaydun (first folder)' }]);
    catalog(b, [
      { id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي', en: 'Zaydun (second folder)' },
      { id: 'person:salim', type: 'person', ar: 'سليم الوراق', en: 'Salim al-Warraq' },
    ]);
    const s = await startServer([a, b]);
    try {
      await within(s.indexed, 30_000, 'indexing');
      const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' });
      assert.equal(people.find((e) => e.id === 'person:zaydun')?.en, 'Zaydun (first folder)');
      assert.ok(people.some((e) => e.id === 'person:salim'), people.map((e) => e.id).join(', '));
    } finally {
      await s.stop();
    }
  });
});
