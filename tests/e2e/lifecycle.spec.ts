// One journey per provider's lifecycle against the fakes: add, edit, rotate, retire, as the provider works.
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import type { Token } from '../../electron/contract';
import { startFakeProviders, type FakeProviders } from '../fakes';
import type {
  PixlpayFakeToken,
  PrintagoFakeToken,
  PrintifyFakeToken,
  ShippoFakeToken,
  ThinkificFakeToken,
} from '../fakes';
import {
  pixlpayDashboard,
  printagoDashboard,
  printifyDashboard,
  shippoDashboard,
  thinkificDashboard,
} from '../fakes/dashboards';
import { expect, fakeJwt, ok, test as base } from './fixtures';

type Maps = {
  pixlpay: Record<string, PixlpayFakeToken>;
  shippo: Record<string, ShippoFakeToken>;
  printify: Record<string, PrintifyFakeToken>;
  printago: Record<string, PrintagoFakeToken>;
  thinkific: Record<string, ThinkificFakeToken>;
};
const test = base.extend<{ fakes: FakeProviders & { maps: Maps } }>({
  // eslint-disable-next-line no-empty-pattern
  fakes: async ({}, use) => {
    const maps: Maps = { pixlpay: {}, shippo: {}, printify: {}, printago: {}, thinkific: {} };
    const fakes = await startFakeProviders({ tokens: maps });
    await use(Object.assign(fakes, { maps }));
    await fakes.stop();
  },
  hostEnv: async ({ fakes }, use) => {
    await use(
      Object.fromEntries(
        Object.entries(fakes.baseUrls).map(([p, url]) => [`KEYWARD_BASE_URL_${p.toUpperCase()}`, url]),
      ),
    );
  },
});

type Host = { call<T>(channel: string, input?: unknown): Promise<{ ok: boolean; value?: T }>; url: string };
async function addToken(host: Host, store: object, token: object): Promise<Token> {
  const s = ok(await host.call<{ id: string }>('createStore', store));
  return ok(await host.call<Token>('createToken', { storeId: s.id, ...token }));
}
async function openToken(page: Page, host: Host, name: string) {
  if (!page.url().startsWith(host.url)) await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
  const grid = page.getByRole('grid', { name: 'Tokens' });
  await grid
    .getByRole('row', { name: new RegExp(`^${name},`) })
    .getByRole('button', { name })
    .click();
  await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
}
const actions = (page: Page) => page.getByRole('toolbar', { name: 'Token actions' });
const status = (page: Page) => page.locator('.token-detail header .status');

