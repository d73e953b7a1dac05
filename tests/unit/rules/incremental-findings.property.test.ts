// The incremental findings engine (what the handlers use) must answer exactly as computeFindings does, after
// any sequence of vault edits, keychain changes, settings changes and clock steps: same findings, same order,
// same text. Edits are made the way the vault makes them (copy-on-write: changed objects are new, the rest kept).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingSettingsInput, StoreProfile, Token } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import { createIncrementalFindings } from '../../../electron/core/rules/findings/incremental-findings';
import { generateVault } from '../../bench/generate-vault';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const sample = generateVault({ tokens: 48, stores: 14, clients: 4, seed: 17, now: new Date(NOW) });

const SETTINGS: FindingSettingsInput[] = [
  {},
  { leadTimesDays: [60, 30, 30, 2] },
  {
    leadTimesDays: [5, 0],
    providers: {
      shippo: { rotationDays: 0 },
      pixlpay: { leadTimesDays: [90, 1], rotationDays: 10 },
      printify: { rotationDays: 30 },
    },
  },
  { providers: { printago: { rotationDays: 1 }, thinkific: { leadTimesDays: [400, 7] } } },
];
const plain = createCatalog();
// A usable custom provider and two rejected definitions claiming one id (two findings with equal ids: a tie).
const custom = createCatalog(undefined, [
  {
    id: 'shopnest',
    name: 'ShopNest',
    baseUrl: 'https://api.shopnest.example',
    authHeader: 'Authorization: Bearer {token}',
    probePath: '/v1/ping',
    tokenPattern: '^sn_(live|test)_[a-z0-9]{24}$',
  },
  { id: 'Broken Id', name: '' },
  { id: 'Broken Id', name: 'again' },
]);

const iso = (ms: number) => new Date(ms).toISOString();
const idOf = (n: number, kind: 'a' | 'b') =>
  `00000000-0000-4000-8${kind === 'a' ? '0' : '1'}0-${String(n).padStart(12, '0')}`;
const anyDate = fc
  .integer({ min: -420, max: 420 })
  .chain((d) => fc.constantFrom(0, 1, -1, 12_345).map((ms) => iso(NOW + d * DAY + ms)));
const checkedAt = fc.oneof(
  anyDate,
  fc.constantFrom(
    '2026-11-22T11:00:00+02:00',
    '2026-02-30T10:00:00.000Z',
    '2026-11-22T24:00:00.000Z',
    '2026-11-21T09:00:00Z',
  ),
);

