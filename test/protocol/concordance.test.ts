/** The concordance requests over stdio: paging, sorting, collocates, export, cancellation and progress. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import {
  CollocatesRequest,
  ConcordanceExportRequest,
  ConcordanceRequest,
  EntityAtRequest,
  EntitiesRequest,
  TimelineRequest,
  type ConcordanceLine,
  type ConcordancePage,
  type ConcordanceParams,
} from '../../server/src/protocol';
import { normalizeKey } from '../../server/src/core/text/normalize';
import { positionOf } from '../fixtures';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const seedFiles = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
/** Enough articles that reading them all takes a while (and shows progress). */
const COPIES = 200;
const LAVROV = 'person:sergey-lavrov';

function archive(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-concordance-'));
  for (let c = 0; c < COPIES; c++) {
    fs.mkdirSync(path.join(dir, `copy-${c}`));
    for (const f of seedFiles) fs.copyFileSync(path.join(seeds, f), path.join(dir, `copy-${c}`, f));
  }
  return dir;
}

/** What the file holds at a line's range. */
function atRange(l: ConcordanceLine): string {
  const lines = fs.readFileSync(new URL(l.uri), 'utf8').split('\n');
  assert.equal(l.range.start.line, l.range.end.line);
  return lines[l.range.start.line].slice(l.range.start.character, l.range.end.character);
}

