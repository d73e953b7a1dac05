import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS } from '../../../electron/core/features/transfer';

/** Deterministic, distinct, well-formed secrets per provider; `i` keeps them unique. */
const hex = (seed: string, n: number): string => createHash('sha256').update(seed).digest('hex').repeat(4).slice(0, n);
const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
export const secretFor = {
  shippo: (i: number, mode: 'live' | 'test' = 'live') => `shippo_${mode}_${hex(`shippo${mode}${i}`, 40)}`,
  pixlpay: (i: number) => `sk_live_${hex(`pixl${i}`, 36)}`,
  printago: (i: number) => hex(`printago${i}`, 48),
  thinkific: (i: number) => `tk_${hex(`thinkific${i}`, 40)}`,
  printify: (i: number) =>
    `${part({ typ: 'JWT', alg: 'RS256' })}.${part({ iat: 1767225600, exp: 1798761600, scopes: ['shops.read', 'products.read'], n: i })}.${hex(`sig${i}`, 43)}`,
};

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

/** One valid import row for provider number i % 5, each in its own store, clients shared by 40. */
export function sampleRow(i: number): Row {
  const client = `Client ${String(i % 40).padStart(2, '0')}`;
  switch (i % 5) {
    case 0:
      return {
        client,
        store: `Shippo ${i}`,
        provider: 'shippo',
        account_email: `ops${i}@example.com`,
        token_name: 'Warehouse',
        secret: secretFor.shippo(i),
      };
    case 1:
      return {
        client,
        store: `PixlPay ${i}`,
        provider: 'pixlpay',
        host: `shop${i}.pixlpay.net`,
        plan: 'growth',
        token_name: 'Storefront',
        scopes: 'products:read;orders:read',
        rate_limit: '120',
        expires: '2027-06-30',
        secret: secretFor.pixlpay(i),
      };
    case 2:
      return {
        client,
        store: `Printago ${i}`,
        provider: 'printago',
        store_id: hex(`sid${i}`, 24),
        token_name: 'Farm',
        access_level: 'custom',
        permissions: 'orders:read',
        ip_allowlist: '203.0.113.0/24;2001:db8::/32',
        secret: secretFor.printago(i),
      };
    case 3:
      return {
        client,
        store: `Thinkific ${i}`,
        provider: 'thinkific',
        subdomain: `school${i}`,
        token_name: `Zapier ${i}`,
        kind: 'access-token',
        expires: '2027-03-01',
        secret: secretFor.thinkific(i),
      };
    default:
      return {
        client,
        store: `Printify ${i}`,
        provider: 'printify',
        shop_id: String(1000 + i),
        token_name: 'Catalog sync',
        secret: secretFor.printify(i),
      };
  }
}

export const sampleRows = (n: number): Row[] => Array.from({ length: n }, (_, i) => sampleRow(i));

export function toCsv(rows: Row[], columns: readonly string[] = IMPORT_COLUMNS): string {
  return stringify(rows, { header: true, columns: [...columns], record_delimiter: 'windows' });
}

/** Every file under a data dir, as one string, to prove a value never reached disk. */
export async function allFileText(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}
