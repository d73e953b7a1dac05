import { randomBytes } from 'node:crypto';
import { addStore, addToken, expect, test } from './fixtures';

// Produces the README's screenshot from the real UI on every e2e run.
test('README screenshot: stores grouped by client, a store with masked tokens', async ({ page, host }) => {
  const client = (await host.call<{ id: string }>('createClient', { name: 'Northwind Apparel' })).value!;
  const printago = await host.call('createStore', { provider: 'printago', label: 'Northwind print farm', clientId: client.id, identifiers: { storeId: 'a1b2c3d4e5f6a7b8c9d0e1f2' } });
  expect(printago.ok).toBe(true);
  await host.call('createStore', { provider: 'thinkific', label: 'Northwind Academy', clientId: client.id, identifiers: { subdomain: 'northwind' } });
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Northwind shipping' });
  await addToken(page, { name: 'Warehouse labels', secret: `shippo_live_${randomBytes(20).toString('hex')}` });
  await addToken(page, { name: 'Sandbox', secret: `shippo_test_${randomBytes(20).toString('hex')}` });
  await expect(page.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: 'docs/screenshots/keyward.png' });
});
