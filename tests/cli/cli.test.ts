import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliCheckResult, CliTokenRow, type Token } from '../../electron/contract';
import { accountOf } from '../../electron/core/secrets/accounts';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { startFakeProviders, type FakeProviders } from '../fakes';
import { startHost } from '../support/host-process';
import { FakeClock, tempDir } from '../support/inventory-fixture';
import { readVaultFrom } from '../support/vault';
import { vaultDigest } from '../../electron/core/vault/vault-database';
import { readVaultVia } from '../support/read-vault';

const SERVICE = `Keyward-cli-${randomBytes(4).toString('hex')}`;
const keychain = new KeytarSecretStore(SERVICE);
const state = await keychain.state();
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';
if (!state.available && !required)
  console.warn(
    `[cli suite] SKIPPED: the CLI keeps secrets in the OS keychain and there is none here (${state.message}).`,
  );

const hex = (n: number) => randomBytes(n).toString('hex');
const LIVE_OK = `shippo_live_${hex(20)}`;
const LIVE_REVOKED = `shippo_live_${hex(20)}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let fakes: FakeProviders;
let dataDir: string;
let cleanup: () => Promise<void>;

/** What the vault holds, as a new process reads it: its revision and a digest of every record. */
async function vaultState(): Promise<{ revision: number; digest: string }> {
  const vault = await readVaultFrom(dataDir, new FakeClock());
  return { revision: vault.revision, digest: vaultDigest(vault) };
}

function cli(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['bin/keyward.js', ...args, '--data', dataDir, '--keychain-service', SERVICE],
      {
        env: { ...process.env, KEYWARD_BASE_URL_SHIPPO: fakes.baseUrls.shippo, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.skipIf(!state.available && !required)('keyward CLI (built, real keychain, fake providers)', () => {
  beforeAll(async () => {
    expect(state.available, state.message).toBe(true);
    await new Promise((resolve, reject) =>
      execFile('npx', ['electron-vite', 'build', '--logLevel', 'warn'], (err) => (err ? reject(err) : resolve(null))),
    );
    fakes = await startFakeProviders({
      tokens: {
        shippo: { [LIVE_OK]: { owner: 'ops@acme.test' }, [LIVE_REVOKED]: { owner: 'ops@acme.test', revoked: true } },
      },
    });
    ({ dir: dataDir, cleanup } = await tempDir('keyward-cli-'));
  }, 60_000);
  afterAll(async () => {
    for (const account of await keychain.accounts().catch(() => [])) await keychain.delete(account);
    await fakes?.stop();
    await cleanup?.();
  });

  it('adds tokens with the secret from stdin, prints them as contract-valid JSON, and keeps the secret out of files and output', async () => {
    const added = await cli(
      ['add', '--provider', 'shippo', '--store', 'Acme shipping', '--client', 'Acme', '--name', 'Warehouse', '--json'],
      `${LIVE_OK}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const row = CliTokenRow.parse(JSON.parse(added.stdout));
    expect(row).toMatchObject({
      provider: 'shippo',
      client: 'Acme',
      store: 'Acme shipping',
      name: 'Warehouse',
      mode: 'live',
      expirySource: 'none',
    });
    const stored = (await readVaultFrom(dataDir, new FakeClock())).tokens.find((t: Token) => t.id === row.id)!;
    expect(await keychain.get(accountOf(stored))).toBe(LIVE_OK);

    const second = await cli(
      ['add', '--provider', 'shippo', '--store', 'Acme shipping', '--client', 'Acme', '--name', 'Old key'],
      LIVE_REVOKED,
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const list = await cli(['list', '--json']);
    const rows = z.array(CliTokenRow).parse(JSON.parse(list.stdout));
    expect(rows.map((r) => r.name)).toEqual(['Warehouse', 'Old key']);
    for (const file of await readdir(dataDir, { recursive: true, withFileTypes: true }))
      if (file.isFile()) expect(await readFile(join(file.parentPath, file.name), 'utf8')).not.toContain(LIVE_OK);
    expect(added.stdout + list.stdout + added.stderr).not.toContain(LIVE_OK);
  });

  it('refuses a third active Shippo live token and a bad CIDR with exit 2, one clear line, nothing written', async () => {
    const before = await vaultState();
    const third = await cli(
      ['add', '--provider', 'shippo', '--store', 'Acme shipping', '--client', 'Acme', '--name', 'Third'],
      `shippo_live_${hex(20)}`,
    );
    expect(third.code).toBe(2);
    expect(third.stderr.trim().split('\n')).toHaveLength(1);
    expect(third.stderr).toMatch(/At most 2 active live tokens/);
    const cidr = await cli(
      [
        'add',
        '--provider',
        'printago',
        '--store',
        'Farm',
        '--client',
        'Printago client',
        '--name',
        'K',
        '--store-id',
        'a'.repeat(24),
        '--access',
        'custom',
        '--allow-ip',
        '10.0.0.0/33',
      ],
      hex(24),
    );
    expect(cidr.code).toBe(2);
    expect(cidr.stderr).toMatch(/line 1/);
    expect(await vaultState()).toEqual(before);
  });

  it('check --all: results on stdout as contract JSON, progress on stderr, exit 1 because one token is invalid', async () => {
    const run = await cli(['check', '--all', '--json']);
    expect(run.code).toBe(1);
    const results = z.array(CliCheckResult).parse(JSON.parse(run.stdout));
    expect(results.map((r) => r.outcome).sort()).toEqual(['invalid', 'valid']);
    expect(run.stderr).toMatch(/Checked 2 of 2/);
    const passing = await cli(['check', '--all', '--fail-on', 'unreachable']);
    expect(passing.code).toBe(0);
  });

  it('quick-check reads the secret from stdin and saves nothing', async () => {
    const before = await vaultState();
    const run = await cli(['quick-check', '--provider', 'shippo', '--json'], LIVE_OK);
    expect(run.code, run.stderr).toBe(0);
    expect(CliCheckResult.parse(JSON.parse(run.stdout))).toMatchObject({ provider: 'shippo', outcome: 'valid' });
    expect(await vaultState()).toEqual(before);
  });

  it('expiring --within fails (exit 1) only when a token expires in the window', async () => {
    expect((await cli(['expiring', '--within', '30d'])).code).toBe(0);
    const added = await cli(
      [
        'add',
        '--provider',
        'thinkific',
        '--store',
        'Academy',
        '--subdomain',
        'academy',
        '--name',
        'Zapier',
        '--kind',
        'access-token',
        '--expires',
        new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      ],
      hex(16),
    );
    expect(added.code, added.stderr).toBe(0);
    const run = await cli(['expiring', '--within', '30d']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Zapier/);
    expect((await cli(['expiring', '--within', 'soon'])).code).toBe(2);
  });

  it('exits 3 when the keychain is unavailable, and says so', async () => {
    const run = await cli(
      ['add', '--provider', 'shippo', '--store', 'Other', '--name', 'T'],
      `shippo_test_${hex(20)}`,
      { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/keychain is not available/);
  });

  it('exits 4 with one line while another process keeps the vault busy, and writes nothing', async () => {
    const vaultBefore = await vaultState();
    const accountsBefore = (await keychain.accounts()).length;
    // Another connection holds SQLite's write lock for longer than the CLI waits (its busy timeout).
    const other = new DatabaseSync(join(dataDir, 'keyward.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const run = await cli(
        ['add', '--provider', 'shippo', '--store', 'Other', '--name', 'Locked out'],
        `shippo_test_${hex(20)}`,
      );
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(
        /Another Keyward process kept the vault busy for \d+ s; nothing was changed\. Try again in a moment\./,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await vaultState()).toEqual(vaultBefore);
    expect(await keychain.accounts()).toHaveLength(accountsBefore);
  }, 30_000);

  it('the CLI and the test host write at the same time without losing a change', async () => {
    const host = await startHost({ dataDir, keychainService: SERVICE });
    try {
      const store = await host.call<{ id: string }>('createStore', {
        provider: 'thinkific',
        label: 'Concurrent',
        identifiers: { subdomain: 'concurrent' },
      });
      const fromHost = Array.from({ length: 10 }, (_, i) =>
        host.call('createToken', { storeId: store.value!.id, name: `host-${i}`, kind: 'api-key' }),
      );
      const fromCli = Array.from({ length: 5 }, (_, i) =>
        cli(
          [
            'add',
            '--provider',
            'thinkific',
            '--store',
            'Concurrent',
            '--subdomain',
            'concurrent',
            '--kind',
            'api-key',
            '--name',
            `cli-${i}`,
          ],
          hex(16),
        ),
      );
      const [hostResults, cliResults] = await Promise.all([Promise.all(fromHost), Promise.all(fromCli)]);
      expect(hostResults.every((r) => r.ok)).toBe(true);
      expect(cliResults.map((r) => `${r.code} ${r.stderr}`)).toEqual(Array(5).fill('0 '));
      const vault = await readVaultVia((channel, input) => host.call(channel, input));
      const names = vault.tokens.map((t) => t.name);
      for (let i = 0; i < 10; i++) expect(names).toContain(`host-${i}`);
      for (let i = 0; i < 5; i++) expect(names).toContain(`cli-${i}`);
    } finally {
      await host.stop();
    }
  }, 60_000);
});
