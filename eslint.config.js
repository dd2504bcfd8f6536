import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layer rules keyed on folder names: shared imports nothing of ours; the renderer reaches the
// application only through shared/; the core, browser mode and CLI never import Electron.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', '**/renderer/**', 'electron', 'node:*', 'react', 'zustand'], message: 'shared/ is pure TypeScript: it imports nothing of ours outside shared/, no Node, no Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zustand', message: 'Create stores through renderer/state/create-store.' }],
          patterns: [
            { group: ['**/electron/**', 'electron', 'node:*'], message: 'The renderer reaches the application only through shared/api.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/state/create-store.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core, web and cli run in plain Node: never import Electron here.' }],
          patterns: [
            { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The core does not depend on the shells.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The shell does not import the renderer.' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.cjs', 'bin/**/*.cjs', '.ci/**', 'electron-builder.config.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
