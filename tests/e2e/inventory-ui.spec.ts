import type { Page } from '@playwright/test';
import { expect, maskedOf, ROTATED_SECRET, SECRETS, seed, test } from './inventory-support';
import { ok } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const rowOf = (page: Page, name: string) => grid(page).getByRole('row', { name: new RegExp(`^${name},`) });
const count = (page: Page) => page.getByTestId('inventory-count');
/** A request's read channel and input, also when the window asks again through readIfChanged. */
function readOf(request: { url(): string; postDataJSON(): unknown }): { channel: string; input: unknown } | null {
  const channel = /\/ipc\/(\w+)$/.exec(request.url())?.[1];
  if (!channel) return null;
  if (channel !== 'readIfChanged') return { channel, input: request.postDataJSON() };
  const { channel: inner, input } = request.postDataJSON() as { channel: string; input: unknown };
  return { channel: inner, input };
}

async function openInventory(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
  await expect(grid(page)).toBeVisible();
}

test('search, filter and sort the inventory; bulk-select a client and check it with a progress bar and outcomes', async ({
  page,
  host,
  fakes,
}) => {
  await seed(host);
  await openInventory(page, host.url);
  await expect(count(page)).toHaveText('9 tokens');

  // Search looks in names, stores, clients and the fingerprint's tail; every word must match.
  const search = page.getByRole('searchbox', { name: 'Search tokens' });
  await search.fill('returns');
  await expect(count(page)).toHaveText('2 of 9 tokens');
  await expect(rowOf(page, 'Returns portal')).toBeVisible();
  await expect(rowOf(page, 'Returns desk')).toBeVisible();
  await search.fill('globex');
  await expect(count(page)).toHaveText('3 of 9 tokens');
  await search.fill('solo sandbox');
  await expect(count(page)).toHaveText('1 of 9 tokens');
  const tail = SECRETS['Order sync'].slice(-4);
  await search.fill(tail);
  await expect(rowOf(page, 'Order sync')).toContainText(maskedOf(SECRETS['Order sync']));
  await expect(grid(page).getByRole('row')).toHaveCount(2); // header + the one match
  await search.fill('nothing like this');
  await expect(grid(page)).toContainText('No token matches');
  await search.fill('');

  // Filters: mode, client; then sort.
  await page.getByLabel('Mode').selectOption('test');
  await expect(count(page)).toHaveText('3 of 9 tokens');
  await page.getByLabel('Mode').selectOption('');
  await page.getByLabel('Sort by').selectOption('created-old');
  await expect(grid(page).getByRole('row').nth(1)).toHaveAccessibleName(/^Warehouse labels,/);
  await page.getByLabel('Sort by').selectOption('name');
  await expect(grid(page).getByRole('row').nth(1)).toHaveAccessibleName(/^Globex sandbox,/);
  await page.getByLabel('Client').selectOption({ label: 'Globex Goods' });
  await expect(count(page)).toHaveText('3 of 9 tokens');

  // Select every shown token and check them against the fake Shippo.
  await page.getByRole('checkbox', { name: 'Select all 3 shown tokens' }).check();
  await expect(page.getByTestId('selected-count')).toHaveText('3 selected');
  await page.getByRole('button', { name: 'Check selected' }).click();
  // Nothing is sent before the user has seen the requests per provider and confirmed.
  const plan = page.getByRole('dialog', { name: 'Check 3 selected tokens?' });
  await expect(plan).toContainText("3 requests, under a second at the providers' published limits");
  await expect(plan.getByRole('table', { name: 'Requests per provider' })).toContainText('Shippo');
  expect(fakes.servers.shippo.requests.length).toBe(0);
  await plan.getByRole('button', { name: 'Send 3 requests' }).click();
  const run = page.getByRole('region', { name: 'Bulk check' });
  const bar = run.getByRole('progressbar', { name: 'Check progress' });
  await expect(run).toContainText('Check finished: 3 selected tokens', { timeout: 20_000 });
  await expect(bar).toHaveAttribute('max', '3');
  await expect(bar).toHaveAttribute('value', '3');
  await expect(run.getByTestId('check-count')).toContainText('3 of 3 checked');
  await expect(run.locator('[data-outcome="valid"]')).toContainText('Valid: 2');
  await expect(run.locator('[data-outcome="invalid"]')).toContainText('Invalid: 1');
  await expect(rowOf(page, 'Old integration')).toContainText('Invalid');
  await expect(rowOf(page, 'Order sync')).toContainText('Valid');
  // Only the three selected tokens reached the provider, each once, read-only.
  expect(fakes.writes()).toBe(0);
  expect(fakes.servers.shippo.requests.length).toBe(3);

  // The failed check becomes a finding, and the findings filter finds it.
  await page.getByLabel('Client').selectOption('');
  await page.getByLabel('Finding severity').selectOption('critical');
  await expect(rowOf(page, 'Old integration')).toBeVisible();

  // Deactivate the selection (a confirmation says what the provider side still needs).
  await page.getByLabel('Finding severity').selectOption('');
  await page.getByRole('button', { name: 'Deactivate selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate 3 tokens?' });
  await expect(dialog).toContainText('still work at the provider');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(rowOf(page, 'Order sync')).toContainText('inactive');
  await page.getByLabel('Status').selectOption('inactive');
  await expect(count(page)).toHaveText('3 of 9 tokens');

  // Export: a CSV of the selection, made in the window from metadata only.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (CSV)' }).click();
  const file = await download;
  const csv = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
  expect(csv).toContain(maskedOf(SECRETS['Order sync']));
  for (const secret of Object.values(SECRETS)) expect(csv).not.toContain(secret);
});

