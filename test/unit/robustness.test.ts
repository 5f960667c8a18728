import { strict as assert } from 'assert';
import fc from 'fast-check';
import { filterHas, filterProbe, pairHash, tokenFilter } from '../../server/src/core/index/tokenFilter';
import * as iconv from 'iconv-lite';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { parseArticle } from '../../server/src/core/article/structure';
import { EntityCounts, FormCounts, hasOddSpace } from '../../server/src/core/index/analysis';
import { Recognizer } from '../../server/src/core/entities/recognizer';
import { decode, utf8Fast } from '../../server/src/core/text/decode';
import { normalizeKey, normalizeRange } from '../../server/src/core/text/normalize';
import { latinKey } from '../../server/src/core/text/transliterate';
import { headlineWords, wordsOf } from '../../server/src/core/search/searchKeys';
import { FUSE_OPTS, mayMatchAny } from '../../server/src/core/search/search';
import Fuse from 'fuse.js';
import { keyHash, keyUnitOffset, tokenize } from '../../server/src/core/text/tokenize';
import { corpusMatcher } from '../../server/src/workspace/corpusFiles';
import { fileUri } from '../../server/src/workspace/fileUris';
import { URI } from 'vscode-uri';
import picomatch from 'picomatch';
import * as path from 'path';

const ARABIC = 'قال سيرغي لافروف إن روسيا والصين تدعمان بريكس.';

describe('decoding', () => {
  const utf8 = Buffer.from(ARABIC, 'utf8');
  const expectText = (bytes: Uint8Array, encoding: string) => {
    const d = decode(bytes);
    assert.ok(d.ok, !d.ok ? d.reason : '');
    assert.equal(d.ok && d.text, ARABIC);
    assert.equal(d.ok && d.encoding, encoding);
  };
  it('UTF-8 without BOM', () => expectText(utf8, 'utf8'));
  it('UTF-8 with BOM', () => expectText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'utf8bom'));
  it('UTF-16 LE with BOM', () => expectText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARABIC, 'utf16le')]), 'utf16le'));
  it('UTF-16 BE with BOM', () => expectText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARABIC, 'utf16be')]), 'utf16be'));
  it('Windows-1256', () => expectText(iconv.encode(ARABIC, 'windows-1256'), 'windows1256'));
  it('rejects binary content', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const d = decode(png);
    assert.equal(d.ok, false);
  });
  it('rejects bytes that are neither UTF-8 nor Arabic in Windows-1256', () => {
    assert.equal(decode(Buffer.from([0xc3, 0x28, 0xe9, 0xe8, 0xea, 0xeb, 0xef, 0xee, 0xf4, 0xfb, 0x20, 0x61])).ok, false);
  });
  it('decodes UTF-8 exactly as TextDecoder does, or leaves the bytes to it', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const standard = (b: Uint8Array) => {
      try {
        return fatal.decode(b);
      } catch {
        return undefined;
      }
    };
    // Bytes of real text, text with its bytes cut or changed, and random bytes.
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('ل', 'ا', 'َ', 'ﻻ', '😀', '\uFEFF', '\u00e9', '\u0800', '\uffff', 'a', '\n'), fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c))), maxLength: 60 });
    const bytes = fc.oneof(
      text.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
      fc.tuple(text, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, b]) => {
        const u = new Uint8Array(Buffer.from(t, 'utf8'));
        if (u.length > 0) u[at % u.length] = b;
        return u.subarray(0, u.length - (at % 2));
      }),
      fc.uint8Array({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const fast = utf8Fast(b);
        if (fast !== undefined) assert.equal(fast, standard(b));
        if (b.length > 0 && b.every((x) => x < 0xf0 && (x >= 0x20 || (x >= 9 && x <= 13) || x === 27)) && standard(b) !== undefined) assert.notEqual(fast, undefined, 'valid text without four-byte characters or control bytes is decoded here');
      }),
      { numRuns: 2000 },
    );
    assert.equal(utf8Fast(Buffer.from([0xe0, 0x80, 0x80])), undefined, 'an overlong form');
    assert.equal(utf8Fast(Buffer.from([0x61, 0xc0, 0x80])), undefined, 'an overlong NUL');
    assert.equal(utf8Fast(Buffer.from([0xc1, 0xbf])), undefined, 'an overlong two-byte form');
    assert.equal(utf8Fast(Buffer.from('😀', 'utf8')), undefined, 'four bytes are left to TextDecoder');
    assert.equal(utf8Fast(Buffer.from('a\u0001b', 'utf8')), undefined, 'control bytes are left to the binary check');
    assert.equal(utf8Fast(Buffer.from('a\tb\r\n\u001b', 'utf8')), 'a\tb\r\n\u001b');
    assert.deepEqual(decode(Buffer.from('لافروف 😀', 'utf8')), { ok: true, text: 'لافروف 😀', encoding: 'utf8' });
    assert.equal(utf8Fast(Buffer.from([0xed, 0xa0, 0x80])), undefined, 'an encoded surrogate');
    assert.equal(utf8Fast(Buffer.from([0xd9, 0x84, 0xd8])), undefined, 'a sequence cut at the end');
    assert.equal(utf8Fast(Buffer.from(ARABIC, 'utf8')), ARABIC);
  });
  it('accepts empty and whitespace-only files', () => {
    assert.deepEqual(decode(new Uint8Array()), { ok: true, text: '', encoding: 'utf8' });
    assert.equal(parseArticle(' \n\n \t').paragraphs.length, 0);
  });
});

