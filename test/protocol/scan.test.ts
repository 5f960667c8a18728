/** The initial scan of a large folder runs on worker threads and must index exactly what a small scan does. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Location } from 'vscode-languageserver-types';
import type { Hover } from 'vscode-languageserver-types';
import { EntitiesRequest, SearchRequest, type EntityItem, type EntityKind } from '../../server/src/protocol';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const seedFiles = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
const COPIES = 20;

/** `copies` copies of every seed (some re-encoded as Windows-1256), and one binary file. */
function archive(copies = COPIES): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-scan-'));
  for (let c = 0; c < copies; c++) {
    fs.mkdirSync(path.join(dir, `copy-${c}`));
    for (const f of seedFiles) {
      const text = fs.readFileSync(path.join(seeds, f), 'utf8');
      fs.writeFileSync(path.join(dir, `copy-${c}`, f), c % 5 === 4 ? iconv.encode(text, 'windows-1256') : text);
    }
  }
  fs.writeFileSync(path.join(dir, 'copy-0', 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  return dir;
}

/** Both sessions list the same people and places, with the same counts. */
async function sameEntities(a: Session, b: Session): Promise<void> {
  for (const type of ['person', 'place'] as EntityKind[]) {
    const key = (items: EntityItem[]) => items.map((e) => `${e.id} ${e.mentions} ${e.articles}`);
    const got = await a.connection.sendRequest(EntitiesRequest, { type, sort: 'name' });
    const want = await b.connection.sendRequest(EntitiesRequest, { type, sort: 'name' });
    assert.deepEqual(key(got), key(want), type);
  }
}

describe('initial scan on worker threads', function () {
  let small: Session;
  let large: Session;
  let dir: string;
  before(async () => {
    dir = archive();
    [small, large] = await Promise.all([startServer(seeds), startServer(dir)]);
    await within(small.indexed, 30_000, 'indexing of the seeds');
    await within(large.indexed, 60_000, 'indexing of the copies');
  });
  after(async () => {
    await small?.stop();
    await large?.stop();
  });

  it('runs on a worker thread when the folder is large, on one while it has fewer than some thousands of files', () => {
    assert.ok(large.logs.some((l) => /indexing \d+ files on 1 worker thread$/.test(l)), large.logs.join('\n'));
    assert.ok(!small.logs.some((l) => /worker thread/.test(l)));
  });

  it('counts every entity exactly COPIES times over', async () => {
    for (const type of ['person', 'organisation', 'place', 'topic'] as EntityKind[]) {
      const a = await small.connection.sendRequest(EntitiesRequest, { type, sort: 'name' });
      const b = await large.connection.sendRequest(EntitiesRequest, { type, sort: 'name' });
      const key = (items: EntityItem[], k: number) => items.map((e) => `${e.id} ${e.mentions * k} ${e.articles * k}`);
      assert.ok(a.length > 0, type);
      assert.deepEqual(key(b, 1), key(a, COPIES), type);
    }
  });

  it('finds mentions at the same ranges in every copy, whatever its encoding', async () => {
    const f = seedFiles[0];
    const text = fs.readFileSync(path.join(seeds, f), 'utf8');
    const at = positionOf(text, text.indexOf('لافروف', text.indexOf('قال لافروف')));
    const ask = (s: Session, file: string) => s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: pathToFileURL(file).toString() }, position: at, context: { includeDeclaration: true } });
    const own = (await ask(small, path.join(seeds, f))).filter((r) => r.uri.endsWith(f)).map((r) => r.range);
    const refs = await ask(large, path.join(dir, 'copy-4', f));
    assert.ok(own.length > 0);
    for (let c = 0; c < COPIES; c++) {
      const uri = pathToFileURL(path.join(dir, `copy-${c}`, f)).toString();
      assert.deepEqual(refs.filter((r) => r.uri === uri).map((r) => r.range), own, `copy-${c}`);
    }
  });

  it('skips the binary file among them, naming it', () => {
    assert.equal(large.logs.filter((l) => /^skipped .*photo\.txt: binary/.test(l)).length, 1, large.logs.join('\n'));
  });
});

