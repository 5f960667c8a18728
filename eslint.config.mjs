// Lint: typescript-eslint's recommended rules, and the layers kept apart: the core imports
// neither `vscode`, the LSP connection nor the file system (it is given texts and bytes); the
// client imports the server's protocol, never the server.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', '.bench/**', 'node_modules/**', 'media/**', 'test/editors/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The core knows nothing of VS Code.' },
            { name: 'fs', message: 'The core does no file I/O: the workspace reads files and hands it texts.' },
            { name: 'node:fs', message: 'The core does no file I/O: the workspace reads files and hands it texts.' },
            { name: 'fs/promises', message: 'The core does no file I/O.' },
            { name: 'node:fs/promises', message: 'The core does no file I/O.' },
          ],
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core knows nothing of the LSP connection (plain types come from vscode-languageserver-types).' },
            { group: ['**/workspace/*', '**/server', '**/protocol', '**/client/**'], message: 'The core does not reach up into the server, its protocol or the client: they import from it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/src/server', '**/server/src/workspace/*', '**/server/src/*Requests'], message: 'The client talks to the server over LSP: it imports protocol.ts (and pure core modules), never the server itself.' },
            { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'The client uses vscode-languageclient; the server library stays on the server.' },
          ],
        },
      ],
    },
  },
);
