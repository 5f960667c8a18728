import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { ClientUris, fileUri, uriKey, uriPath } from '../../server/src/workspace/fileUris';

describe('file URI keys', () => {
  it('one key for a file whether Node or VS Code spelled its URI', () => {
    const names = ['تقرير (1).txt', "a!b'c*d+e,f=g@h[i]j.txt", 'with space.txt', 'hash#1.txt', 'per%cent.txt', 'plain.txt', 'مقال.txt'];
    for (const name of names) {
      const p = `/corpus/أخبار/${name}`;
      const vscodeSpelling = URI.file(p).toString();
      const nodeSpelling = pathToFileURL(p).toString();
      assert.equal(uriKey(vscodeSpelling), fileUri(p), name);
      assert.equal(uriKey(nodeSpelling), fileUri(p), name);
      assert.equal(uriPath(uriKey(nodeSpelling)), p, name);
    }
  });

  it('is the listing’s key for any path, whoever encoded the URI', () => {
    const part = fc.constantFrom('a', 'Z', '0', '.', ' ', '%', '#', '?', '~', "'", '(', ')', '!', '@', ':', ';', '=', '+', ',', '$', '&', '*', '[', ']', 'ب', 'ٌ', '😀');
    fc.assert(
      fc.property(fc.array(fc.array(part, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (segments) => {
        const p = path.resolve('/' + segments.map((s) => s.join('')).join('/'));
        assert.equal(uriKey(pathToFileURL(p).toString()), fileUri(p));
        assert.equal(uriKey(URI.file(p).toString()), fileUri(p));
      }),
      { numRuns: 1000 },
    );
  });

  it('Windows URIs: an upper- or lower-case drive letter, encoded colon or not, are one key', () => {
    const spellings = ['file:///C:/Users/Ali/news/a%20(1).txt', 'file:///c%3A/Users/Ali/news/a%20%281%29.txt', 'file:///c:/Users/Ali/news/a%20(1).txt'];
    const keys = new Set(spellings.map((u) => uriKey(u)));
    assert.deepEqual([...keys], ['file:///c%3A/Users/Ali/news/a%20%281%29.txt']);
  });

  it('on a case-insensitive file system, a spelling in another case is the file’s own key', () => {
    const onDisk = '/Users/Ali/News/Report.txt';
    const options = { caseInsensitive: true, realCase: (p: string) => (p.toLowerCase() === onDisk.toLowerCase() ? onDisk : undefined) };
    assert.equal(uriKey('file:///users/ali/news/REPORT.txt', options), fileUri(onDisk));
    // A file that does not exist keeps its spelling; a case-sensitive system keeps every spelling.
    assert.equal(uriKey('file:///users/ali/news/other.txt', options), 'file:///users/ali/news/other.txt');
    assert.equal(uriKey('file:///users/ali/news/REPORT.txt'), 'file:///users/ali/news/REPORT.txt');
  });

  it('other schemes are kept as they are', () => {
    assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  it('a client is answered with its own spelling of the documents it named', () => {
    const uris = new ClientUris();
    const node = pathToFileURL('/c/تقرير (1).txt').toString();
    const key = uris.key(node);
    assert.notEqual(key, node);
    assert.equal(uris.client(key), node);
    const other = fileUri('/c/other (2).txt');
    assert.deepEqual(uris.toClient([{ uri: key, range: 1 }, { uri: other }, { targetUri: key }]), [{ uri: node, range: 1 }, { uri: other }, { targetUri: node }]);
  });
});
