import { randomBytes, randomUUID } from 'node:crypto';
import { FINDING_KINDS } from '../../electron/contract/findings';
import { accountOf } from '../../electron/core/secrets/accounts';
import { readVaultFrom } from '../support/vault';
import { addStore, addToken, editVault, expect, fakeJwt, ok, test, readVault } from './fixtures';

const hex = (n: number) => randomBytes(n).toString('hex');
const shippo = (mode: 'live' | 'test') => `shippo_${mode}_${hex(20)}`;
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** How the UI writes a day (en-US in this Chromium, UTC day). */
const shownDay = (ms: number) =>
  new Date(ms).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

test('a third active Shippo live token is refused, naming the two active ones; the rules panel counts slots', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Acme shipping' });
  await addToken(page, { name: 'Warehouse labels', secret: shippo('live') });
  await expect(page.getByRole('row', { name: /Warehouse labels/ })).toBeVisible();
  await addToken(page, { name: 'Returns portal', secret: shippo('live') });
  await expect(page.getByRole('row', { name: /Returns portal/ })).toBeVisible();

  const rules = page.getByRole('region', { name: 'Rules for Acme shipping' });
  await expect(rules).toContainText('Shippo live tokens: 2 of 2 held');
  await expect(rules).toContainText('Shippo test tokens: 0 of 2 held');
  await expect(rules).toContainText('No expiry');
  await expect(rules).toContainText('50 requests per minute per endpoint (list endpoints, live mode)');
  // At the limit is worth knowing (info), and the panel shows that finding too.
  await expect(rules.getByRole('listitem').filter({ hasText: 'Slot limit' })).toContainText(
    '2 of 2 held in Acme shipping',
  );

  // Recognition says what the third one is before it is saved.
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Marketplace sync');
  await page.locator('#token-secret').fill(shippo('live'));
  await page.locator('#token-secret').blur();
  const recognised = page.getByRole('region', { name: 'Read from the pasted token' });
  await expect(recognised).toContainText('Shippo live token');
  await expect(recognised).toContainText('99% confidence');
  await expect(recognised).toContainText('never expires');
  await expect(page.getByLabel('Mode')).toHaveValue('live');
  await page.getByRole('button', { name: 'Save token' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('At most 2 active live tokens per Shippo account.');
  await expect(alert).toContainText('"Warehouse labels"');
  await expect(alert).toContainText('"Returns portal"');
  await expect(alert).toContainText('we suggest "Warehouse labels"');
  await expect(page.getByRole('row', { name: /Marketplace sync/ })).toHaveCount(0);
  expect((await readVault(host)).tokens).toHaveLength(2);

  // A test token still fits: the limit is per mode. The refusal's message goes with the cancelled form.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await addToken(page, { name: 'Sandbox', secret: shippo('test') });
  await expect(page.getByRole('row', { name: /Sandbox/ })).toContainText('test');
  await expect(rules).toContainText('Shippo test tokens: 1 of 2 held');
});

test('a secret typed rather than pasted is saved by the first click on Save: the facts read from it do not move the button under the click', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Typed shipping' });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Typed label printer');
  const secret = shippo('live');
  await page.locator('#token-secret').pressSequentially(secret);
  // Where Save is once the form has settled (not a moment in between).
  await expect(page.locator('#token-secret-recognition')).not.toHaveAttribute('aria-busy', 'true');
  // A person's press: the mousedown leaves the secret field, the mouseup comes a moment later, where the
  // button was. Whatever the form reads from the secret is on screen before that mouseup.
  const save = page.getByRole('button', { name: 'Save token' });
  const box = (await save.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText('Shippo live token');
  await page.mouse.up();
  await expect(page.getByRole('row', { name: /Typed label printer/ })).toContainText('active');
  expect((await readVault(host)).tokens.map((t) => t.name)).toEqual(['Typed label printer']);
});

