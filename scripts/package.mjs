// Builds the installable package (corpus-lens-<version>.vsix) with @vscode/vsce from what
// .vscodeignore lets in, lists what it holds and prints its size against the budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
/** What the package may weigh: bundles, grammar, the Reader's page, icon and README images. */
const BUDGET_MB = 4;
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
// The bundles hold every dependency: no node_modules in the package. README images are in the package and stay relative.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });
const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
const mb = statSync(out).size / 1024 / 1024;
console.log(`${path.basename(out)}: ${mb.toFixed(2)} MB (budget ${BUDGET_MB} MB), ${files.length} files:\n  ${files.join('\n  ')}`);
if (mb > BUDGET_MB) {
  console.error(`the package is over its budget of ${BUDGET_MB} MB`);
  process.exit(1);
}