describe('files changed while the scan runs', function () {
  let s: Session;
  let dir: string;
  const NEW = 'خبر معدل\nقال فلاديمير بوتين إن روسيا مستعدة.';
  before(async () => {
    dir = archive();
    fs.writeFileSync(path.join(dir, 'target.txt'), 'خبر قديم\nقال سيرغي لافروف إن الحوار مهم. وأضاف لافروف أن الوضع مستقر.');
    fs.writeFileSync(path.join(dir, 'victim.txt'), 'خبر سيحذف\nقال سيرغي لافروف إن الحوار مهم.');
    s = await startServer(dir);
    // Rewritten and deleted right after the server starts: the scan has read, or will read, the old files.
    fs.writeFileSync(path.join(dir, 'target.txt'), NEW);
    fs.unlinkSync(path.join(dir, 'victim.txt'));
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(path.join(dir, 'target.txt')).toString(), type: 2 },
        { uri: pathToFileURL(path.join(dir, 'victim.txt')).toString(), type: 3 },
      ],
    });
    await within(s.indexed, 60_000, 'indexing');
  });
  after(async () => s?.stop());

  it('indexes the rewritten file as it is now, and not the deleted one', async () => {
    const uri = pathToFileURL(path.join(dir, 'target.txt')).toString();
    const h = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(NEW, NEW.indexOf('بوتين') + 1) });
    assert.match((h!.contents as { value: string }).value, /Vladimir Putin/);
    const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' });
    const lavrov = people.find((e) => e.id === 'person:sergey-lavrov')!;
    const putin = people.find((e) => e.id === 'person:vladimir-putin')!;
    const seedOnly = await startServer(seeds);
    await within(seedOnly.indexed, 30_000, 'seeds');
    const base = await seedOnly.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' });
    await seedOnly.stop();
    // Only the copies count: neither the old target nor the deleted file adds a Lavrov mention.
    assert.equal(lavrov.mentions, COPIES * base.find((e) => e.id === 'person:sergey-lavrov')!.mentions);
    assert.equal(putin.mentions, COPIES * base.find((e) => e.id === 'person:vladimir-putin')!.mentions + 1);
  });
});

describe('a file the server may not read', function () {
  // Permissions do not bind root: the server runs as `nobody` here.
  const root = process.getuid?.() === 0;
  let s: Session;
  let dir: string;
  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-perm-'));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'open.txt'), 'خبر\nقال سيرغي لافروف إن الحوار مهم.');
    fs.writeFileSync(path.join(dir, 'locked.txt'), 'خبر\nقال فلاديمير بوتين إن الحوار مهم.');
    fs.chmodSync(path.join(dir, 'locked.txt'), 0o000);
    s = await startServer(dir, {}, root ? { uid: 65534, gid: 65534 } : undefined);
    await within(s.indexed, 30_000, 'indexing');
  });
  after(async () => s?.stop());

  it('is skipped and named once; the others are indexed', async () => {
    const named = s.logs.filter((l) => /^skipped .*locked\.txt: unreadable: EACCES/.test(l));
    assert.equal(named.length, 1, s.logs.join('\n'));
    const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' });
    assert.deepEqual(people.map((e) => e.id), ['person:sergey-lavrov']);
  });
});

describe('indexing progress', function () {
  const WORK_DONE = { window: { workDoneProgress: true } };

  it('reports files done out of the total, from begin to end', async () => {
    const dir = archive(60);
    const s = await startServer(dir, {}, undefined, WORK_DONE);
    try {
      await within(s.indexed, 60_000, 'indexing');
      const total = 60 * seedFiles.length + 1;
      const [begin, ...rest] = s.progress;
      assert.equal(begin.kind, 'begin');
      assert.equal(begin.title, 'Corpus Lens: indexing');
      assert.equal(begin.message, `0 / ${total} files`);
      assert.equal(rest[rest.length - 1].kind, 'end');
      const reports = rest.filter((p) => p.kind === 'report');
      assert.ok(reports.length > 0, 'no report while indexing');
      const done = reports.map((p) => Number(/^(\d+) \/ (\d+) files$/.exec(p.message!)![1]));
      assert.deepEqual(done, [...done].sort((a, b) => a - b), 'counts never go back');
      for (const p of reports) assert.match(p.message!, new RegExp(` / ${total} files$`));
    } finally {
      await s.stop();
    }
  });

  it('stops when the user cancels it, keeping what was indexed', async () => {
    const dir = archive(60);
    const total = 60 * seedFiles.length + 1;
    const s = await startServer(dir, {}, undefined, WORK_DONE);
    try {
      // Cancel as soon as the progress begins.
      const token = await within(
        (async () => {
          for (;;) {
            const b = s.progress.find((p) => p.kind === 'begin');
            if (b) return b.token;
            await new Promise((r) => setTimeout(r, 5));
          }
        })(),
        30_000,
        'the progress to begin',
      );
      await s.connection.sendNotification('window/workDoneProgress/cancel', { token });
      // It may stop before a single article is in.
      const status = await within(
        (async () => {
          for (;;) {
            const st = s.statuses.find((x) => !x.indexing && s.logs.some((l) => /^indexing cancelled/.test(l)));
            if (st) return st;
            await new Promise((r) => setTimeout(r, 20));
          }
        })(),
        60_000,
        'the scan to stop',
      );
      const line = s.logs.find((l) => /^indexing cancelled after \d+ of \d+ files$/.test(l));
      assert.ok(line, s.logs.join('\n'));
      const [, done, of] = /after (\d+) of (\d+)/.exec(line!)!.map(Number);
      assert.equal(of, total);
      assert.ok(done < total, line);
      assert.equal(status.indexing, false);
      assert.ok(status.articles <= done);
      assert.equal(s.progress[s.progress.length - 1].kind, 'end');
    } finally {
      await s.stop();
    }
  });
});

