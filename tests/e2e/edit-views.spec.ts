import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addStore, expect, ok, test, readVault } from './fixtures';

const sidebar = (page: Page) => page.getByRole('tree', { name: 'All stores' });
const clientTitle = (page: Page, name: string) =>
  sidebar(page).getByRole('treeitem', { name: `Client ${name}`, exact: true });
/** The tree's stores under the given client (a flat tree: each store is described by its client's name). */
const storeUnder = (page: Page, client: string, store: RegExp) =>
  sidebar(page).locator(`[role="treeitem"][aria-description="${client}"]`, { hasText: store });
const GOOD_ID = 'abcdefghij0123456789klmn';
const NEW_ID = 'zyxwvutsrq9876543210ponm';

async function seed(host: {
  call: <T>(
    channel: string,
    input: unknown,
  ) => Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
}) {
  const northwind = ok(await host.call<{ id: string }>('createClient', { name: 'Northwind Apparel' })).id;
  const store = ok(
    await host.call<{ id: string }>('createStore', {
      provider: 'printago',
      label: 'Print farm',
      clientId: northwind,
      identifiers: { storeId: GOOD_ID },
    }),
  ).id;
  ok(await host.call('createStore', { provider: 'shippo', label: 'Label desk', clientId: northwind }));
  return { northwind, store };
}

test('edit a Printago store: a bad store id shows the field error, a good one is saved and shown; Esc cancels', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Printago', label: 'Print farm', fields: { 'Store id *': GOOD_ID } });
  await expect(page.getByRole('heading', { name: 'Print farm', level: 2 })).toBeVisible();

  // Esc closes the form without saving.
  await page.getByRole('button', { name: 'Edit store' }).click();
  const form = page.getByRole('form', { name: 'Edit store Print farm' });
  await expect(form).toBeVisible();
  await form.getByLabel('Store id *').fill('NOT-A-STORE-ID');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(page.locator('.identifiers')).toContainText(GOOD_ID);

  await page.getByRole('button', { name: 'Edit store' }).click();
  await form.getByLabel('Store id *').fill('NOT-A-STORE-ID');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText(/24 lowercase letters and digits/)).toBeVisible();
  await expect(form.getByLabel('Store id *')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Store id *').fill(NEW_ID);
  await form.getByLabel('Environment').selectOption('staging');
  await form.getByLabel('Notes').fill('Owned by the print team; ask Dana before rotating.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator('.identifiers')).toContainText(NEW_ID);
  await expect(page.getByText('Printago · staging')).toBeVisible();
  await expect(page.locator('.store-notes')).toContainText('ask Dana before rotating');

  const vault = await readVault(host);
  expect(vault.stores[0]).toMatchObject({
    identifiers: { storeId: NEW_ID },
    notes: 'Owned by the print team; ask Dana before rotating.',
  });
});

test('move a store to a new client: the client is created first and the sidebar regroups', async ({ page, host }) => {
  await seed(host);
  await page.goto(host.url);
  await expect(storeUnder(page, 'Northwind Apparel', /Print farm/)).toBeVisible();
  await sidebar(page)
    .getByRole('treeitem', { name: /Print farm/ })
    .click();
  await page.getByRole('button', { name: 'Edit store' }).click();
  const form = page.getByRole('form', { name: 'Edit store Print farm' });
  await form.getByLabel('Client').selectOption({ label: 'New client…' });
  await form.getByLabel('New client name *').fill('Globex Goods');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByText('Printago · production · Globex Goods')).toBeVisible();
  await expect(storeUnder(page, 'Globex Goods', /Print farm/)).toBeVisible();
  await expect(storeUnder(page, 'Northwind Apparel', /Print farm/)).toHaveCount(0);
  await expect(storeUnder(page, 'Northwind Apparel', /Label desk/)).toBeVisible();
});

test('client view: stores with token counts, rename shows in the sidebar, delete is refused while it has stores', async ({
  page,
  host,
}) => {
  await seed(host);
  await page.goto(host.url);
  await clientTitle(page, 'Northwind Apparel').click();
  await expect(page.getByRole('heading', { name: 'Northwind Apparel', level: 2, exact: true })).toBeVisible();
  const stores = page.getByRole('table', { name: /^Stores of / });
  await expect(stores.getByRole('row', { name: /Print farm.*0 tokens/ })).toBeVisible();
  await expect(stores.getByRole('button', { name: 'Label desk' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
  const axe = async (where: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
    ).toEqual([]);
  };
  await axe('client view');

  await page.getByLabel('Client name *').fill('Northwind Outfitters');
  await page.getByLabel('Notes').fill('Billing contact: ops@northwind.example');
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(clientTitle(page, 'Northwind Outfitters')).toBeVisible();
  await expect(clientTitle(page, 'Northwind Apparel')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Northwind Outfitters', level: 2, exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('still has 2 stores');
  await expect(clientTitle(page, 'Northwind Outfitters')).toBeVisible();

  // A store link opens the store.
  await stores.getByRole('button', { name: /Print farm/ }).click();
  await expect(page.getByRole('heading', { name: 'Print farm', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit store' }).click();
  await expect(page.getByRole('form', { name: 'Edit store Print farm' })).toBeVisible();
  await axe('store edit form');
});

test('an empty client stays in the sidebar and can be deleted', async ({ page, host }) => {
  await seed(host);
  ok(await host.call('createClient', { name: 'Initech' }));
  await page.goto(host.url);
  await clientTitle(page, 'Initech').click();
  await expect(page.getByText(/No stores yet/)).toBeVisible();
  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(clientTitle(page, 'Initech')).toHaveCount(0);
  const vault = await readVault(host);
  expect(vault.clients.map((c) => c.name)).toEqual(['Northwind Apparel']);
});

test('status-only mode hides the store and client edit controls', async ({ page, host }) => {
  const { northwind, store } = await seed(host);
  ok(await host.call('updateStore', { id: store, notes: 'Support: read only.' }));
  ok(await host.call('setSupportMode', { enabled: true, passphrase: 'correct horse battery' }));
  await page.goto(host.url);
  await expect(page.locator('.pill-support')).toBeVisible();
  await sidebar(page)
    .getByRole('treeitem', { name: /Print farm/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Print farm', level: 2 })).toBeVisible();
  await expect(page.locator('.store-notes')).toContainText('Support: read only.');
  await expect(page.getByRole('button', { name: 'Edit store' })).toHaveCount(0);

  await clientTitle(page, 'Northwind Apparel').click();
  await expect(page.getByRole('heading', { name: 'Northwind Apparel', level: 2, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete client' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save client' })).toHaveCount(0);
  await expect(page.getByLabel('Client name *')).toHaveCount(0);
  expect((await host.call('updateClient', { id: northwind, name: 'X' })).error?.code).toBe('forbidden');
});