test('a Mode chosen by hand stays when the secret is typed after it; the facts still say what the secret looks like', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Hand-picked shipping' });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Hand-picked');
  // A first reading fills Mode; a secret that says nothing takes it back; the user then sets it by hand.
  await page.locator('#token-secret').fill(shippo('test'));
  await expect(page.getByLabel('Mode')).toHaveValue('test');
  await page.locator('#token-secret').fill('not a token at all');
  await expect(page.getByLabel('Mode')).toHaveValue('');
  await page.locator('#token-secret').fill(shippo('test'));
  await expect(page.getByLabel('Mode')).toHaveValue('test');
  await page.getByLabel('Mode').selectOption('live');
  await page.locator('#token-secret').fill('');
  await page.locator('#token-secret').pressSequentially(shippo('test'));
  await expect(page.locator('#token-secret-recognition')).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText('Shippo test token');
  await expect(page.getByLabel('Mode')).toHaveValue('live');
});

test('pasting a Printify JWT fills expiry and scopes before saving, and the table shows them after', async ({
  page,
  host,
}) => {
  const iat = Math.floor((Date.now() - 30 * DAY) / 1000);
  const exp = Math.floor((Date.now() + 200 * DAY) / 1000);
  const jwt = fakeJwt({ sub: 'user-1', iat, exp, scopes: ['shops.read', 'orders.read', 'products.write'] });
  await page.goto(host.url);
  await addStore(page, { provider: 'Printify', label: 'Merch shop' });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Order sync');
  await page.locator('#token-secret').fill(jwt);

  const recognised = page.getByRole('region', { name: 'Read from the pasted token' });
  await expect(recognised).toContainText('Printify token');
  await expect(recognised).toContainText('95% confidence');
  await expect(recognised).toContainText(`${shownDay(exp * 1000)} (${isoDay(exp * 1000)}) · read from the token`);
  await expect(recognised).toContainText('shops.read, orders.read, products.write');
  await expect(recognised).toContainText(`Created${isoDay(iat * 1000)}`);
  await expect(recognised.locator('code')).toHaveText(/^eyJ\S{2}…\S{4}$/);
  await page.getByRole('button', { name: 'Save token' }).click();

  const row = page.getByRole('row', { name: /Order sync/ });
  // The table shows the day compact; the full date is its title and what screen readers hear.
  await expect(row.locator('time')).toHaveText(
    isoDay(exp * 1000) + new Date(exp * 1000).toLocaleDateString('en-US', { dateStyle: 'full', timeZone: 'UTC' }),
  );
  await expect(row.locator('time')).toHaveAttribute(
    'title',
    new Date(exp * 1000).toLocaleDateString('en-US', { dateStyle: 'full', timeZone: 'UTC' }),
  );
  await expect(row).toContainText('read from the token');
  await expect(row).toContainText('shops.read, orders.read +1');
  await expect(row).toContainText('active');
  expect(await page.content()).not.toContain(jwt);

  // A JWT without exp gets the provider's rule, and the UI says so.
  const noExp = fakeJwt({ sub: 'user-1', iat, scopes: ['shops.read'] });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Catalog reader');
  await page.locator('#token-secret').fill(noExp);
  await page.locator('#token-secret').blur();
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText(
    `${isoDay(iat * 1000 + 365 * DAY)}) · estimated: 1 year after its created date`,
  );
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('row', { name: /Catalog reader/ })).toContainText(
    'estimated: 1 year after its created date',
  );
});

