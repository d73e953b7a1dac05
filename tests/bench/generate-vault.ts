// Realistic, deterministic vaults for benchmarks and tests: generateVault({ tokens, stores, clients, seed }).
// Metadata only, as in a real vault: fingerprints are random 64-hex strings, never hashes of anything secret.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Client, StoreProfile, Token } from '../../electron/contract';
import { PIXLPAY_PLAN_CAPS, PIXLPAY_SCOPES } from '../../electron/core/providers/pixlpay';
import { PRINTIFY_SCOPES } from '../../electron/core/providers/printify';
import { VAULT_FILE } from '../../electron/core/vault/json-vault-file';
import { CURRENT_SCHEMA_VERSION, VaultData } from '../../electron/core/vault/vault-data';

export interface GenerateVaultOptions {
  tokens?: number;
  stores?: number;
  clients?: number;
  /** Same seed and `now`, same vault. */
  seed?: number;
  /** Expiries and check dates are spread around this moment (default: a fixed date, so the output is reproducible). */
  now?: Date;
}

type Provider = 'printify' | 'shippo' | 'printago' | 'thinkific' | 'pixlpay';
const DAY = 86_400_000;
/** Share of stores per provider (agency-shaped; every provider present). */
const PROVIDER_WEIGHTS: [Provider, number][] = [
  ['printify', 0.26],
  ['shippo', 0.2],
  ['printago', 0.18],
  ['thinkific', 0.16],
  ['pixlpay', 0.2],
];
const HEX = '0123456789abcdef';
const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const WORDS = [
  'acme',
  'northwind',
  'globex',
  'initech',
  'umbrella',
  'stark',
  'wayne',
  'wonka',
  'hooli',
  'vandelay',
  'soylent',
  'tyrell',
  'cyberdyne',
  'gringotts',
  'oceanic',
  'pied',
  'piper',
  'duff',
  'krusty',
  'monarch',
  'nakatomi',
  'oscorp',
  'sirius',
  'vought',
  'blue',
  'red',
  'green',
  'urban',
  'coastal',
  'alpine',
  'maple',
  'cedar',
  'harbor',
  'summit',
  'prairie',
  'lunar',
  'solar',
  'atlas',
];
const NOUNS = [
  'Prints',
  'Apparel',
  'Goods',
  'Academy',
  'Supply',
  'Studio',
  'Outfitters',
  'Labs',
  'Market',
  'Works',
  'Co',
  'Shop',
  'Merch',
  'Crafts',
];
const TOKEN_PURPOSES = [
  'Warehouse sync',
  'Order import',
  'Storefront',
  'Zapier',
  'ERP bridge',
  'Reporting',
  'Fulfilment',
  'Backup job',
  'Staging app',
  'Support tool',
  'Webhook relay',
  'Analytics',
];
const CHECK_DETAILS: Record<CheckResult['outcome'], string> = {
  valid: 'The token works.',
  restricted: 'The token works but lacks a permission the check needs.',
  invalid: 'The provider rejected the token (401).',
  rate_limited: 'The provider asked Keyward to slow down (429).',
  unreachable: 'The provider could not be reached.',
  unknown: 'The provider answered in an unexpected way.',
};

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateVault(options: GenerateVaultOptions = {}): VaultData {
  const tokenCount = options.tokens ?? 10_000;
  const storeCount = options.stores ?? 2_000;
  const clientCount = options.clients ?? 300;
  const now = options.now ?? new Date('2026-11-22T09:00:00.000Z');
  if (storeCount < 1 || tokenCount < storeCount)
    throw new Error('generateVault needs at least one store and at least one token per store');
  const rand = rng(options.seed ?? 1);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const subset = (xs: readonly string[], min: number, max: number) => {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, int(min, Math.min(max, xs.length)));
  };
  const uuid = () => {
    const h = chars(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const at = (offsetDays: number) => new Date(now.getTime() + Math.round(offsetDays * DAY)).toISOString();
  const endOfDay = (offsetDays: number) => {
    const d = new Date(now.getTime() + Math.round(offsetDays) * DAY);
    d.setUTCHours(23, 59, 59, 999);
    return d.toISOString();
  };
  const slug = (i: number) => `${pick(WORDS)}-${pick(WORDS)}-${i}`;
  const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);

  // Clients -------------------------------------------------------------------------------------------
  const clients: Client[] = Array.from({ length: clientCount }, (_, i) => {
    const created = at(-int(200, 1500));
    return {
      id: uuid(),
      name: `${title(pick(WORDS))} ${pick(NOUNS)} ${i + 1}`,
      notes: chance(0.1) ? 'Billing contact: see CRM.' : '',
      createdAt: created,
      updatedAt: created,
    };
  });

  // Stores --------------------------------------------------------------------------------------------
  const providerOf = () => {
    let r = rand();
    for (const [p, w] of PROVIDER_WEIGHTS) if ((r -= w) < 0) return p;
    return 'pixlpay';
  };
  const stores: StoreProfile[] = Array.from({ length: storeCount }, (_, i) => {
    // Every provider appears even in tiny vaults: the first five stores take one each.
    const provider: Provider = i < PROVIDER_WEIGHTS.length ? PROVIDER_WEIGHTS[i]![0] : providerOf();
    const name = slug(i + 1);
    const identifiers: StoreProfile['identifiers'] =
      provider === 'printify'
        ? {
            shopId: String(int(1_000_000, 99_999_999)),
            ...(chance(0.5) ? { contactEmail: `dev@${name}.example` } : {}),
          }
        : provider === 'shippo'
          ? { accountEmail: `shipping@${name}.example` }
          : provider === 'printago'
            ? { storeId: chars(ALNUM_LOWER, 24) }
            : provider === 'thinkific'
              ? { subdomain: name }
              : { host: `${name}.pixlpay.net`, plan: pick(Object.keys(PIXLPAY_PLAN_CAPS)) };
    const created = at(-int(30, 1200));
    return {
      id: uuid(),
      clientId: clientCount > 0 && chance(0.92) ? clients[int(0, clientCount - 1)]!.id : null,
      provider,
      label: `${title(name.replace(/-/g, ' '))} (${provider})`,
      identifiers,
      environment: chance(0.85) ? 'production' : pick(['staging', 'development'] as const),
      notes: chance(0.05) ? 'Migrated from the old spreadsheet.' : '',
      createdAt: created,
      updatedAt: created,
    };
  });

  // How many tokens each store holds: one each, the rest spread unevenly (a few big stores).
  const perStore = stores.map(() => 1);
  for (let left = tokenCount - storeCount; left > 0; left--)
    perStore[chance(0.2) ? int(0, Math.min(49, storeCount - 1)) : int(0, storeCount - 1)]! += 1;

  // Tokens --------------------------------------------------------------------------------------------
  const checkResult = (daysAgo: number, outcome: CheckResult['outcome']): CheckResult => ({
    outcome,
    ...(outcome === 'invalid'
      ? { httpStatus: 401 }
      : outcome === 'restricted'
        ? { httpStatus: 403 }
        : outcome === 'rate_limited'
          ? { httpStatus: 429, retryAfterMs: 60_000 }
          : outcome === 'valid'
            ? { httpStatus: 200 }
            : {}),
    detail: CHECK_DETAILS[outcome],
    checkedAt: at(-daysAgo),
  });
  const outcomeFor = (status: Token['status']): CheckResult['outcome'] => {
    if (status === 'revoked' || status === 'expired') return chance(0.8) ? 'invalid' : 'unreachable';
    const r = rand();
    return r < 0.86
      ? 'valid'
      : r < 0.9
        ? 'restricted'
        : r < 0.94
          ? 'invalid'
          : r < 0.97
            ? 'unreachable'
            : r < 0.99
              ? 'rate_limited'
              : 'unknown';
  };
  const fingerprints: string[] = [];

  const tokens: Token[] = [];
  stores.forEach((store, s) => {
    const provider = store.provider as Provider;
    const active = { live: 0, test: 0 };
    const first = tokens.length;
    for (let k = 0; k < perStore[s]!; k++) {
      const createdDays = int(0, 765);
      const base = {
        id: uuid(),
        storeId: store.id,
        name: `${pick(TOKEN_PURPOSES)} ${k + 1}`,
        scopes: [] as string[],
        settings: {} as Token['settings'],
        createdAt: at(-createdDays) as string | null,
      };
      let status: Token['status'] = chance(0.84)
        ? 'active'
        : pick(['inactive', 'inactive', 'rotated', 'revoked'] as const);
      let kind: Token['kind'];
      let mode: Token['mode'] = null;
      let expiresAt: string | null = null;
      let expirySource: Token['expirySource'] = 'none';
      let masked: string;
      let formatProblem: string | null = null;
      const userExpiry = () => {
        expiresAt = endOfDay(int(-400, 400));
        expirySource = 'user';
      };

      if (provider === 'printify') {
        kind = 'access-token';
        base.scopes = subset(PRINTIFY_SCOPES, 2, 13);
        // JWT: created (iat) up to ~2 years ago, exp one year later, read from the token.
        const created = new Date(now.getTime() - createdDays * DAY);
        expiresAt = new Date(created.getTime() + 365 * DAY).toISOString();
        expirySource = chance(0.9) ? 'token' : 'provider-rule';
        masked = `eyJhb…${chars(B64URL, 4)}`;
      } else if (provider === 'shippo') {
        kind = 'api-key';
        mode = chance(0.65) ? 'live' : 'test';
        // At most 2 active per mode per store: extra ones are retired or switched off.
        if (status === 'active' && active[mode] >= 2) status = pick(['inactive', 'rotated', 'revoked'] as const);
        if (status === 'active') active[mode] += 1;
        masked = `shippo_${mode}_${chars(HEX, 2)}…${chars(HEX, 4)}`;
      } else if (provider === 'printago') {
        kind = 'api-key';
        const full = chance(0.3);
        base.settings = {
          accessLevel: full ? 'full' : 'custom',
          ...(full
            ? {}
            : {
                permissions: subset(
                  [
                    'orders:read',
                    'orders:write',
                    'parts:read',
                    'parts:write',
                    'printers:read',
                    'builds:read',
                    'Operator',
                    'Viewer',
                  ],
                  1,
                  4,
                ),
              }),
          ...(chance(0.4)
            ? {
                ipAllowlist: chance(0.05)
                  ? ['0.0.0.0/0']
                  : [`203.0.113.${int(1, 254)}`, `198.51.100.0/${int(24, 30)}`].slice(0, int(1, 2)),
              }
            : {}),
          keyId: chars(ALNUM_LOWER, 24),
          ...(chance(0.1) ? { managedBy: 'Shopify' } : {}),
        };
        if (chance(0.5)) userExpiry();
        else expirySource = 'unknown';
        masked = `${(base.settings.keyId as string).slice(0, 2)}…${chars(ALNUM_LOWER, 4)}`;
        if (chance(0.03))
          formatProblem = 'A Printago API key is lowercase letters and digits, longer than its 24-character Key ID';
      } else if (provider === 'thinkific') {
        if (chance(0.6)) {
          kind = 'access-token';
          userExpiry();
          masked = `${chars(ALNUM, 2)}…${chars(ALNUM, 4)}`;
        } else {
          kind = 'api-key';
          masked = `${chars(HEX, 2)}…${chars(HEX, 4)}`;
        }
      } else {
        kind = 'access-token';
        mode = chance(0.75) ? 'live' : 'test';
        base.scopes = subset(PIXLPAY_SCOPES, 1, 8);
        const held = base.scopes.filter((x) => x.endsWith(':write'));
        const cap = PIXLPAY_PLAN_CAPS[store.identifiers.plan as string] ?? 60;
        base.settings = {
          rateLimit: chance(0.6) ? 60 : chance(0.9) ? int(1, cap) : int(cap, 1000),
          ...(held.length && chance(0.2) ? { unneededScopes: held.slice(0, int(1, held.length)) } : {}),
        };
        if (chance(0.6)) userExpiry();
        else expirySource = 'unknown';
        masked = `sk_${mode}_${chars(ALNUM, 2)}…${chars(ALNUM, 4)}`;
      }
      if (expiresAt !== null && expiresAt < now.toISOString() && status === 'active' && chance(0.5)) status = 'expired';
      if (status === 'active' && expiresAt === null && chance(0.02)) base.createdAt = null;

      const withSecret = chance(0.97);
      // A few secrets are pasted twice (another store, same value): the duplicate rule has work to do.
      const fingerprint = withSecret && fingerprints.length > 0 && chance(0.003) ? pick(fingerprints) : chars(HEX, 64);
      if (withSecret) fingerprints.push(fingerprint);
      const addedAt = base.createdAt ?? at(-createdDays);
      const history: CheckResult[] = [];
      if (chance(0.65)) {
        let daysAgo = rand() * 20;
        for (let h = int(1, 12); h > 0; h--) {
          history.push(checkResult(daysAgo, outcomeFor(status)));
          daysAgo += 1 + rand() * 30;
        }
      }
      tokens.push({
        ...base,
        kind,
        mode,
        status,
        expiresAt,
        expirySource,
        secret: withSecret
          ? { fingerprint, masked, setAt: addedAt, ...(formatProblem ? { formatProblem } : {}) }
          : null,
        lastCheck: history[0] ?? null,
        checkHistory: history,
        rotatedFrom: null,
        rotatedTo: null,
        notes: chance(0.08) ? 'Owner: integrations team.' : '',
        addedAt,
        updatedAt: history[0]?.checkedAt ?? addedAt,
      });
    }
    // Lineage: a rotated token points at the next token of its store (and back), when there is one.
    for (let i = first; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1]!;
      if (t.status === 'rotated' && next.rotatedFrom === null) {
        t.rotatedTo = next.id;
        next.rotatedFrom = t.id;
      }
    }
  });

  return VaultData.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    revision: 1,
    updatedAt: now.toISOString(),
    clients,
    stores,
    tokens,
    customProviders: [],
    settings: {},
  });
}

