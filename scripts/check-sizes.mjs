// `node scripts/check-sizes.mjs [--max-class-lines N] [--max-members N] [--max-function-lines N] [DIR…]`:
// lists the classes over 250 lines or 25 members and the functions (declarations, methods,
// accessors, constructors, arrow functions and function expressions) over 60 lines in the
// TypeScript sources under DIR (default `server/src` and `client/src`), read with the
// TypeScript compiler's parser; exits 1 when it lists any. A class's lines run from its
// declaration to its closing brace, comments before it not counted.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function commandLine(argv) {
  const limits = { classLines: 250, members: 25, functionLines: 60 };
  const flags = { '--max-class-lines': 'classLines', '--max-members': 'members', '--max-function-lines': 'functionLines' };
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (flags[argv[i]]) limits[flags[argv[i]]] = Number(argv[++i]);
    else dirs.push(argv[i]);
  }
  return { limits, dirs: dirs.length > 0 ? dirs : ['server/src', 'client/src'] };
}

function sourceFiles(dir) {
  return readdirSync(path.resolve(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .sort();
}

/** The node's name as a reader finds it: its own, or the variable or property it is assigned to. */
function nameOf(node, file) {
  if (node.name) return node.name.getText(file);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p))) return p.name.getText(file);
  return '(anonymous)';
}

/** Each class and function of one file over the limits, as `{ where, what }`. */
function oversized(file, limits) {
  const found = [];
  const lineOf = (pos) => file.getLineAndCharacterOfPosition(pos).line;
  const lines = (node) => lineOf(node.getEnd()) - lineOf(node.getStart(file)) + 1;
  const where = (node) => `${path.relative(root, file.fileName)}:${lineOf(node.getStart(file)) + 1}`;
  const visit = (node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const n = lines(node);
      const members = node.members.length;
      if (n > limits.classLines || members > limits.members) found.push({ where: where(node), what: `class ${nameOf(node, file)}: ${n} lines, ${members} members` });
    } else if (ts.isFunctionLike(node) && node.body) {
      const n = lines(node);
      if (n > limits.functionLines) found.push({ where: where(node), what: `function ${nameOf(node, file)}: ${n} lines` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const { limits, dirs } = commandLine(process.argv.slice(2));
const found = dirs.flatMap(sourceFiles).flatMap((f) => oversized(ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true), limits));
for (const f of found) console.log(`${f.where}: ${f.what}`);
if (found.length > 0) {
  console.log(`${found.length} over the limits (classes ${limits.classLines} lines or ${limits.members} members, functions ${limits.functionLines} lines)`);
  process.exit(1);
}