test('a token from another provider is named plainly, and a doubtful shape is flagged in the form and the table', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Printify', label: 'Wrong paste' });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.locator('#token-secret').fill(shippo('live'));
  await page.locator('#token-secret').blur();
  await expect(page.getByText('This looks like a Shippo live token, not a Printify token.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Printago's key format is unconfirmed: an odd-looking key is kept and flagged, not refused.
  await addStore(page, {
    provider: 'Printago',
    label: 'Print farm',
    fields: { 'Store id *': 'a1b2c3d4e5f6a7b8c9d0e1f2' },
  });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Odd key');
  await page.locator('#token-secret').fill('Not-A-Printago-Key-1234');
  await page.locator('#token-secret').blur();
  await expect(page.getByText('Keyward does not recognise this as a Printago token.')).toBeVisible();
  await page.getByLabel('Access level *').selectOption({ label: 'Custom Permissions' });
  await page.getByRole('button', { name: 'Save token' }).click();
  const row = page.getByRole('row', { name: /Odd key/ });
  await expect(row).toBeVisible();
  await expect(
    row.getByText(
      /Format problem: This does not look like a Printago token\. A Printago API key is lowercase letters and digits/,
    ),
  ).toBeAttached();

  // A well-formed key shows its Key ID, filled into the form.
  const key = `${hex(12)}${hex(12)}`;
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.locator('#token-secret').fill(key);
  await page.locator('#token-secret').blur();
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText(key.slice(0, 24));
  await expect(page.getByLabel('Key ID')).toHaveValue(key.slice(0, 24));
});

test('a custom PixlPay-style provider: per-field errors, then saved, used for a store and token, and guarded on delete', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Custom providers' })).toBeVisible();
  await page.getByLabel('Id *').fill('acme-pay');
  await page.getByLabel('Name *').fill('Acme Pay');
  await page.getByLabel('Base URL *').fill('http://api.acme-pay.example');
  await page.getByLabel('Auth header template *').fill('Authorization: Bearer token');
  await page.getByLabel('Token pattern *').fill('ak_(live|test)_[A-Za-z0-9]{16,64}');
  await page.getByRole('button', { name: 'Save provider' }).click();
  await expect(page.getByRole('alert')).toContainText('2 fields need attention');
  await expect(page.getByLabel('Base URL *')).toHaveAccessibleDescription('The base URL must be an https:// address');
  await expect(page.getByLabel('Auth header template *')).toHaveAccessibleDescription(
    'The header value must contain {token} exactly once',
  );
  await expect(page.getByLabel('Base URL *')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Base URL *').fill('https://api.acme-pay.example');
  await page.getByLabel('Auth header template *').fill('Authorization: Bearer {token}');
  await page.getByLabel('Live prefix').fill('ak_live_');
  await page.getByLabel('Test prefix').fill('ak_test_');
  await page.getByLabel('Scopes', { exact: true }).fill('orders:read\norders:write\n');
  await page.getByLabel('Expiry policy').selectOption('optional');
  await page.getByLabel('Rotate every (days)').fill('60');
  await page
    .getByRole('group', { name: /slot limits/ })
    .getByLabel('Live')
    .fill('1');
  await page.getByLabel('Minimum', { exact: true }).fill('1');
  await page.getByLabel('Default', { exact: true }).fill('30');
  await page.getByLabel('Maximum', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Save provider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved Acme Pay' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'custom:acme-pay' })).toContainText('Acme Pay');

  await addStore(page, { provider: 'Acme Pay', label: 'Acme checkout' });
  await expect(page.getByRole('heading', { name: 'Acme checkout' })).toBeVisible();
  const rules = page.getByRole('region', { name: 'Rules for Acme checkout' });
  await expect(rules).toContainText('Acme Pay live tokens: 0 of 1 held');
  await expect(rules).toContainText('Rotate every 60 days.');
  await expect(rules).toContainText('Per-token rate limit: 1–100 requests/min (default 30)');

  const secret = `ak_live_${randomBytes(16).toString('hex')}`;
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Checkout backend');
  await page.locator('#token-secret').fill(secret);
  await page.locator('#token-secret').blur();
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText('Acme Pay live token');
  await page.getByRole('checkbox', { name: 'orders:read' }).check();
  await page.getByLabel('Rate limit (req/min)').fill('40');
  await page.getByRole('button', { name: 'Save token' }).click();
  const row = page.getByRole('row', { name: /Checkout backend/ });
  await expect(row).toContainText(`ak_live_${secret.slice(8, 10)}…${secret.slice(-4)}`);
  await expect(row).toContainText('orders:read');
  await expect(rules).toContainText('Acme Pay live tokens: 1 of 1 held');

  // Still used by a store: the delete is refused and the reason shown.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Delete provider Acme Pay' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete provider Acme Pay?' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete provider Acme Pay' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alert')).toContainText('1 store uses this provider');
  await expect(page.getByRole('listitem').filter({ hasText: 'custom:acme-pay' })).toBeVisible();

  // Edited in place: a scope list that drops the token's scope is refused under the field; a rename is kept.
  await page.getByRole('button', { name: 'Edit provider Acme Pay' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Acme Pay' })).toBeVisible();
  await expect(page.getByLabel('Id *')).toHaveValue('acme-pay');
  await page.getByLabel('Scopes', { exact: true }).fill('orders:write');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('Scopes', { exact: true })).toHaveAccessibleDescription(
    /"Checkout backend" holds orders:read, which the new scope list leaves out/,
  );
  await page.getByLabel('Scopes', { exact: true }).fill('orders:read\norders:write');
  await page.getByLabel('Name *').fill('Acme Pay EU');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'custom:acme-pay' })).toContainText('Acme Pay EU');
});