const tokenFields = {
  status: fc.constantFrom<Token['status']>('active', 'inactive', 'expired', 'revoked', 'rotated'),
  mode: fc.constantFrom<Token['mode']>('live', 'test', null),
  kind: fc.constantFrom<Token['kind']>('api-key', 'access-token'),
  name: fc.constantFrom('Order import', 'Zapier', 'a', 'Warehouse sync'),
  expiresAt: fc.option(anyDate),
  expirySource: fc.constantFrom<Token['expirySource']>('token', 'provider-rule', 'user', 'none', 'unknown'),
  createdAt: fc.option(anyDate),
  addedAt: anyDate,
  lastCheck: fc.option(
    fc.record({
      outcome: fc.constantFrom(
        'valid',
        'restricted',
        'invalid',
        'rate_limited',
        'unreachable',
        'unknown',
      ) as fc.Arbitrary<'valid'>,
      detail: fc.constant('d'),
      checkedAt,
    }),
  ),
  secret: fc.option(
    fc.record({ print: fc.nat(5), setAt: anyDate, formatProblem: fc.option(fc.constantFrom('', 'too short')) }),
  ),
  rotatedTo: fc.option(fc.nat()),
  scopes: fc.constantFrom<string[]>([], ['orders:write'], ['products:read', 'orders:write']),
  settings: fc.constantFrom(
    {},
    { rateLimit: 2000 },
    { accessLevel: 'owner' },
    { accessLevel: 'custom', ipAllowlist: [] },
    { unneededScopes: ['orders:write'] },
    { managedBy: 'ops' },
  ),
  store: fc.nat(),
};
// Several fields at once, or exactly one (so that every field alone is seen to change the findings).
const tokenEdit = fc.oneof(
  fc.record(tokenFields, { requiredKeys: [] }),
  ...Object.entries(tokenFields).map(
    ([k, arb]) =>
      fc.record({ [k]: arb as fc.Arbitrary<unknown> }) as fc.Arbitrary<
        Partial<{ [K in keyof typeof tokenFields]: (typeof tokenFields)[K] extends fc.Arbitrary<infer V> ? V : never }>
      >,
  ),
);
const storeFields = {
  label: fc.constantFrom('Acme', 'Globex Prints'),
  environment: fc.constantFrom<StoreProfile['environment']>('production', 'staging', 'development'),
  identifiers: fc.constantFrom({}, { plan: 'free' }, { plan: 'enterprise', host: 'a.pixlpay.net' }),
  clientId: fc.option(fc.constantFrom(...sample.clients.map((c) => c.id))),
  provider: fc.constantFrom('printify', 'shippo', 'printago', 'thinkific', 'pixlpay', 'custom:shopnest', 'custom:gone'),
};
const storeEdit = fc.oneof(
  fc.record(storeFields, { requiredKeys: [] }),
  ...Object.entries(storeFields).map(
    ([k, arb]) => fc.record({ [k]: arb as fc.Arbitrary<unknown> }) as fc.Arbitrary<Partial<StoreProfile>>,
  ),
);
const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('token' as const), pick: fc.nat(), edit: tokenEdit }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('unread' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('store' as const), pick: fc.nat(), edit: storeEdit }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('add' as const), from: fc.nat(), store: fc.nat(), at: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('addStore' as const), from: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('deleteStore' as const), pick: fc.nat(), withTokens: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('copyAll' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reorder' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('settings' as const), pick: fc.nat(SETTINGS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('catalog' as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('keychain' as const), variant: fc.nat(5), seed: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('step' as const),
      ms: fc.constantFrom(MINUTE, HOUR, DAY, -DAY, 7 * DAY, 1, -1, 29 * DAY + 59 * MINUTE),
    }),
  },
  // Straight to an instant where something may change: a token's expiry, creation or secret date plus whole days, ±1 ms.
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('boundary' as const),
      pick: fc.nat(),
      field: fc.constantFrom('expiresAt', 'createdAt', 'setAt', 'addedAt'),
      days: fc.integer({ min: -100, max: 100 }),
      ms: fc.constantFrom(-1, 0, 1),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface World {
  stores: StoreProfile[];
  tokens: Token[];
  settings: FindingSettingsInput;
  accounts: string[] | null | undefined;
  now: number;
  catalog: ReturnType<typeof createCatalog>;
  next: number;
}

const prints = sample.tokens
  .filter((t) => t.secret)
  .slice(0, 6)
  .map((t) => t.secret!.fingerprint);

function keychain(w: World, variant: number, seed: number): string[] | null | undefined {
  const withSecret = w.tokens.filter((t) => t.secret).map((t) => t.id);
  switch (variant) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return withSecret;
    case 3:
      return withSecret.filter((_, i) => (i + seed) % 5 !== 0);
    case 4:
      return [...withSecret, 'orphan-1', `${'x'.repeat(200)}a`, `${'x'.repeat(200)}b`, withSecret[0] ?? 'z'];
    default:
      return w.accounts ? [...w.accounts] : w.accounts; // Same content, another array.
  }
}

