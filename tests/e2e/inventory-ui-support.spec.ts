import { readVault } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateVault } from '../bench/generate-vault';
import { editVault } from '../support/vault';
import { expect, maskedOf, SECRETS, seed, test } from './inventory-support';
import { screenshotPath } from './screenshot-path';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const rowOf = (page: Page, name: string) => grid(page).getByRole('row', { name: new RegExp(`^${name},`) });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
const PASSPHRASE = 'support desk passphrase';

test('status-only mode: copy, rotate, edit and delete are gone everywhere, checks stay, main refuses a direct delete', async ({
  page,
  host,
}) => {
  const seeded = await seed(host);
  await page.goto(host.url);
  await nav(page, 'Settings').click();
  await page.getByLabel('Passphrase (12+ characters)').fill('short');
  await page.getByRole('button', { name: 'Turn on status-only mode' }).click();
  await expect(page.getByRole('alert')).toContainText('12');
  await page.getByLabel('Passphrase (12+ characters)').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Turn on status-only mode' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status-only mode' }).first()).toBeVisible();
  await expect(page.locator('.pill-support')).toHaveText('Status-only mode');

  // Token detail: only the check is left.
  await nav(page, 'Inventory').click();
  await rowOf(page, 'Warehouse labels').getByRole('button', { name: 'Warehouse labels' }).click();
  const actions = page.getByRole('toolbar', { name: 'Token actions' });
  await expect(actions.getByRole('button', { name: 'Check now' })).toBeVisible();
  for (const gone of ['Copy secret', 'Rotate…', 'Deactivate', 'Mark revoked…', 'Delete…'])
    await expect(actions.getByRole('button', { name: gone })).toHaveCount(0);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('check-result')).toContainText('Valid');

  // Inventory: no bulk deactivate; store view: no delete.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Deactivate selected' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check selected' })).toBeVisible();
  await nav(page, 'Stores').click();
  await page
    .getByRole('tree', { name: 'All stores' })
    .getByRole('treeitem', { name: /Northwind shipping/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Northwind shipping' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  // The UI hiding a button is a courtesy: main refuses anyway.
  const refused = await host.call('deleteToken', { id: seeded.tokens['Warehouse labels'] });
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('forbidden');
  expect((await host.call('copySecret', { tokenId: seeded.tokens['Warehouse labels'] })).error?.code).toBe('forbidden');

  // Turning it off needs the same passphrase.
  await nav(page, 'Settings').click();
  await page.getByLabel('Passphrase (12+ characters)').fill('not the passphrase');
  await page.getByRole('button', { name: 'Turn off status-only mode' }).click();
  // Main makes the next try wait; the window says for how long and holds the button until then.
  await expect(page.getByRole('alert').first()).toContainText('You can try again in 1 s.');
  await expect(page.locator('.pill-support')).toBeVisible();
  await page.getByLabel('Passphrase (12+ characters)').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Turn off status-only mode' }).click();
  await expect(page.locator('.pill-support')).toHaveCount(0);
});

test('quick check: paste, recognise, check against the fake, copy a redacted status card; nothing saved, value dropped', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const secret = SECRETS['Order sync'];
  await page.goto(host.url);
  await nav(page, 'Quick check').click();
  await page.getByLabel('Token *').fill(secret);
  await expect(page.getByText(/Looks like a Shippo live/)).toBeVisible();
  await expect(page.getByLabel('Provider *')).toHaveValue('shippo');
  await page.getByRole('button', { name: 'Check token' }).click();
  const card = page.getByTestId('status-card');
  await expect(card).toContainText('Valid');
  await expect(card).toContainText(maskedOf(secret));
  await expect(page.getByLabel('Token *')).toHaveValue('');
  await card.getByRole('button', { name: 'Copy status card' }).click();
  await expect(card.getByRole('status')).toContainText('Status card copied');
  const text = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(text).toContain('Outcome: Valid');
  expect(text).toContain(maskedOf(secret));
  expect(text).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  const vault = await readVault(host);
  expect(vault.tokens).toHaveLength(0);
});

test('10,000 tokens: the grid renders only what is on screen, filters and jumps to the last row', async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(90_000);
  // Written from another connection, as another Keyward process would: the host reads the vault anew.
  const seeded = generateVault({ tokens: 10_000, stores: 2_000, clients: 300, seed: 6 });
  await editVault(dataDir, (v) =>
    Object.assign(v, { clients: seeded.clients, stores: seeded.stores, tokens: seeded.tokens }),
  );
  await page.goto(`${host.url}#inventory`);
  await expect(page.getByTestId('inventory-count')).toHaveText('10000 tokens', { timeout: 30_000 });
  expect(await grid(page).locator('.body-row').count()).toBeLessThan(80);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '10001');
  const search = page.getByRole('searchbox', { name: 'Search tokens' });
  await search.fill('warehouse');
  await expect(page.getByTestId('inventory-count')).toHaveText(/^\d+ of 10000 tokens$/);
  await search.fill('');
  // Main answers each search; End means "the last of what is shown", so wait for the whole list to be back.
  await expect(page.getByTestId('inventory-count')).toHaveText('10000 tokens');
  await grid(page)
    .locator('.body-row')
    .first()
    .click({ position: { x: 400, y: 10 } });
  await page.keyboard.press('End');
  // The last rows come from main as the grid scrolls there: a real row, named, takes the focus.
  await expect(grid(page).locator('[aria-rowindex="10001"]')).toBeFocused();
  await expect(grid(page).locator('[aria-rowindex="10001"]')).toHaveAttribute('aria-label', /^[A-Z].+, .+, .+/);
  await page.keyboard.press('Home');
  await expect(grid(page).locator('[aria-rowindex="2"]')).toBeFocused();
});

test('axe: no serious or critical violations on dashboard, inventory and token detail; README screenshots', async ({
  page,
  host,
}) => {
  await seed(host);
  const axe = async (where: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
    ).toEqual([]);
  };
  // Dates and times change every run: masked so the pictures stay the same.
  const shot = (name: string) =>
    page.screenshot({ path: screenshotPath(name), mask: [page.locator('time')], maskColor: '#8a93a0' });

  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Needs attention' }).or(page.locator('.needs-attention')),
  ).toBeVisible();
  await page.waitForTimeout(300);
  await axe('dashboard');
  await shot('dashboard');

  // Then a checked vault, as an agency sees it (outcomes are fixed by the fake: 8 valid, 1 invalid).
  const run = await host.call<{ counts: Record<string, number> }>('checkTokens', {
    runId: '00000000-0000-4000-8000-000000000006',
    selection: { all: true },
  });
  expect(run.value?.counts).toMatchObject({ valid: 8, invalid: 1 });
  await nav(page, 'Inventory').click();
  await expect(grid(page).locator('.body-row')).toHaveCount(9);
  await expect(grid(page).getByText('Invalid')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select Order sync' }).check();
  await page.getByRole('checkbox', { name: 'Select Old integration' }).check();
  await axe('inventory');
  await shot('inventory');

  await rowOf(page, 'Warehouse labels').getByRole('button', { name: 'Warehouse labels' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Warehouse labels' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audit events' })).toContainText('token.create');
  await axe('token detail');
  await shot('token-detail');
});
