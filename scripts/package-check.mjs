// Builds dist/linux-unpacked with a placeholder Electron (the real binary cannot be downloaded here) and
// checks what would ship: the built app in app.asar, keytar's native module unpacked, no sources or tests.
// A placeholder has no fuse wire: the afterPack hook must say it skipped; the Electron suite reads real fuses.
import { extractFile, listPackage } from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const placeholder = mkdtempSync(join(tmpdir(), 'keyward-electron-dist-'));
writeFileSync(join(placeholder, 'electron'), '#!/bin/sh\necho placeholder\n');
chmodSync(join(placeholder, 'electron'), 0o755);
mkdirSync('test-results', { recursive: true });

const log = execFileSync(
  'npx',
  ['electron-builder', '--linux', 'dir', `-c.electronDist=${placeholder}`, '-c.npmRebuild=false', '--publish', 'never'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  },
);
process.stdout.write(log);

const resources = 'dist/linux-unpacked/resources';
const entries = listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.replaceAll('\\', '/'));
const checks = [
  ['app.asar holds the main process', entries.includes('/out/main/index.js')],
  ['app.asar holds the sandboxed preload', entries.includes('/out/preload/index.js')],
  ['app.asar holds the renderer', entries.includes('/out/renderer/index.html')],
  [
    'keytar.node is unpacked from the asar',
    existsSync(join(resources, 'app.asar.unpacked/node_modules/keytar/build/Release/keytar.node')),
  ],
  ['no TypeScript sources ship', !entries.some((e) => /\.(ts|tsx)$/.test(e) && !e.includes('/node_modules/'))],
  [
    'no tests, test host or fakes ship',
    !entries.some((e) => e.startsWith('/tests/') || e.startsWith('/electron/') || e.startsWith('/src/')),
  ],
  [
    'no dev-only packages ship',
    !entries.some((e) => /\/node_modules\/(electron|vite|vitest|@playwright|tsx|react|react-dom)\//.test(e)),
  ],
  [
    'the CLI ships beside the app (resources/cli/keyward and keyward.cmd)',
    existsSync(join(resources, 'cli/keyward')) && existsSync(join(resources, 'cli/keyward.cmd')),
  ],
  ['the CLI bundle is in app.asar', entries.includes('/out/main/cli.js')],
  [
    'the afterPack hook ran and skipped the fuse-less placeholder by name',
    /after-pack: SKIPPED fuses: .*dist\/linux-unpacked\/keyward has no fuse wire/.test(log),
  ],
  [
    'the shipped CLI runs the app binary in CLI mode, never ELECTRON_RUN_AS_NODE',
    cliRunsAppMode(join(resources, 'cli/keyward')) && cliRunsAppMode(join(resources, 'cli/keyward.cmd')),
  ],
  [
    'the built main has the CLI mode behind --keyward-cli',
    extractFile(join(resources, 'app.asar'), 'out/main/index.js').toString().includes('"--keyward-cli"'),
  ],
  [
    'zod and undici ship for main',
    entries.some((e) => e.startsWith('/node_modules/zod/')) &&
      entries.some((e) => e.startsWith('/node_modules/undici/')),
  ],
];
function cliRunsAppMode(file) {
  const text = readFileSync(file, 'utf8');
  return (
    !text.includes('ELECTRON_RUN_AS_NODE') && !text.includes('cli.js') && /--keyward-cli -- ("\$@"|%\*)/.test(text)
  );
}

let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? '✓' : '✗'} ${name}`);
  if (!ok) failed++;
}
writeFileSync('test-results/package-check.json', JSON.stringify({ passed: checks.length - failed, failed }));
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
