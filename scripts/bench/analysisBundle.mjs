// The core's analysis (recogniser, `analyzeArticle`, decoding) bundled with esbuild from the
// sources under `from` into `outfile`, and loaded, with this checkout's built catalog (one
// catalog for both sides of a comparison). Dependencies resolve from this checkout's
// `node_modules`, so that `from` may be another revision's sources.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadAnalysis(from, outfile) {
  await esbuild.build({
    stdin: {
      contents: `export { Recognizer } from './server/src/core/entities/recognizer';
export { analyzeArticle } from './server/src/core/index/analysis';
export { decode } from './server/src/core/text/decode';
export { default as catalog } from ${JSON.stringify(path.join(root, 'server/catalog/shipped.json'))};`,
      resolveDir: from,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
