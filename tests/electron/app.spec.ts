import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The Electron binary's path, or why there is none. Reads what electron's install step leaves behind rather
 * than require('electron'), which would try the download again (it cannot succeed on the build machines).
 */
function electronBinary(): { path: string } | { missing: string } {
  const pkgDir = dirname(createRequire(__filename).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'its download was skipped or failed at install time (no node_modules/electron/path.txt)' };
  const executable = readFileSync(pathFile, 'utf8');
  const full = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), executable);
  return existsSync(full) ? { path: full } : { missing: `no binary at ${full}` };
}

const binary = electronBinary();
const reason = 'missing' in binary ? `Electron binary not installed (${binary.missing}); this suite runs where one exists.` : '';
if (reason) console.log(`[electron suite] SKIPPED: ${reason}`);

test.describe('the real Electron app', () => {
  test.skip(Boolean(reason), reason);

  test('adds a Shippo store and a token, shows it masked, survives a restart, deletes it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-electron-'));
    const launch = () => electron.launch({ executablePath: (binary as { path: string }).path, args: ['.'], env: { ...process.env, KEYWARD_DATA_DIR: dataDir } });
    try {
      let app = await launch();
      let page = await app.firstWindow();
      await page.getByRole('button', { name: '+ Add store' }).click();
      await page.getByLabel('Provider *').selectOption({ label: 'Shippo' });
      await page.getByLabel('Store name *').fill('Electron shipping');
      await page.getByRole('button', { name: 'Save store' }).click();
      await page.getByRole('button', { name: '+ Add token' }).click();
      await page.getByLabel('Token name *').fill('Electron token');
      await page.locator('#token-secret').fill(`shippo_test_${'ab'.repeat(20)}`);
      await page.getByRole('button', { name: 'Save token' }).click();
      await expect(page.getByRole('row', { name: /Electron token/ })).toContainText('shippo_test_ab…abab');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      await app.close();

      app = await launch();
      page = await app.firstWindow();
      await page.getByRole('button', { name: /Electron shipping/ }).click();
      await page.getByRole('button', { name: 'Delete token Electron token' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByRole('row', { name: /Electron token/ })).toHaveCount(0);
      await app.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
