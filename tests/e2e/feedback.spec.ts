import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_FILE, VAULT_FILE } from '../../electron/core/vault/json-vault-file';
import { generateVault, jsonVaultBytes } from '../bench/generate-vault';
import { expect, seed, test } from './inventory-support';

// Feedback a desktop user expects: messages that stop being true go, focus lands where a view starts, and a
// recovered vault says which copy it loaded and where its files are.

test('Enter on a row opens the token with focus on its heading; Esc puts it back on the row', async ({
  page,
  host,
}) => {
  await seed(host);
  await page.goto(`${host.url}#inventory`);
  await expect(page.getByTestId('inventory-count')).toHaveText('9 tokens');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search tokens' })).toBeFocused();
  await page.keyboard.type('Warehouse labels');
  await expect(page.getByTestId('inventory-count')).toHaveText(/^1 of \d+ tokens$/);
  await page.keyboard.press('ArrowDown');
  const row = page.getByRole('grid', { name: 'Tokens' }).getByRole('row', { name: /^Warehouse labels,/ });
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Warehouse labels' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();

  // A view opened from the navigation starts at its heading too.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Audit log' })).toBeFocused();
});

test('"Copied" goes when the clipboard clears', async ({ page, host }) => {
  const seeded = await seed(host);
  expect((await host.call('updateUiSettings', { clipboardClearSeconds: 2 })).ok).toBe(true);
  await page.goto(`${host.url}#home`);
  await expect(page.getByRole('heading', { level: 2, name: 'Dashboard' })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to' }).fill('Warehouse labels');
  await page.getByRole('option', { name: /^Warehouse labels/ }).click();
  await page.getByRole('button', { name: 'Copy secret' }).click();
  const message = page.getByTestId('token-message');
  await expect(message).toHaveText('Copied; the clipboard clears in 2 s.');
  expect(await host.call('getToken', { id: seeded.tokens['Warehouse labels'] })).toMatchObject({ ok: true });
  await expect(message).toHaveCount(0, { timeout: 10_000 });
});

const recovered = test.extend({
  // A vault whose file is damaged, beside the copy saved before it: the host loads the copy.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-e2e-'));
    const copy = generateVault({ tokens: 6, stores: 2, clients: 1, seed: 7 });
    copy.updatedAt = '2026-11-20T08:30:00.000Z';
    await writeFile(join(dir, BACKUP_FILE), jsonVaultBytes(copy));
    await writeFile(join(dir, VAULT_FILE), '{"schemaVersion":1, truncated');
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

recovered(
  'the recovery notice names the copy loaded, offers the data folder, and can be dismissed',
  async ({ page, host, dataDir }) => {
    await page.goto(host.url);
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('The last good copy was loaded: saved 2026-11-20 08:30 UTC');
    await expect(notices).toContainText('Changes made after it may be missing');
    // The test host has no file manager: the window names the folder instead.
    await notices.getByRole('button', { name: 'Open data folder' }).click();
    await expect(notices.getByRole('status')).toHaveText(`Open it yourself: ${dataDir}`);
    await notices.getByRole('button', { name: /^Dismiss: The vault file could not be read/ }).click();
    await expect(notices.getByText('The last good copy was loaded')).toHaveCount(0);
  },
);