test('the keyboard path: / focuses search, arrows move, Enter opens the token, Esc closes dialog then detail', async ({
  page,
  host,
}) => {
  await seed(host);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search tokens' });
  await expect(search).toBeFocused();
  await page.keyboard.type('northwind');
  await expect(count(page)).toHaveText('3 of 9 tokens');
  await page.keyboard.press('ArrowDown');
  await expect(grid(page).getByRole('row').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = grid(page).getByRole('row').nth(2);
  await expect(second).toBeFocused();
  const name = ((await second.getAttribute('aria-label')) ?? '').split(',')[0]!;
  await page.keyboard.press(' ');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();

  // Esc closes an open dialog first, then the detail.
  await page.getByRole('button', { name: 'Mark revoked…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(grid(page)).toBeVisible();
  await expect(search).toHaveValue('northwind');
  await expect(grid(page).getByRole('row', { name: new RegExp(`^${name},`) })).toBeFocused();
});

test('token detail: facts, copy through main (the value never reaches the page), check now, history and audit', async ({
  page,
  host,
}) => {
  const seeded = await seed(host);
  const replies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/ipc/')) replies.push(await response.text().catch(() => ''));
  });
  await openInventory(page, host.url);
  await rowOf(page, 'Warehouse labels').getByRole('button', { name: 'Warehouse labels' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Warehouse labels' })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Facts' });
  await expect(facts).toContainText(maskedOf(SECRETS['Warehouse labels']));
  await expect(facts).toContainText('never expires');

  await page.getByRole('button', { name: 'Copy secret' }).click();
  await expect(page.getByTestId('token-message')).toHaveText('Copied; the clipboard clears in 30 s.');

  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('check-result')).toContainText('Valid');
  await expect(page.getByRole('table', { name: 'Check history' }).getByRole('row')).toHaveCount(2);
  const audit = page.getByRole('region', { name: 'Audit events' });
  await expect(audit).toContainText('token.copy');

  // The audit log view, filtered by this token and by action.
  await audit.getByRole('button', { name: 'Open in the audit log' }).click();
  await expect(page.getByLabel('Subject id')).toHaveValue(seeded.tokens['Warehouse labels']!);
  await page.getByLabel('Action').selectOption('token.copy');
  await expect(page.getByRole('table', { name: 'Audit entries' }).getByRole('row')).toHaveCount(2);

  expect(await page.content()).not.toContain(SECRETS['Warehouse labels']);
  for (const reply of replies) expect(reply).not.toContain(SECRETS['Warehouse labels']);
});

