import { addStore, addToken, expect, test } from './fixtures';
import { screenshotPath } from './screenshot-path';

// Produces the README's screenshot from the real UI on every e2e run (fixed fake secrets: a stable picture).
test('README screenshot: stores grouped by client, a store with masked tokens', async ({ page, host }) => {
  const client = (await host.call<{ id: string }>('createClient', { name: 'Northwind Apparel' })).value!;
  const printago = await host.call('createStore', {
    provider: 'printago',
    label: 'Northwind print farm',
    clientId: client.id,
    identifiers: { storeId: 'a1b2c3d4e5f6a7b8c9d0e1f2' },
  });
  expect(printago.ok).toBe(true);
  await host.call('createStore', {
    provider: 'thinkific',
    label: 'Northwind Academy',
    clientId: client.id,
    identifiers: { subdomain: 'northwind' },
  });
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Northwind shipping' });
  await addToken(page, { name: 'Warehouse labels', secret: 'shippo_live_3f0c5e2a9b7d41c8e6f0a2b4c6d8e0f1a3b59a1c' });
  await addToken(page, { name: 'Sandbox', secret: 'shippo_test_7e1d3c5b9a0f2e4d6c8b0a1f3e5d7c9b1a2c04d2' });
  await expect(page.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: screenshotPath('keyward') });
});
