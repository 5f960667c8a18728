/** Bad input over the real server: every case is indexed or skipped with a message, nothing else is affected. */
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Hover, Location } from 'vscode-languageserver-types';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

/** Polls `probe` until it returns a value; fails at the deadline naming what was awaited. */
async function poll<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ARTICLE = 'قال سيرغي لافروف إن روسيا مستعدة للحوار.\nوأضاف لافروف أن الوضع مستقر.';

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-bad-'));
  const w = (name: string, data: string | Buffer) => fs.writeFileSync(path.join(dir, name), data);
  w('utf8.txt', ARTICLE);
  w('utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]));
  w('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARTICLE, 'utf16le')]));
  w('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARTICLE, 'utf16be')]));
  w('cp1256.txt', iconv.encode(ARTICLE, 'windows-1256'));
  w('crlf.txt', ARTICLE.replace(/\n/g, '\r\n'));
  w('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  w('empty.txt', '');
  w('spaces.txt', ' \n\t\n   ');
  w('marks.txt', 'ـــــ\n\u064b\u064c\u064d\n\u200f\u200e');
  // About 900 KB on one line (under the 1 MB limit of this workspace).
  w('long-line.txt', `${'كلمة '.repeat(100_000)}لافروف`);
  w('huge.txt', `${ARTICLE}\n${'و'.repeat(3_000_000)}`);
  w('hostile.txt', 'قال لافروف [اضغط](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> ' + 'ك'.repeat(5000));
  fs.mkdirSync(path.join(dir, 'loop'));
  fs.symlinkSync(dir, path.join(dir, 'loop', 'back'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
  return dir;
}

describe('bad input, over the server', function () {
  let s: Session;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  before(async () => {
    dir = workspace();
    s = await startServer(dir, { maxFileSize: 1_000_000 });
    await within(s.indexed, 60_000, 'indexing of the bad-input workspace');
  });
  after(async () => s && (await s.stop()));

  it('finds the same mentions, at the same positions, in every encoding and line ending', async () => {
    for (const name of ['utf8.txt', 'utf8-bom.txt', 'utf16le.txt', 'utf16be.txt', 'cp1256.txt', 'crlf.txt']) {
      const text = name === 'crlf.txt' ? ARTICLE.replace(/\n/g, '\r\n') : ARTICLE;
      const at = positionOf(text, text.lastIndexOf('لافروف') + 1);
      const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: uriOf(name) }, position: at, context: { includeDeclaration: true } });
      const here = refs.filter((r) => r.uri === uriOf(name)).map((r) => r.range);
      assert.deepEqual(here, [
        { start: positionOf(text, text.indexOf('سيرغي')), end: positionOf(text, text.indexOf('سيرغي') + 'سيرغي لافروف'.length) },
        { start: positionOf(text, text.lastIndexOf('لافروف')), end: positionOf(text, text.lastIndexOf('لافروف') + 6) },
      ], name);
    }
  });

  it('skips the binary file, naming it once, and the FIFO without blocking', () => {
    const skipped = s.logs.filter((l) => /image\.txt/.test(l));
    assert.equal(skipped.filter((l) => /^skipped/.test(l)).length, 1, s.logs.join('\n'));
    assert.match(skipped[0], /binary content/);
  });

  it('indexes a file over the size limit up to the limit, and says so', async () => {
    assert.ok(s.logs.some((l) => /huge\.txt: larger than corpusLens\.maxFileSize/.test(l)));
    const h = await s.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('huge.txt') }, position: positionOf(ARTICLE, ARTICLE.indexOf('لافروف') + 1) });
    assert.match((h.contents as { value: string }).value, /Sergey Lavrov/);
  });

  it('copes with empty, blank, mark-only and one-megabyte-line files', async () => {
    for (const name of ['empty.txt', 'spaces.txt', 'marks.txt']) {
      const syms = await s.connection.sendRequest<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(name) } });
      assert.ok(Array.isArray(syms), name);
    }
    const h = await s.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('long-line.txt') }, position: { line: 0, character: 5 * 100_000 + 2 } });
    assert.match((h.contents as { value: string }).value, /Sergey Lavrov/);
  });

  it('survives a symlink loop (the walk ends, files are not indexed twice)', async () => {
    const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: uriOf('utf8.txt') }, position: positionOf(ARTICLE, ARTICLE.lastIndexOf('لافروف') + 1), context: { includeDeclaration: true } });
    assert.ok(!refs.some((r) => r.uri.includes('/loop/')), 'no article reached through the loop');
  });

  it('keeps hostile text inert in the hover', async () => {
    const text = fs.readFileSync(path.join(dir, 'hostile.txt'), 'utf8');
    const h = await s.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('hostile.txt') }, position: positionOf(text, 6) });
    const md = (h.contents as { value: string }).value;
    assert.doesNotMatch(md, /\]\(command:workbench/);
    assert.doesNotMatch(md, /<img/);
  });

  it('follows a file re-saved in another encoding (UTF-8 → Windows-1256 → UTF-16)', async () => {
    const f = path.join(dir, 'resaved.txt');
    const uri = pathToFileURL(f).toString();
    const at = positionOf(ARTICLE, ARTICLE.lastIndexOf('لافروف') + 1);
    const lavrovHere = async () => {
      const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration: true } });
      return refs.filter((r) => r.uri === uri).map((r) => r.range.start);
    };
    const expected = [positionOf(ARTICLE, ARTICLE.indexOf('سيرغي')), positionOf(ARTICLE, ARTICLE.lastIndexOf('لافروف'))];
    for (const bytes of [Buffer.from(ARTICLE), iconv.encode(ARTICLE, 'windows-1256'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARTICLE, 'utf16le')])]) {
      fs.writeFileSync(f, bytes);
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
      assert.deepEqual(await poll(async () => {
        const found = await lavrovHere();
        return found.length === 2 ? found : undefined;
      }, 10_000, 'the re-saved file indexed'), expected);
      fs.writeFileSync(f, '');
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await poll(async () => ((await lavrovHere()).length === 0 ? true : undefined), 10_000, 'the emptied file re-indexed');
    }
  });

  it('answers bad requests with an error or nothing, and keeps serving', async () => {
    const none = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///no/such/file.txt' }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
    assert.deepEqual(await s.connection.sendRequest('corpusLens/entityArticles', { id: 42 }), []);
    // A handler that throws answers with an error; the server lives on.
    await assert.rejects(s.connection.sendRequest('corpusLens/articleMentions', { id: 'person:sergey-lavrov', uri: null }));
    const h = await s.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('crlf.txt') }, position: { line: 0, character: 12 } });
    assert.match((h.contents as { value: string }).value, /Sergey Lavrov/);
  });

  it('takes a thousand files created at once (a checkout) and stays responsive', async () => {
    const sub = path.join(dir, 'checkout');
    fs.mkdirSync(sub);
    const changes = [];
    for (let i = 0; i < 1000; i++) {
      const f = path.join(sub, `a${i}.txt`);
      fs.writeFileSync(f, `خبر ${i}\nقال سيرغي لافروف إن الحوار مستمر رقم ${i}.`);
      changes.push({ uri: pathToFileURL(f).toString(), type: 1 });
    }
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    // Requests are answered while the files are read, from the index as it grows.
    let answered = 0;
    const count = await poll(async () => {
      const refs = await s.connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: uriOf('crlf.txt') }, position: { line: 0, character: 12 }, context: { includeDeclaration: true } });
      answered++;
      const n = refs.filter((r) => r.uri.includes('/checkout/')).length;
      return n === 1000 ? n : undefined;
    }, 30_000, 'all 1000 new files in the references');
    assert.equal(count, 1000);
    assert.ok(answered >= 1);
  });

  it('follows deletes and new files without a rebuild', async () => {
    fs.unlinkSync(path.join(dir, 'utf8.txt'));
    fs.writeFileSync(path.join(dir, 'new.txt'), 'وقال بوتين إن الحوار مستمر.');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('utf8.txt'), type: 3 }, { uri: uriOf('new.txt'), type: 1 }] });
    const md = await poll(async () => {
      const h = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf('new.txt') }, position: { line: 0, character: 6 } });
      return h ? (h.contents as { value: string }).value : undefined;
    }, 10_000, 'a hover on the new file');
    assert.match(md, /Vladimir Putin/);
    const gone = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf('utf8.txt') }, position: { line: 0, character: 12 } });
    assert.equal(gone, null);
  });
});

