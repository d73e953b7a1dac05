import { afterEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules';
import {
  clientReportHtml,
  createBackup,
  exportCsv,
  exportJson,
  planImportText,
  readBackup,
} from '../../../electron/core/features/transfer';
import { IMPORT_COLUMNS } from '../../../electron/core/features/transfer/columns';
import { freshInventory, keychainDump, metadata, seed, type Fresh } from './harness';

const catalog = createCatalog();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function fresh(): Promise<Fresh> {
  const fx = await freshInventory();
  cleanups.push(fx.cleanup);
  return fx;
}

describe('secret-free exports', () => {
  it('CSV, JSON and every client report contain none of the secret values', async () => {
    const fx = await fresh();
    await seed(fx, 60);
    const vault = await fx.vault();
    const secrets = Object.values(await keychainDump(fx.secrets));
    expect(secrets).toHaveLength(60);
    const findings = computeFindings(vault, {}, fx.clock.now(), catalog);
    const outputs = [
      exportCsv(vault),
      exportJson(vault, fx.clock.now()),
      ...[...vault.clients.map((c) => c.id), null].map((clientId) =>
        clientReportHtml({ vault, clientId, catalog, findings, now: fx.clock.now() }),
      ),
    ];
    for (const text of outputs) {
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        // Nor the part after a public prefix, in case a masked form were ever built wrongly.
        expect(text).not.toContain(secret.slice(-24));
      }
    }
    expect(exportCsv(vault).split('\r\n')[0]).not.toMatch(/secret/);
  });

  it('the client report escapes every value and lists stores, masked tokens, findings and upcoming expiries', async () => {
    const fx = await fresh();
    await fx.features.tokens.add({
      client: '<script>alert(1)</script>',
      store: { provider: 'pixlpay', label: 'Shop "&" <b>', identifiers: { host: 'shop.pixlpay.net', plan: 'free' } },
      token: {
        name: "O'Brien <img src=x>",
        scopes: ['products:write'],
        settings: { rateLimit: 500 },
        expiresAt: '2026-12-01',
        secret: 'sk_live_abcdefghijklmnopqrstuvwxyz0123456789',
      },
    });
    const vault = await fx.vault();
    const html = clientReportHtml({
      vault,
      clientId: vault.clients[0]!.id,
      catalog,
      findings: computeFindings(vault, {}, fx.clock.now(), catalog),
      now: fx.clock.now(),
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Shop &quot;&amp;&quot; &lt;b&gt;');
    expect(html).toContain('O&#39;Brien &lt;img src=x&gt;');
    expect(html).toContain('sk_live_ab…6789');
    expect(html).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
    expect(html).toMatch(/Upcoming expiries[\s\S]*2026-12-01[\s\S]*in 9 days/);
    expect(html).toMatch(/Needs attention[\s\S]*rate limit/i);
    expect(html).toContain("default-src 'none'");
  });
});

describe('formats users hold', () => {
  // The JSON-era columns, written out: a change here breaks spreadsheets and scripts built on exports.
  const EXPORT_HEADER =
    'client,store,provider,environment,store_id,subdomain,host,plan,shop_id,account_email,contact_email,token_name,kind,mode,scopes,created,expires,status,' +
    'access_level,permissions,ip_allowlist,managed_by,key_id,rate_limit,unneeded_scopes,notes,token_id,fingerprint,expiry_source,expiry_estimated,last_check,last_check_at,last_check_detail';

  it('export and import columns are unchanged: the CSV header, the JSON rows, and a file with the import columns imports', async () => {
    const fx = await fresh();
    await seed(fx, 12);
    const vault = await fx.vault();
    expect(exportCsv(vault).split('\r\n')[0]).toBe(EXPORT_HEADER);
    const json = JSON.parse(exportJson(vault, fx.clock.now())) as {
      format: string;
      version: number;
      rows: Record<string, unknown>[];
    };
    expect([json.format, json.version]).toEqual(['keyward-tokens', 1]);
    expect(json.rows).toHaveLength(12);
    for (const row of json.rows) expect(Object.keys(row).join(',')).toBe(EXPORT_HEADER);
    expect(IMPORT_COLUMNS.join(',')).toBe(`${EXPORT_HEADER.slice(0, EXPORT_HEADER.indexOf(',token_id'))},secret`);
    const dest = await fresh();
    const plan = planImportText(exportCsv(vault), 'csv', await dest.vault(), catalog, dest.clock.now());
    expect((await dest.features.transfer.importRows(plan, { allOrNothing: true })).imported).toBe(12);
  });
});

describe('1,000-token vault round trip (timings printed, not asserted)', () => {
  it('export -> import and backup -> restore on fresh data dirs and keychains', { timeout: 120_000 }, async () => {
    const source = await fresh();
    await seed(source, 1000);
    const vault = await source.vault();
    const t0 = performance.now();
    const csv = exportCsv(vault);
    const t1 = performance.now();
    const dest = await fresh();
    const plan = planImportText(csv, 'csv', await dest.vault(), catalog, dest.clock.now());
    const t2 = performance.now();
    await dest.features.transfer.importRows(plan, { allOrNothing: true });
    const t3 = performance.now();
    expect((await dest.vault()).tokens).toHaveLength(1000);

    const backup = await createBackup(vault, source.secrets, 'correct horse battery staple', source.clock.now());
    const t4 = performance.now();
    const restoreTo = await fresh();
    const payload = await readBackup(backup.file, 'correct horse battery staple');
    const t5 = performance.now();
    const result = await restoreTo.features.transfer.restoreBackup(payload, 'replace');
    const t6 = performance.now();
    expect(result.secretsRestored).toBe(1000);
    expect(await metadata(restoreTo)).toEqual(await metadata(source));
    expect(await keychainDump(restoreTo.secrets)).toEqual(await keychainDump(source.secrets));
    const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
    console.log(
      `[timing] 1,000 tokens: export CSV ${ms(t0, t1)} (${(csv.length / 1024).toFixed(0)} KiB); plan+preview ${ms(t1, t2)}; import apply ${ms(t2, t3)}; ` +
        `backup ${ms(t3, t4)} (${(backup.file.length / 1024).toFixed(0)} KiB, scrypt N=2^17 r=8 p=1); decrypt ${ms(t4, t5)}; restore ${ms(t5, t6)}`,
    );
  });
});
