// keyward show / edit / rotate / revoke against the built CLI, the real keychain and fake providers.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { startFakeProviders, type FakeProviders, type PixlpayFakeToken, type ShippoFakeToken } from '../fakes';
import { pixlpayDashboard, shippoDashboard } from '../fakes/dashboards';
import { tempDir } from '../support/inventory-fixture';

const SERVICE = `Keyward-cli-life-${randomBytes(4).toString('hex')}`;
const keychain = new KeytarSecretStore(SERVICE);
const state = await keychain.state();
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';

const shippo: Record<string, ShippoFakeToken> = {};
const pixlpay: Record<string, PixlpayFakeToken> = {};
let fakes: FakeProviders;
let dataDir: string;
let cleanup: () => Promise<void>;

function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['bin/keyward.js', ...args, '--data', dataDir, '--keychain-service', SERVICE],
      {
        env: {
          ...process.env,
          KEYWARD_BASE_URL_SHIPPO: fakes.baseUrls.shippo,
          KEYWARD_BASE_URL_PIXLPAY: fakes.baseUrls.pixlpay,
        },
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

describe.skipIf(!state.available && !required)('keyward lifecycle commands', () => {
  beforeAll(async () => {
    expect(state.available, state.message).toBe(true);
    await new Promise((resolve, reject) =>
      execFile('npx', ['electron-vite', 'build', '--logLevel', 'warn'], (err) => (err ? reject(err) : resolve(null))),
    );
    fakes = await startFakeProviders({ tokens: { shippo, pixlpay } });
    ({ dir: dataDir, cleanup } = await tempDir('keyward-cli-life-'));
  }, 120_000);
  afterAll(async () => {
    for (const account of await keychain.accounts().catch(() => [])) await keychain.delete(account);
    await fakes?.stop();
    await cleanup?.();
  });

  it('shows and edits a token; a bad field exits 2 and changes nothing', async () => {
    const value = shippoDashboard(shippo).generate('ops@acme.test', 'live');
    const added = await cli(['add', '--provider', 'shippo', '--store', 'Ship', '--name', 'Warehouse'], value);
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    const edited = await cli(['edit', '--token', id, '--name', 'Warehouse A', '--notes', 'dock 4']);
    expect(edited.code, edited.stderr).toBe(0);
    const bad = await cli(['edit', '--token', id, '--mode', 'test', '--name', 'Other']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/prefix says live/);
    const shown = await cli(['show', '--token', id, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as { token: { name: string; notes: string; mode: string } };
    expect(view.token).toMatchObject({ name: 'Warehouse A', notes: 'dock 4', mode: 'live' });
    expect(shown.stdout).not.toContain(value);
    expect((await cli(['show', '--token', id])).stdout).toMatch(/Status\s+active/);
  });

  it("rotates as each provider works: PixlPay's new value in place, Shippo side by side, then revoke", async () => {
    const first = `sk_live_${randomBytes(18).toString('hex')}`;
    pixlpay[first] = { scopes: ['products:read'] };
    const added = await cli(
      [
        'add',
        '--provider',
        'pixlpay',
        '--store',
        'Shop',
        '--host',
        'shop.pixlpay.net',
        '--name',
        'App',
        '--scopes',
        'products:read',
      ],
      first,
    );
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    const next = pixlpayDashboard(pixlpay).rotate(first);
    const refused = await cli(['rotate', '--token', id], first);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refused the new token/);
    const rotated = await cli(['rotate', '--token', id], next);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/Do not revoke the token/);
    const shown = JSON.parse((await cli(['show', '--token', id, '--json'])).stdout) as {
      token: { previousSecrets: unknown[]; status: string };
    };
    expect(shown.token).toMatchObject({ status: 'active', previousSecrets: [expect.anything()] });

    const list = JSON.parse((await cli(['list', '--json'])).stdout) as { id: string; name: string }[];
    const warehouse = list.find((r) => r.name === 'Warehouse A')!;
    const newValue = shippoDashboard(shippo).generate('ops@acme.test', 'live');
    const side = await cli(['rotate', '--token', warehouse.id, '--name', 'Warehouse B'], newValue);
    expect(side.code, side.stderr).toBe(0);
    expect(side.stdout).toMatch(/Retire it at the provider: removed at shippo/);
    const revoked = await cli(['revoke', '--token', warehouse.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/Marked Warehouse A revoked/);
    expect(side.stdout + revoked.stdout + rotated.stdout).not.toContain(newValue);
  });

  it('quick-check names the vault token a pasted value belongs to', async () => {
    const list = JSON.parse((await cli(['list', '--json'])).stdout) as { id: string; name: string; status: string }[];
    expect(list.find((r) => r.name === 'Warehouse A')?.status).toBe('revoked');
    const value = Object.keys(shippo).find((v) => shippo[v]!.owner === 'ops@acme.test')!;
    const quick = await cli(['quick-check', '--provider', 'shippo'], value);
    expect(quick.stdout).toMatch(/In the vault: Warehouse (A|B)/);
    expect(quick.stdout).toMatch(/Expires: never/);
  });
});
