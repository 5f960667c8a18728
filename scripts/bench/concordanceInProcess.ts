// Times the concordance requests in one process, without the LSP connection, on a large index
// made quickly (copiedIndex.ts): what `corpusLens/concordance` does for
//  - the first page (100 lines) of the most mentioned entity, its concordance not made before
//    and the index just changed (as after indexing);
//  - the next page;
//  - re-sorts of the lines of the entity named closest above 10,000 times, once its words are
//    read (the reading timed apart).
// Prints the fastest of seven runs, wall and CPU time, and the median wall time.
//   npx tsx scripts/bench/concordanceInProcess.ts --corpus .bench/corpus-10000 --copies 10
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { CancellationToken } from 'vscode-languageserver/node';
import { AnalysisRequests } from '../../server/src/analysisRequests';
import type { SortKey } from '../../server/src/core/analysis/sortKeys';
import { arg, copiedIndex, fileOfCopy, measure } from './copiedIndex';

async function main(): Promise<void> {
  const ix = copiedIndex(arg('corpus', '.bench/corpus-10000'), Number(arg('copies', '10')));
  const requests = () =>
    new AnalysisRequests({
      index: () => ix,
      readText: (key) => readFile(fileOfCopy(key), 'utf8').catch(() => undefined),
      key: (uri) => uri,
      pathOf: (uri) => uri,
      progress: () => Promise.resolve(undefined),
    });
  const none = CancellationToken.None;
  const byMentions = ix.figures.summaries().sort((a, b) => b.mentions - a.mentions);
  const top = { kind: 'entity' as const, id: byMentions[0].entity.id };
  console.log(`${ix.articleCount} articles; most mentioned ${top.id}: ${byMentions[0].mentions} mentions in ${byMentions[0].articles} articles; load average ${loadavg()[0].toFixed(1)}`);

  // An article added and removed: the index's version changes, as after indexing.
  const touch = () => {
    ix.upsert('bench:touch.txt', 'خبر\nقال الوزير');
    ix.remove('bench:touch.txt');
  };
  let hits = 0;
  console.log(
    `first page: ${await measure(async () => {
      touch();
      hits = (await requests().concordance({ query: top, limit: 100 }, none)).hits;
    })} (${hits} hits)`,
  );
  const warm = requests();
  await warm.concordance({ query: top, limit: 100 }, none);
  console.log(`next page: ${await measure(() => warm.concordance({ query: top, offset: 100, limit: 100 }, none))}`);

  const tenK = [...byMentions].reverse().find((s) => s.mentions >= 10_000) ?? byMentions[0];
  const query = { kind: 'entity' as const, id: tenK.entity.id };
  const sorting = requests();
  console.log(`words of ${tenK.entity.id} (${tenK.mentions} mentions) read for a sort on 1R: ${await measure(() => sorting.concordance({ query, sort: ['1R'], limit: 100 }, none), 1)}`);
  const sorts: SortKey[][] = [['2L', '1R'], ['1L', 'newest'], ['3R', '2R', '1R'], ['source', '1L']];
  // Each sort once: a view made is kept.
  for (const sort of sorts) console.log(`re-sort ${sort.join(', ')}: ${await measure(() => sorting.concordance({ query, sort, limit: 100 }, none), 1)}`);
}

void main();
