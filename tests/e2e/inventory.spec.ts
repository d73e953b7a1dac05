import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { accountOf } from '../../electron/core/secrets/accounts';
import { addStore, addToken, expect, test, readVault } from './fixtures';

const shippoSecret = () => `shippo_live_${randomBytes(20).toString('hex')}`;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

test('add a Shippo store and token, see it masked, find it again after a restart, delete it', async ({
  page,
  host,
  restartHost,
}) => {
  const secret = shippoSecret();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'No stores yet' })).toBeVisible();

  await addStore(page, { provider: 'Shippo', label: 'Acme shipping' });
  await expect(page.getByRole('heading', { name: 'Acme shipping' })).toBeVisible();
  await addToken(page, { name: 'Production label printer', secret });

  const masked = `${secret.slice(0, 14)}…${secret.slice(-4)}`;
  const row = page.getByRole('row', { name: /Production label printer/ });
  await expect(row).toContainText(masked);
  await expect(row).toContainText('active');
  await expect(page.locator('#token-secret')).toHaveCount(0);

  const restarted = await restartHost();
  await page.goto(restarted.url);
  await page.getByRole('treeitem', { name: /Acme shipping/ }).click();
  await expect(page.getByRole('row', { name: /Production label printer/ })).toContainText(masked);

  await page.getByRole('button', { name: 'Delete token Production label printer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete token Production label printer?' });
  await expect(dialog).toContainText('still works at the provider');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('row', { name: /Production label printer/ })).toHaveCount(0);
  await expect(page.getByText('No tokens yet')).toBeVisible();
});

test('the secret appears in no file under the data folder and in no IPC reply, only in the keychain', async ({
  page,
  host,
  dataDir,
  keychain,
}) => {
  const secret = shippoSecret();
  const replies: string[] = [];
  let unread = 0;
  page.on('response', async (response) => {
    if (!response.url().includes('/ipc/')) return;
    // A reply still in flight when the page reloads has no body left to read; count those.
    const text = await response.text().catch(() => null);
    if (text === null) unread++;
    else replies.push(text);
  });
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Leak check' });
  await addToken(page, { name: 'Leak check token', secret });
  await expect(page.getByRole('row', { name: /Leak check token/ })).toBeVisible();
  // Exercise every read path the UI has, then look everywhere a secret could leak to.
  await page.reload();
  await page.getByRole('treeitem', { name: /Leak check/ }).click();
  await expect(page.getByRole('row', { name: /Leak check token/ })).toBeVisible();
  const audit = await host.call('getAuditLog', {});
  replies.push(JSON.stringify(audit));

  expect(replies.length).toBeGreaterThan(4);
  expect(unread).toBeLessThan(replies.length);
  for (const reply of replies) expect(reply).not.toContain(secret);
  const files = await filesUnder(dataDir);
  expect(files.map((f) => f.slice(dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['keyward.db']));
  for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(secret);
  expect(host.log.join('\n')).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);

  // Not vacuous: the value did reach the keychain (or, without one, the host's in-memory store).
  const vault = await readVault(host);
  if (keychain.real) expect(await keychain.store.get(accountOf(vault.tokens[0]!))).toBe(secret);
});

test('bad input shows a clear, specific error and saves nothing', async ({ page, host }) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Printago', label: 'Printago farm', fields: { 'Store id *': 'NOT-A-STORE-ID' } });
  await expect(page.getByRole('alert')).toContainText('A Printago store id is 24 lowercase letters and digits');
  await expect(page.getByText('A Printago store id is 24 lowercase letters and digits').first()).toBeVisible();
  expect((await readVault(host)).stores).toEqual([]);
});

test('Escape cancels a delete and keeps the store', async ({ page, host }) => {
  await page.goto(host.url);
  await addStore(page, { provider: 'Shippo', label: 'Keep me' });
  await page.getByRole('button', { name: 'Delete store' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Keep me' })).toBeVisible();
  expect((await readVault(host)).stores).toHaveLength(1);
});

test('the host refuses IPC without its token and lists the contract as JSON Schema', async ({ host }) => {
  const refused = await fetch(`${host.url}ipc/getNavigation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(refused.status).toBe(401);
  const contract = (await (await fetch(`${host.url}ipc`)).json()) as {
    channels: Record<string, { input: { type: string } }>;
  };
  expect(Object.keys(contract.channels)).toEqual(
    expect.arrayContaining(['getNavigation', 'getToken', 'createStore', 'createToken', 'deleteToken']),
  );
  expect(contract.channels.createStore!.input.type).toBe('object');
});