test('PixlPay: edit, then Rotate gives the same token a new value; nothing asks to revoke it', async ({
  page,
  host,
  fakes,
}) => {
  const first = `sk_live_${randomBytes(18).toString('hex')}`;
  fakes.maps.pixlpay[first] = { scopes: ['products:read'] };
  await addToken(
    host,
    { provider: 'pixlpay', label: 'Shop', identifiers: { host: 'shop.pixlpay.net' } },
    { name: 'Orders', secret: first, scopes: ['products:read'], expiresAt: '2027-06-30' },
  );
  await openToken(page, host, 'Orders');
  await actions(page).getByRole('button', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Orders' });
  await edit.getByLabel('Mode').selectOption('test');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toContainText("The token's prefix says live");
  await edit.getByLabel('Mode').selectOption('live');
  await edit.getByLabel('Rate limit (req/min)').fill('120');
  await edit.getByLabel('Name *').fill('Orders app');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Orders app', exact: true })).toBeVisible();

  const next = pixlpayDashboard(fakes.maps.pixlpay).rotate(first);
  await actions(page).getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Orders app' });
  await expect(dialog.getByTestId('rotate-warning')).toContainText('the old value stops working at once');
  await dialog.getByLabel('New value *', { exact: true }).fill(next);
  await dialog.getByRole('button', { name: 'Check and store the new value' }).click();
  await expect(dialog.getByTestId('rotate-result')).toContainText('now holds the new value');
  await expect(dialog.getByTestId('retire-ways')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(status(page)).toHaveText('active');
  await expect(page.getByTestId('previous-value')).toHaveCount(1);
  await expect(page.getByTestId('revoke-reminder')).toHaveCount(0);

  await actions(page).getByRole('button', { name: 'Mark revoked…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark revoked' }).click();
  await expect(status(page)).toHaveText('revoked');

  // Quick check knows the vault: marked revoked here, still accepted at PixlPay.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Quick check' }).click();
  await page.getByLabel('Token *').fill(next);
  await expect(page.getByTestId('quick-known')).toContainText('Orders app (revoked)');
  await expect(page.getByLabel('Provider *')).toHaveValue('pixlpay');
  await page.getByLabel('Store host *').fill('shop.pixlpay.net');
  await page.getByRole('button', { name: 'Check token' }).click();
  await expect(page.getByTestId('card-known')).toContainText('the revoke did not happen');
  // Text that looks like no token clears the provider chosen for the last one.
  await page.getByLabel('Token *').fill('not-a-token-at-all');
  await expect(page.getByLabel('Provider *')).toHaveValue('');
  expect(await page.content()).not.toContain(next);
});

test('Shippo: at 2 of 2 the rotation starts by choosing which token was removed at Shippo', async ({
  page,
  host,
  fakes,
}) => {
  const shippo = shippoDashboard(fakes.maps.shippo);
  const a = shippo.generate('ops@acme.test', 'live');
  const b = shippo.generate('ops@acme.test', 'live');
  const store = ok(await host.call<{ id: string }>('createStore', { provider: 'shippo', label: 'Ship' }));
  ok(await host.call('createToken', { storeId: store.id, name: 'Labels', secret: a }));
  ok(await host.call('createToken', { storeId: store.id, name: 'Returns', secret: b }));
  await openToken(page, host, 'Labels');
  // The keyboard opens the edit form.
  await page.keyboard.press('e');
  const edit = page.getByRole('dialog', { name: 'Edit Labels' });
  await edit.getByLabel('Notes').fill('warehouse printer');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);

  await actions(page).getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Labels' });
  await expect(dialog.getByTestId('rotate-approval')).toContainText('Live tokens need an approval request');
  const slot = dialog.getByTestId('rotate-slot');
  await expect(slot).toContainText('At most 2 active live tokens');
  await expect(slot.getByRole('radio', { name: /Labels .*suggested: it is the oldest/ })).toBeChecked();
  expect(() => shippo.generate('ops@acme.test', 'live')).toThrow('Max of 2 tokens reached');
  shippo.remove(a);
  const fresh = shippo.generate('ops@acme.test', 'live');
  await dialog.getByLabel('New token *', { exact: true }).fill(fresh);
  await dialog.getByLabel('Name of the new token').fill('Labels 2');
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByLabel('Lineage')).toContainText('Labels (revoked) → Labels 2 (active)');
});

test('Printify: a new token side by side takes the scopes its JWT holds; the old one is revoked at Printify', async ({
  page,
  host,
  fakes,
}) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = (scopes: string[]) =>
    fakeJwt({ iat: now, exp: now + 365 * 86400, sub: randomBytes(4).toString('hex'), scopes });
  const printify = printifyDashboard(fakes.maps.printify, jwt);
  const old = printify.generate('acct', [
    'shops.read',
    'orders.read',
    'orders.write',
    'products.read',
    'products.write',
  ]);
  await addToken(host, { provider: 'printify', label: 'Shop' }, { name: 'Sync', secret: old });
  await openToken(page, host, 'Sync');
  await actions(page).getByRole('button', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Sync' });
  await expect(edit.getByLabel('Expires')).toBeDisabled();
  await edit.getByRole('button', { name: 'Cancel' }).click();

  const fresh = printify.generate('acct', ['shops.read', 'orders.read']);
  await actions(page).getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Sync' });
  await dialog.getByLabel('New token *', { exact: true }).fill(fresh);
  await dialog.getByLabel('Name of the new token').fill('Sync 2');
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByLabel('Lineage')).toContainText('Sync (rotated) → Sync 2 (active)');
  printify.revoke(old);
  await dialog.getByTestId('retire-ways').getByRole('button', { name: 'Revoked at Printify' }).click();
  await expect(dialog.getByTestId('retire-ways')).toContainText('Recorded: Revoked at Printify.');
  await dialog.getByRole('button', { name: 'Open the new token' }).click();
  await expect(page.getByRole('region', { name: 'Facts' })).toContainText('shops.read, orders.read');
  await expect(page.getByRole('region', { name: 'Facts' })).not.toContainText('products.write');
});

