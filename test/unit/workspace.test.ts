/** The workspace over files held in memory: warm start, the open document winning, relinking, files changed during a scan. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { hover } from '../../server/src/core/features/hover';
import { CorpusWorkspace } from '../../server/src/workspace/corpusWorkspace';
import { fileUri } from '../../server/src/workspace/fileUris';
import { IndexCache } from '../../server/src/workspace/indexCache';
import { MemoryFileSystem } from './memoryFileSystem';

const ROOT = path.resolve('/corpus');
const file = (name: string) => path.join(ROOT, name);
const uri = (name: string) => fileUri(file(name));

/** A workspace catalog of two made-up people. */
const CATALOG = JSON.stringify({
  entities: [
    { id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي', en: 'Zaydun al-Qurtubi' },
    { id: 'person:rabab', type: 'person', ar: 'رباب الحكيمي', en: 'Rabab al-Hakimi' },
  ],
});

const saying = (n: number, who: string) => `خبر رقم ${n}\nقال ${who} إن الحوار بين البلدين مهم.\n`;

/** A corpus of `n` articles naming Zaydun, and the workspace catalog. */
function corpus(n: number): MemoryFileSystem {
  const files = new MemoryFileSystem();
  files.write(file('.corpus-lens/catalog.json'), CATALOG, true);
  for (let i = 0; i < n; i++) files.write(file(`a-${i}.txt`), saying(i, 'زيدون القرطبي'), true);
  return files;
}

/** A workspace over `files`, configured with the default settings; `cache`: a persisted index; `shipped`: the catalog that ships (none by default). */
function workspace(files: MemoryFileSystem, cache?: IndexCache, shipped: CatalogEntry[] = []): { ws: CorpusWorkspace; logs: string[] } {
  const logs: string[] = [];
  const host = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), catalogProblems: () => undefined, statusChanged: () => undefined };
  const ws = new CorpusWorkspace([ROOT], host, { files, cache, shipped });
  ws.configure({});
  return { ws, logs };
}

/** Starts as the server does: the catalogs, then the scan. */
async function start(ws: CorpusWorkspace): Promise<CorpusWorkspace> {
  await ws.loadCatalog();
  await ws.scan();
  return ws;
}

/** Mentions and articles of a person, as the entity views list them. */
function counts(ws: CorpusWorkspace, id: string): [number, number] {
  const s = ws.current().figures.summary(id);
  return [s?.mentions ?? 0, s?.articles ?? 0];
}

/** The hover card over the first occurrence of `word` in a document, as the server answers it. */
async function card(ws: CorpusWorkspace, name: string, word: string): Promise<string> {
  const d = await ws.document(uri(name));
  assert.ok(d, `${name} is an article`);
  const h = hover(d.index, d.uri, d.text.indexOf(word) + 1, d.text, { markdown: false, commands: false });
  return (h?.contents as { value: string } | undefined)?.value ?? 'no hover';
}

