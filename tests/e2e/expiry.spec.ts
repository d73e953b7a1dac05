import ICAL from 'ical.js';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RunningHost } from '../support/host-process';
import { expect, fakeJwt, ok, queueDialog, test, readVault } from './fixtures';

const DAY = 86_400_000;
const hex = (n: number) => randomBytes(n).toString('hex');
/** How the UI writes a UTC day (en-US in this Chromium). */
const shownDay = (ms: number) =>
  new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const todayUtc = () => Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
/** The timeline week (0 = starting today, UTC) a moment falls in, and its first day. */
const weekOf = (ms: number) => Math.floor((ms - todayUtc()) / (7 * DAY));
const weekStart = (index: number) => todayUtc() + index * 7 * DAY;

interface Seeded {
  secrets: string[];
  at: { thinkific: number; printify: number; pixl: number; shippoTest: number };
  ids: { thinkific: string; printify: string; pixl: string; shippoTest: string };
}

/**
 * Four tokens, one per case: a Thinkific access token expiring in 8 days (14-day warning), a Printify token whose
 * expiry is the provider's rule (1 year after creation) 3 days from now, a PixlPay token that expired 2 days ago
 * and a Shippo test token with a date 20 days away (30-day warning, one severity lower).
 */
async function seed(host: RunningHost): Promise<Seeded> {
  const now = Date.now();
  const client = ok(await host.call<{ id: string }>('createClient', { name: 'Northwind' }));
  const store = async (provider: string, label: string, extra: Record<string, unknown> = {}) =>
    ok(await host.call<{ id: string }>('createStore', { provider, label, clientId: client.id, ...extra })).id;
  const token = async (input: Record<string, unknown>) =>
    ok(await host.call<{ id: string; expiresAt: string }>('createToken', input));

  const secrets = [
    `tk_${hex(16)}`,
    fakeJwt({ sub: 'user-1', iat: Math.floor((now - 362 * DAY) / 1000), scopes: ['shops.read'] }),
    `sk_live_${hex(16)}`,
    `shippo_test_${hex(20)}`,
  ];
  const academy = await store('thinkific', 'Northwind Academy', { identifiers: { subdomain: 'northwind' } });
  const thinkific = await token({
    storeId: academy,
    name: 'LMS sync',
    kind: 'access-token',
    expiresAt: new Date(now + 8 * DAY).toISOString(),
    secret: secrets[0],
  });
  const merch = await store('printify', 'Northwind merch');
  const printify = await token({ storeId: merch, name: 'Order sync', secret: secrets[1] });
  const pay = await store('pixlpay', 'Northwind pay', { identifiers: { host: 'northwind.pixlpay.net', plan: 'free' } });
  const pixl = await token({
    storeId: pay,
    name: 'Payments',
    scopes: ['orders:read'],
    expiresAt: new Date(now - 2 * DAY).toISOString(),
    secret: secrets[2],
  });
  const ship = await store('shippo', 'Northwind shipping', { environment: 'staging' });
  const shippoTest = await token({
    storeId: ship,
    name: 'Sandbox',
    mode: 'test',
    expiresAt: new Date(now + 20 * DAY).toISOString(),
    secret: secrets[3],
  });
  const at = (t: { expiresAt: string }) => Date.parse(t.expiresAt);
  return {
    secrets,
    at: { thinkific: at(thinkific), printify: at(printify), pixl: at(pixl), shippoTest: at(shippoTest) },
    ids: { thinkific: thinkific.id, printify: printify.id, pixl: pixl.id, shippoTest: shippoTest.id },
  };
}

async function openExpiry(page: Page, host: RunningHost) {
  await page.goto(host.url);
  await page.getByRole('button', { name: /^Expiry: \d+ tokens? needs? attention$/ }).click();
  return page.getByRole('region', { name: 'Needs attention' });
}

const attentionItems = (page: Page) => page.getByRole('list', { name: /needing attention$/ }).getByRole('listitem');