describe('people discovered after the articles that name them were indexed', function () {
  const person = async (s: Session, name: string) => (await s.connection.sendRequest(EntitiesRequest, { type: 'person', sort: 'name' })).find((e) => e.ar === name);
  const bare = (n: number) => `خبر رقم ${n}\nقال جواو كرافينيو إن الحوار بين البلدين مهم.\n`;

  it('are linked in every article of the scan, though the introduction is analysed last', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-relink-'));
    // Sorted first, these go to the worker threads before anyone knows the name.
    for (let i = 0; i < 79; i++) fs.writeFileSync(path.join(dir, `n-${String(i).padStart(2, '0')}.txt`), bare(i));
    fs.writeFileSync(path.join(dir, 'z-intro.txt'), 'زيارة إلى بكين\nوقال وزير الخارجية البرتغالي جواو كرافينيو إن الزيارة مهمة.\n');
    const s = await startServer(dir);
    try {
      await within(s.indexed, 60_000, 'indexing');
      assert.ok(s.logs.some((l) => /worker thread/.test(l)));
      const p = await person(s, 'جواو كرافينيو');
      assert.equal(p?.discovered, true);
      assert.equal(p?.articles, 80);
      assert.equal(p?.mentions, 80);
    } finally {
      await s.stop();
    }
  });

  it('are linked in the other articles after an edit introduces them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-relink-edit-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), bare(1));
    fs.writeFileSync(path.join(dir, 'b.txt'), 'زيارة إلى بكين\nالزيارة مهمة.\n');
    const s = await startServer(dir);
    try {
      await within(s.indexed, 30_000, 'indexing');
      assert.equal(await person(s, 'جواو كرافينيو'), undefined);
      const uri = pathToFileURL(path.join(dir, 'b.txt')).toString();
      const text = 'زيارة إلى بكين\nوقال وزير الخارجية البرتغالي جواو كرافينيو إن الزيارة مهمة.\n';
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      let p: EntityItem | undefined;
      for (let t = 0; t < 50 && (p = await person(s, 'جواو كرافينيو'))?.articles !== 2; t++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(p?.articles, 2, 'the article indexed before the edit names him too');
    } finally {
      await s.stop();
    }
  });
});

describe('a large folder restored from the persisted index', function () {
  it('takes back the unchanged files and indexes the rewritten one, as a fresh scan would', async () => {
    const dir = archive();
    const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-store-'));
    const first = await startServer(dir, { storagePath });
    await within(first.indexed, 60_000, 'cold indexing');
    await first.stop();
    fs.appendFileSync(path.join(dir, 'copy-1', seedFiles[0]), '\nقال فلاديمير بوتين إن الحوار مهم.\n');
    fs.rmSync(path.join(dir, 'copy-2', seedFiles[1]));
    const warm = await startServer(dir, { storagePath });
    const fresh = await startServer(dir);
    try {
      await within(warm.indexed, 60_000, 'warm start');
      await within(fresh.indexed, 60_000, 'fresh scan');
      // All but the deleted file, the rewritten one and the binary one (never cached) come back.
      const total = COPIES * seedFiles.length + 1;
      assert.ok(warm.logs.some((l) => l.includes(`index cache: ${total - 3} articles restored, 2 files to index`)), warm.logs.join('\n'));
      await sameEntities(warm, fresh);
    } finally {
      await warm.stop();
      await fresh.stop();
    }
  });
});

