// The one table (issue 18): sorting by header click and Enter, resizing, the column chooser, remembered layouts,
// and a masked secret that keeps both ends when its column is narrow.
import type { Page } from '@playwright/test';
import { ok } from './fixtures';
import { expect, maskedOf, SECRETS, seed, test } from './inventory-support';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const header = (page: Page, name: string) => grid(page).getByRole('columnheader', { name, exact: true });
const firstRow = (page: Page) => grid(page).getByRole('row').nth(1);

async function openInventory(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
  await expect(grid(page)).toBeVisible();
}

test('inventory headers sort through main by click and by Enter, and aria-sort says the order', async ({
  page,
  host,
}) => {
  await seed(host);
  await openInventory(page, host.url);
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Last check')).toHaveAttribute('aria-sort', 'none');

  // Created is hidden at first: show it from the column chooser.
  await page.getByRole('button', { name: 'Columns of Tokens' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Created' }).click();
  await page.keyboard.press('Escape');
  await expect(header(page, 'Created')).toBeVisible();

  // A click asks main for its first order (newest first), the header and the sort menu agree.
  await header(page, 'Created').getByRole('button').click();
  await expect(header(page, 'Created')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'none');
  await expect(page.getByLabel('Sort by')).toHaveValue('created-new');
  await expect(firstRow(page)).toHaveAccessibleName(/^Solo sandbox,/);

  // Enter on the focused header turns the order round.
  await header(page, 'Created').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(header(page, 'Created')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByLabel('Sort by')).toHaveValue('created-old');
  await expect(firstRow(page)).toHaveAccessibleName(/^Warehouse labels,/);
  // Enter on a header sorts and does not open the focused row's token.
  await expect(page.getByRole('grid', { name: 'Tokens' })).toBeVisible();
});

test('columns resize by dragging and by arrow keys, hide in the chooser, and stay so after a restart of the window', async ({
  page,
  host,
}) => {
  await seed(host);
  await openInventory(page, host.url);
  const width = async (name: string) => (await header(page, name).boundingBox())!.width;

  const before = await width('Store');
  const handle = header(page, 'Store').getByRole('separator');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => width('Store')).toBeGreaterThan(before + 70);
  const dragged = await width('Store');

  const provider = await width('Provider');
  await header(page, 'Provider').getByRole('separator').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width('Provider')).toBeCloseTo(provider + 32, 0);

  await page.getByRole('button', { name: 'Columns of Tokens' }).click();
  const client = page.getByRole('menuitemcheckbox', { name: 'Client' });
  await expect(client).toHaveAttribute('aria-checked', 'true');
  await client.click();
  await expect(client).toHaveAttribute('aria-checked', 'false');
  // The column that names the row cannot be hidden.
  await expect(page.getByRole('menuitemcheckbox', { name: 'Name' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(header(page, 'Client')).toHaveCount(0);

  // Saved in the UI settings through main; a new window shows the same layout.
  await expect
    .poll(async () => {
      const ui = ok(
        await host.call<{ tables?: Record<string, { widths: Record<string, number>; hidden: string[] }> }>(
          'getUiSettings',
        ),
      );
      return ui.tables?.inventory?.hidden.includes('client') ?? false;
    })
    .toBe(true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
  await expect(header(page, 'Client')).toHaveCount(0);
  await expect.poll(() => width('Store')).toBeCloseTo(dragged, 0);
  await expect.poll(() => width('Provider')).toBeCloseTo(provider + 32, 0);
});

test('a narrow secret column cuts the head of the masked secret and keeps its tail', async ({ page, host }) => {
  await seed(host);
  await openInventory(page, host.url);
  await page.getByRole('searchbox', { name: 'Search tokens' }).fill('Order sync');
  const row = grid(page).getByRole('row', { name: /^Order sync,/ });
  await expect(row).toContainText(maskedOf(SECRETS['Order sync']));
  const separator = header(page, 'Fingerprint').getByRole('separator');
  await separator.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await header(page, 'Fingerprint').boundingBox())!.width).toBeLessThan(100);

  const cell = (await row
    .getByRole('gridcell')
    .filter({ has: page.locator('code.dt-masked') })
    .boundingBox())!;
  const tail = row.locator('.dt-mask-tail');
  const t = (await tail.boundingBox())!;
  const seen = {
    tail: await tail.textContent(),
    tailInside: t.x >= cell.x && t.x + t.width <= cell.x + cell.width + 0.5,
    headCut: await row.locator('.dt-mask-head').evaluate((head) => {
      const box = head as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth > box.clientWidth;
    }),
  };
  expect(seen).toEqual({ tail: `…${SECRETS['Order sync'].slice(-4)}`, tailInside: true, headCut: true });
  // The whole mask is still the text of the cell (copying, screen readers).
  await expect(row).toContainText(maskedOf(SECRETS['Order sync']));
});

test("a store's tokens sort in the window by header click and by Enter", async ({ page, host }) => {
  await seed(host);
  await page.goto(host.url);
  await page.getByRole('treeitem', { name: /Northwind shipping/ }).click();
  const table = page.getByRole('table', { name: 'Tokens of Northwind shipping' });
  const names = () => table.getByRole('row').locator('[role="cell"]:first-child').allTextContents();
  await expect.poll(names).toEqual(['Returns portal', 'Sandbox', 'Warehouse labels']);
  const name = table.getByRole('columnheader', { name: 'Name', exact: true });
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(names).toEqual(['Warehouse labels', 'Sandbox', 'Returns portal']);
  await name.getByRole('button').press('Enter');
  await expect.poll(names).toEqual(['Returns portal', 'Sandbox', 'Warehouse labels']);
});
