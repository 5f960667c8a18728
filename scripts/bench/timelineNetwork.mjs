// The timeline and the co-occurrence network as a client asks for them, on an indexed corpus:
// the timeline of the most mentioned entity (per month, and per day, the longest), the network
// of the top 150 entities (articles and paragraphs), and the whole entity table exported in
// pages. Targets (at 100,000 articles): timeline ≤ 100 ms, network ≤ 500 ms.

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function timed(f) {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** The entity with the most mentions, of any type. */
async function mostMentioned(c) {
  const lists = await Promise.all(['person', 'organisation', 'place', 'topic'].map((type) => c.sendRequest('corpusLens/entities', { type })));
  return lists.flat().sort((a, b) => b.mentions - a.mentions)[0];
}

/** Measures on the connection `c` to a server whose indexing is done; `samples` of each request. */
export async function measureTimelineNetwork(c, samples = 10) {
  const top = await mostMentioned(c);
  const t = { month: [], day: [], network: [], paragraphs: [] };
  let nodes = 0;
  let edges = 0;
  for (let i = 0; i < samples; i++) {
    t.month.push(await timed(() => c.sendRequest('corpusLens/timeline', { ids: [top.id], granularity: 'month' })));
    t.day.push(await timed(() => c.sendRequest('corpusLens/timeline', { ids: [top.id], granularity: 'day' })));
    t.network.push(
      await timed(async () => {
        const net = await c.sendRequest('corpusLens/network', { top: 150 });
        nodes = net.nodes.length;
        edges = net.edges.length;
      }),
    );
    t.paragraphs.push(await timed(() => c.sendRequest('corpusLens/network', { top: 150, basis: 'paragraphs' })));
  }
  let rows = 0;
  const exportMs = await timed(async () => {
    let after;
    do {
      const page = await c.sendRequest('corpusLens/entityTableExport', { format: 'csv', after, limit: 2000 });
      rows += page.rows;
      after = page.next;
    } while (after !== undefined);
  });
  const stats = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
  return {
    entity: { id: top.id, mentions: top.mentions, articles: top.articles },
    timelineMonth: stats(t.month),
    timelineDay: stats(t.day),
    network150: { ...stats(t.network), nodes, edges },
    network150Paragraphs: stats(t.paragraphs),
    entityTableExport: { ms: exportMs, rows },
  };
}

/** Rows of the benchmark's table, one value per corpus size. */
export function timelineNetworkRows(results, f) {
  const at = (r) => r.timelineNetwork;
  return [
    ['most mentioned entity (mentions / articles)', ...results.map((r) => `${at(r).entity.mentions} / ${at(r).entity.articles}`)],
    ['timeline of it per month p50 / p95 (ms, ≤ 100)', ...results.map((r) => `${f(at(r).timelineMonth.p50)} / ${f(at(r).timelineMonth.p95)}`)],
    ['timeline of it per day p50 / p95 (ms)', ...results.map((r) => `${f(at(r).timelineDay.p50)} / ${f(at(r).timelineDay.p95)}`)],
    ['network of the top 150 p50 / p95 (ms, ≤ 500)', ...results.map((r) => `${f(at(r).network150.p50)} / ${f(at(r).network150.p95)} (${at(r).network150.edges} edges)`)],
    ['network of the top 150 by paragraphs p50 / p95 (ms)', ...results.map((r) => `${f(at(r).network150Paragraphs.p50)} / ${f(at(r).network150Paragraphs.p95)}`)],
    ['entity table export, all pages (ms)', ...results.map((r) => `${f(at(r).entityTableExport.ms)} (${at(r).entityTableExport.rows} rows)`)],
  ];
}