describe('concordance requests', function () {
  let s: Session;
  let dir: string;
  let total: number;
  const page = (p: Partial<ConcordanceParams>) => s.connection.sendRequest(ConcordanceRequest, { query: { kind: 'entity', id: LAVROV }, ...p });

  before(async () => {
    dir = archive();
    s = await startServer(dir, {}, undefined, { window: { workDoneProgress: true } });
    await within(s.indexed, 60_000, 'indexing of the copies');
    const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person' });
    total = people.find((p) => p.id === LAVROV)!.mentions;
  });
  after(async () => {
    await s?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pages through every mention of an entity, newest first, each line holding its node at its range', async () => {
    const first = await page({ limit: 100 });
    assert.equal(first.hits, total);
    assert.equal(first.allHits, total);
    assert.equal(first.articles, 4 * COPIES);
    assert.equal(first.lines.length, 100);
    assert.match(first.label, /Sergey Lavrov/);
    const seen = new Set<string>();
    for (let offset = 0; offset < total; offset += 500) {
      const p = await page({ offset, limit: 500 });
      assert.equal(p.offset, offset);
      for (const l of p.lines) {
        seen.add(`${l.uri}#${l.start}`);
        assert.equal(atRange(l), l.node);
        assert.match(l.node, /لاف[ْ]?روف$/);
      }
      const dates = p.lines.map((l) => l.date ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse());
    }
    assert.equal(seen.size, total);
  });

  it('sorts on 1R: the lines come grouped by the word after the node, and a second key orders within', async () => {
    const sorted = await page({ sort: ['1R', 'oldest'], limit: 1000 });
    const keyOf = (l: ConcordanceLine) => normalizeKey(l.right.trim().split(/\s+/u)[0] ?? '').replace(/^[وف]?[بكل]?ال(?=...)/u, '');
    const runs: string[] = [];
    for (const l of sorted.lines) if (runs.at(-1) !== keyOf(l)) runs.push(keyOf(l));
    assert.equal(runs.length, new Set(runs).size, `a word comes back after others: ${runs.join(' ')}`);
    // Within a run, oldest first.
    for (let i = 1; i < sorted.lines.length; i++) {
      const [a, b] = [sorted.lines[i - 1], sorted.lines[i]];
      if (keyOf(a) === keyOf(b)) assert.ok((a.date ?? '9') <= (b.date ?? '9'));
    }
  });

  it('filters by folder and dates, telling the folders and dates the hits span', async () => {
    const all = await page({ limit: 1 });
    assert.equal(all.folders.length, COPIES);
    const folder = pathToFileURL(path.join(dir, 'copy-7')).toString();
    const one = await page({ filter: { folder }, limit: 100 });
    assert.equal(one.hits, total / COPIES);
    assert.ok(one.lines.every((l) => l.uri.startsWith(`${folder}/`)));
    const recent = await page({ filter: { from: all.last }, limit: 1000 });
    assert.ok(recent.hits > 0 && recent.lines.every((l) => l.date === all.last));
  });

  it("a timeline period's dates give its concordance: as many hits and articles as the timeline counts there; a year or month is a bound too", async () => {
    const t = await s.connection.sendRequest(TimelineRequest, { ids: [LAVROV], granularity: 'month' });
    const [lavrov] = t.series;
    const named = t.periods.flatMap((p, i) => (lavrov.mentions[i] > 0 ? [{ ...p, mentions: lavrov.mentions[i], articles: lavrov.articles[i] }] : []));
    assert.ok(named.length >= 2, `${named.length} months`);
    for (const p of named) {
      const lines = await page({ filter: { from: p.from, to: p.to }, limit: 1000 });
      assert.deepEqual([lines.hits, lines.articles], [p.mentions, p.articles], p.key);
      assert.ok(lines.lines.every((l) => l.date! >= p.from && l.date! <= p.to), p.key);
    }
    const year = named[0].key.slice(0, 4);
    const inYear = named.filter((p) => p.key.startsWith(year)).reduce((n, p) => n + p.mentions, 0);
    assert.equal((await page({ filter: { from: year, to: year }, limit: 1 })).hits, inYear);
    assert.equal((await page({ filter: { from: named[0].key, to: named[0].key }, limit: 1 })).hits, named[0].mentions);
  });

  it('gives collocates, each of which, as a filter, keeps only lines with it nearby', async () => {
    const c = await s.connection.sendRequest(CollocatesRequest, { query: { kind: 'entity', id: LAVROV }, window: 3 });
    assert.ok(c.collocates.length > 0);
    assert.ok(c.windowWords > 0 && c.referenceWords > c.windowWords);
    const top = c.collocates[0];
    const near = await page({ filter: { near: [top.key], nearWindow: 3 }, limit: 1000 });
    assert.equal(near.hits > 0 && near.hits <= total, true);
    for (const l of near.lines) {
      const words = [...l.left.trim().split(/\s+/u).slice(-3), ...l.right.trim().split(/\s+/u).slice(0, 3)].map((w) => normalizeKey(w));
      assert.ok(words.some((w) => w.endsWith(top.key)), `${top.key} near "${l.left}[${l.node}]${l.right}"`);
    }
  });

  it('finds a phrase and a regular expression, and says why a malformed expression finds nothing', async () => {
    const phrase = await s.connection.sendRequest(ConcordanceRequest, { query: { kind: 'words', text: 'وزير الخارجية' }, limit: 50 });
    assert.ok(phrase.hits > 0);
    for (const l of phrase.lines) assert.equal(normalizeKey(atRange(l)), normalizeKey('وزير الخارجية'));
    const bad = await s.connection.sendRequest(ConcordanceRequest, { query: { kind: 'regex', pattern: '[' } });
    assert.match(bad.error ?? '', /regular expression/);
  });

  it('names the entity under the cursor', async () => {
    const file = path.join(dir, 'copy-0', seedFiles[0]);
    const text = fs.readFileSync(file, 'utf8');
    const at = await s.connection.sendRequest(EntityAtRequest, { uri: pathToFileURL(file).toString(), position: positionOf(text, text.indexOf('لافروف') + 2) });
    assert.deepEqual(at, { id: LAVROV, label: 'سيرغي لافروف (Sergey Lavrov)' });
  });

  it('exports every line as CSV with a byte order mark and as JSON', async () => {
    const csvFile = path.join(dir, 'lines.csv');
    const r = await s.connection.sendRequest(ConcordanceExportRequest, { query: { kind: 'entity', id: LAVROV }, sort: ['1R'], format: 'csv', target: pathToFileURL(csvFile).toString() });
    assert.equal(r.lines, total);
    const csv = fs.readFileSync(csvFile, 'utf8');
    assert.ok(csv.startsWith('\uFEFFpath,date,line,start,end,left,node,right,entity\r\n'));
    assert.equal(csv.trimEnd().split('\r\n').length, total + 1);
    const jsonFile = path.join(dir, 'lines.json');
    await s.connection.sendRequest(ConcordanceExportRequest, { query: { kind: 'entity', id: LAVROV }, format: 'json', target: pathToFileURL(jsonFile).toString() });
    const rows = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { path: string; start: number; end: number; node: string; entity: string }[];
    assert.equal(rows.length, total);
    const row = rows[rows.length - 1];
    assert.equal(fs.readFileSync(row.path, 'utf8').slice(row.start, row.end), row.node);
    assert.equal(row.entity, LAVROV);
  });

  it('a long request shows progress and stops when cancelled, leaving no half file; the server answers on', async () => {
    const query = { kind: 'regex' as const, pattern: 'لافروف|بكين|الصين|روسيا' };
    // Its hits found first (reading every article), so that the export is cancelled while it writes.
    const found = await s.connection.sendRequest(ConcordanceRequest, { query, limit: 1 });
    assert.ok(found.hits > 4000, `${found.hits} hits`);
    const target = path.join(dir, 'cancelled.csv');
    const source = new CancellationTokenSource();
    const began = s.progress.length;
    const asked = s.connection.sendRequest(ConcordanceExportRequest, { query, format: 'csv', target: pathToFileURL(target).toString() }, source.token);
    // Cancelled once the server shows it is at work.
    await within(
      (async () => {
        while (!s.progress.slice(began).some((p) => p.kind === 'report')) await new Promise((r) => setTimeout(r, 5));
      })(),
      20_000,
      'progress of the export',
    );
    source.cancel();
    await assert.rejects(asked, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.equal(fs.existsSync(target), false);
    const shown = s.progress.slice(began);
    assert.ok(shown.some((p) => p.kind === 'begin' && /export/i.test(p.title ?? '')));
    await within((async () => {
      while (!s.progress.slice(began).some((p) => p.kind === 'end')) await new Promise((r) => setTimeout(r, 5));
    })(), 5_000, 'the progress to end');
    const after: ConcordancePage = await page({ limit: 1 });
    assert.equal(after.hits, total);
  });
});
