// The concordance's speed, as a client sees it (called by bench.mjs on its server, once indexed):
//  - the first page (100 lines) of the most mentioned entity, its concordance not made before;
//  - a re-sort of some 10,000 lines whose words are read (the entity named closest above
//    10,000 times; its first sort on a word reads them, timed apart);
//  - the full export (CSV) of the most mentioned entity, with hovers sent every 20 ms meanwhile:
//    their p95 against the idle hovers' p95.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const now = () => performance.now();
async function timed(f) {
  const t = now();
  const value = await f();
  return { ms: now() - t, value };
}

/** `hover()` sends one hover and resolves with its latency (ms). */
export async function benchConcordance(c, { hover, pct }) {
  const entities = [];
  for (const type of ['person', 'organisation', 'place', 'topic']) entities.push(...(await c.sendRequest('corpusLens/entities', { type })));
  entities.sort((a, b) => b.mentions - a.mentions);
  const top = entities[0];
  const entity = (e) => ({ kind: 'entity', id: e.id });

  const first = await timed(() => c.sendRequest('corpusLens/concordance', { query: entity(top), limit: 100 }));
  const again = await timed(() => c.sendRequest('corpusLens/concordance', { query: entity(top), offset: 100, limit: 100 }));

  // The entity named closest above 10,000 times (else the most mentioned one).
  const tenK = [...entities].reverse().find((e) => e.mentions >= 10_000) ?? top;
  const wordsRead = await timed(() => c.sendRequest('corpusLens/concordance', { query: entity(tenK), sort: ['1R'], limit: 100 }));
  const resorts = [];
  for (const sort of [['2L', '1R'], ['1L', 'newest'], ['3R', '2R', '1R'], ['source', '1L']]) {
    resorts.push((await timed(() => c.sendRequest('corpusLens/concordance', { query: entity(tenK), sort, limit: 100 }))).ms);
  }

  // The export, with hovers meanwhile.
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-lens-bench-export-'));
  const target = path.join(dir, 'lines.csv');
  let exporting = true;
  const during = [];
  const exported = timed(() => c.sendRequest('corpusLens/concordanceExport', { query: entity(top), format: 'csv', target: pathToFileURL(target).toString() })).finally(() => (exporting = false));
  while (exporting) {
    during.push(await hover());
    await new Promise((r) => setTimeout(r, 20));
  }
  const exp = await exported;
  const bytes = statSync(target).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    top: { id: top.id, mentions: top.mentions, articles: top.articles },
    firstPageMs: first.ms,
    nextPageMs: again.ms,
    resort: { id: tenK.id, lines: wordsRead.value.hits, wordsReadMs: wordsRead.ms, p50: pct(resorts, 50), max: Math.max(...resorts) },
    export: { lines: exp.value.lines, ms: exp.ms, mb: bytes / 1e6, hoversDuring: during.length, hoverP95During: pct(during, 95) },
  };
}
