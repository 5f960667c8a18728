/** The timeline, network and export requests, as any LSP client sends them to the bundled server. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import {
  ArticlesNamingRequest,
  EntitiesRequest,
  EntityArticlesRequest,
  EntityTableExportRequest,
  EntityTableRequest,
  NetworkExportRequest,
  NetworkRequest,
  TimelineRequest,
  type EntityRow,
  type EntityTablePage,
} from '../../server/src/protocol';
import { startServer, within, type Session } from './lspClient';

const seeds = path.join(__dirname, '../../seeds');
const LAVROV = 'person:sergey-lavrov';
const WANG = 'person:wang-yi';

describe('timeline, network and export requests', function () {
  let s: Session;
  before(async () => {
    s = await startServer(seeds);
    await within(s.indexed, 30_000, 'indexing of the seeds');
  });
  after(async () => s && (await s.stop()));

  it('a timeline of two people by year agrees with their counts and their articles’ dates', async () => {
    const t = await s.connection.sendRequest(TimelineRequest, { ids: [LAVROV, WANG], granularity: 'year' });
    const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person' });
    assert.deepEqual(t.series.map((x) => x.id), [LAVROV, WANG]);
    for (const series of t.series) {
      const item = people.find((p) => p.id === series.id)!;
      assert.equal(series.total.mentions + series.undated.mentions, item.mentions, series.id);
      assert.equal(series.total.articles + series.undated.articles, item.articles, series.id);
      const articles = await s.connection.sendRequest(EntityArticlesRequest, { id: series.id });
      const years = new Map<string, number>();
      for (const a of articles) if (a.date) years.set(a.date.slice(0, 4), (years.get(a.date.slice(0, 4)) ?? 0) + 1);
      const charted = new Map(t.periods.flatMap((p, i) => (series.articles[i] > 0 ? [[p.key, series.articles[i]] as [string, number]] : [])));
      assert.deepEqual(charted, years, series.id);
      assert.equal(series.undated.articles, articles.filter((a) => !a.date).length);
    }
    // Every year from the first to the last, empty ones too.
    const keys = t.periods.map((p) => Number(p.key));
    assert.deepEqual(keys, Array.from({ length: keys.length }, (_, i) => keys[0] + i));
  });

  it('the articles of a period, a page at a time, with the mention to open', async () => {
    const t = await s.connection.sendRequest(TimelineRequest, { ids: [WANG], granularity: 'month' });
    const busiest = t.periods.reduce((best, p, i) => (t.series[0].articles[i] > t.series[0].articles[best] ? i : best), 0);
    const period = t.periods[busiest];
    const first = await s.connection.sendRequest(ArticlesNamingRequest, { ids: [WANG], from: period.from, to: period.to, limit: 1 });
    assert.equal(first.total, t.series[0].articles[busiest]);
    assert.equal(first.articles.length, 1);
    const a = first.articles[0];
    assert.ok(a.date! >= period.from && a.date! <= period.to);
    const text = fs.readFileSync(new URL(a.uri), 'utf8').split(/\r?\n/);
    assert.match(text[a.range.start.line].slice(a.range.start.character, a.range.end.character), /وانغ|وانج/);
    if (first.total > 1) {
      const second = await s.connection.sendRequest(ArticlesNamingRequest, { ids: [WANG], from: period.from, to: period.to, limit: 1, offset: 1 });
      assert.notEqual(second.articles[0].uri, a.uri);
    }
  });

  it('the network: an edge weighs as many articles as name both', async () => {
    const net = await s.connection.sendRequest(NetworkRequest, { top: 10, types: ['person', 'place'] });
    assert.ok(net.nodes.length <= 10 && net.nodes.every((n) => n.type === 'person' || n.type === 'place'));
    const edge = net.edges.find((e) => [e.source, e.target].sort().join() === [LAVROV, WANG].sort().join())!;
    const both = await s.connection.sendRequest(ArticlesNamingRequest, { ids: [LAVROV, WANG] });
    assert.equal(edge.weight, both.total);
    const byParagraph = await s.connection.sendRequest(NetworkRequest, { top: 10, types: ['person', 'place'], basis: 'paragraphs' });
    const inParagraphs = byParagraph.edges.find((e) => [e.source, e.target].sort().join() === [LAVROV, WANG].sort().join())!;
    assert.ok(inParagraphs.weight >= 1);
  });

  it('exports the entity table in pages that make one JSON file, and the network as GEXF', async () => {
    let json = '';
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await s.connection.sendRequest(EntityTableExportRequest, { format: 'json', after, limit: 10 });
      json += page.text;
      after = page.next;
      pages++;
    } while (after !== undefined);
    const rows = JSON.parse(json) as EntityRow[];
    assert.ok(pages > 1);
    // The same rows as data, page by page.
    const ids: string[] = [];
    after = undefined;
    do {
      const page: EntityTablePage = await s.connection.sendRequest(EntityTableRequest, { after, limit: 7 });
      ids.push(...page.rows.map((r) => r.id));
      assert.equal(page.total, rows.length);
      after = page.next;
    } while (after !== undefined);
    assert.deepEqual(ids, rows.map((r) => r.id));
    const people = await s.connection.sendRequest(EntitiesRequest, { type: 'person' });
    const lavrov = rows.find((r) => r.id === LAVROV)!;
    assert.equal(lavrov.mentions, people.find((p) => p.id === LAVROV)!.mentions);
    assert.ok(lavrov.first! <= lavrov.last!);
    const { text } = await s.connection.sendRequest(NetworkExportRequest, { format: 'gexf', network: { top: 20 } });
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf xmlns="http:\/\/gexf.net\/1.3"/);
    assert.match(text, /<node id="person:sergey-lavrov" label="سيرغي لافروف">/);
  });

  it('refuses malformed parameters with a message', async () => {
    await assert.rejects(s.connection.sendRequest(TimelineRequest, { ids: [LAVROV], granularity: 'fortnight' as 'week' }), /granularity/);
    await assert.rejects(s.connection.sendRequest(NetworkRequest, { from: '3 مارس' }), /YYYY/);
  });
});

describe('cancelling a timeline or network request', function () {
  let s: Session;
  let dir: string;
  before(async () => {
    // Enough articles for the passes to give way between slices.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-network-'));
    const texts = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(seeds, f), 'utf8'));
    for (let i = 0; i < 600; i++) fs.writeFileSync(path.join(dir, `a${i}.txt`), texts[i % texts.length]);
    s = await startServer(dir);
    await within(s.indexed, 60_000, 'indexing of the copies');
  });
  after(async () => {
    await s?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, send] of [
    ['timeline', (c: Session['connection'], token: CancellationTokenSource['token']) => c.sendRequest(TimelineRequest, { ids: [LAVROV, WANG], granularity: 'day' }, token)],
    ['network', (c: Session['connection'], token: CancellationTokenSource['token']) => c.sendRequest(NetworkRequest, { top: 150 }, token)],
  ] as const) {
    it(`a cancelled ${name} request is answered as cancelled; an uncancelled one completes`, async () => {
      // Sent while the server works on another request, so that the cancellation has come by
      // the time the request is taken up: it is then answered as cancelled at its first pause.
      const busy = s.connection.sendRequest(NetworkRequest, { top: 500, basis: 'paragraphs' });
      const source = new CancellationTokenSource();
      const cancelled = send(s.connection, source.token);
      source.cancel();
      await assert.rejects(cancelled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
      assert.ok((await busy).nodes.length > 0);
      const done = await send(s.connection, new CancellationTokenSource().token);
      assert.ok(done);
    });
  }
});
