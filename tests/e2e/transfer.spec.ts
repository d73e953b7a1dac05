import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { startHost, type RunningHost } from '../support/host-process';
import { expect, ok, queueDialog, test, readVault } from './fixtures';

const hex = (n: number) => randomBytes(n).toString('hex');
const shippo = () => `shippo_live_${hex(20)}`;
const thinkific = () => `tk_${hex(20)}`;
/** The masked form Keyward shows: the provider's public prefix, two characters, an ellipsis and the last four. */
const masked = (secret: string, prefix: string) =>
  `${prefix}${secret.slice(prefix.length, prefix.length + 2)}…${secret.slice(-4)}`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A scratch folder for files the dialogs "choose", removed after each test. */
const scratch = test.extend<{ files: string }>({
  // eslint-disable-next-line no-empty-pattern
  files: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-transfer-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

async function openTransfer(page: Page, host: RunningHost) {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import & backup' }).click();
  await expect(page.getByRole('heading', { name: 'Import & backup' })).toBeVisible();
}

/** No secret, nor its hidden middle, anywhere in the page's HTML. */
async function expectNoSecretIn(page: Page, secrets: string[]) {
  const html = await page.content();
  for (const s of secrets) {
    expect(html).not.toContain(s);
    expect(html).not.toContain(s.slice(-16, -4));
  }
}

scratch(
  'import: a CSV with a BOM, quotes and an invalid row is previewed masked, then only its valid rows are imported',
  async ({ page, host, files, keychain }) => {
    const secrets = [shippo(), shippo(), shippo(), thinkific()];
    const csv =
      '\uFEFFclient,store,provider,subdomain,token_name,kind,expires,notes,secret\r\n' +
      `"Acme, Inc.","Acme ""Ship""",shippo,,Warehouse 1,,,"packs, labels",${secrets[0]}\r\n` +
      `"Acme, Inc.","Acme ""Ship""",shippo,,Warehouse 2,,,"line one\r\nline two",${secrets[1]}\r\n` +
      `"Acme, Inc.","Acme ""Ship""",shippo,,Warehouse 3,,,,${secrets[2]}\r\n` +
      `"Acme, Inc.",Acme Academy,thinkific,acme-academy,Zapier,access-token,${inDays(60)},,"${secrets[3]}"\r\n`;
    const path = join(files, 'clients.csv');
    await writeFile(path, csv);

    await openTransfer(page, host);
    await page.getByText('Columns').click();
    await expect(page.getByText(/Required in every row: store, provider, token_name/)).toBeVisible();

    await queueDialog(host, { open: path });
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    const summary = preview.getByRole('list', { name: 'Import summary' });
    await expect(summary).toContainText('4 rows');
    await expect(summary).toContainText('3 ok');
    await expect(summary).toContainText('1 invalid');
    await expect(summary).toContainText('1 new client');
    await expect(summary).toContainText('2 new stores');
    await expect(summary).toContainText('3 secrets to keychain');

    const rows = preview.getByRole('table', { name: 'Import preview rows' }).locator('tbody tr');
    await expect(rows).toHaveCount(4);
    // Quoted fields survive: the comma in the client, the doubled quotes in the store.
    await expect(rows.nth(0)).toContainText('Acme, Inc. new');
    await expect(rows.nth(0)).toContainText('Acme "Ship" new');
    await expect(rows.nth(2)).toContainText('invalid');
    await expect(rows.nth(2)).toContainText(/At most 2 active live tokens per Shippo account/);
    for (const [i, s] of secrets.slice(0, 3).entries())
      await expect(rows.nth(i)).toContainText(masked(s, 'shippo_live_'));
    // Thinkific names no public prefix: the first two characters, an ellipsis and the last four.
    await expect(rows.nth(3)).toContainText(masked(secrets[3]!, ''));
    await expectNoSecretIn(page, secrets);

    await preview.getByLabel('Invalid rows only').check();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Warehouse 3');

    // Nothing is written before the user confirms.
    expect((await readVault(host)).tokens).toHaveLength(0);
    await expect(preview.getByRole('button', { name: 'Import only if all rows are valid' })).toBeDisabled();
    await preview.getByRole('button', { name: 'Import 3 valid rows' }).click();
    await expect(page.getByRole('status', { name: 'Import result' })).toContainText(
      'Imported 3 tokens from clients.csv: 1 new client, 2 new stores, 1 invalid row skipped.',
    );
    await expect(page.getByRole('region', { name: 'Import preview' })).toHaveCount(0);

    const vault = await readVault(host);
    expect(vault.tokens.map((t) => t.name).sort()).toEqual(['Warehouse 1', 'Warehouse 2', 'Zapier']);
    expect(vault.tokens.every((t) => t.secret !== null)).toBe(true);
    if (keychain.real) expect(await keychain.store.accounts()).toHaveLength(3);

    // The imported stores are in the app.
    await page
      .getByRole('treeitem', { name: /Acme "Ship"/ })
      .first()
      .click();
    await expect(page.getByText('Warehouse 2').first()).toBeVisible();
    await expectNoSecretIn(page, secrets);
  },
);

scratch(
  'import: all-or-nothing imports a clean JSON file; a cancelled dialog changes nothing',
  async ({ page, host, files }) => {
    const secret = thinkific();
    const path = join(files, 'one.json');
    await writeFile(
      path,
      JSON.stringify({
        rows: [
          {
            client: 'Globex',
            store: 'Globex School',
            provider: 'thinkific',
            subdomain: 'globex',
            token_name: 'LMS',
            kind: 'access-token',
            expires: inDays(30),
            secret,
          },
        ],
      }),
    );
    await openTransfer(page, host);
    await page.getByLabel('JSON').check();
    await queueDialog(host, { open: path });
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByRole('list', { name: 'Import summary' })).toContainText('1 ok');
    await expect(preview.getByRole('list', { name: 'Import summary' })).toContainText('0 invalid');
    await preview.getByRole('button', { name: 'Import only if all rows are valid' }).click();
    await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Imported 1 token from one.json');
    expect((await readVault(host)).tokens.map((t) => t.name)).toEqual(['LMS']);
    await expectNoSecretIn(page, [secret]);

    // A cancelled dialog changes nothing and shows no error.
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Import preview' })).toHaveCount(0);
  },
);

/** Two clients and a store without one, each with a token and its secret. */
async function seed(host: RunningHost): Promise<{ secrets: string[]; names: string[] }> {
  const secrets = [shippo(), thinkific(), shippo()];
  ok(
    await host.call('addToken', {
      client: 'Initech',
      store: { provider: 'shippo', label: 'Initech shipping' },
      token: { name: 'Initech labels', secret: secrets[0] },
    }),
  );
  ok(
    await host.call('addToken', {
      client: 'Umbrella',
      store: { provider: 'thinkific', label: 'Umbrella Academy', identifiers: { subdomain: 'umbrella' } },
      token: { name: 'Umbrella LMS', kind: 'access-token', expiresAt: inDays(45), secret: secrets[1] },
    }),
  );
  ok(
    await host.call('addToken', {
      client: null,
      store: { provider: 'shippo', label: 'Loose shipping' },
      token: { name: 'Loose labels', secret: secrets[2] },
    }),
  );
  return { secrets, names: ['Initech labels', 'Umbrella LMS', 'Loose labels'] };
}

scratch(
  'export: CSV and JSON of everything or one client, and a client report, hold the tokens and no secret',
  async ({ page, host, files }) => {
    const { secrets, names } = await seed(host);
    await openTransfer(page, host);
    const section = page.getByRole('region', { name: 'Export' });

    const csvPath = join(files, 'all.csv');
    await queueDialog(host, { save: csvPath });
    await section.getByRole('button', { name: 'Export CSV…' }).click();
    await expect(section.getByRole('status')).toHaveText(`CSV export saved to ${csvPath}`);
    const csv = await readFile(csvPath, 'utf8');
    for (const n of names) expect(csv).toContain(n);

    const jsonPath = join(files, 'all.json');
    await queueDialog(host, { save: jsonPath });
    await section.getByRole('button', { name: 'Export JSON…' }).click();
    await expect(section.getByRole('status')).toHaveText(`JSON export saved to ${jsonPath}`);
    const json = await readFile(jsonPath, 'utf8');
    expect(() => JSON.parse(json) as unknown).not.toThrow();
    for (const n of names) expect(json).toContain(n);

    await expect(section.getByRole('button', { name: 'Client status report (HTML)…' })).toBeDisabled();
    await section.getByLabel('What to export').selectOption({ label: 'Umbrella' });
    const onePath = join(files, 'umbrella.csv');
    await queueDialog(host, { save: onePath });
    await section.getByRole('button', { name: 'Export CSV…' }).click();
    await expect(section.getByRole('status')).toHaveText(`CSV export saved to ${onePath}`);
    const one = await readFile(onePath, 'utf8');
    expect(one).toContain('Umbrella LMS');
    expect(one).not.toContain('Initech labels');
    expect(one).not.toContain('Loose labels');

    const reportPath = join(files, 'umbrella.html');
    await queueDialog(host, { save: reportPath });
    await section.getByRole('button', { name: 'Client status report (HTML)…' }).click();
    await expect(section.getByRole('status')).toHaveText(`Client status report (HTML) saved to ${reportPath}`);
    const report = await readFile(reportPath, 'utf8');
    expect(report).toContain('Umbrella LMS');
    const pdfPath = join(files, 'umbrella.pdf');
    await queueDialog(host, { save: pdfPath });
    await section.getByRole('button', { name: 'Client status report (PDF)…' }).click();
    await expect(section.getByRole('status')).toHaveText(`Client status report (PDF) saved to ${pdfPath}`);
    expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');

    await section.getByLabel('What to export').selectOption({ label: 'Stores without a client' });
    const loosePath = join(files, 'loose.json');
    await queueDialog(host, { save: loosePath });
    await section.getByRole('button', { name: 'Export JSON…' }).click();
    await expect(section.getByRole('status')).toHaveText(`JSON export saved to ${loosePath}`);
    const loose = await readFile(loosePath, 'utf8');
    expect(loose).toContain('Loose labels');
    expect(loose).not.toContain('Umbrella LMS');

    for (const text of [csv, json, one, report, loose]) for (const s of secrets) expect(text).not.toContain(s);
  },
);

scratch(
  'backup: create with a passphrase, restore into a fresh vault and keychain; a wrong passphrase changes nothing',
  async ({ page, host, files, keychain }) => {
    test.setTimeout(90_000);
    const { secrets, names } = await seed(host);
    await openTransfer(page, host);
    const create = page.getByRole('form', { name: 'Create a backup' });
    const passphrase = 'correct horse battery staple';

    await create.getByLabel('Passphrase', { exact: true }).fill('short');
    await expect(create.getByText(/At least 12 characters \(7 more\)/)).toBeVisible();
    await expect(create.getByRole('button', { name: 'Create backup…' })).toBeDisabled();
    await create.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await create.getByLabel('Repeat passphrase').fill(`${passphrase}!`);
    await expect(create.getByText('The two passphrases differ.')).toBeVisible();
    await expect(create.getByRole('button', { name: 'Create backup…' })).toBeDisabled();
    await create.getByLabel('Repeat passphrase').fill(passphrase);

    const backupPath = join(files, 'vault.kwbackup');
    await queueDialog(host, { save: backupPath });
    await create.getByRole('button', { name: 'Create backup…' }).click();
    const made = create.getByRole('status', { name: 'Backup result' });
    await expect(made).toContainText(`Backup saved to ${backupPath}.`, { timeout: 30_000 });
    await expect(made).toContainText('2 clients, 3 stores, 3 tokens, 3 secrets.');
    // The passphrase is gone from the form once the call returns.
    await expect(create.getByLabel('Passphrase', { exact: true })).toHaveValue('');
    await expect(create.getByLabel('Repeat passphrase')).toHaveValue('');
    const file = await readFile(backupPath);
    for (const s of secrets) expect(file.includes(Buffer.from(s))).toBe(false);

    // "Another machine": a new data folder and its own keychain service.
    const otherDir = await mkdtemp(join(tmpdir(), 'keyward-e2e-restore-'));
    const otherService = `Keyward-e2e-${hex(4)}`;
    const other = await startHost({ dataDir: otherDir, keychainService: otherService, memorySecrets: !keychain.real });
    try {
      await openTransfer(page, other);
      const restore = page.getByRole('form', { name: 'Restore a backup' });

      await restore.getByLabel('Backup passphrase').fill('not the passphrase at all');
      await queueDialog(other, { open: backupPath });
      await restore.getByRole('button', { name: 'Restore backup…' }).click();
      await expect(restore.getByRole('alert')).toContainText(
        'The passphrase is wrong (or the backup header was altered). Nothing was restored.',
        { timeout: 30_000 },
      );
      await expect(restore.getByLabel('Backup passphrase')).toHaveValue('');
      expect(await readVault(other)).toMatchObject({
        tokens: [],
        clients: [],
      });

      await restore.getByLabel('Backup passphrase').fill(passphrase);
      await queueDialog(other, { open: backupPath });
      await restore.getByRole('button', { name: 'Restore backup…' }).click();
      const restored = restore.getByRole('status', { name: 'Restore result' });
      await expect(restored).toContainText(
        'Merged the backup: 2 clients, 3 stores and 3 tokens added; 3 secrets put into the keychain.',
        { timeout: 30_000 },
      );
      await expect(restore.getByRole('alert')).toHaveCount(0);
      const vault = await readVault(other);
      expect(vault.tokens.map((t) => t.name).sort()).toEqual([...names].sort());
      expect(vault.tokens.every((t) => t.secret !== null)).toBe(true);
      if (keychain.real) expect(await new KeytarSecretStore(otherService).accounts()).toHaveLength(3);
      await page
        .getByRole('treeitem', { name: /Umbrella Academy/ })
        .first()
        .click();
      await expect(page.getByText('Umbrella LMS').first()).toBeVisible();

      // Merging the same backup again skips every token, and says why.
      await openTransfer(page, other);
      await restore.getByLabel('Backup passphrase').fill(passphrase);
      await queueDialog(other, { open: backupPath });
      await restore.getByRole('button', { name: 'Restore backup…' }).click();
      await expect(restored).toContainText('0 tokens added', { timeout: 30_000 });
      await expect(restored).toContainText('3 tokens skipped (already here)');
      await expect(restored).toContainText('Umbrella LMS in Umbrella Academy: same token id');

      // Replace asks first; cancelling changes nothing.
      await restore.getByLabel('Backup passphrase').fill(passphrase);
      await restore.getByLabel(/^Replace:/).check();
      await expect(
        restore.getByText(/Replace deletes every client, store and token that is not in the backup/),
      ).toBeVisible();
      await restore.getByRole('button', { name: 'Restore backup…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Replace this vault with the backup?' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toHaveCount(0);
      await restore.getByRole('button', { name: 'Restore backup…' }).click();
      await queueDialog(other, { open: backupPath });
      await dialog.getByRole('button', { name: 'Replace vault' }).click();
      await expect(restored).toContainText('Replaced the vault with the backup', { timeout: 30_000 });
      expect((await readVault(other)).tokens).toHaveLength(3);
      await expectNoSecretIn(page, secrets);
    } finally {
      await other.stop();
      await rm(otherDir, { recursive: true, force: true });
      if (keychain.real) {
        const store = new KeytarSecretStore(otherService);
        for (const account of await store.accounts()) await store.delete(account);
      }
    }
  },
);

test('status-only mode: import, backup and restore are off; export stays', async ({ page, host }) => {
  ok(await host.call('setSupportMode', { enabled: true, passphrase: 'support staff passphrase' }));
  await openTransfer(page, host);
  await expect(page.getByText(/Status-only mode is on: import, backup and restore are off/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose file…' })).toBeDisabled();
  await expect(
    page.getByRole('form', { name: 'Create a backup' }).getByLabel('Passphrase', { exact: true }),
  ).toBeDisabled();
  await expect(page.getByRole('form', { name: 'Restore a backup' }).getByLabel('Backup passphrase')).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export CSV…' })).toBeEnabled();
});

scratch(
  'import: a 10,000-row file previews in pages of 200, with an invalid-only filter',
  async ({ page, host, files }) => {
    test.setTimeout(90_000);
    const lines = ['client,store,provider,token_name,mode'];
    for (let i = 1; i <= 10_000; i++)
      lines.push(`Client ${i % 50},Store ${i},${i % 1000 === 0 ? 'stripe' : 'shippo'},Token ${i},test`);
    const path = join(files, 'big.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    await openTransfer(page, host);
    await queueDialog(host, { open: path });
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    const summary = preview.getByRole('list', { name: 'Import summary' });
    await expect(summary).toContainText('10000 rows', { timeout: 30_000 });
    await expect(summary).toContainText('9990 ok');
    await expect(summary).toContainText('10 invalid');
    const rows = preview.getByRole('table', { name: 'Import preview rows' }).locator('tbody tr');
    await expect(rows).toHaveCount(200);
    await expect(preview.getByText('Rows 1–200 of 10000')).toBeVisible();
    await preview.getByRole('button', { name: 'Next' }).click();
    await expect(preview.getByText('Rows 201–400 of 10000')).toBeVisible();
    await expect(rows.first()).toContainText('Token 201');
    await preview.getByLabel('Invalid rows only').check();
    await expect(preview.getByText('Rows 1–10 of 10')).toBeVisible();
    await expect(rows).toHaveCount(10);
    await expect(rows.first()).toContainText(/provider: unknown provider/);
    await expect(preview.getByRole('button', { name: 'Import 9990 valid rows' })).toBeEnabled();
    // Discarding writes nothing.
    await preview.getByRole('button', { name: 'Discard' }).click();
    await expect(preview).toHaveCount(0);
    expect((await readVault(host)).tokens).toHaveLength(0);
  },
);

scratch(
  'import that helps: format hints and suggestions, invalid rows keep their cells, rejected rows download without secrets',
  async ({ page, host, files }) => {
    const secrets = [shippo(), shippo()];
    const path = join(files, 'agency.csv');
    await writeFile(
      path,
      'client,store,provider,token_name,expires,secret\r\n' +
        `Acme,Acme shipping,shippo,Warehouse,${inDays(90)},${secrets[0]}\r\n` +
        `Acme,Acme prints,printfy,Storefront,31/12/2027,${secrets[1]}\r\n`,
    );
    await openTransfer(page, host);
    await queueDialog(host, { open: path });
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    const rows = preview.getByRole('table', { name: 'Import preview rows' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const invalid = rows.nth(1);
    await expect(invalid).toContainText('provider: unknown provider. Did you mean "printify"?');
    await expect(invalid).toContainText('expires: reads as day/month/year; write it as 2027-12-31');
    // The row's cells stay visible as the file has them, its secret masked.
    for (const cell of ['Acme prints', 'printfy', 'Storefront', '31/12/2027', masked(secrets[1]!, 'shippo_live_')])
      await expect(invalid).toContainText(cell);
    await expectNoSecretIn(page, secrets);

    const rejected = join(files, 'rejected.csv');
    await queueDialog(host, { save: rejected });
    await preview.getByRole('button', { name: 'Download the rejected rows…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 rejected row to' })).toContainText(rejected);
    const text = await readFile(rejected, 'utf8');
    expect(text).toContain('Acme prints,printfy');
    expect(text).toContain('Did you mean ""printify""?');
    for (const s of secrets) expect(text).not.toContain(s.slice(12, 24));

    await preview.getByRole('button', { name: 'Import 1 valid row' }).click();
    await expect(page.getByRole('status', { name: 'Import result' })).toContainText('1 invalid row skipped');
    expect((await readVault(host)).tokens.map((t) => t.name)).toEqual(['Warehouse']);
  },
);