test('the findings list shows every kind of finding, filters by severity and client, and opens the store', async ({
  page,
  host,
  dataDir,
  keychain,
}) => {
  const now = Date.now();
  const client = ok(await host.call<{ id: string }>('createClient', { name: 'Northwind' }));
  const store = async (provider: string, label: string, extra: Record<string, unknown> = {}) =>
    ok(await host.call<{ id: string }>('createStore', { provider, label, ...extra })).id;
  const token = async (input: Record<string, unknown>) => ok(await host.call<{ id: string }>('createToken', input)).id;

  // Northwind's stores.
  const printify = await store('printify', 'Northwind merch', { clientId: client.id });
  await token({ storeId: printify, name: 'Old printify', expiresAt: isoDay(now - 10 * DAY) }); // expired
  // Rotated without a check: the old token waits for a check that proves it dead (revoke pending).
  const legacy = await token({ storeId: printify, name: 'Legacy sync', expiresAt: isoDay(now + 200 * DAY) });
  ok(
    await host.call('rotateToken', {
      tokenId: legacy,
      secret: fakeJwt({
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + 365 * 86400,
        scopes: ['shops.read'],
      }),
      skipCheck: true,
    }),
  );
  const thinkific = await store('thinkific', 'Northwind academy', {
    clientId: client.id,
    identifiers: { subdomain: 'northwind' },
  });
  await token({ storeId: thinkific, name: 'LMS sync', kind: 'access-token', expiresAt: isoDay(now + 20 * DAY) }); // expiring
  const pixl = await store('pixlpay', 'Northwind pay', {
    clientId: client.id,
    identifiers: { host: 'northwind.pixlpay.net', plan: 'free' },
  });
  // Rotation due (same value since 2024) and a rate limit above the Free plan's cap of 60.
  await token({
    storeId: pixl,
    name: 'Payments',
    scopes: ['orders:read'],
    settings: { rateLimit: 120 },
    createdAt: '2024-01-01',
  });
  const printago = await store('printago', 'Northwind farm', {
    clientId: client.id,
    identifiers: { storeId: 'a1b2c3d4e5f6a7b8c9d0e1f2' },
  });
  // Full Access (broad), no allowlist on a production store (open), and a key of doubtful shape (format).
  await token({
    storeId: printago,
    name: 'Farm admin',
    settings: { accessLevel: 'full' },
    secret: 'Odd-Printago-Key-0001',
  });

  // Stores without a client.
  const ship = await store('shippo', 'Own shipping');
  const shared = shippo('live');
  await token({ storeId: ship, name: 'Labels', secret: shared });
  const second = await token({ storeId: ship, name: 'Returns', secret: shippo('live') }); // 2 of 2 live: slot limit
  await token({ storeId: ship, name: 'Sandbox', secret: shippo('test') }); // test token in a production store
  const ship2 = await store('shippo', 'Backup shipping');
  await token({ storeId: ship2, name: 'Labels copy', secret: shared }); // duplicate secret

  // No channel writes a status check result (the status-check feature does) or accepts an invalid custom
  // provider definition (saveCustomProvider validates it): seed both in the vault, as a hand edit of the database would.
  await editVault(dataDir, (doc) => {
    const t = doc.tokens.find((x) => x.name === 'Returns')!;
    t.lastCheck = {
      outcome: 'invalid',
      httpStatus: 401,
      detail: 'Shippo answered 401 Unauthorized',
      checkedAt: new Date(now - DAY).toISOString(),
    };
    doc.customProviders.push({
      id: 'broken-pay',
      name: 'Broken Pay',
      baseUrl: 'http://broken.example',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/me',
      tokenPattern: 'bp_[a-z]+',
    });
  });
  // Keychain findings: an entry no token refers to, and a token whose entry is gone.
  if (keychain.real) {
    const vault = await readVaultFrom(dataDir, { now: () => new Date() });
    await keychain.store.set(`${vault.vaultId!}:${randomUUID()}:stray`, `orphan_${hex(16)}`);
    await keychain.store.delete(accountOf(vault.tokens.find((t) => t.id === second)!));
  }

  // Keyward re-reads the keychain's entries every 30 s; this asks for it now, as the findings view's button does.
  const findings = ok(await host.call<{ kind: string; severity: string }[]>('getFindings', { rescanKeychain: true }));
  const expected = keychain.real
    ? [...FINDING_KINDS]
    : FINDING_KINDS.filter((k) => k !== 'orphan_secret' && k !== 'secret_missing');
  expect([...new Set(findings.map((f) => f.kind))].sort()).toEqual([...expected].sort());

  await page.goto(host.url);
  const nav = page.getByRole('button', { name: /^Findings: \d+ critical, \d+ warnings?, \d+ info$/ });
  await expect(nav).toBeVisible();
  const counts = { critical: 0, warning: 0, info: 0 } as Record<string, number>;
  for (const f of findings) counts[f.severity]! += 1;
  await expect(nav).toHaveAccessibleName(
    `Findings: ${counts.critical} critical, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`,
  );
  await nav.click();

  const list = page.getByRole('table', { name: /findings?$/ });
  const items = list.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(items).toHaveCount(findings.length);
  const labels: Record<string, string> = {
    expired: 'Expired',
    expiring: 'Expiring',
    rotation_due: 'Rotation due',
    slot_limit: 'Slot limit',
    format_mismatch: 'Unusual format',
    rate_limit_above_plan: 'Rate limit above plan',
    broad_access: 'Broad access',
    open_allowlist: 'Open IP allowlist',
    duplicate_secret: 'Duplicate secret',
    secret_missing: 'Secret missing',
    orphan_secret: 'Keychain entry without token',
    check_failed: 'Check failed',
    test_in_production: 'Test token in production',
    custom_provider_invalid: 'Custom provider invalid',
    revoke_pending: 'Old token not yet revoked',
  };
  for (const kind of expected) await expect(items.filter({ hasText: labels[kind]! }).first(), kind).toBeVisible();
  await expect(items.filter({ hasText: 'Expired' }).first()).toContainText(
    '"Old printify" (Printify, Northwind merch) expired on',
  );
  await expect(items.filter({ hasText: 'Rate limit above plan' })).toContainText("above the free plan's cap of 60");
  await expect(items.filter({ hasText: 'Check failed' })).toContainText('Shippo answered 401 Unauthorized');

  await expect(items.filter({ hasText: 'Custom provider invalid' })).toContainText('"broken-pay"');

  // Most severe first: every critical before every warning before every info.
  const order = await items.locator('.sev').allTextContents();
  const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
  expect(order.map((s) => rank[s])).toEqual([...order.map((s) => rank[s])].sort());

  await page.getByLabel('Severity').selectOption('critical');
  await expect(items).toHaveCount(counts.critical!);
  for (const text of await items.locator('.sev').allTextContents()) expect(text).toBe('critical');
  await page.getByLabel('Severity').selectOption('');

  const pickClient = async (name: string) =>
    page
      .getByLabel('Client')
      .selectOption((await page.getByRole('option', { name: `${name} (` }).getAttribute('value'))!);
  await pickClient('Northwind');
  await expect(items.filter({ hasText: 'Rotation due' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Duplicate secret' })).toHaveCount(0);
  await expect(items.filter({ hasText: 'Custom provider invalid' })).toHaveCount(0);
  await pickClient('No client');
  await expect(items.filter({ hasText: 'Duplicate secret' })).toHaveCount(2);
  await expect(items.filter({ hasText: 'Rotation due' })).toHaveCount(0);
  await page.getByLabel('Severity').selectOption('warning');
  await expect(items.filter({ hasText: 'Test token in production' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Slot limit' })).toHaveCount(0);

  // A finding opens its store, whose rules panel lists the store's own findings.
  await items
    .filter({ hasText: 'Test token in production' })
    .getByRole('button', { name: 'Open store Own shipping' })
    .click();
  await expect(page.getByRole('heading', { name: 'Own shipping' })).toBeVisible();
  const rules = page.getByRole('region', { name: 'Rules for Own shipping' });
  await expect(rules).toContainText('Shippo live tokens: 2 of 2 held');
  await expect(rules.getByRole('listitem').filter({ hasText: 'Test token in production' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Sandbox/ })).toContainText('1 finding');

  // The Printago store's panel summarises access and the allowlist.
  await page.getByRole('treeitem', { name: /Northwind farm/ }).click();
  const farm = page.getByRole('region', { name: 'Rules for Northwind farm' });
  await expect(farm).toContainText('Access: 0 Custom Permissions, 1 Full Access');
  await expect(farm).toContainText('IP allowlist: 1 of 1 active key open to any IP');

  // Grouped by kind with counts: one kind at a time, and each finding opens its token.
  await nav.click();
  const kinds = page.getByRole('list', { name: 'Findings by kind' });
  await expect(kinds.getByRole('button', { name: /^All kinds/ })).toContainText(String(findings.length));
  await kinds.getByRole('button', { name: /^Check failed/ }).click();
  await expect(items).toHaveCount(findings.filter((f) => f.kind === 'check_failed').length);
  await items
    .first()
    .getByRole('button', { name: /^Open token / })
    .click();
  await expect(page.getByRole('heading', { level: 2 })).not.toHaveText('Findings');
});

test('policy-driven fields: PixlPay offers only held write scopes as "not needed", Printago explains Full Access', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'PixlPay', label: 'Pixl shop', fields: { 'Store host *': 'pixl.pixlpay.net' } });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill('Catalog bot');
  await page.locator('#token-secret').fill(`sk_live_${randomBytes(18).toString('hex')}`);
  await page.locator('#token-secret').blur();
  await expect(page.getByRole('region', { name: 'Read from the pasted token' })).toContainText('PixlPay live token');
  await expect(page.getByRole('group', { name: 'Write scopes not needed' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'products:read' }).check();
  await page.getByRole('checkbox', { name: 'products:write' }).check();
  const unneeded = page.getByRole('group', { name: 'Write scopes not needed' });
  await expect(unneeded.getByRole('checkbox')).toHaveCount(1);
  await unneeded.getByRole('checkbox', { name: 'products:write' }).check();
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('row', { name: /Catalog bot/ })).toContainText('products:read, products:write');
  const rules = page.getByRole('region', { name: 'Rules for Pixl shop' });
  await expect(rules.getByRole('listitem').filter({ hasText: 'Broad access' })).toContainText(
    'which you marked as not needed',
  );

  await addStore(page, {
    provider: 'Printago',
    label: 'Farm two',
    fields: { 'Store id *': 'b1b2c3d4e5f6a7b8c9d0e1f2' },
  });
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Access level *').selectOption({ label: 'Full Access' });
  await expect(
    page.getByRole('note').filter({ hasText: 'Full Access can do everything the store owner can' }),
  ).toBeVisible();
  await page.getByLabel('Managed by').fill('Shopify');
  await expect(page.getByRole('note').filter({ hasText: 'Managed by Shopify' })).toBeVisible();
});