describe('workspace catalog, live', function () {
  it('reports a malformed catalog at the right line, keeps serving, and reloads when fixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cat-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'قال المبعوث زيد الهاشمي إن الحوار مستمر. وأكد الهاشمي ذلك.');
    fs.mkdirSync(path.join(dir, '.corpus-lens'));
    const catalog = path.join(dir, '.corpus-lens', 'catalog.json');
    fs.writeFileSync(catalog, '{\n  "entities": [\n    { "id": "person:zaid", "type": "person", "ar": "زيد الهاشمي", }\n  ]\n}\n');
    const s = await startServer(dir);
    const diagnostics: { uri: string; diagnostics: { range: { start: { line: number } }; message: string }[] }[] = [];
    s.connection.onNotification('textDocument/publishDiagnostics', (p: (typeof diagnostics)[number]) => diagnostics.push(p));
    try {
      await within(s.indexed, 30_000, 'indexing');
      const until = async (what: string, ok: () => boolean) => {
        const end = Date.now() + 10_000;
        while (!ok()) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify(diagnostics)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await until('diagnostics on the catalog', () => diagnostics.some((d) => d.diagnostics.length > 0));
      const d = diagnostics.find((x) => x.diagnostics.length > 0)!;
      assert.equal(d.uri, pathToFileURL(catalog).toString());
      assert.equal(d.diagnostics[0].range.start.line, 2);
      // Once, in words, as the catalog's diagnostic; no notification besides.
      assert.deepEqual(d.diagnostics.map((x) => x.message), ['A property name (in double quotes) is missing here; the last good catalog is still in use.']);
      assert.ok(!s.logs.some((l) => /JSON syntax error|has errors/.test(l)), s.logs.join('\n'));

      fs.writeFileSync(catalog, JSON.stringify({ entities: [{ id: 'person:zaid', type: 'person', ar: 'زيد الهاشمي', en: 'Zaid al-Hashimi', short: ['الهاشمي'] }] }, null, 2));
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(catalog).toString(), type: 2 }] });
      await until('diagnostics cleared', () => diagnostics[diagnostics.length - 1].diagnostics.length === 0);
      const uri = pathToFileURL(path.join(dir, 'a.txt')).toString();
      let value = '';
      await until('the new entity in hovers', () => {
        void s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } }).then((h) => (value = h ? (h.contents as { value: string }).value : ''));
        return /Zaid al\\-Hashimi|Zaid al-Hashimi/.test(value);
      });
    } finally {
      await s.stop();
    }
  });
});