describe('properties over random Unicode', () => {
  const recognizer = new Recognizer((shipped as { entities: CatalogEntry[] }).entities);
  // Arabic letters, marks, tatweel, bidi marks, emoji, lone surrogates, newlines.
  const pieces = fc.constantFrom('ل', 'ا', 'ف', 'ر', 'و', 'َ', 'ّ', 'ـ', '\u200f', '\u202b', '😀', '\ud800', '\udc00', '\r\n', '\n', '\r', ' ', '\u00a0', '\u3000', '\ufeff', '\u2028', '\t', 'a', '٣', 'ﻻ', 'آ', '"', '«', '.', 'لافروف', 'سيرغي ', 'شي جين بينغ', 'الصيني');
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')));

  it('normalisation never throws and maps every key unit inside the text, in order', () => {
    fc.assert(
      fc.property(text, (t) => {
        const n = normalizeRange(t);
        assert.equal(n.map.length, n.key.length + 1);
        for (let i = 0; i < n.map.length; i++) {
          assert.ok(n.map[i] <= t.length);
          if (i > 0) assert.ok(n.map[i] >= n.map[i - 1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('tokens and mentions lie inside the text, never split a surrogate pair, and key and map back each token as normalising it alone does', () => {
    const splitsPair = (t: string, o: number) => o > 0 && o < t.length && /[\ud800-\udbff]/.test(t[o - 1]) && /[\udc00-\udfff]/.test(t[o]);
    fc.assert(
      fc.property(text, (t) => {
        for (const tok of tokenize(t)) {
          assert.ok(0 <= tok.start && tok.start < tok.end && tok.end <= t.length);
          assert.ok(!splitsPair(t, tok.start) && !splitsPair(t, tok.end));
          assert.equal(tok.hash, keyHash(tok.key));
          // The key and its map are the token's text normalised on its own.
          const alone = normalizeRange(t, tok.start, tok.end);
          assert.equal(tok.key, alone.key);
          assert.deepEqual(
            Array.from({ length: tok.key.length }, (_, k) => keyUnitOffset(t, tok, k)),
            [...alone.map.subarray(0, alone.key.length)],
          );
        }
        for (const m of recognizer.recognize(t)) assert.ok(0 <= m.start && m.start < m.end && m.end <= t.length);
      }),
      { numRuns: 500 },
    );
  });

  it('article parsing never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = parseArticle(t);
        for (const s of [a.headline, ...a.paragraphs, ...a.boilerplate, ...a.quotations]) assert.ok(0 <= s.start && s.start <= s.end && s.end <= t.length);
        // A paragraph is its line without the white space around it.
        for (const p of a.paragraphs) {
          assert.equal(p.text, t.slice(p.start, p.end));
          assert.equal(p.text, p.text.trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('paragraphs are their lines without the white space around them, whatever that space is', () => {
    const space = fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2000', '\u205f', '\u000b', '\u1680');
    // Lines differ (a repeated line is boilerplate).
    const sentence = (i: number) => `قال وزير الخارجية الروسي سيرغي لافروف إن جولة المحادثات ${i + 1} كانت مثمرة وبناءة جدا.`;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(space, { maxLength: 3 }), fc.array(space, { maxLength: 3 })), { minLength: 1, maxLength: 4 }), (pads) => {
        const t = `عنوان الخبر هنا للاختبار\n${pads.map(([a, b], i) => a.join('') + sentence(i) + b.join('')).join('\n')}`;
        const a = parseArticle(t);
        assert.equal(a.paragraphs.length, pads.length);
        a.paragraphs.forEach((p, i) => assert.equal(p.text, sentence(i)));
      }),
      { numRuns: 200 },
    );
  });

  it('an article’s token filter holds every key of its text (no false negatives), and rarely a key it lacks', () => {
    let absentHits = 0;
    let absentTried = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 400 }), fc.array(fc.string({ minLength: 13, maxLength: 16 }), { maxLength: 20 }), (keys, others) => {
        const filter = tokenFilter([...keys, ...keys].map((k) => pairHash(keyHash(k), keyHash('x'))));
        for (const k of keys) assert.ok(filterHas(filter, 0, filter.length, filterProbe(k, 'x')), k);
        // Absent keys are longer than any present one, so they are surely absent.
        for (const k of others) {
          absentTried++;
          if (filterHas(filter, 0, filter.length, filterProbe(k, 'x'))) absentHits++;
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(absentHits / absentTried < 0.05, `${absentHits} of ${absentTried}`);
  });

  it('a headline is filed under the words of its Arabic key and of its Latin skeletons, whole and per word', () => {
    const pieces2 = fc.constantFrom('لافروف', 'شي', 'جين', 'بينغ', 'Xi', 'Jinping', 'Ça', ' ', '\u00a0', '\t', 'ـ', 'َ', '٣', 'ﻻ', '-', '«', 'آن', 'x');
    const headline = fc.oneof(fc.string({ maxLength: 60 }), fc.array(pieces2, { maxLength: 20 }).map((a) => a.join('')));
    fc.assert(
      fc.property(headline, (h) => {
        const words = h.split(/\s+/u).filter(Boolean);
        const latin = words.length > 1 ? [latinKey(h), ...words.map(latinKey)] : [latinKey(h)];
        const expected = new Set(wordsOf({ keys: [normalizeKey(h)], latin: latin.filter(Boolean) }));
        assert.deepEqual(new Set(headlineWords(h)), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('search ranks the same with and without the keys that cannot match the query', () => {
    const word = fc.constantFrom('لافروف', 'الصين', 'الصينيه', 'وانغ', 'بريكس', 'lavrov', 'lfrf', 'xi', 'jinping', 'brks', 'moscow', 'mskf', '2025', 'قمه', 'شي');
    const value = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    const doc = fc.record({ keys: fc.array(value, { maxLength: 3 }), latin: fc.array(value, { maxLength: 6 }) });
    const pattern = fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), pattern, (ds, p) => {
        const docs = ds.map((d, id) => ({ id, ...d }));
        const rank = (items: typeof docs) => new Fuse(items, FUSE_OPTS).search(p, { limit: 40 }).map((r) => [r.item.id, r.score]);
        assert.deepEqual(rank(mayMatchAny(docs, p)), rank(docs));
      }),
      { numRuns: 400 },
    );
  });

  it('a mention is written out with single spaces exactly when it holds two spaces running, a tab, a line break or a no-break space', () => {
    const pieces = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u000b', '\ufeff', 'ل', 'a', '-');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (a) => {
        const s = a.join('');
        assert.equal(hasOddSpace(s), /\s\s|[\t\n\r\u00a0]/u.test(s), JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts of entities and of written forms come out as counting them in maps gives them, in order of first use', () => {
    const mention = fc.record({ e: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 3000 })), form: fc.constantFrom('لافروف', 'سيرغي لافروف', 'وانغ', 'وانغ يي', 'x') });
    fc.assert(
      fc.property(fc.array(fc.array(mention, { maxLength: 40 }), { maxLength: 4 }), (articles) => {
        for (const ms of articles) {
          const counts = new EntityCounts();
          const forms = new FormCounts();
          const byEntity = new Map<number, number>();
          const formIds = new Map<string, number>();
          const byPair = new Map<string, number>();
          for (const { e, form } of ms) {
            counts.add(e);
            forms.add(e, form, (x) => x);
            byEntity.set(e, (byEntity.get(e) ?? 0) + 1);
            if (!formIds.has(form)) formIds.set(form, formIds.size);
            const pair = `${e} ${formIds.get(form)}`;
            byPair.set(pair, (byPair.get(pair) ?? 0) + 1);
          }
          assert.deepEqual(counts.pairs(), [...byEntity].flat());
          assert.deepEqual(forms.texts, [...formIds.keys()]);
          assert.deepEqual(forms.triples, [...byPair].flatMap(([p, n]) => [...p.split(' ').map(Number), n]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a line that repeats an earlier one is boilerplate, long or short, and a line of the same length is not', () => {
    const body = (w: string) => `${Array.from({ length: 16 }, () => w).join(' ')}.`;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('أ', 'ب', 'ت'), { minLength: 1, maxLength: 6 }), (picks) => {
        const lines = ['عنوان الخبر هنا للاختبار', ...picks.map(body)];
        const zones = parseArticle(lines.join('\n')).boilerplate.filter((z) => z.kind === 'repeated');
        const repeats = picks.filter((w, i) => picks.indexOf(w) < i).length;
        assert.equal(zones.reduce((n, z) => n + z.text.split('\n').length, 0), repeats);
      }),
      { numRuns: 200 },
    );
  });

  it('decoding never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => void decode(b)), { numRuns: 500 });
  });
});

describe('file URIs', () => {
  it('are exactly what VS Code (vscode-uri) writes, for any path resolved', () => {
    const part = fc.oneof(fc.constantFrom('a', 'Z', '0', '.', '..', '/', '//', ' ', '%', '#', '?', '~', '\\', "'", '(', ')', '!', '@', ':', ';', '=', '+', ',', '$', '&', '*', '[', '`', '|', '^', '"', 'ب', 'ٌ', '😀', '\n'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const p = `/${parts.join('')}`;
        assert.equal(fileUri(p), URI.file(path.resolve(p)).toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('the corpus matcher decides any path as path.relative and the globs do', () => {
    // The default globs, and others: a literal path, braces, a class, a negation, a folder's files.
    const globs = fc.constantFrom<{ include: string[]; exclude: string[] }>(
      { include: ['**/*.txt'], exclude: ['**/node_modules/**', '**/.git/**'] },
      { include: ['a/b.txt', 'news/**/*.{txt,md}', '*.[tT][xX][tT]'], exclude: ['**/.hidden/**', 'a/.txt'] },
      { include: ['!**/a/**', 'b.txt/**'], exclude: ['**/*.md', '.txt'] },
    );
    const part = fc.constantFrom('a', 'b.txt', '.txt', '.', '..', '/', '//', 'node_modules', '.git', 'ب.txt', ' ', 'x.TXT', '.hidden', 'news', 'c.md', '{', '*');
    fc.assert(
      fc.property(globs, fc.constantFrom('/corpus', '/corpus/', '/'), fc.array(part, { maxLength: 8 }), (g, root, parts) => {
        const settings = { ...g, maxFileSize: 1 };
        const file = `${root.replace(/\/$/, '')}/${parts.join('')}`;
        const inc = picomatch(settings.include, { dot: false });
        const exc = picomatch(settings.exclude, { dot: true });
        const rel = path.relative(root, file).split(path.sep).join('/');
        assert.equal(corpusMatcher(root, settings)(file), !rel.startsWith('..') && inc(rel) && !exc(rel), file);
      }),
      { numRuns: 4000 },
    );
  });
});

describe('hostile or odd text', () => {
  it('one 1 MB line without a newline is parsed', () => {
    const line = 'لافروف '.repeat(150_000);
    const a = parseArticle(line);
    assert.ok(a.paragraphs.length <= 1);
  });
});