test('guided rotation: the new token is checked by the fake, the old one is marked rotated, lineage both ways', async ({
  page,
  host,
  fakes,
}) => {
  await seed(host);
  await openInventory(page, host.url);
  await rowOf(page, 'Warehouse labels').getByRole('button', { name: 'Warehouse labels' }).click();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Warehouse labels' });
  const link = dialog.getByRole('link', { name: /token page/ });
  await expect(link).toHaveAttribute('href', 'https://apps.goshippo.com/settings/api');
  await expect(link).toHaveAttribute('target', '_blank');

  // At 2 of 2 live tokens Shippo wants one removed first: here the user removed "Returns portal".
  await dialog
    .getByTestId('rotate-slot')
    .getByRole('radio', { name: /^Returns portal/ })
    .check();
  // A token the provider refuses changes nothing.
  await dialog.getByLabel('New token *').fill('shippo_live_' + '0'.repeat(40));
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The provider refused the new token');
  await expect(dialog.getByLabel('New token *')).toHaveValue('');

  const before = fakes.servers.shippo.requests.length;
  await dialog.getByLabel('New token *').fill(ROTATED_SECRET);
  await dialog.getByLabel('Name of the new token').fill('Warehouse labels 2026');
  await dialog.getByRole('button', { name: 'Check and switch' }).click();
  const result = dialog.getByTestId('rotate-result');
  await expect(result).toContainText('Valid');
  expect(fakes.servers.shippo.requests.length).toBe(before + 1);
  await expect(result.getByLabel('Lineage')).toContainText(
    'Warehouse labels (rotated) → Warehouse labels 2026 (active)',
  );
  await expect(result.getByTestId('retire-ways')).toContainText('retire Warehouse labels at Shippo: removed at shippo');
  await dialog.getByRole('button', { name: 'Open the new token' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Warehouse labels 2026' })).toBeVisible();
  const lineage = page.getByRole('region', { name: 'Lineage' });
  await lineage.getByRole('button', { name: 'Warehouse labels (rotated)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Warehouse labels', exact: true })).toBeVisible();
  await expect(page.getByTestId('revoke-reminder')).toContainText('rotated to Warehouse labels 2026');
  await expect(
    page.getByRole('region', { name: 'Lineage' }).getByRole('button', { name: 'Warehouse labels 2026 (active)' }),
  ).toBeVisible();

  // Once the old token is revoked at the provider, a check shows it dead and the reminder goes.
  delete fakes.shippoTokens[SECRETS['Warehouse labels']];
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('check-result')).toContainText('Invalid');
  await expect(page.getByTestId('revoke-reminder')).toHaveCount(0);
});

test("on the inventory a change updates the nav's finding counts without fetching the findings list; the findings view fetches it", async ({
  page,
  host,
}) => {
  await seed(host);
  // The list is megabytes at 10,000 tokens: only views that show findings may ask for it.
  const listRequests: string[] = [];
  page.on('request', (request) => {
    if (readOf(request)?.channel === 'getFindings') listRequests.push(request.url());
  });
  await page.goto(`${host.url}#inventory`);
  await expect(count(page)).toHaveText('9 tokens');
  type Counts = { critical: number; warning: number; info: number };
  const countsText = (c: Counts) =>
    `Findings: ${c.critical} critical, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info`;
  const before = (await host.call<Counts>('getFindingCounts')).value!;
  const findingsNav = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Findings/ });
  await expect(findingsNav).toHaveAccessibleName(countsText(before));

  await page.getByRole('checkbox', { name: 'Select all 9 shown tokens' }).check();
  await page.getByRole('button', { name: 'Deactivate selected' }).click();
  await page
    .getByRole('dialog', { name: /^Deactivate \d+ tokens\?$/ })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(
    grid(page).getByRole('row', { name: /,/ }).filter({ hasText: 'active' }).filter({ hasNotText: 'inactive' }),
  ).toHaveCount(0);
  const after = (await host.call<Counts>('getFindingCounts')).value!;
  expect(after).not.toEqual(before);
  await expect(findingsNav).toHaveAccessibleName(countsText(after));
  expect(listRequests).toHaveLength(0);

  await findingsNav.click();
  await expect(page.getByRole('heading', { name: 'Findings', level: 2 })).toBeVisible();
  await expect(page.getByText('Loading findings…')).toHaveCount(0);
  const findingRows = page.getByRole('table', { name: /findings?$/ }).getByRole('row');
  await expect(findingRows.filter({ has: page.getByRole('cell') })).toHaveCount(
    after.critical + after.warning + after.info,
  );
  expect(listRequests.length).toBeGreaterThan(0);
});