function apply(w: World, o: Op): void {
  const pick = <T>(xs: readonly T[], n: number): T | undefined => xs[n % Math.max(1, xs.length)];
  const replaceToken = (t: Token, next: Token) => (w.tokens = w.tokens.map((x) => (x === t ? next : x)));
  switch (o.type) {
    case 'token': {
      const t = pick(w.tokens, o.pick);
      if (!t) return;
      const e = o.edit;
      const next: Token = { ...t };
      if (e.status) next.status = e.status;
      if (e.mode !== undefined) next.mode = e.mode;
      if (e.kind) next.kind = e.kind;
      if (e.name) next.name = e.name;
      if (e.expiresAt !== undefined) next.expiresAt = e.expiresAt;
      if (e.expirySource) next.expirySource = e.expirySource;
      if (e.createdAt !== undefined) next.createdAt = e.createdAt;
      if (e.lastCheck !== undefined) next.lastCheck = e.lastCheck;
      if (e.secret !== undefined)
        next.secret = e.secret && {
          fingerprint: prints[e.secret.print % prints.length]!,
          masked: 'x…#ab',
          setAt: e.secret.setAt,
          ...(e.secret.formatProblem !== null ? { formatProblem: e.secret.formatProblem } : {}),
        };
      if (e.rotatedTo !== undefined) next.rotatedTo = e.rotatedTo === null ? null : pick(w.tokens, e.rotatedTo)!.id;
      if (e.addedAt) next.addedAt = e.addedAt;
      if (e.scopes) next.scopes = e.scopes;
      if (e.settings) next.settings = e.settings as Token['settings'];
      if (e.store !== undefined && w.stores.length) next.storeId = pick(w.stores, e.store)!.id;
      replaceToken(t, next);
      return;
    }
    case 'unread': {
      const t = pick(w.tokens, o.pick);
      if (t)
        replaceToken(t, {
          ...t,
          notes: `n${w.next++}`,
          updatedAt: iso(w.now),
          checkHistory: t.lastCheck ? [t.lastCheck] : [],
        });
      return;
    }
    case 'store': {
      const s = pick(w.stores, o.pick);
      if (s) w.stores = w.stores.map((x) => (x === s ? ({ ...s, ...o.edit } as StoreProfile) : x));
      return;
    }
    case 'add': {
      const from = pick(sample.tokens, o.from)!;
      const store = pick(w.stores, o.store);
      const t: Token = { ...from, id: idOf(w.next++, 'a'), storeId: store?.id ?? from.storeId };
      const at = o.at % (w.tokens.length + 1);
      w.tokens = [...w.tokens.slice(0, at), t, ...w.tokens.slice(at)];
      return;
    }
    case 'delete': {
      const t = pick(w.tokens, o.pick);
      if (t) w.tokens = w.tokens.filter((x) => x !== t);
      return;
    }
    case 'addStore':
      w.stores = [...w.stores, { ...pick(sample.stores, o.from)!, id: idOf(w.next++, 'b') }];
      return;
    case 'deleteStore': {
      const s = pick(w.stores, o.pick);
      if (!s) return;
      w.stores = w.stores.filter((x) => x !== s);
      if (o.withTokens) w.tokens = w.tokens.filter((t) => t.storeId !== s.id);
      return;
    }
    case 'copyAll': // What draftOf does today: every store and token a new object, same fields.
      w.stores = w.stores.map((s) => ({ ...s }));
      w.tokens = w.tokens.map((t) => ({ ...t }));
      return;
    case 'reorder':
      w.tokens = [...w.tokens].reverse();
      return;
    case 'settings':
      w.settings = SETTINGS[o.pick]!;
      return;
    case 'catalog':
      w.catalog = w.catalog === plain ? custom : plain;
      return;
    case 'keychain':
      w.accounts = keychain(w, o.variant, o.seed);
      return;
    case 'step':
      w.now += o.ms;
      return;
    case 'boundary': {
      const t = pick(w.tokens, o.pick);
      const base = t && (o.field === 'setAt' ? t.secret?.setAt : t[o.field]);
      if (base) w.now = Date.parse(base) + o.days * DAY + o.ms;
      return;
    }
  }
}

describe('incremental findings', () => {
  it('after every edit, keychain change, settings change and clock step, equals computeFindings exactly', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.nat(SETTINGS.length - 1),
        fc.boolean(),
        (ops, si, withCustom) => {
          const w: World = {
            stores: sample.stores,
            tokens: sample.tokens,
            settings: SETTINGS[si]!,
            accounts: null,
            now: NOW,
            catalog: withCustom ? custom : plain,
            next: 0,
          };
          const findings = createIncrementalFindings();
          const check = () => {
            const vault = { stores: w.stores, tokens: w.tokens };
            const now = new Date(w.now);
            expect(findings(vault, w.settings, now, w.catalog, w.accounts)).toStrictEqual(
              computeFindings(vault, w.settings, now, w.catalog, w.accounts),
            );
          };
          check();
          for (const o of ops) {
            apply(w, o);
            check();
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it("a vault with a repeated token or store id (never valid) still gets computeFindings' answer", () => {
    const findings = createIncrementalFindings();
    const now = new Date(NOW);
    const twice = { stores: sample.stores, tokens: [...sample.tokens, { ...sample.tokens[3]!, name: 'copy' }] };
    const storeTwice = { stores: [...sample.stores, { ...sample.stores[0]!, label: 'copy' }], tokens: sample.tokens };
    for (const vault of [sample, twice, sample, storeTwice, twice, sample]) {
      expect(findings(vault, {}, now, plain, null)).toStrictEqual(computeFindings(vault, {}, now, plain, null));
    }
  });
});
