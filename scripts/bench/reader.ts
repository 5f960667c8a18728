/**
 * Times the Reader on a large article: the server's part (its structure and mentions) and the
 * page's body, for opening it and for an edit (the article indexed again, the body made again).
 *
 *   npx tsx scripts/bench/reader.ts [--mb 1] [--parts]
 */
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { shippedCatalog } from '../../server/src/shippedCatalog';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { readerArticle } from '../../server/src/core/features/reader';
import { readerBody } from '../../client/src/readerHtml';
import { parseArticle } from '../../server/src/core/article/structure';

const mb = Number(process.argv[process.argv.indexOf('--mb') + 1]) || 1;
const seeds = path.resolve(__dirname, '../../seeds');
const paragraphs = readdirSync(seeds).flatMap((f) => readFileSync(path.join(seeds, f), 'utf8').split(/\n\s*\n/).slice(2));
let text = readFileSync(path.join(seeds, readdirSync(seeds)[0]), 'utf8');
for (let i = 0; Buffer.byteLength(text) < mb * 1024 * 1024; i++) text += `\n\n${paragraphs[i % paragraphs.length]}`;
const index = new CorpusIndex(shippedCatalog());
const uri = 'file:///large.txt';
const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const runs = (f: () => void, n = 5) => Array.from({ length: n }, () => ms(f)).sort((a, b) => a - b);
index.upsert(uri, text);
const open = runs(() => readerBody(text, readerArticle(index, uri, text)!));
const edited = `${text.slice(0, 2000)}وقال لافروف ${text.slice(2000)}`;
const edit = runs(() => {
  index.upsert(uri, edited);
  readerBody(edited, readerArticle(index, uri, edited)!);
});
const f = (xs: number[]) => `median ${xs[xs.length >> 1].toFixed(0)} ms (${xs[0].toFixed(0)}–${xs[xs.length - 1].toFixed(0)})`;
console.log(`Reader on a ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB article (${readerArticle(index, uri, text)!.marks.length} mentions):`);
console.log(`  open (structure, mentions, page body): ${f(open)}`);
console.log(`  edit (article indexed again, body again): ${f(edit)}`);
if (process.argv.includes('--parts')) {
  console.log('  parts: upsert', f(runs(() => index.upsert(uri, text))), '· parse', f(runs(() => parseArticle(text))), '· readerArticle', f(runs(() => readerArticle(index, uri, text))));
  const data = readerArticle(index, uri, text)!;
  console.log('  body', f(runs(() => readerBody(text, data))));
}