test('after a change made elsewhere the store view asks main again only for what it shows, in a few KB', async ({
  page,
  host,
}) => {
  const { stores, tokens } = await seed(host);
  // Every request as it leaves, and every answer's size.
  const asked: { channel: string; input: unknown }[] = [];
  const answers: { channel: string; bytes: number }[] = [];
  const channelOf = (url: string) => /\/ipc\/(\w+)$/.exec(url)?.[1];
  page.on('request', (request) => {
    const read = readOf(request);
    if (read) asked.push(read);
  });
  page.on('response', async (response) => {
    const channel = channelOf(response.url());
    if (channel) answers.push({ channel, bytes: (await response.body()).length });
  });
  await page.goto(host.url);
  await page
    .getByRole('tree', { name: 'All stores' })
    .getByRole('treeitem', { name: /Northwind shipping/ })
    .click();
  const details = (name: string) => page.getByRole('button', { name: `Details of token ${name}` });
  await expect(details('Returns portal')).toBeVisible();
  await expect.poll(() => answers.length).toBe(asked.length);
  const before = asked.length;

  // Changes made elsewhere (the CLI, a notification's action) reach the open store view.
  ok(await host.call('updateToken', { id: tokens['Returns portal'], name: 'Returns portal (EU)' }));
  await expect(details('Returns portal (EU)')).toBeVisible();
  ok(await host.call('deleteToken', { id: tokens['Sandbox'] }));
  await expect(details('Sandbox')).toHaveCount(0);
  await expect(details('Warehouse labels')).toBeVisible();

  await expect.poll(() => answers.length).toBe(asked.length);
  const since = asked.slice(before);
  expect(since.length).toBeGreaterThan(0);
  // Only reads of what is on screen: this store, its findings, the sidebar, the provider catalog it names, and
  // the top bar's counts, status and status-only badge.
  const onScreen = new Set([
    'listProviders',
    'getSupportMode',
    'getStore',
    'getFindings',
    'getNavigation',
    'getFindingCounts',
    'expiryAttentionCount',
    'getVaultStatus',
  ]);
  expect(since.filter((r) => !onScreen.has(r.channel))).toEqual([]);
  expect(since.filter((r) => r.channel === 'getStore').map((r) => r.input)).toContainEqual({
    id: stores['Northwind shipping'],
  });
  // One renamed token and one removed: a few KB at most per answer, never the whole vault (an answer the window
  // already holds, such as the provider catalog, comes back as "unchanged").
  expect(Math.max(...answers.slice(before).map((a) => a.bytes))).toBeLessThan(4_000);
});

