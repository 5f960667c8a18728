import { strict as assert } from 'assert';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { csvField } from '../../server/src/core/analysis/csvText';
import { entityTableExportPage, entityTablePage, type EntityRow } from '../../server/src/core/analysis/entityTableExport';
import { networkEdgesCsv, networkGexf, networkNodesCsv } from '../../server/src/core/analysis/networkExport';
import { cooccurrenceNetwork, type Network } from '../../server/src/core/analysis/network';
// A strict XML parser: the GEXF must be a well-formed document for Gephi to open it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): SaxParser };
interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onerror: (e: Error) => void;
  write(s: string): SaxParser;
  close(): void;
}

const entities = (shipped as { entities: CatalogEntry[] }).entities;

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the text ends with a line end');
  return rows;
}

/** Elements of a GEXF document, read by a strict XML parser (which throws on malformed XML). */
function parseXml(xml: string): { name: string; attributes: Record<string, string> }[] {
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  const p = sax.parser(true);
  p.onopentag = (t) => tags.push(t);
  p.onerror = (e) => {
    throw e;
  };
  p.write(xml).close();
  return tags;
}

function corpus(): CorpusIndex {
  const ix = new CorpusIndex([
    ...entities,
    // A workspace entry whose names hold what CSV and XML must escape.
    { id: 'org:quote-test', type: 'organisation', ar: 'شركة الأمل', en: '=HYPERLINK("x"), & <b>Co</b>', aliases: ['الأمل "للتجارة"'] },
  ]);
  ix.upsert('a', '10 يوليو 2025\nلقاء في بكين\nقال سيرغي لافروف إن شركة الأمل تعمل مع وانغ يي.');
  ix.upsert('b', '3 مارس 2021\nعنوان\nقال سيرجي لافروف ووانغ يي إن شركة الأمل مهمة.');
  ix.upsert('c', 'بلا تاريخ\nقال لافروف إن الحوار مستمر.');
  return ix;
}

