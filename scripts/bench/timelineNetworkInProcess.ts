// Times the timeline and the co-occurrence network in one process, without the server, on a
// large index made quickly (copiedIndex.ts). Prints the fastest of seven runs, wall and CPU
// time, and the median wall time; a timeline's first request for an entity, which counts its
// articles by date, is timed apart.
//   npx tsx scripts/bench/timelineNetworkInProcess.ts --corpus .bench/corpus-10000 --copies 10
import { loadavg } from 'node:os';
import { cooccurrenceNetwork } from '../../server/src/core/analysis/network';
import { timeline } from '../../server/src/core/analysis/timeline';
import { arg, copiedIndex, measure } from './copiedIndex';

async function main(): Promise<void> {
  const ix = copiedIndex(arg('corpus', '.bench/corpus-10000'), Number(arg('copies', '10')));
  const [top, second] = ix.figures.summaries().sort((a, b) => b.mentions - a.mentions);
  const id = top.entity.id;
  console.log(`${ix.articleCount} articles; most mentioned ${id}: ${top.mentions} mentions in ${top.articles} articles; load average ${loadavg()[0].toFixed(1)}`);
  // The counts by date are made when first asked for, then kept: the first requests apart.
  console.log(`timeline per month, first asked (the corpus's and its counts by date made): ${await measure(() => timeline(ix, { ids: [id], granularity: 'month' }), 1)}`);
  console.log(`timeline per month of ${second.entity.id} (${second.mentions} mentions), first asked: ${await measure(() => timeline(ix, { ids: [second.entity.id], granularity: 'month' }), 1)}`);
  console.log(`timeline per month: ${await measure(() => timeline(ix, { ids: [id], granularity: 'month' }))}`);
  console.log(`timeline per day: ${await measure(() => timeline(ix, { ids: [id], granularity: 'day' }))}`);
  console.log(`network of the top 150: ${await measure(() => cooccurrenceNetwork(ix, { top: 150 }))}`);
  console.log(`network of the top 150, 2018–2022: ${await measure(() => cooccurrenceNetwork(ix, { top: 150, from: '2018', to: '2022' }))}`);
  console.log(`network of the top 150 by paragraphs: ${await measure(() => cooccurrenceNetwork(ix, { top: 150, basis: 'paragraphs' }))}`);
}

void main();
