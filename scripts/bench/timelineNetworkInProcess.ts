// Times the timeline and the co-occurrence network in one process, without the server, on a
// large index made quickly: each article of a benchmark corpus analysed once and committed
// `--copies` times under other names (dates and entities repeat). Prints the fastest of seven
// runs, wall and CPU time, and the median wall time.
//   npx tsx scripts/bench/timelineNetworkInProcess.ts --corpus .bench/corpus-10000 --copies 10
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { analyzeArticle } from '../../server/src/core/index/analysis';
import { cooccurrenceNetwork } from '../../server/src/core/analysis/network';
import { timeline } from '../../server/src/core/analysis/timeline';
import { listFiles } from './listFiles.mjs';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

async function measure(f: () => Promise<unknown>, runs = 7): Promise<string> {
  const walls: number[] = [];
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    walls.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu = Math.min(cpu, (u.user + u.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  return `fastest ${walls[0].toFixed(1)} ms (CPU ${cpu.toFixed(1)} ms), median ${walls[runs >> 1].toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const copies = Number(arg('copies', '10'));
  const ix = new CorpusIndex((shipped as { entities: CatalogEntry[] }).entities);
  for (const f of listFiles(arg('corpus', '.bench/corpus-10000'))) {
    const analysis = analyzeArticle(readFileSync(f, 'utf8'), ix.discovery.recognizer);
    for (let c = 0; c < copies; c++) ix.commit(`${f}#${c}`, { ...analysis, data: analysis.data.slice(), dataBase: undefined });
  }
  const top = ix.summaries().sort((a, b) => b.mentions - a.mentions)[0];
  const id = top.entity.id;
  console.log(`${ix.articleCount} articles; most mentioned ${id}: ${top.mentions} mentions in ${top.articles} articles; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`timeline per month: ${await measure(() => timeline(ix, { ids: [id], granularity: 'month' }))}`);
  console.log(`timeline per day: ${await measure(() => timeline(ix, { ids: [id], granularity: 'day' }))}`);
  console.log(`network of the top 150: ${await measure(() => cooccurrenceNetwork(ix, { top: 150 }))}`);
  console.log(`network of the top 150, 2018–2022: ${await measure(() => cooccurrenceNetwork(ix, { top: 150, from: '2018', to: '2022' }))}`);
  console.log(`network of the top 150 by paragraphs: ${await measure(() => cooccurrenceNetwork(ix, { top: 150, basis: 'paragraphs' }))}`);
}

void main();
