import { afterEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../electron/core/providers/catalog';
import {
  exportCsv,
  exportJson,
  planImportText,
  previewImport,
  previewOf,
  type ImportFormat,
} from '../../../electron/core/features/transfer';
import { FlakySecretStore, freshInventory, keychainDump, seed, storedVault, type Fresh } from './harness';
import { allFileText, sampleRow, sampleRows, secretFor, toCsv } from './samples';

const catalog = createCatalog();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function fresh(secrets?: FlakySecretStore): Promise<Fresh> {
  const fx = await freshInventory(secrets);
  cleanups.push(fx.cleanup);
  return fx;
}
async function preview(fx: Fresh, text: string, format: ImportFormat = 'csv') {
  return previewImport(text, format, await fx.vault(), catalog, fx.clock.now());
}
async function plan(fx: Fresh, text: string, format: ImportFormat = 'csv') {
  return planImportText(text, format, await fx.vault(), catalog, fx.clock.now());
}
/** What an export / import round trip must keep (ids, times and the secret-derived facts aside). */
async function comparable(fx: Fresh) {
  const v = await fx.vault();
  const client = new Map(v.clients.map((c) => [c.id, c.name]));
  const store = new Map(v.stores.map((s) => [s.id, s]));
  return v.tokens
    .map((t) => {
      const s = store.get(t.storeId)!;
      return {
        client: s.clientId ? client.get(s.clientId) : null,
        store: s.label,
        provider: s.provider,
        identifiers: s.identifiers,
        environment: s.environment,
        name: t.name,
        kind: t.kind,
        mode: t.mode,
        scopes: t.scopes,
        settings: t.settings,
        status: t.status,
        createdAt: t.createdAt,
        expiresAt: t.expiresAt,
        notes: t.notes,
      };
    })
    .sort((a, b) => `${a.store}${a.name}`.localeCompare(`${b.store}${b.name}`));
}

describe('import preview', () => {
  it('shows each row as it will be saved, masked only, and writes nothing', async () => {
    const fx = await fresh();
    await fx.features.stores.create({ provider: 'shippo', label: 'Untouched' });
    const before = await storedVault(fx);
    const rows = sampleRows(10);
    const result = await preview(fx, toCsv(rows));
    expect(result.counts).toMatchObject({
      rows: 10,
      ok: 10,
      invalid: 0,
      newClients: 10,
      newStores: 10,
      withSecret: 10,
    });
    expect(result.rows[0]).toMatchObject({
      row: 1,
      line: 2,
      status: 'ok',
      client: { name: 'Client 00', action: 'new' },
      store: { provider: 'shippo', action: 'new' },
      token: { mode: 'live', secret: { masked: expect.stringMatching(/^shippo_live_..…....$/) } },
    });
    expect(result.rows[4]!.token).toMatchObject({
      expiresAt: '2027-01-01T00:00:00.000Z',
      expirySource: 'token',
      scopes: ['shops.read', 'products.read'],
    });
    const text = JSON.stringify(result);
    for (const r of rows) expect(text).not.toContain(r.secret!);
    expect(await storedVault(fx)).toEqual(before);
    expect(await fx.secrets.accounts()).toEqual([]);
  });

  it('gives the reasons: third Shippo live token (counting earlier rows), bad CIDR line, unknown provider, missing identifier, format, duplicate', async () => {
    const fx = await fresh();
    const shippo = (i: number) => ({
      client: 'Acme',
      store: 'Ship',
      provider: 'shippo',
      token_name: `T${i}`,
      secret: secretFor.shippo(i),
    });
    const rows: Record<string, string>[] = [
      shippo(1),
      shippo(2),
      shippo(3),
      { ...sampleRow(2), ip_allowlist: '10.0.0.0/8;10.0.0.0/33;not-an-ip' },
      { ...sampleRow(7), provider: 'stripe' },
      { ...sampleRow(3), subdomain: '' },
      { ...sampleRow(5), store: 'Other', secret: 'shippo_live_tooshort' },
      { ...sampleRow(10), store: 'Dup', token_name: 'Again', secret: secretFor.shippo(1) },
      { ...sampleRow(6), scopes: '' },
    ];
    const result = await preview(fx, toCsv(rows));
    const reasons = result.rows.map((r) => r.reasons.join(' | '));
    expect(result.rows.map((r) => r.status)).toEqual([
      'ok',
      'ok',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(reasons[2]).toMatch(
      /At most 2 active live tokens per Shippo account\. "T1" .* and "T2" .* are already held in Ship/,
    );
    expect(reasons[3]).toMatch(
      /IP allowlist line 2: "10\.0\.0\.0\/33" has an invalid prefix length.*line 3: "not-an-ip" is not an IPv4 or IPv6 address/,
    );
    expect(reasons[4]).toMatch(/provider: unknown provider/);
    expect(reasons[5]).toMatch(/Store: Site subdomain is required/);
    expect(reasons[6]).toMatch(/secret: This looks like a Shippo token, but the rest of it does not fit/);
    expect(reasons[7]).toMatch(/The same secret is already stored as token "T1"/);
    expect(reasons[8]).toMatch(/Scopes is required|at least 1 scope/);
    expect(JSON.stringify(result)).not.toContain('shippo_live_tooshort');
    for (const r of rows) expect(JSON.stringify(result)).not.toContain(r.secret!);
  });

  it('reads a BOM, CRLF, quoted commas and line breaks, and JSON', async () => {
    const fx = await fresh();
    const csv =
      '\uFEFFclient,store,provider,token_name,notes,ip_allowlist,store_id,access_level\r\n' +
      `"Acme, Inc.","Farm ""North""",printago,Key,"line one\r\nline two, with comma","10.0.0.1\n192.168.0.0/16",${'a'.repeat(24)},full\r\n`;
    const result = await preview(fx, csv);
    expect(result.rows[0]).toMatchObject({
      status: 'ok',
      client: { name: 'Acme, Inc.' },
      store: { label: 'Farm "North"' },
      token: { settings: { ipAllowlist: ['10.0.0.1', '192.168.0.0/16'], accessLevel: 'full' } },
    });
    const json = await preview(
      fx,
      JSON.stringify({ rows: [{ ...sampleRow(1), scopes: ['products:read'], rate_limit: 60 }] }),
      'json',
    );
    expect(json.rows[0]).toMatchObject({
      status: 'ok',
      token: { scopes: ['products:read'], settings: { rateLimit: 60 } },
    });
  });

  it('refuses a malformed file with a clear message that never quotes a cell', async () => {
    const fx = await fresh();
    const secret = secretFor.shippo(42);
    await expect(
      preview(fx, `store,provider,token_name,colour,secret\nS,shippo,T,red,${secret}\n`),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Unknown column: "colour"/),
    });
    await expect(preview(fx, 'store,provider,secret\nS,shippo,x\n')).rejects.toMatchObject({
      message: 'Missing required column: token_name.',
    });
    await expect(preview(fx, `S,shippo,T,${secret}\n`)).rejects.toMatchObject({
      message: expect.stringMatching(/first row is not a header/),
    });
    const unclosed = await preview(
      fx,
      `store,provider,token_name,secret\nS,shippo,T,"${secret}\nS2,shippo,T,x\n`,
    ).catch((e: Error) => e);
    expect(unclosed).toMatchObject({
      message: expect.stringMatching(/The CSV is malformed near line \d+: a quoted field is never closed/),
    });
    const stray = await preview(fx, `store,provider,token_name,secret\nS,shippo,T,"${secret}"x\n`).catch(
      (e: Error) => e,
    );
    expect((stray as Error).message).toMatch(/closing quote/);
    for (const e of [unclosed, stray]) expect((e as Error).message).not.toContain(secret.slice(12));
    await expect(preview(fx, `{"rows": [{"store": "${secret}"`, 'json')).rejects.toMatchObject({
      message: 'The file is not valid JSON.',
    });
    const extra = await preview(fx, 'store,provider,token_name\nS,shippo,T,extra\n');
    expect(extra.rows[0]!.reasons).toEqual(['Row has 4 cells, but the header has 3 columns.']);
  });

  it('handles 10,000 rows (parse and preview timed)', { timeout: 60_000 }, async () => {
    const fx = await fresh();
    const csv = toCsv(sampleRows(10_000));
    const started = performance.now();
    const result = await preview(fx, csv);
    const ms = performance.now() - started;
    console.log(
      `[timing] preview of 10,000 CSV rows (${(csv.length / 1024 / 1024).toFixed(1)} MiB): ${ms.toFixed(0)} ms`,
    );
    expect(result.counts).toMatchObject({ rows: 10_000, ok: 10_000 });
    const applyStart = performance.now();
    await fx.features.transfer.importRows(await plan(fx, csv), { allOrNothing: true });
    console.log(
      `[timing] import of 10,000 rows (plan + one vault write + 10,000 keychain sets): ${(performance.now() - applyStart).toFixed(0)} ms`,
    );
    expect((await fx.vault()).tokens).toHaveLength(10_000);
  });
});

describe('import apply', () => {
  it('applies only the valid rows in one change, or nothing when all-or-nothing is asked', async () => {
    const fx = await fresh();
    const rows = [sampleRow(0), { ...sampleRow(1), provider: 'nope' }, sampleRow(2)];
    const p = await plan(fx, toCsv(rows));
    await expect(fx.features.transfer.importRows(p, { allOrNothing: true })).rejects.toMatchObject({
      message: expect.stringMatching(/1 of 3 rows are invalid.*nothing was imported/),
    });
    expect((await fx.vault()).tokens).toHaveLength(0);
    const result = await fx.features.transfer.importRows(p, { allOrNothing: false });
    expect(result).toMatchObject({ imported: 2, skippedInvalid: 1, clientsCreated: 2, storesCreated: 2 });
    expect(await keychainDump(fx.secrets)).toEqual({
      [result.tokenIds[0]!]: rows[0]!.secret,
      [result.tokenIds[1]!]: rows[2]!.secret,
    });
    expect(fx.audit.entries.map((e) => e.action)).toEqual(['vault.import']);
    expect(await allFileText(fx.dir)).not.toContain(rows[0]!.secret);
    await expect(fx.features.transfer.importRows(p, { allOrNothing: false })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await fx.secrets.accounts()).toHaveLength(2);
  });

  it('keeps revoked tokens revoked, so they do not take a slot', async () => {
    const fx = await fresh();
    const shippo = (i: number, status: string) => ({
      store: 'Ship',
      provider: 'shippo',
      token_name: `T${i}`,
      status,
      secret: secretFor.shippo(i),
    });
    // Only revoked frees a slot: a rotated token is still listed at Shippo until it is removed there.
    const held = await plan(fx, toCsv([shippo(1, 'rotated'), shippo(2, 'active'), shippo(3, 'active')]));
    expect(previewOf(held).counts.invalid).toBe(1);
    const p = await plan(
      fx,
      toCsv([shippo(1, 'revoked'), shippo(2, 'active'), shippo(3, 'active'), shippo(4, 'revoked')]),
    );
    expect(previewOf(p).counts.invalid).toBe(0);
    await fx.features.transfer.importRows(p, { allOrNothing: true });
    expect((await fx.vault()).tokens.map((t) => t.status)).toEqual(['revoked', 'active', 'active', 'revoked']);
  });

  it('a keychain failing on the 5th secret leaves the stored vault as it was and no secret behind', async () => {
    const flaky = new FlakySecretStore(5);
    const fx = await fresh(flaky);
    await fx.features.clients.create({ name: 'Already here' });
    const before = await storedVault(fx);
    const p = await plan(fx, toCsv(sampleRows(8)));
    await expect(fx.features.transfer.importRows(p, { allOrNothing: true })).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message: expect.stringMatching(/^Row 5: /),
    });
    expect(await storedVault(fx)).toEqual(before);
    expect(await fx.secrets.accounts()).toEqual([]);
    expect(flaky.sets).toBe(5);
  });

  it.each(['csv', 'json'] as const)(
    'round trip: %s export imports on a fresh data dir with the same metadata',
    async (format) => {
      const source = await fresh();
      await seed(source, 50);
      const vault = await source.vault();
      const text = format === 'csv' ? exportCsv(vault) : exportJson(vault, source.clock.now());
      const dest = await fresh();
      const p = await plan(dest, text, format);
      expect(
        previewOf(p)
          .rows.filter((r) => r.status === 'invalid')
          .map((r) => r.reasons),
      ).toEqual([]);
      await dest.features.transfer.importRows(p, { allOrNothing: true });
      expect(await comparable(dest)).toEqual(await comparable(source));
    },
  );
});
