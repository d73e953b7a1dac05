// list and expiring answer from SQL without the keychain; the first run in a JSON-era data folder imports it.
import { execFile, spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliTokenRow } from '../../electron/contract';
import { createCatalog } from '../../electron/core/providers/catalog';
import { policyOf } from '../../electron/core/providers/provider-module';
import { effectiveExpiry } from '../../electron/core/rules/expiry';
import { generateVault, writeVault } from '../bench/generate-vault';
import { tempDir } from '../support/inventory-fixture';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // No keychain at all: these commands must not need one.
    const child = spawn(process.execPath, ['bin/keyward.js', ...args], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', KEYWARD_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const DAY = 86_400_000;
const dirs: { dir: string; cleanup: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const d of dirs) await d.cleanup();
});

describe('keyward list and expiring (built CLI, from SQL)', () => {
  beforeAll(async () => {
    await new Promise((resolve, reject) =>
      execFile('npx', ['electron-vite', 'build', '--logLevel', 'warn'], (err) => (err ? reject(err) : resolve(null))),
    );
  }, 120_000);

  it('imports a JSON-era data folder on its first run and lists every token, in the vault order, as contract rows', async () => {
    const folder = await tempDir('keyward-cli-read-');
    dirs.push(folder);
    const vault = generateVault({ tokens: 300, stores: 60, clients: 10, seed: 3, now: new Date() });
    await writeVault(folder.dir, vault);
    const run = await cli(['list', '--json', '--data', folder.dir]);
    expect(run.code, run.stderr).toBe(0);
    const rows = z.array(CliTokenRow).parse(JSON.parse(run.stdout));
    expect(rows.map((r) => r.id)).toEqual(vault.tokens.map((t) => t.id));
    const stores = new Map(vault.stores.map((s) => [s.id, s]));
    const clients = new Map(vault.clients.map((c) => [c.id, c.name]));
    const t = vault.tokens[17]!;
    const s = stores.get(t.storeId)!;
    expect(rows[17]).toEqual({
      id: t.id,
      provider: s.provider,
      client: s.clientId ? clients.get(s.clientId) : null,
      store: s.label,
      name: t.name,
      mode: t.mode,
      status: t.status,
      expiresAt: t.expiresAt,
      expirySource: t.expirySource,
      fingerprint: t.secret?.masked ?? null,
      lastCheck: t.lastCheck?.outcome ?? null,
    });
    // Byte for byte what JSON.stringify(rows, null, 2) prints, which the JSON-era CLI printed.
    expect(run.stdout).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    const names = await readdir(folder.dir);
    expect(names).toEqual(expect.arrayContaining(['keyward.db', 'vault.json.migrated']));
    expect(names).not.toContain('vault.json');
    expect((await stat(join(folder.dir, 'vault.json.migrated'))).mode & 0o777).toBe(0o400);

    const filtered = await cli(['list', '--json', '--data', folder.dir, '--provider', 'shippo']);
    expect(
      z
        .array(CliTokenRow)
        .parse(JSON.parse(filtered.stdout))
        .map((r) => r.id),
    ).toEqual(rows.filter((r) => r.provider === 'shippo').map((r) => r.id));
  }, 60_000);

  it('expiring --within lists the active tokens expiring in the window, soonest first, and exits 1 when there are any', async () => {
    const folder = await tempDir('keyward-cli-read-');
    dirs.push(folder);
    const vault = generateVault({ tokens: 400, stores: 80, clients: 10, seed: 4, now: new Date() });
    await writeVault(folder.dir, vault);
    const limit = Date.now() + 30 * DAY;
    // As the app computes expiry: stored dates and estimates (Printify's year from creation) alike.
    const catalog = createCatalog();
    const stores = new Map(vault.stores.map((s) => [s.id, s]));
    const at = (t: (typeof vault.tokens)[number]) =>
      effectiveExpiry(t, policyOf(catalog.get(stores.get(t.storeId)!.provider), t.kind))?.at.getTime();
    const expected = vault.tokens.filter((t) => t.status === 'active' && (at(t) ?? Infinity) <= limit);
    expected.sort((a, b) => at(a)! - at(b)!);
    expect(expected.length).toBeGreaterThan(0);
    const run = await cli(['expiring', '--within', '30d', '--json', '--data', folder.dir]);
    expect(run.code, run.stderr).toBe(1);
    expect(
      z
        .array(CliTokenRow)
        .parse(JSON.parse(run.stdout))
        .map((r) => r.id),
    ).toEqual(expected.map((t) => t.id));
    const empty = await tempDir('keyward-cli-read-');
    dirs.push(empty);
    await writeVault(empty.dir, { ...vault, tokens: vault.tokens.filter((t) => !expected.includes(t)) });
    const none = await cli(['expiring', '--within', '30d', '--data', empty.dir]);
    expect(none).toMatchObject({ code: 0, stdout: 'No active token expires within 30 days.\n' });
  }, 60_000);

  it('expiring includes expiries computed from the provider rule, marked estimated', async () => {
    const folder = await tempDir('keyward-cli-read-');
    dirs.push(folder);
    const vault = generateVault({ tokens: 20, stores: 5, clients: 1, seed: 5, now: new Date() });
    const shop = { ...vault.stores[0]!, provider: 'printify', identifiers: {} };
    const created = new Date(Date.now() - 350 * DAY).toISOString();
    const printify = {
      ...vault.tokens[0]!,
      storeId: shop.id,
      kind: 'access-token' as const,
      mode: null,
      status: 'active' as const,
      createdAt: created,
      expiresAt: null,
      expirySource: 'unknown' as const,
      rotatedTo: null,
    };
    const others = vault.tokens.slice(1).map((t) => ({ ...t, status: 'inactive' as const }));
    await writeVault(folder.dir, { ...vault, stores: [shop, ...vault.stores.slice(1)], tokens: [printify, ...others] });
    const json = await cli(['expiring', '--within', '30d', '--json', '--data', folder.dir]);
    expect(json.code, json.stderr).toBe(1);
    expect(z.array(CliTokenRow).parse(JSON.parse(json.stdout))).toEqual([
      expect.objectContaining({
        id: printify.id,
        estimated: true,
        expiresAt: new Date(Date.parse(created) + 365 * DAY).toISOString(),
      }),
    ]);
    const text = await cli(['expiring', '--within', '30d', '--data', folder.dir]);
    expect(text.stdout).toMatch(/\(estimated\)\s+printify/);
  }, 60_000);

  it('answers an empty folder with "No tokens." and creates nothing there', async () => {
    const folder = await tempDir('keyward-cli-read-');
    dirs.push(folder);
    const run = await cli(['list', '--data', folder.dir]);
    expect(run).toMatchObject({ code: 0, stdout: 'No tokens.\n' });
    expect(await readdir(folder.dir)).toEqual([]);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^keyward — API token inventory/);
  });
});
