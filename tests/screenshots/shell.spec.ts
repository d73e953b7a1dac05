import type { Page } from '@playwright/test';
import { generateVault } from '../bench/generate-vault';
import { expect, test } from '../e2e/inventory-support';
import { screenshotPath } from '../e2e/screenshot-path';
import { editVault } from '../support/vault';

// The app shell as people see it, on an agency's vault (2,000 stores, 300 clients): at the window's minimum
// size and on a large screen, light and dark, the navigation collapsed, the tree searched, the switcher open.

test.beforeEach(async ({ dataDir }) => {
  const seeded = generateVault({ tokens: 4_000, stores: 2_000, clients: 300, seed: 6 });
  await editVault(dataDir, (v) =>
    Object.assign(v, { clients: seeded.clients, stores: seeded.stores, tokens: seeded.tokens }),
  );
});

async function openDashboard(page: Page, url: string) {
  await page.goto(`${url}#home`);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  await expect(page.getByRole('tree', { name: 'All stores' }).getByRole('treeitem').first()).toBeVisible({
    timeout: 20_000,
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(colorScheme, () => {
    test.use({ colorScheme });

    test(`shell at 760×520 and 1920×1080 (${colorScheme})`, async ({ page, host }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width: 760, height: 520 });
      await openDashboard(page, host.url);
      await page.screenshot({ path: screenshotPath(`shell-760-${colorScheme}`) });
      await page.getByRole('button', { name: 'Collapse navigation' }).click();
      await page.screenshot({ path: screenshotPath(`shell-760-collapsed-${colorScheme}`) });
      await page.getByRole('button', { name: 'Expand navigation' }).click();

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.getByRole('searchbox', { name: 'Search stores' }).fill('prairie');
      await page.getByRole('tree', { name: 'All stores' }).getByRole('treeitem', { level: 2 }).first().click();
      await page.screenshot({ path: screenshotPath(`shell-1920-tree-${colorScheme}`) });

      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Go to' }).fill('warehouse');
      await expect(page.getByRole('group', { name: 'Tokens' }).getByRole('option').first()).toBeVisible();
      await page.screenshot({ path: screenshotPath(`switcher-${colorScheme}`) });
    });
  });
}
