import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { analyzeFile, analyzeFilesSync, type FileAnalysis } from '../../server/src/workspace/fileAnalysis';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

/** A result as plain values (the data array as numbers). */
const plain = (r: FileAnalysis) => JSON.parse(JSON.stringify(r, (_k, v) => (v instanceof Uint32Array ? [...v] : v)));

describe('files analysed on a worker', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-files-'));
  const recognizer = new Recognizer([{ id: 'lavrov', type: 'person', ar: 'سيرغي لافروف', aliases: ['لافروف'] }]);
  const write = (name: string, content: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const files = [
    write('a.txt', 'لافروف في بكين\n\nقال وزير الخارجية سيرغي لافروف إن المحادثات ستستمر.\n'),
    path.join(dir, 'missing.txt'),
    write('b.bin', Buffer.from([0, 1, 2, 0, 5])),
    write('c.txt', 'محادثات في موسكو اليوم\n\nقال لافروف إن الوفد وصل إلى موسكو.\n'),
    write('d.txt', ''),
  ];
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // The first file's length: the next run is read into the space the first one was read into.
  for (const readAhead of [1, fs.statSync(files[0]).size, 1 << 20]) {
    it(`come back in order, each as analysed alone (read ahead ${readAhead} bytes)`, async () => {
      const alone = await Promise.all(files.map((f) => analyzeFile(new NodeFileSystem(), f, 1 << 20, recognizer)));
      const batch = analyzeFilesSync(files, 1 << 20, recognizer, readAhead);
      assert.deepEqual(batch.map(plain), alone.map(plain));
      assert.deepEqual(
        batch.map((r) => (r.ok ? r.analysis.headline : r.missing ? 'missing' : r.reason)),
        ['لافروف في بكين', 'missing', 'binary content (NUL or control bytes)', 'محادثات في موسكو اليوم', ''],
      );
    });
  }
});
