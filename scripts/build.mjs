// Bundles the client (dist/extension.js, `vscode` external) and the server (dist/server.js, its
// scan worker dist/analysisWorker.js and its warm-start helper dist/warmStartWorker.js), and
// validates the shipped catalog against its JSON schema first.
import Ajv from 'ajv';
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const schema = JSON.parse(readFileSync('server/catalog/catalog.schema.json', 'utf8'));
const catalog = JSON.parse(readFileSync('server/catalog/entities.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
if (!validate(catalog)) {
  console.error('server/catalog/entities.json does not match its schema:');
  for (const e of validate.errors) console.error(`  ${e.instancePath} ${e.message}`);
  process.exit(1);
}
const ids = new Set();
for (const e of catalog.entities) {
  if (ids.has(e.id)) {
    console.error(`server/catalog/entities.json: duplicate id ${e.id}`);
    process.exit(1);
  }
  ids.add(e.id);
}

const common = { bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // The initial scan's worker threads, started by dist/server.js from beside it.
  esbuild.build({ ...common, entryPoints: ['server/src/workspace/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  // The worker thread that helps a warm start of a large persisted index.
  esbuild.build({ ...common, entryPoints: ['server/src/workspace/warmStartWorker.ts'], outfile: 'dist/warmStartWorker.js' }),
  // Integration suites, run inside VS Code (mocha and vscode stay external).
  esbuild.build({ ...common, entryPoints: ['test/integration/suite/index.ts', 'test/integration/suite/extension.test.ts'], outdir: 'out/integration', external: ['vscode', 'mocha'] }),
]);
console.log(`built dist/ (catalog: ${catalog.entities.length} entities)`);
