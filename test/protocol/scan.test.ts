/** The initial scan of a large folder runs on worker threads and must index exactly what a small scan does. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Location } from 'vscode-languageserver-types';
import { EntitiesRequest, type EntityItem, type EntityKind } from '../../server/src/protocol';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const seedFiles = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
const COPIES = 20;

/** COPIES copies of every seed (some re-encoded as Windows-1256), and one binary file. */
function archive(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-scan-'));
  for (let c = 0; c < COPIES; c++) {
    fs.mkdirSync(path.join(dir, `copy-${c}`));
    for (const f of seedFiles) {
      const text = fs.readFileSync(path.join(seeds, f), 'utf8');
      fs.writeFileSync(path.join(dir, `copy-${c}`, f), c % 5 === 4 ? iconv.encode(text, 'windows-1256') : text);
    }
  }
  fs.writeFileSync(path.join(dir, 'copy-0', 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  return dir;
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

  it('runs on worker threads when the folder is large', () => {
    assert.ok(large.logs.some((l) => /worker threads/.test(l)), large.logs.join('\n'));
    assert.ok(!small.logs.some((l) => /worker threads/.test(l)));
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