describe('a large persisted index damaged after its first parts', function () {
  it('is discarded whole: the folder is indexed again and answers as a fresh scan does', async () => {
    // 1,050 articles: the cache holds them in two parts of at most 1,000.
    const dir = archive(210);
    const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-store-'));
    const first = await startServer(dir, { storagePath });
    await within(first.indexed, 120_000, 'cold indexing');
    await first.stop();
    const [file] = fs.readdirSync(storagePath);
    const bytes = fs.readFileSync(path.join(storagePath, file));
    fs.writeFileSync(path.join(storagePath, file), bytes.subarray(0, bytes.length - 1000));
    fs.appendFileSync(path.join(dir, 'copy-3', seedFiles[2]), '\nقال فلاديمير بوتين إن الحوار مهم.\n');
    const warm = await startServer(dir, { storagePath });
    const fresh = await startServer(dir);
    try {
      await within(warm.indexed, 120_000, 'start after the damage');
      await within(fresh.indexed, 120_000, 'fresh scan');
      assert.ok(warm.logs.some((l) => l === 'index cache: unreadable (truncated); discarded'), warm.logs.join('\n'));
      assert.ok(!warm.logs.some((l) => /articles restored/.test(l)), warm.logs.join('\n'));
      await sameEntities(warm, fresh);
    } finally {
      await warm.stop();
      await fresh.stop();
    }
  });
});

describe('a warm start of a large persisted index', function () {
  it('reads the index into memory a worker made, answers as before the restart, and writes it back from there', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-large-'));
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-'));
    try {
      // 6,000 articles write a cache of some 11 MB, past the size from which a worker helps.
      const { generateCorpus } = await import('../../scripts/bench/generate.mjs');
      generateCorpus({ seedsDir: seeds, dir: folder, n: 6000 });
      const answers = async (t: Session) => ({
        people: await t.connection.sendRequest(EntitiesRequest, { type: 'person' }),
        search: await t.connection.sendRequest(SearchRequest, { query: 'وزيرا خارجية الصين' }),
      });
      const first = await startServer(folder, { storagePath: store });
      let before: Awaited<ReturnType<typeof answers>>;
      try {
        await within(first.indexed, 60_000, 'first indexing');
        // As many workers as the machine has cores (up to four), for a scan this large.
        const cores = Math.min(4, Math.max(1, os.availableParallelism()));
        assert.ok(first.logs.includes(`indexing 6000 files on ${cores} worker thread${cores === 1 ? '' : 's'}`), first.logs.join('\n'));
        before = await answers(first);
      } finally {
        await first.stop();
      }
      assert.ok(before.people.length > 10 && before.search.headlines.length > 0, JSON.stringify(before.search).slice(0, 2000));
      const changed = path.join(folder, '000', 'article-000001.txt');
      const changedUri = pathToFileURL(changed).toString();
      /** Resolves once headline search finds the changed article by its new headline. */
      const changeFound = async (t: Session) => {
        for (;;) {
          const found = await t.connection.sendRequest(SearchRequest, { query: 'جزر القمر' });
          if (found.headlines.some((h) => h.uri === changedUri)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      // Each of the six parts asks for memory. A worker slow to start (on a loaded machine) may
      // come too late for all of them, and the parts are then read into memory of the reader's
      // own: the answers are the same either way, and one of three warm starts has its memory.
      const used: number[] = [];
      for (let start = 0; start < 3 && !used.some((n) => n > 0); start++) {
        const warm = await startServer(folder, { storagePath: store });
        try {
          await within(warm.indexed, 60_000, 'warm start');
          const logs = warm.logs.join('\n');
          assert.match(logs, /index cache: 6000 articles restored, 0 files to index/);
          const [, n] = /index cache: (\d+) of 6 parts read into memory a worker made/.exec(logs) ?? [];
          assert.ok(n !== undefined, logs);
          used.push(Number(n));
          assert.deepEqual(await answers(warm), before);
          if (Number(n) > 0) {
            // A changed article makes the server write the cache again as it stops, the other articles from the memory the worker made.
            fs.writeFileSync(changed, 'زيارة إلى جزر القمر\nقال فلاديمير بوتين إن الحوار مهم في هذه المرحلة من العلاقات بين البلدين.\n');
            await warm.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changedUri, type: 2 }] });
            await within(changeFound(warm), 10_000, 'the changed article indexed');
          }
        } finally {
          await warm.stop();
        }
      }
      assert.ok(used.some((n) => n > 0), `parts read into a worker's memory: ${used.join(', ')}`);
      const last = await startServer(folder, { storagePath: store });
      try {
        await within(last.indexed, 60_000, 'warm start after the change');
        assert.match(last.logs.join('\n'), /index cache: 6000 articles restored, 0 files to index/);
        await within(changeFound(last), 1000, 'the change kept');
      } finally {
        await last.stop();
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(store, { recursive: true, force: true });
    }
  });
});
