import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateVault } from '../bench/generate-vault';
import { editVault } from '../support/vault';
import { expect, seed, test } from './inventory-support';

// The app shell at the window's minimum size, a laptop's and a desktop's, in light and dark: the page never
// scrolls sideways, every navigation item can be reached and opens its view, and axe finds nothing serious.

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const NAV_ITEMS: [name: string | RegExp, heading: string | RegExp][] = [
  ['Dashboard', 'Dashboard'],
  ['Inventory', 'Inventory'],
  ['Stores', /Pick a store|No stores yet/],
  [/^Findings/, 'Findings'],
  [/^Expiry/, 'Expiry'],
  ['Quick check', 'Quick check'],
  ['Audit log', 'Audit log'],
  ['Import & backup', 'Import & backup'],
  ['Settings', 'Settings'],
];

/** How far the page itself scrolls sideways (0 when everything fits). */
const sidewaysScroll = async (page: Page): Promise<number> =>
  Number(
    await page.evaluate(
      `Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth, document.body.scrollWidth - document.body.clientWidth)`,
    ),
  );

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [width, height] of [
  [760, 520],
  [1280, 800],
  [1920, 1080],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${width}×${height} ${colorScheme}`, () => {
      test.use({ viewport: { width, height }, colorScheme });

      test('every view opens from the navigation, the page never scrolls sideways, axe finds nothing serious', async ({
        page,
        host,
      }) => {
        test.setTimeout(90_000);
        await seed(host);
        const notFound: string[] = [];
        page.on('response', (r) => {
          if (r.status() === 404) notFound.push(r.url());
        });
        await page.goto(host.url);
        for (const [name, heading] of NAV_ITEMS) {
          const item = views(page).getByRole('button', { name, exact: typeof name === 'string' });
          await expect(item).toBeInViewport({ ratio: 1 });
          await item.click();
          await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
          expect(await sidewaysScroll(page), `sideways scroll in ${String(name)}`).toBe(0);
          expect(await seriousViolations(page), `axe in ${String(name)}`).toEqual([]);
        }
        // A store, then a token, opened from the tree and the inventory.
        await page
          .getByRole('tree', { name: 'All stores' })
          .getByRole('treeitem', { name: /Northwind shipping/ })
          .click();
        await expect(page.getByRole('heading', { name: 'Northwind shipping', level: 2 })).toBeVisible();
        expect(await sidewaysScroll(page)).toBe(0);
        expect(await seriousViolations(page), 'axe in a store').toEqual([]);
        await views(page).getByRole('button', { name: 'Inventory' }).click();
        await page.getByRole('button', { name: 'Warehouse labels', exact: true }).click();
        await expect(page.getByRole('heading', { name: 'Warehouse labels', level: 2 })).toBeVisible();
        expect(await sidewaysScroll(page)).toBe(0);
        expect(await seriousViolations(page), 'axe in a token').toEqual([]);

        // Collapsed: icons only, each still named and reachable; the choice survives a reload.
        await page.getByRole('button', { name: 'Collapse navigation' }).click();
        for (const [name] of NAV_ITEMS)
          await expect(views(page).getByRole('button', { name, exact: typeof name === 'string' })).toBeInViewport({
            ratio: 1,
          });
        expect(await sidewaysScroll(page)).toBe(0);
        expect(await seriousViolations(page), 'axe with the navigation collapsed').toEqual([]);
        // Kept in the UI settings (main's record), not only in the window.
        await expect
          .poll(async () => (await host.call<{ navCollapsed: boolean }>('getUiSettings', {})).value?.navCollapsed)
          .toBe(true);
        await page.reload();
        await expect(page.getByRole('button', { name: 'Expand navigation' })).toBeVisible();
        await page.getByRole('button', { name: 'Expand navigation' }).click();
        await expect(page.getByRole('tree', { name: 'All stores' })).toBeVisible();
        expect(notFound).toEqual([]);
      });
    });
  }
}

test.describe('2,000 stores', () => {
  test.beforeEach(async ({ dataDir }) => {
    const seeded = generateVault({ tokens: 2_000, stores: 2_000, clients: 300, seed: 6 });
    await editVault(dataDir, (v) =>
      Object.assign(v, { clients: seeded.clients, stores: seeded.stores, tokens: seeded.tokens }),
    );
  });

  test('the store tree is virtualised, finds a store by search, and moves like a tree from the keyboard', async ({
    page,
    host,
  }) => {
    test.setTimeout(60_000);
    await page.goto(`${host.url}#home`);
    const tree = page.getByRole('tree', { name: 'All stores' });
    await expect(tree.getByRole('treeitem').first()).toBeVisible({ timeout: 20_000 });
    // Only what is on screen is in the page.
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);

    // Search narrows to the matching stores, under their client.
    const target = await tree.getByRole('treeitem', { level: 2 }).nth(3).locator('.store-label').textContent();
    await page.getByRole('searchbox', { name: 'Search stores' }).fill(target!);
    const match = tree.getByRole('treeitem', { name: new RegExp(target!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await expect(match.first()).toBeVisible();
    expect(await tree.getByRole('treeitem', { level: 2 }).count()).toBeLessThan(10);

    // Down from the search box enters the tree; Enter opens the store and focus lands on its heading.
    await page.keyboard.press('ArrowDown');
    await expect(tree.getByRole('treeitem').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(tree.getByRole('treeitem', { level: 2 }).first()).toBeFocused();
    const label = await tree.getByRole('treeitem', { level: 2 }).first().locator('.store-label').textContent();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: label!, level: 2 });
    await expect(heading).toBeVisible();
    await expect(heading).toBeFocused();

    // Without a search: Left goes to the client and closes it, Right opens it again, End reaches the last row.
    await page.getByRole('searchbox', { name: 'Search stores' }).fill('');
    const first = tree.getByRole('treeitem', { level: 1 }).first();
    await first.click();
    await first.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(first).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight');
    await expect(first).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('End');
    const last = tree.getByRole('treeitem').last();
    await expect(last).toBeFocused();
    await expect(last).toBeInViewport();
    // Type-ahead: a letter moves to the next name that starts with it.
    await page.keyboard.press('Home');
    const firstName = (await tree.getByRole('treeitem').first().locator('.tree-name').textContent())!;
    await page.keyboard.press(firstName[0]!.toLowerCase());
    const focused = page.locator('[role="treeitem"]:focus');
    await expect(focused.locator('.tree-name, .store-label')).toHaveText(new RegExp(`^${escape(firstName[0]!)}`, 'i'));
    await expect(focused).not.toHaveAttribute('data-tree-index', '0');
  });

  test('Ctrl+K jumps to a store, a client and a token; focus lands on the page heading', async ({ page, host }) => {
    test.setTimeout(60_000);
    // Nothing the switcher does may be refused by the window's CSP (an injected style, say).
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${host.url}#home`);
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
    const nav = await host.call<{ clients: { name: string }[]; stores: { label: string }[] }>('getNavigation', {});
    const page1 = await host.call<{ rows: { name: string }[] }>('queryInventory', {
      filters: { query: '', provider: '', status: '', mode: '', client: '', severity: '', ids: null },
      sort: 'name',
      offset: 0,
      limit: 5,
    });
    const store = nav.value!.stores[1500]!.label;
    const client = nav.value!.clients[200]!.name;
    const token = page1.value!.rows[2]!.name;

    const jump = async (text: string, option: RegExp) => {
      await page.keyboard.press('Control+k');
      const input = page.getByRole('combobox', { name: 'Go to' });
      await expect(input).toBeFocused();
      await input.fill(text);
      await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
      await page.getByRole('option', { name: option }).first().click();
      await expect(input).toHaveCount(0);
    };
    await jump(store, new RegExp(`^${escape(store)}`));
    await expect(page.getByRole('heading', { name: store, level: 2 })).toBeFocused();
    await jump(client, new RegExp(`^${escape(client)}\\s*Client$`));
    await expect(page.getByRole('heading', { name: client, level: 2 })).toBeFocused();

    // A token, from the keyboard alone.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Go to' }).fill(token);
    // Tab stays in the switcher's field; the options take the arrows.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Go to' })).toBeFocused();
    const option = page.getByRole('option', { name: new RegExp(`^${escape(token)}`) }).first();
    await expect(option).toBeVisible();
    await option.hover();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: token, level: 2 })).toBeFocused();
    // Esc closes it without going anywhere.
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('combobox', { name: 'Go to' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('combobox', { name: 'Go to' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: token, level: 2 })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
