import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { corpusMatcher, listCorpusFiles } from '../../server/src/workspace/corpusFiles';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { DEFAULT_SETTINGS } from '../../server/src/workspace/corpusWorkspace';

describe('listing corpus files', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'corpus-lens-listing-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const file = (rel: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), 'نص');
  };
  const list = async () => (await listCorpusFiles(root, corpusMatcher(root, DEFAULT_SETTINGS), () => undefined, new NodeFileSystem())).map((f) => path.relative(root, f));

  it('gives each folder’s entries by name, a subfolder’s files where it stands, and skips what does not match', async () => {
    for (const f of ['b/2.txt', 'a/z.txt', 'a/c/1.txt', 'top.txt', 'notes.md', 'node_modules/m.txt', '.git/g.txt', 'b/sub/deep/3.txt']) file(f);
    assert.deepEqual(await list(), ['a/c/1.txt', 'a/z.txt', 'b/2.txt', 'b/sub/deep/3.txt', 'top.txt']);
  });

  it('lists a folder reached by a link and by its own path once; a loop ends; a link to a file is listed, a dangling one not', async () => {
    for (const f of ['b/y.txt', 'b/sub/x.txt', 'a/z.txt', 'top.txt']) file(f);
    symlinkSync(path.join(root, 'b'), path.join(root, 'a', 'linkb'));
    symlinkSync(root, path.join(root, 'b', 'sub', 'loop'));
    symlinkSync(path.join(root, 'top.txt'), path.join(root, 'a', 'ltop.txt'));
    symlinkSync(path.join(root, 'missing.txt'), path.join(root, 'a', 'dangling.txt'));
    const listed = await list();
    // Folders are read a few at a time: `b` is listed under whichever of its paths was reached first.
    const viaLink = listed.includes('a/linkb/y.txt');
    const b = viaLink ? ['a/linkb/sub/x.txt', 'a/linkb/y.txt'] : ['b/sub/x.txt', 'b/y.txt'];
    assert.deepEqual(listed, viaLink ? [...b, 'a/ltop.txt', 'a/z.txt', 'top.txt'] : ['a/ltop.txt', 'a/z.txt', ...b, 'top.txt']);
  });

  it('gives nothing for a root that is not there', async () => {
    rmSync(root, { recursive: true, force: true });
    assert.deepEqual(await list(), []);
  });
});