test('Needs attention lists expiring tokens most urgent first, with names, days left, estimated and test markers', async ({
  page,
  host,
}) => {
  await seed(host);
  const panel = await openExpiry(page, host);
  await expect(page.getByRole('button', { name: 'Expiry: 4 tokens need attention' })).toBeVisible();
  const items = attentionItems(page);
  await expect(items).toHaveCount(4);
  // Critical first (expired, then 3 days), then the 14-day warning, then the test token's lowered warning.
  await expect(items.nth(0)).toHaveAccessibleName('Payments, Northwind pay: expired 2 days ago');
  await expect(items.nth(1)).toHaveAccessibleName('Order sync, Northwind merch: 3 days left');
  await expect(items.nth(2)).toHaveAccessibleName('LMS sync, Northwind Academy: 8 days left');
  await expect(items.nth(3)).toHaveAccessibleName('Sandbox, Northwind shipping: 20 days left');

  await expect(items.nth(0)).toContainText('critical');
  await expect(items.nth(0)).toContainText('PixlPay · Northwind · Northwind pay');
  await expect(items.nth(1)).toContainText('critical');
  await expect(items.nth(1)).toContainText('Printify');
  await expect(items.nth(1)).toContainText('estimated'); // the provider's 1-year rule, not a date on the token
  await expect(items.nth(2)).toContainText('warning');
  await expect(items.nth(2)).toContainText('Thinkific');
  await expect(items.nth(2)).not.toContainText('estimated');
  await expect(items.nth(3)).toContainText('info');
  await expect(items.nth(3)).toContainText('test token');
  await expect(items.nth(2)).not.toContainText('test token');
  await expect(panel).toContainText('4 need attention · 0 quieted');

  // An expired token cannot be snoozed (it is already broken), only acknowledged.
  await expect(items.nth(0).getByRole('button', { name: 'Snooze Payments for 1 day' })).toHaveCount(0);
  await expect(items.nth(0).getByRole('button', { name: 'Acknowledge Payments until the next warning' })).toBeVisible();
  await expect(items.nth(1).getByRole('button', { name: 'Snooze Order sync for 1 week' })).toBeVisible();

  // The token name opens its token page.
  await items.nth(2).getByRole('button', { name: 'LMS sync', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'LMS sync' })).toBeVisible();
});

test('the timeline puts each token in its week, coloured by severity, and a bar lists its tokens', async ({
  page,
  host,
}) => {
  const { at } = await seed(host);
  await openExpiry(page, host);
  const timeline = page.getByRole('region', { name: 'Expiry timeline' });
  await expect(timeline).toContainText('3 tokens expire in the next 90 days · 1 expired');
  const bars = timeline.getByRole('list', { name: 'Tokens expiring by week' }).getByRole('button');
  await expect(bars).toHaveCount(14); // expired + 13 weeks

  await expect(bars.nth(0)).toHaveAccessibleName('Expired: 1 token');
  const expected = new Map<number, string>([
    [weekOf(at.printify), '1 token (1 critical, 0 warning, 0 info)'],
    [weekOf(at.thinkific), '1 token (0 critical, 1 warning, 0 info)'],
    [weekOf(at.shippoTest), '1 token (0 critical, 0 warning, 1 info)'],
  ]);
  expect([...expected.keys()]).toEqual([0, 1, 2]);
  for (let week = 0; week < 13; week++) {
    const start = weekStart(week);
    const name = `Week of ${shownDay(start)} to ${shownDay(start + 6 * DAY)}: ${expected.get(week) ?? '0 tokens (0 critical, 0 warning, 0 info)'}`;
    await expect(bars.nth(week + 1)).toHaveAccessibleName(name);
  }

  // Pressing a bar lists that week's tokens; pressing another switches.
  await bars.nth(weekOf(at.thinkific) + 1).click();
  await expect(bars.nth(weekOf(at.thinkific) + 1)).toHaveAttribute('aria-pressed', 'true');
  const listed = timeline.getByRole('list', { name: /^Tokens: week of/ });
  await expect(listed.getByRole('listitem')).toHaveCount(1);
  await expect(listed).toContainText('LMS sync');
  await expect(listed).toContainText('Thinkific · Northwind Academy');
  await expect(listed).toContainText(shownDay(at.thinkific));
  await bars.nth(0).click();
  await expect(timeline.getByRole('list', { name: 'Tokens: expired' })).toContainText('Payments');
  await bars.nth(5).click();
  await expect(timeline).toContainText('No token expires in this week.');

  // Stacked by provider instead, the overdue column in its own colour.
  await timeline.getByLabel('Stack by').selectOption('provider');
  await expect(bars.nth(weekOf(at.thinkific) + 1)).toHaveAccessibleName(/: 1 token \(Thinkific 1\)$/);
  await expect(bars.nth(0).locator('rect.bar-overdue')).toHaveCount(1);
});

