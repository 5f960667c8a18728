/**
 * The shipped catalog's cost at start: reading its JSON, building the recogniser and index over
 * it, and the heap it holds (run with --expose-gc for the heap figure).
 *
 *   node --expose-gc --import tsx scripts/bench/catalog.ts
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { CorpusIndex } from '../../server/src/core/index/corpusIndex';
import type { CatalogEntry } from '../../server/src/core/catalog/types';

const gc = (globalThis as { gc?: () => void }).gc;
const file = path.resolve(__dirname, '../../server/catalog/shipped.json');
const heap = () => (gc?.(), process.memoryUsage().heapUsed);
const before = heap();
const t0 = performance.now();
const entities = (JSON.parse(readFileSync(file, 'utf8')) as { entities: CatalogEntry[] }).entities;
const t1 = performance.now();
const index = new CorpusIndex(entities);
const t2 = performance.now();
const held = heap() - before;
const rebuilds = Array.from({ length: 5 }, () => {
  const t = performance.now();
  new CorpusIndex(entities);
  return performance.now() - t;
}).sort((a, b) => a - b);
console.log(`${entities.length} entities: parse ${(t1 - t0).toFixed(0)} ms, first index ${(t2 - t1).toFixed(0)} ms, later builds median ${rebuilds[2].toFixed(0)} ms; heap held ${gc ? `${(held / 1024 / 1024).toFixed(1)} MB` : '(run with --expose-gc)'}`);
void index;
