import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are ESLint rules; these cases keep the rules from silently going away. Paths in the
// type-aware folders (electron/main, electron/cli, tests/host) name real files: the linted text stands in for them.
// Linted text stands in for files on disk: typescript-eslint's single-run mode (on when CI is set) would read
// the files from disk instead, so it is turned off here.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// ESLint's first run loads every plugin: slow on a busy 2-core machine.
describe('process boundaries (eslint.config.mjs)', { timeout: 60_000 }, () => {
  it.each([
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/contract/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/contract/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['electron/main/handlers.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/x.ts', "import { Session } from '../electron/core/session/session';\nexport const a = Session;\n"],
    ['src/x.ts', "import { channels } from '../electron/contract';\nexport const a = channels;\n"],
    ['src/x.ts', 'export const a = window.api;\n'],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  ])('%s refuses: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-(imports|properties)$/)]),
    );
  });

  it.each([
    ['electron/main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/main/electron/tray.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/x.ts', "import type { Token } from '../electron/contract';\nexport type A = Token;\n"],
    ['src/lib/api.ts', 'export const a = window.api;\n'],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  ])('%s allows: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });

  // A rejection nobody handles ends the app, the test host or the CLI: each promise there is awaited or caught.
  it.each([
    ['electron/main/compose.ts', 'async function f(): Promise<void> {}\nf();\n'],
    ['electron/main/index.ts', 'async function f(): Promise<void> {}\nvoid f();\n'],
    ['electron/cli/main.ts', 'export const g = (p: Promise<number>) => {\n  p.then((n) => n + 1);\n};\n'],
    ['tests/host/main.ts', 'async function f(): Promise<void> {}\nf().then(() => 1);\n'],
  ])('%s refuses a floating promise: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('electron/main/index.ts accepts a promise whose rejection is handled', async () => {
    expect(
      await ruleIds('electron/main/index.ts', 'async function f(): Promise<void> {}\nf().catch(() => {});\n'),
    ).toEqual([]);
  });
});
