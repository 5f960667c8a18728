// Bundles the client (dist/extension.js, `vscode` external), the webview pages' scripts
// (each client/webview/<panel>.ts into dist/media/<panel>.js, for the browser) and the server
// (dist/server.js, its scan worker dist/analysisWorker.js and its warm-start helper
// dist/warmStartWorker.js), and builds the shipped catalog first (scripts/build-catalog.mts).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// The shipped catalog: curated data and CLDR, joined and checked (it prints its size by type).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-catalog.mts'], { stdio: 'inherit' });
const catalog = JSON.parse(readFileSync('server/catalog/shipped.json', 'utf8'));

/** Each panel's page script: client/webview/<panel>.ts (shared page code lives in client/webview/shared/). */
const pages = readdirSync('client/webview').filter((f) => f.endsWith('.ts')).map((f) => `client/webview/${f}`);

const common = { bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: pages, outdir: 'dist/media', platform: 'browser', target: 'es2022', format: 'iife', sourcemap: false, minify: true }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // The initial scan's worker threads, started by dist/server.js from beside it.
  esbuild.build({ ...common, entryPoints: ['server/src/workspace/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  // The worker thread that helps a warm start of a large persisted index.
  esbuild.build({ ...common, entryPoints: ['server/src/workspace/warmStartWorker.ts'], outfile: 'dist/warmStartWorker.js' }),
  // Integration suites, run inside VS Code (mocha and vscode stay external).
  esbuild.build({ ...common, entryPoints: ['test/integration/suite/index.ts', 'test/integration/suite/extension.test.ts'], outdir: 'out/integration', external: ['vscode', 'mocha'] }),
]);
console.log(`built dist/ (catalog: ${catalog.entities.length} entities)`);
