import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [
    { name: 'electron', message: 'electron/core and electron/contract run without Electron: take a port instead.' },
  ],
  patterns: [{ group: ['electron/*', '!electron/contract', '!electron/core'], message: 'No Electron in this folder.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // House rule: a product file stays readable in one sitting; past about 300 lines it is split by its sections.
  {
    files: ['electron/**/*.ts', 'src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  // The contract is isomorphic: no Electron, no Node built-ins, no core or main.
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            { group: ['node:*'], message: 'The contract runs in the browser too.' },
            {
              group: ['**/core/**', '**/main/**', '**/preload/**'],
              message: 'The contract depends on nothing of ours but itself.',
            },
          ],
        },
      ],
    },
  },
  // Core is plain Node: never Electron, never main or preload.
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/src/**'],
              message: 'Core depends only on the contract and Node.',
            },
          ],
        },
      ],
    },
  },
  // Main's Electron-free parts (dispatch, handlers, composition, adapters) also serve the test host and CLI.
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/main/index.ts and electron/main/electron/ may import Electron.',
            },
          ],
        },
      ],
    },
  },
  // Long-running processes and the CLI: a promise nobody handles would end them, so every one is awaited or caught.
  // Type-aware, for these files only, so the rest of the lint stays fast.
  {
    files: ['electron/main/**/*.ts', 'electron/cli/**/*.ts', 'tests/host/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // The renderer is browser-only and reaches main through src/lib/api.ts alone.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
            {
              group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'The renderer may import only the contract, and only its types.',
            },
            {
              // Plain code without zod: the query cache's refresh (topics, answer-hash), addresses built from a
              // store's fields (url-template) and what a check saw (check-choices).
              regex: '(^|/)electron/contract(/(?!(topics|answer-hash|url-template|check-choices)$).*)?$',
              allowTypeImports: true,
              message: 'Import only types from the contract in the renderer.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process in the renderer.' },
        { name: 'require', message: 'No require in the renderer.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'Only src/lib/api.ts touches window.api.' },
      ],
    },
  },
  { files: ['src/lib/api.ts'], rules: { 'no-restricted-properties': 'off' } },
  // CommonJS: the published bin (a launcher for the built CLI) and electron-builder's hooks.
  {
    files: ['bin/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Node built-ins that do not exist in the browser, for preload too: only 'electron' is available there.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'A sandboxed preload has no Node built-ins.' }] },
      ],
    },
  },
);