/** Resolves once `test` holds, asking every 20 ms, or rejects after `ms`. */
async function until(what: string, test: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !test(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

describe('workspace over files in memory', function () {
  let store: string;
  let cache: IndexCache;
  beforeEach(() => {
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-ws-cache-'));
    cache = IndexCache.forWorkspace(store, [ROOT]);
  });
  afterEach(() => fs.rmSync(store, { recursive: true, force: true }));

  describe('warm start', () => {
    it('restores the unchanged files without reading them, reads a touched one to compare, indexes a changed one again and drops a deleted one', async () => {
      const files = corpus(6);
      const first = await start(workspace(files, cache).ws);
      await first.flush();
      assert.deepEqual(counts(first, 'person:zaydun'), [6, 6]);
      files.touch(file('a-0.txt'));
      // The same size in bytes, another person.
      const changed = saying(1, 'رباب الحكيمي  ');
      assert.equal(Buffer.byteLength(changed), Buffer.byteLength(saying(1, 'زيدون القرطبي')));
      files.write(file('a-1.txt'), changed, true);
      files.touch(file('a-1.txt'));
      files.delete(file('a-2.txt'), true);
      files.reads.length = 0;

      const warm = await start(workspace(files, cache).ws);
      const articlesRead = files.reads.filter((f) => f.endsWith('.txt'));
      assert.deepEqual([...new Set(articlesRead)].sort(), [file('a-0.txt'), file('a-1.txt')]);
      assert.deepEqual(counts(warm, 'person:zaydun'), [4, 4]);
      assert.deepEqual(counts(warm, 'person:rabab'), [1, 1]);
      assert.equal(warm.index.article(uri('a-2.txt')), undefined);
      const fresh = await start(workspace(files).ws);
      assert.equal(warm.index.articleCount, fresh.index.articleCount);
      assert.equal(await card(warm, 'a-1.txt', 'رباب'), await card(fresh, 'a-1.txt', 'رباب'));
      await warm.flush();
    });

    it('a cache written under another catalog is not restored: the articles are analysed under the new one', async () => {
      const files = corpus(0);
      for (let i = 0; i < 3; i++) files.write(file(`b-${i}.txt`), saying(i, 'زيدون القرطبي ورباب الحكيمي'), true);
      files.write(file('.corpus-lens/catalog.json'), JSON.stringify({ entities: [{ id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي' }] }), true);
      const first = await start(workspace(files, cache).ws);
      await first.flush();
      assert.deepEqual(counts(first, 'person:rabab'), [0, 0]);
      files.write(file('.corpus-lens/catalog.json'), CATALOG, true);
      files.reads.length = 0;
      const warm = await start(workspace(files, cache).ws);
      assert.equal(files.reads.filter((f) => f.endsWith('.txt')).length, 3);
      assert.deepEqual(counts(warm, 'person:rabab'), [3, 3]);
      await warm.flush();
    });
  });

  describe('the catalog', () => {
    it('leaves out the parts of the shipped catalog the settings name, and is made again when they change', async () => {
      // No workspace catalog: the shipped one alone.
      const files = new MemoryFileSystem();
      const shipped: CatalogEntry[] = [
        { id: 'person:nadir', type: 'person', ar: 'نادر الصباغ' },
        { id: 'person:zaydun', type: 'person', ar: 'زيدون القرطبي' },
      ];
      files.write(file('a.txt'), saying(0, 'زيدون القرطبي'), true);
      files.write(file('b.txt'), saying(1, 'نادر الصباغ'), true);
      const { ws } = workspace(files, undefined, shipped);
      ws.configure({ leaveOut: ['person:nadir'] });
      await start(ws);
      assert.deepEqual(counts(ws, 'person:nadir'), [0, 0]);
      assert.deepEqual(counts(ws, 'person:zaydun'), [1, 1]);
      // As a change of the settings comes: configured, the catalogs loaded, a scan.
      ws.configure({});
      await start(ws);
      assert.deepEqual(counts(ws, 'person:nadir'), [1, 1]);
      assert.deepEqual(counts(ws, 'person:zaydun'), [1, 1]);
    });
  });

  describe('the open document wins over its file', () => {
    const edited = 'خبر معدل\nقالت رباب الحكيمي إن الحوار مهم.\n';

    it('a scan indexes the editor’s text of an open document, and its file’s again once it is closed', async () => {
      const files = corpus(3);
      const { ws } = workspace(files);
      ws.documentChanged(uri('a-1.txt'), edited);
      await start(ws);
      assert.deepEqual(counts(ws, 'person:zaydun'), [2, 2]);
      assert.deepEqual(counts(ws, 'person:rabab'), [1, 1]);
      assert.match(await card(ws, 'a-1.txt', 'رباب'), /Rabab al-Hakimi/);
      await ws.documentClosed(uri('a-1.txt'));
      assert.deepEqual(counts(ws, 'person:zaydun'), [3, 3]);
      assert.deepEqual(counts(ws, 'person:rabab'), [0, 0]);
    });

    it('a warm start does not restore the cached file over an open document with other text', async () => {
      const files = corpus(3);
      await (await start(workspace(files, cache).ws)).flush();
      const { ws } = workspace(files, cache);
      ws.documentChanged(uri('a-1.txt'), edited);
      await start(ws);
      assert.deepEqual(counts(ws, 'person:rabab'), [1, 1]);
      assert.deepEqual(counts(ws, 'person:zaydun'), [2, 2]);
      assert.match(await card(ws, 'a-1.txt', 'رباب'), /Rabab al-Hakimi/);
      await ws.flush();
    });

    it('an article open with its file’s text goes into the cache; one with other text does not', async () => {
      const files = corpus(3);
      const { ws: first } = workspace(files, cache);
      first.documentChanged(uri('a-0.txt'), saying(0, 'زيدون القرطبي'));
      first.documentChanged(uri('a-1.txt'), edited);
      await start(first);
      await first.flush();
      files.reads.length = 0;
      const warm = await start(workspace(files, cache).ws);
      // a-1's article came from the editor: its file is read, a-0's is not.
      assert.deepEqual(files.reads.filter((f) => f.endsWith('.txt')), [file('a-1.txt')]);
      assert.deepEqual(counts(warm, 'person:zaydun'), [3, 3]);
      await warm.flush();
    });
  });

  describe('relinking people discovered later', () => {
    const intro = 'زيارة إلى بكين\nوقال وزير الخارجية البرتغالي جواو كرافينيو إن الزيارة مهمة.\n';
    const joao = (ws: CorpusWorkspace) => ws.current().figures.summaries('person').find((s) => s.entity.ar === 'جواو كرافينيو');

    it('links a person in the articles a scan analysed before the one that introduces them', async () => {
      const files = corpus(0);
      for (let i = 0; i < 10; i++) files.write(file(`n-${i}.txt`), saying(i, 'جواو كرافينيو'), true);
      files.write(file('z-intro.txt'), intro, true);
      const ws = await start(workspace(files).ws);
      assert.equal(joao(ws)?.entity.discovered, true);
      assert.deepEqual([joao(ws)?.mentions, joao(ws)?.articles], [11, 11]);
    });

    it('links a person in the other articles after an edit introduces them', async () => {
      const files = corpus(0);
      files.write(file('a.txt'), saying(1, 'جواو كرافينيو'), true);
      files.write(file('b.txt'), 'زيارة إلى بكين\nالزيارة مهمة.\n', true);
      const ws = await start(workspace(files).ws);
      assert.equal(joao(ws), undefined);
      ws.documentChanged(uri('b.txt'), intro);
      ws.current(uri('b.txt'));
      assert.equal(joao(ws)?.articles, 1);
      await until('the article indexed before the edit to name him too', () => joao(ws)?.articles === 2);
    });
  });

  describe('files changed while a scan runs', () => {
    it('indexes a file rewritten after the scan read it as it is now, and not one deleted meanwhile', async () => {
      const files = corpus(8);
      const rewritten = 'خبر معدل\nقالت رباب الحكيمي إن الحوار مهم.\n';
      files.whileReading = (f) => {
        if (f === file('a-4.txt') && files.reads.filter((r) => r === f).length === 1) files.write(f, rewritten);
        if (f === file('a-5.txt')) files.delete(f);
      };
      const ws = await start(workspace(files).ws);
      assert.deepEqual(counts(ws, 'person:rabab'), [1, 1]);
      assert.deepEqual(counts(ws, 'person:zaydun'), [6, 6]);
      assert.equal(ws.index.article(uri('a-5.txt')), undefined);
    });

    it('indexes what the watcher reports after the scan: a file created, changed, deleted', async () => {
      const files = corpus(2);
      const ws = await start(workspace(files).ws);
      files.write(file('new.txt'), saying(9, 'رباب الحكيمي'));
      await until('the new file indexed', () => counts(ws, 'person:rabab')[1] === 1);
      files.write(file('a-0.txt'), saying(0, 'رباب الحكيمي'));
      await until('the changed file indexed again', () => counts(ws, 'person:rabab')[1] === 2);
      files.delete(file('a-1.txt'));
      await until('the deleted file dropped', () => counts(ws, 'person:zaydun')[1] === 0);
      assert.equal(ws.index.articleCount, 2);
    });
  });
});
