/** The size check (`scripts/check-sizes.mjs`) on small sources written for the test. */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const script = path.resolve(__dirname, '../../scripts/check-sizes.mjs');

/** Runs the check over a folder holding `files` (name → source): its exit status and the lines it printed. */
function check(files: Record<string, string>, ...args: string[]): { status: number | null; lines: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-lens-check-sizes-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const run = spawnSync(process.execPath, [script, ...args, dir], { encoding: 'utf8' });
    return { status: run.status, lines: run.stdout.split('\n').filter(Boolean).map((l) => l.replace(/^.*[\\/]/, '')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A class of `n` methods, each on one line. */
const classOf = (name: string, n: number) => `export class ${name} {\n${Array.from({ length: n }, (_, i) => `  m${i}(): number { return ${i}; }`).join('\n')}\n}\n`;
/** A function of `lines` lines, a statement on each between its first and last. */
const functionOf = (name: string, lines: number) => `export function ${name}(): number {\n  let x = 0;\n${'  x++;\n'.repeat(lines - 4)}  return x;\n}\n`;

describe('size check', () => {
  it('lists a class of more than 25 members and a function of more than 60 lines, and fails', () => {
    const { status, lines } = check({ 'wide.ts': classOf('Wide', 26), 'long.ts': functionOf('long', 61) });
    assert.equal(status, 1);
    assert.deepEqual(lines.slice(0, 2), ['long.ts:1: function long: 61 lines', 'wide.ts:1: class Wide: 28 lines, 26 members']);
  });

  it('passes sources at the limits: 25 members, 60 lines', () => {
    const { status, lines } = check({ 'wide.ts': classOf('Wide', 25), 'long.ts': functionOf('long', 60) });
    assert.deepEqual({ status, lines }, { status: 0, lines: [] });
  });

  it('lists a long method and a long arrow function by name, and a class by its lines', () => {
    const method = `export class Tall {\n  run(): number {\n${'    void 0;\n'.repeat(60)}    return 0;\n  }\n}\n`;
    const arrow = `export const handler = (): number => {\n${'  void 0;\n'.repeat(60)}  return 0;\n};\n`;
    const { status, lines } = check({ 'tall.ts': method, 'arrow.ts': arrow }, '--max-class-lines', '50');
    assert.equal(status, 1);
    assert.deepEqual(lines.slice(0, 3), ['arrow.ts:1: function handler: 63 lines', 'tall.ts:1: class Tall: 65 lines, 1 members', 'tall.ts:2: function run: 63 lines']);
  });
});