test('snooze and acknowledge take a token off the panel and count it as quieted', async ({ page, host }) => {
  await seed(host);
  const panel = await openExpiry(page, host);
  const items = attentionItems(page);
  await expect(items).toHaveCount(4);

  await panel.getByRole('button', { name: 'Snooze LMS sync for 1 week' }).click();
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: 'LMS sync' })).toHaveCount(0);
  await expect(panel).toContainText('3 need attention · 1 quieted');

  await panel.getByRole('button', { name: 'Snooze Sandbox for 1 day' }).click();
  await expect(items).toHaveCount(2);
  await expect(panel).toContainText('2 need attention · 2 quieted');

  await panel.getByRole('button', { name: 'Acknowledge Payments until the next warning' }).click();
  await expect(items).toHaveCount(1);
  await expect(panel).toContainText('1 needs attention · 3 quieted');
  await expect(items.nth(0)).toHaveAccessibleName('Order sync, Northwind merch: 3 days left');
  await expect(page.getByRole('button', { name: 'Expiry: 1 token needs attention' })).toBeVisible();

  // Quieting is kept by main: a reload shows the same.
  await page.reload();
  await page.getByRole('button', { name: /^Expiry:/ }).click();
  await expect(attentionItems(page)).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Needs attention' })).toContainText('3 quieted');

  await page.getByRole('button', { name: 'Acknowledge Order sync until the next warning' }).click();
  const again = page.getByRole('region', { name: 'Needs attention' });
  await expect(again).toContainText('No token needs attention (4 warnings snoozed or acknowledged).');

  // What is quiet is listed, and can be woken: one, then all.
  await again.getByText('Snoozed or acknowledged (4)').click();
  const quiet = again.getByRole('list', { name: 'Snoozed or acknowledged warnings' });
  await expect(quiet.getByRole('listitem')).toHaveCount(4);
  await expect(quiet.getByRole('listitem').filter({ hasText: 'LMS sync' })).toContainText('snoozed until');
  await quiet.getByRole('button', { name: 'Wake LMS sync' }).click();
  await expect(attentionItems(page)).toHaveCount(1);
  await again.getByRole('button', { name: 'Wake all 3 warnings' }).click();
  await expect(attentionItems(page)).toHaveCount(4);

  // A whole group at once, grouped by client.
  await again.getByLabel('Group by').selectOption('client');
  const group = again.getByRole('region', { name: /^Northwind: \d+$/ });
  const inGroup = Number((await group.getAttribute('aria-label'))!.split(': ')[1]);
  await group.getByRole('button', { name: `Acknowledge all ${inGroup}` }).click();
  await expect(attentionItems(page)).toHaveCount(4 - inGroup);
});