/** The keychain namespace of the benchmarks' vaults (see withKeychainNamespace). */
export const BENCH_VAULT_ID = '0b7e5a52-6f1c-4d2e-9a3b-5e7c0d1f2a06';

/**
 * `data` as today's app keeps it: a keychain namespace (vaultId) and each secret's own account. Without them
 * every start would look in the keychain once per token for entries to adopt (a one-time step in real use).
 */
export function withKeychainNamespace(data: VaultData, vaultId = BENCH_VAULT_ID): VaultData {
  const tokens = data.tokens.map((t) =>
    t.secret
      ? { ...t, secret: { ...t.secret, account: `${vaultId}:${t.id}:${t.secret.fingerprint.slice(0, 12)}` } }
      : t,
  );
  return VaultData.parse({ ...data, vaultId, tokens });
}

/**
 * A vault.json exactly as Keyward wrote it before its database: compact JSON with every non-ASCII UTF-16 unit
 * escaped as \uXXXX, then a newline. The database imports such a file at its first start.
 */
export function jsonVaultBytes(data: VaultData): Buffer {
  const ascii = JSON.stringify(VaultData.parse(data)).replace(
    /[\u0080-\uffff]/g,
    (u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(`${ascii}\n`, 'latin1');
}

/** Writes `data` as the JSON vault file of data folder `dir` (imported into the database at the first start). Returns its path. */
export async function writeVault(dir: string, data: VaultData): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, VAULT_FILE);
  await writeFile(path, jsonVaultBytes(data), { mode: 0o600 });
  return path;
}
