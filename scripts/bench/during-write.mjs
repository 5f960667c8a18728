// `node scripts/bench/during-write.mjs [--dist DIR] CORPUS`: after a cold scan of the folder CORPUS
// (with a storage folder of its own, thrown away), sends document highlights back to back while
// the persisted index is written, and prints their p50, p95 and max. The write runs in slices
// beside the requests as a scan ends; this times what a request meets then. DIR: a copy of
// `dist/` with its `node_modules` and `package.json` beside it (default: this checkout's `dist/`).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openServer } from './serverProcess.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const argv = process.argv.slice(2);
const at = argv.indexOf('--dist');
const dist = path.resolve(at >= 0 ? argv.splice(at, 2)[1] : path.join(root, 'dist'));
const corpus = argv[0] && path.resolve(argv[0]);
if (!corpus) {
  console.error('usage: node scripts/bench/during-write.mjs [--dist DIR] CORPUS');
  process.exit(2);
}

const storagePath = mkdtempSync(path.join(tmpdir(), 'corpus-lens-during-write-'));
let written = false;
const server = await openServer({
  serverJs: path.join(dist, 'server.js'),
  folder: corpus,
  storagePath,
  name: 'during-write',
  onLog: (m) => {
    if (/index cache: \d+ articles written/.test(m)) written = true;
  },
});
const c = server.c;
// Twenty articles of the first folder that has files, open in the editor.
const folder = [corpus, ...readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(corpus, d.name))].find((d) => readdirSync(d).some((f) => f.endsWith('.txt')));
const docs = readdirSync(folder)
  .filter((f) => f.endsWith('.txt'))
  .slice(0, 20)
  .map((f) => {
    const file = path.join(folder, f);
    return { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
  });
for (const d of docs) await c.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'plaintext', version: 1, text: d.text } });
await server.begin();
await server.indexed;
const times = [];
for (let i = 0; !written; i++) {
  const d = docs[i % docs.length];
  const line = Math.max(0, d.text.split('\n').findIndex((l) => /لافروف|بوتين|الصين/.test(l)));
  const t = performance.now();
  await c.sendRequest('textDocument/documentHighlight', { textDocument: { uri: d.uri }, position: { line, character: 3 } });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (q) => times[Math.min(times.length - 1, Math.floor((q / 100) * times.length))].toFixed(1);
console.log(`${times.length} highlights during the write: p50 ${pct(50)}, p95 ${pct(95)}, max ${times[times.length - 1].toFixed(1)} ms`);
await server.stop();
rmSync(storagePath, { recursive: true, force: true });