/** A scratch folder for the file the save dialog "chooses", removed after the test. */
const scratch = test.extend<{ files: string }>({
  // eslint-disable-next-line no-empty-pattern
  files: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-calendar-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

scratch(
  'the saved calendar has one event per expiring token on its expiry day, and no secret',
  async ({ page, host, files }) => {
    const { secrets, at } = await seed(host);
    await openExpiry(page, host);
    // Main asks where to save (the host's save dialog answers with a path in the scratch folder) and writes it.
    const path = join(files, 'team-expiry.ics');
    await queueDialog(host, { save: path });
    await page.getByRole('button', { name: 'Export expiry calendar (.ics)' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved to ${path}.` })).toBeVisible();
    const text = await readFile(path, 'utf8');

    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    // The expired PixlPay token is not upcoming: three events, soonest first.
    expect(events.map((e) => e.summary)).toEqual([
      "Printify · Northwind · Northwind merch: token 'Order sync' expires",
      "Thinkific · Northwind · Northwind Academy: token 'LMS sync' expires",
      "Shippo · Northwind · Northwind shipping: token 'Sandbox' (test token) expires",
    ]);
    const isoDayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(events.map((e) => e.startDate.toString())).toEqual([
      isoDayOf(at.printify),
      isoDayOf(at.thinkific),
      isoDayOf(at.shippoTest),
    ]);
    // An alarm at each default lead time (30, 14, 7, 1 days).
    expect(
      events[1]!.component.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger')!.toString()),
    ).toEqual(['-P30D', '-P14D', '-P7D', '-P1D']);

    const vault = await readVault(host);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const t of vault.tokens) {
      expect(t.secret).not.toBeNull();
      expect(text).not.toContain(t.secret!.masked);
      expect(text).not.toContain(t.secret!.fingerprint);
    }
  },
);

test('changing lead times (global and per provider) updates the panel; bad input is refused with a message', async ({
  page,
  host,
}) => {
  await seed(host);
  const panel = await openExpiry(page, host);
  const items = attentionItems(page);
  await expect(items).toHaveCount(4);
  const settings = page.getByRole('form', { name: 'Expiry warning settings' });
  const leadTimes = settings.getByLabel('Warn this many days before expiry');
  await expect(leadTimes).toHaveValue('30, 14, 7, 1');

  // Validation in the form: nothing is saved.
  await leadTimes.fill('14, soon');
  await settings.getByRole('button', { name: 'Save expiry settings' }).click();
  await expect(settings).toContainText('"soon" is not a whole number of days from 1 to 3650.');
  await expect(leadTimes).toHaveAttribute('aria-invalid', 'true');
  await expect(items).toHaveCount(4);

  // 7 and 1 days only: the 8-day Thinkific token and the 20-day test token are no longer due.
  await leadTimes.fill('1, 7');
  await settings.getByRole('button', { name: 'Save expiry settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');
  await expect(leadTimes).toHaveValue('7, 1');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAccessibleName('Payments, Northwind pay: expired 2 days ago');
  await expect(items.nth(1)).toHaveAccessibleName('Order sync, Northwind merch: 3 days left');
  await expect(panel).not.toContainText('LMS sync');
  // The timeline's colours follow: the Thinkific token is now "info" (no warning yet).
  await expect(
    page.getByRole('button', { name: /^Week of .*: 1 token \(0 critical, 0 warning, 1 info\)$/ }),
  ).toHaveCount(2);

  // A Thinkific override brings its token back at 10 days.
  await settings.getByLabel('Thinkific lead times').fill('10');
  await settings.getByRole('button', { name: 'Save expiry settings' }).click();
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toHaveAccessibleName('LMS sync, Northwind Academy: 8 days left');
  await expect(items.nth(2)).toContainText('warning');

  // Test tokens off: a Shippo test token never warns.
  await leadTimes.fill('30, 14, 7, 1');
  await settings.getByLabel('Test tokens (Shippo test, PixlPay sk_test_)').selectOption('off');
  await settings.getByRole('button', { name: 'Save expiry settings' }).click();
  await expect(items).toHaveCount(3);
  await expect(panel).not.toContainText('Sandbox');

  // The list above may already match before the save lands: wait for main to hold the new settings.
  type Saved = {
    findings: { leadTimesDays: number[]; providers: Record<string, { leadTimesDays?: number[] }> };
    notifications: { warnTestTokens: string };
  };
  await expect
    .poll(async () => ok(await host.call<Saved>('getExpirySettings', {})).notifications.warnTestTokens)
    .toBe('off');
  const saved = ok(await host.call<Saved>('getExpirySettings', {}));
  expect(saved.findings.leadTimesDays).toEqual([30, 14, 7, 1]);
  expect(saved.findings.providers.thinkific?.leadTimesDays).toEqual([10]);
  expect(saved.notifications.warnTestTokens).toBe('off');
});

test("a clicked notification opens the token's store, or the Expiry view for a group", async ({ page, host }) => {
  const { ids } = await seed(host);
  // Main sends "openToken" when a notification is clicked; the host's /__host/emit sends it the same way.
  const emit = async (event: string, payload: unknown) => {
    const res = await fetch(`${host.url}__host/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-keyward-token': host.token },
      body: JSON.stringify({ event, payload }),
    });
    expect(res.status).toBe(200);
  };
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: 'Expiry: 4 tokens need attention' })).toBeVisible();

  await emit('openToken', { tokenId: ids.thinkific });
  await expect(page.getByRole('heading', { name: 'Northwind Academy' })).toBeVisible();

  await emit('openToken', { tokenIds: [ids.printify, ids.pixl] });
  await expect(page.getByRole('region', { name: 'Needs attention' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Expiry:/ })).toHaveAttribute('aria-current', 'page');

  await emit('openToken', { tokenIds: [ids.printify] });
  await expect(page.getByRole('heading', { name: 'Northwind merch' })).toBeVisible();
});

