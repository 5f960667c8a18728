// The core's code bundled with esbuild from the sources under `from` into `outfile`, and loaded,
// with this checkout's built catalog (one catalog for both sides of a comparison). Dependencies
// resolve from this checkout's `node_modules`, so that `from` may be another revision's sources.
// Also what the comparison tools share: their options and another revision's sources.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalog = `export { default as catalog } from ${JSON.stringify(path.join(root, 'server/catalog/shipped.json'))};`;

/** Bundles and loads a module whose text is `entry` (its imports resolved under `from`), with the catalog beside its exports. */
export async function loadCore(from, outfile, entry) {
  await esbuild.build({
    stdin: { contents: `${entry}\n${catalog}`, resolveDir: from, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/** The recogniser, `analyzeArticle` and `decode`. */
export function loadAnalysis(from, outfile) {
  return loadCore(
    from,
    outfile,
    `export { Recognizer } from './server/src/core/entities/recognizer';
export { analyzeArticle } from './server/src/core/index/analysis';
export { decode } from './server/src/core/text/decode';`,
  );
}

/** The command line of a comparison tool: `option(name, fallback)` takes `--name value` out of it; `rest` is what remains. */
export function commandLine() {
  const rest = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest.splice(i, 2)[1] : fallback;
  };
  return { option, rest };
}

/** Git revision `ref`'s server sources, written under `dir` (beside this checkout's package, whose dependencies they use). */
export function revisionSources(ref, dir) {
  execFileSync('sh', ['-c', `mkdir -p "${dir}" && git -C "${root}" archive "${ref}" server | tar -x -C "${dir}"`]);
  return dir;
}

/**
 * The corpus a comparison tool reads: the one named, else the largest of `sizes` that `npm run
 * bench` generated under `.bench/`. Exits, saying so, when there is none.
 */
export function benchCorpus(named, sizes = [100000, 10000]) {
  const corpus = named ? path.resolve(named) : sizes.map((n) => path.join(root, `.bench/corpus-${n}`)).find(existsSync);
  if (!corpus || !existsSync(corpus)) {
    console.error('no corpus: run `npm run bench -- --sizes 10000` first, or name one');
    process.exit(1);
  }
  return corpus;
}