test('an edit on a token page costs one request, and the page, the nav and the findings are current after it', async ({
  page,
  host,
}) => {
  const { tokens } = await seed(host);
  const asked: string[] = [];
  const bytes: number[] = [];
  page.on('request', (request) => {
    const channel = /\/ipc\/(\w+)$/.exec(request.url())?.[1];
    if (channel) asked.push(channel);
  });
  page.on('response', async (response) => {
    if (/\/ipc\/\w+$/.test(response.url())) bytes.push((await response.body()).length);
  });
  await openInventory(page, host.url);
  await rowOf(page, 'Returns portal').getByRole('button', { name: 'Returns portal' }).click();
  await expect(page.getByRole('heading', { name: 'Returns portal', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check history' })).toBeVisible();
  await expect.poll(() => bytes.length).toBe(asked.length);
  const before = asked.length;

  // Resolves with the vaultChanged this edit causes (listened to after the app's own listener).
  const changed = page.evaluate(`new Promise((resolve) => {
    const off = window.api.on('vaultChanged', (change) => {
      off();
      resolve(change);
    });
  })`);
  await page.getByRole('toolbar', { name: 'Token actions' }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('token-message')).toContainText('Deactivated in Keyward');
  await expect(page.locator('.token-detail .status')).toHaveText('inactive');
  await expect(
    page.getByRole('toolbar', { name: 'Token actions' }).getByRole('button', { name: 'Reactivate' }),
  ).toBeVisible();
  // The vaultChanged that follows names a revision the reply already brought: nothing more is asked (a request
  // it caused would have left before the next frame).
  await changed;
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
  await expect.poll(() => bytes.length).toBe(asked.length);
  expect(asked.slice(before)).toEqual(['writeThenRead']);
  expect(bytes.slice(before)[0]).toBeLessThanOrEqual(5_000);
  expect(
    ok(await host.call<{ token: { status: string } }>('getToken', { id: tokens['Returns portal'] })).token.status,
  ).toBe('inactive');
});

test('a store view asks main only for its own findings, and follows a change made elsewhere', async ({
  page,
  host,
}) => {
  const { stores, tokens } = await seed(host);
  const asked: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    const read = readOf(request);
    if (read?.channel === 'getFindings') asked.push(read.input as Record<string, unknown>);
  });
  await page.goto(host.url);
  await page
    .getByRole('tree', { name: 'All stores' })
    .getByRole('treeitem', { name: /Northwind shipping/ })
    .click();
  const items = page.getByRole('list', { name: 'Findings for this store' }).getByRole('listitem');
  const expected = async () =>
    ok(await host.call<unknown[]>('getFindings', { storeIds: [stores['Northwind shipping']] })).length;
  const before = await expected();
  expect(before).toBeGreaterThan(0);
  await expect(items).toHaveCount(before);
  // From here on the store view is the only view open (the dashboard shown first lists all findings).
  const fromStore = asked.length;

  ok(await host.call('deleteToken', { id: tokens['Returns portal'] }));
  const after = await expected();
  expect(after).toBeLessThan(before);
  await expect(items).toHaveCount(after);
  // Never the whole list (megabytes at 10,000 tokens): every request named this store.
  const sinceStore = asked.slice(fromStore);
  expect(sinceStore.length).toBeGreaterThan(0);
  expect(sinceStore).toEqual(sinceStore.map(() => ({ storeIds: [stores['Northwind shipping']] })));
});

test('the dashboard lists the most urgent critical and warning findings, asking main for those few only', async ({
  page,
  host,
}) => {
  const { tokens } = await seed(host);
  const asked: unknown[] = [];
  page.on('request', (request) => {
    const read = readOf(request);
    if (read?.channel === 'getFindings') asked.push(read.input);
  });
  const query = { severities: ['critical', 'warning'], limit: 6 };
  const expected = async () => ok(await host.call<{ message: string }[]>('getFindings', query)).map((f) => f.message);
  await page.goto(host.url);
  const items = page.getByRole('region', { name: 'Findings' }).getByRole('listitem');
  const before = await expected();
  expect(before.length).toBeGreaterThan(0);
  await expect(items).toHaveCount(before.length);
  for (const [i, message] of before.entries()) await expect(items.nth(i)).toContainText(message);

  // A change elsewhere: the list follows it, still asking for the few.
  ok(await host.call('deleteToken', { id: tokens['Sandbox'] }));
  ok(await host.call('deleteToken', { id: tokens['Globex sandbox'] }));
  const after = await expected();
  expect(after).not.toEqual(before);
  for (const [i, message] of after.entries()) await expect(items.nth(i)).toContainText(message);
  await expect(items).toHaveCount(after.length);
  expect(asked.length).toBeGreaterThan(1);
  expect(asked).toEqual(asked.map(() => query));
});