test("away from the expiry views the nav's count follows changes without fetching the overview; the Expiry view fetches it", async ({
  page,
  host,
}) => {
  const { ids } = await seed(host);
  // At 10,000 tokens the overview (every item, the timeline) is most of a megabyte: the badge needs a count.
  const overviewRequests: string[] = [];
  page.on('request', (request) => {
    const inner = request.url().endsWith('/ipc/readIfChanged')
      ? (request.postDataJSON() as { channel: string }).channel
      : /\/ipc\/(\w+)$/.exec(request.url())?.[1];
    if (inner === 'expiryOverview') overviewRequests.push(request.url());
  });
  await page.goto(`${host.url}#inventory`);
  await expect(page.getByRole('button', { name: 'Expiry: 4 tokens need attention' })).toBeVisible();
  ok(await host.call('deleteToken', { id: ids.pixl }));
  await expect(page.getByRole('button', { name: 'Expiry: 3 tokens need attention' })).toBeVisible();
  expect(overviewRequests).toHaveLength(0);

  await page.getByRole('button', { name: 'Expiry: 3 tokens need attention' }).click();
  await expect(attentionItems(page)).toHaveCount(3);
  expect(overviewRequests.length).toBeGreaterThan(0);
});

test("an open Expiry view follows a change made elsewhere (a notification's action, the CLI)", async ({
  page,
  host,
}) => {
  const { ids } = await seed(host);
  const attention = await openExpiry(page, host);
  await expect(attentionItems(page)).toHaveCount(4);
  ok(await host.call('deleteToken', { id: ids.printify }));
  await expect(attentionItems(page)).toHaveCount(3);
  await expect(attention).not.toContainText('Order sync');
  await expect(page.getByRole('button', { name: 'Expiry: 3 tokens need attention' })).toBeVisible();
});

test('reopened after a change made elsewhere, the Expiry view says it is loading instead of showing the old warnings', async ({
  page,
  host,
}) => {
  const { ids } = await seed(host);
  await openExpiry(page, host);
  await expect(attentionItems(page)).toHaveCount(4);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
  ok(await host.call('deleteToken', { id: ids.pixl }));
  await expect(page.getByRole('button', { name: 'Expiry: 3 tokens need attention' })).toBeVisible();

  // Main's answer held back a moment: what shows meanwhile is "loading", never the four old items.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/ipc/expiryOverview', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Expiry: 3 tokens need attention' }).click();
  await expect(page.getByText('Loading expiry warnings…')).toBeVisible();
  await expect(attentionItems(page)).toHaveCount(0);
  release();
  await expect(attentionItems(page)).toHaveCount(3);
});