test('Printago: a managed key offers only its status; a key is replaced with its allowlist suggested, then deactivated', async ({
  page,
  host,
  fakes,
}) => {
  const storeId = 'f'.repeat(24);
  const printago = printagoDashboard(fakes.maps.printago);
  const old = printago.create(storeId, 'Slicer');
  const store = ok(
    await host.call<{ id: string }>('createStore', { provider: 'printago', label: 'Farm', identifiers: { storeId } }),
  );
  const settings = { accessLevel: 'custom', permissions: ['printers.read'], ipAllowlist: ['10.0.0.0/8'] };
  ok(
    await host.call('createToken', {
      storeId: store.id,
      name: 'Slicer',
      secret: old.key,
      settings,
      expiresAt: '2027-01-31',
    }),
  );
  ok(
    await host.call('createToken', {
      storeId: store.id,
      name: 'Shopify app',
      settings: { accessLevel: 'full', managedBy: 'Shopify' },
    }),
  );
  await openToken(page, host, 'Shopify app');
  await expect(page.getByTestId('managed-why')).toContainText('managed by Shopify');
  await expect(actions(page).getByRole('button', { name: 'Rotate…' })).toHaveCount(0);
  await expect(actions(page).getByRole('button', { name: 'Mark revoked…' })).toHaveCount(0);

  await openToken(page, host, 'Slicer');
  const fresh = printago.create(storeId, 'Slicer 2');
  await actions(page).getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Slicer' });
  await expect(dialog.getByLabel('IP allowlist')).toHaveValue('10.0.0.0/8');
  await dialog.getByLabel('New token *', { exact: true }).fill(fresh.key);
  await dialog.getByLabel('Name of the new token').fill('Slicer 2');
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByRole('alert')).toContainText('expired on 2027-01-31');
  await dialog.getByLabel('New token *', { exact: true }).fill(fresh.key);
  await dialog.getByLabel('The new token has no expiry').check();
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByLabel('Lineage')).toContainText('Slicer (rotated) → Slicer 2 (active)');
  printago.setActive(old.id, false);
  await dialog.getByTestId('retire-ways').getByRole('button', { name: 'Deactivated at Printago' }).click();
  await expect(dialog.getByTestId('retire-ways')).toContainText('Recorded');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(status(page)).toHaveText('inactive');
});

test('Thinkific: a wrong expiry is fixed by editing; the access token is replaced with a new name and expiry, then removed', async ({
  page,
  host,
  fakes,
}) => {
  const thinkific = thinkificDashboard(fakes.maps.thinkific);
  const names = new Map<string, string>();
  const old = thinkific.createAccessToken('academy', 'Zapier', names);
  await addToken(
    host,
    { provider: 'thinkific', label: 'Academy', identifiers: { subdomain: 'academy' } },
    { name: 'Zapier', kind: 'access-token', secret: old, expiresAt: '2020-01-01' },
  );
  await openToken(page, host, 'Zapier');
  await actions(page).getByRole('button', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Zapier' });
  await edit.getByLabel('Expires').fill('2027-01-01');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Facts' })).toContainText('2027');

  const fresh = thinkific.createAccessToken('academy', 'Zapier 2027', names);
  await actions(page).getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Zapier' });
  await dialog.getByLabel('New token *', { exact: true }).fill(fresh);
  await dialog.getByLabel('Name of the new token').fill('Zapier 2027');
  await dialog.getByLabel('Expiry of the new token *').fill('2028-01-01');
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByLabel('Lineage')).toContainText('Zapier (rotated) → Zapier 2027 (active)');
  thinkific.remove(old);
  await dialog.getByTestId('retire-ways').getByRole('button', { name: 'Removed at Thinkific' }).click();
  await expect(dialog.getByTestId('retire-ways')).toContainText('Recorded');
});
