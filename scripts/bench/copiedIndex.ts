// A large index made quickly for in-process timings: each article of a benchmark corpus analysed
// once and committed `copies` times under other names (`<file>#<copy>`; dates and entities repeat).
import { readFileSync } from 'node:fs';
import shipped from '../../server/catalog/shipped.json';
import type { CatalogEntry } from '../../server/src/core/catalog/types';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import { analyzeArticle } from '../../server/src/core/index/analysis';
import { listFiles } from './listFiles.mjs';

export const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

export function copiedIndex(corpus: string, copies: number): CorpusIndex {
  const ix = new CorpusIndex((shipped as { entities: CatalogEntry[] }).entities);
  for (const f of listFiles(corpus)) {
    const analysis = analyzeArticle(readFileSync(f, 'utf8'), ix.discovery.recognizer);
    for (let c = 0; c < copies; c++) ix.commit(`${f}#${c}`, { ...analysis, data: analysis.data.slice(), dataBase: undefined });
  }
  return ix;
}

/** The file a copy's key names. */
export const fileOfCopy = (key: string): string => key.slice(0, key.lastIndexOf('#'));

/** Runs `f` `runs` times: the fastest wall and CPU times, and the median wall time. */
export async function measure(f: () => Promise<unknown>, runs = 7): Promise<string> {
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