describe('exports', () => {
  it('a CSV field is quoted when it must be, and never reads as a formula', () => {
    assert.equal(csvField('سيرغي لافروف'), 'سيرغي لافروف');
    assert.equal(csvField('قال: "نعم"، ثم'), '"قال: ""نعم""، ثم"');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField(-2), '-2', 'numbers stay numbers');
    assert.equal(csvField(undefined), '');
  });

  it('the entity table: names, counts, first and last dates, as CSV with a BOM', () => {
    const ix = corpus();
    const page = entityTablePage(ix, { types: ['person', 'organisation'] });
    const lavrov = page.rows.find((r) => r.id === 'person:sergey-lavrov')!;
    assert.deepEqual({ ...lavrov, aliases: lavrov.aliases.includes('سيرجي لافروف') }, { id: 'person:sergey-lavrov', type: 'person', ar: 'سيرغي لافروف', en: 'Sergey Lavrov', aliases: true, discovered: false, mentions: 3, articles: 3, first: '2021-03-03', last: '2025-07-10' });
    const { text } = entityTableExportPage(ix, { format: 'csv', types: ['person', 'organisation'] });
    assert.ok(text.startsWith('\ufeffid,type,name_ar,name_en,aliases,mentions,articles,first_date,last_date,discovered\r\n'));
    const rows = parseCsv(text.slice(1));
    const quoted = rows.find((r) => r[0] === 'org:quote-test')!;
    assert.deepEqual(quoted, ['org:quote-test', 'organisation', 'شركة الأمل', `'=HYPERLINK("x"), & <b>Co</b>`, 'الأمل "للتجارة"', '2', '2', '2021-03-03', '2025-07-10', 'false']);
    assert.equal(rows.length, 1 + page.total);
  });

  it('the entity table in pages: in id order, each entity once, the pages together one CSV or JSON file', () => {
    const ix = corpus();
    const whole = entityTablePage(ix, {});
    const ids: string[] = [];
    let after: string | undefined;
    let csv = '';
    let json = '';
    do {
      const page = entityTablePage(ix, { after, limit: 2 });
      ids.push(...page.rows.map((r) => r.id));
      csv += entityTableExportPage(ix, { format: 'csv', after, limit: 2 }).text;
      json += entityTableExportPage(ix, { format: 'json', after, limit: 2 }).text;
      assert.equal(page.total, whole.total);
      after = page.next;
    } while (after !== undefined);
    assert.deepEqual(ids, whole.rows.map((r) => r.id));
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(csv.indexOf('\ufeff', 1), -1, 'one BOM, at the start');
    assert.equal(parseCsv(csv.slice(1)).length, 1 + ids.length);
    const parsed = JSON.parse(json) as EntityRow[];
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(whole.rows)));
    // An entity gone between two pages neither repeats nor shifts the next page.
    const first = entityTablePage(ix, { limit: 2 });
    ix.remove('c');
    ix.remove('b');
    const rest = entityTablePage(ix, { after: first.next, limit: 1000 });
    assert.ok(rest.rows.every((r) => r.id > first.next!));
  });

  describe('network files', () => {
    let net: Network;
    before(async () => {
      net = (await cooccurrenceNetwork(corpus(), { types: ['person', 'organisation'] }))!;
    });

    it('nodes and edges as CSV for Gephi', () => {
      const nodes = parseCsv(networkNodesCsv(net).slice(1));
      assert.deepEqual(nodes[0], ['Id', 'Label', 'Label_en', 'Type', 'Articles', 'Mentions', 'Discovered']);
      assert.deepEqual(nodes.find((n) => n[0] === 'person:sergey-lavrov'), ['person:sergey-lavrov', 'سيرغي لافروف', 'Sergey Lavrov', 'person', '3', '3', 'false']);
      assert.ok(networkEdgesCsv(net).startsWith('\ufeffSource,Target,Type,Weight\r\n'));
      const edges = parseCsv(networkEdgesCsv(net).slice(1));
      assert.deepEqual(edges.find((e) => e.includes('org:quote-test') && e.includes('person:sergey-lavrov'))?.slice(2), ['Undirected', '2']);
      assert.equal(edges.length, 1 + net.edges.length);
    });

    it('GEXF: well-formed, Arabic labels, escaped text, attributes, sizes and colours', () => {
      const xml = networkGexf(net);
      const tags = parseXml(xml);
      const nodes = tags.filter((t) => t.name === 'node');
      assert.equal(nodes.length, net.nodes.length);
      assert.deepEqual(nodes.find((n) => n.attributes.id === 'org:quote-test')!.attributes, { id: 'org:quote-test', label: 'شركة الأمل' });
      // The Latin name, read back whole: escaped in the file, not markup.
      const values = tags.filter((t) => t.name === 'attvalue' && t.attributes.for === 'en').map((t) => t.attributes.value);
      assert.ok(values.includes('=HYPERLINK("x"), & <b>Co</b>'));
      assert.ok(!xml.includes('<b>'));
      const edges = tags.filter((t) => t.name === 'edge');
      assert.deepEqual(edges.map((e) => Number(e.attributes.weight)), net.edges.map((e) => e.weight));
      assert.ok(tags.some((t) => t.name === 'viz:color' && t.attributes.r === '47'), 'people in the person colour');
      assert.equal(tags.filter((t) => t.name === 'viz:size').length, net.nodes.length);
    });

    it('GEXF leaves out what XML cannot hold', () => {
      const odd: Network = { ...net, nodes: [{ ...net.nodes[0], ar: 'اسم\u0001"مع"\ud800<رموز>' }], edges: [] };
      const label = parseXml(networkGexf(odd)).find((t) => t.name === 'node')!.attributes.label;
      assert.equal(label, 'اسم"مع"<رموز>');
    });
  });
});
