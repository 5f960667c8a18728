/**
 * Entry point of the integration suites inside VS Code: `run()` is what @vscode/test-electron
 * calls, and what the code-server runner extension calls. It rejects when a test fails and
 * returns a report of every test.
 */
import * as path from 'path';
import Mocha from 'mocha';

export interface TestReport {
  passed: { title: string; ms: number }[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<TestReport> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  const report: TestReport = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures > 0 ? reject(Object.assign(new Error(`${failures} integration tests failed`), { report })) : resolve(report)));
    runner.on('pass', (t) => report.passed.push({ title: t.fullTitle(), ms: t.duration ?? 0 }));
    runner.on('fail', (t, err) => report.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
