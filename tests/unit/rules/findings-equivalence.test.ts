// The findings engine was made faster (issue 6); its output must not change at all: same findings, same
// fields, same order. tests/unit/rules/reference/ holds the engine as it was, and these tests compare both
// on generated vaults, settings, keychains and random edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingSettingsInput, Token } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import type { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault } from '../../bench/generate-vault';
import { computeFindings as referenceFindings } from './reference/compute-findings';

const NOW = new Date('2026-11-22T09:00:00.000Z');
const DAY = 86_400_000;
const big = generateVault({ tokens: 3000, stores: 600, clients: 90, seed: 6, now: NOW });
const other = generateVault({
  tokens: 400,
  stores: 150,
  clients: 20,
  seed: 11,
  now: new Date('2027-03-01T12:30:00.000Z'),
});

const SETTINGS: FindingSettingsInput[] = [
  {},
  { leadTimesDays: [60, 30, 30, 2] },
  {
    leadTimesDays: [5],
    providers: {
      shippo: { rotationDays: 0 },
      pixlpay: { leadTimesDays: [90, 1], rotationDays: 10 },
      printify: { rotationDays: 30 },
    },
  },
  { providers: { printago: { rotationDays: 1 }, thinkific: { leadTimesDays: [400] } } },
];

const customProviders = [
  {
    id: 'shopnest',
    name: 'ShopNest',
    baseUrl: 'https://api.shopnest.example',
    authHeader: 'Authorization: Bearer {token}',
    probePath: '/v1/ping',
    tokenPattern: '^sn_(live|test)_[a-z0-9]{24}$',
  },
  { id: 'Broken Id', name: '' },
  { name: 'no id at all' },
];

function both(
  v: Pick<VaultData, 'stores' | 'tokens'>,
  settings: FindingSettingsInput,
  now: Date,
  accounts: readonly string[] | null | undefined,
  custom: Record<string, unknown>[] = [],
) {
  const catalog = createCatalog(undefined, custom);
  return {
    fast: computeFindings(v, settings, now, catalog, accounts),
    reference: referenceFindings(v, settings, now, catalog, accounts),
  };
}

function accountsFor(v: Pick<VaultData, 'tokens'>, variant: number): string[] | null | undefined {
  const withSecret = v.tokens.filter((t) => t.secret).map((t) => t.id);
  switch (variant) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return withSecret;
    default:
      return [
        ...withSecret.filter((_, i) => i % 7 !== 0),
        'orphan-1',
        'ORPHAN-2',
        'Zeta',
        'a'.repeat(300),
        withSecret[0]!,
      ];
  }
}

describe('findings: the faster engine gives exactly the reference output', () => {
  it('on generated vaults, for several settings, moments and keychains', () => {
    for (const [v, base] of [
      [big, NOW],
      [other, new Date('2027-03-01T12:30:00.000Z')],
    ] as const) {
      for (const [si, settings] of SETTINGS.entries()) {
        for (const offsetDays of [0, 17.3, -40]) {
          const now = new Date(base.getTime() + offsetDays * DAY);
          const variant = (si + Math.round(offsetDays)) & 3;
          const { fast, reference } = both(v, settings, now, accountsFor(v, variant));
          expect(fast.length).toBe(reference.length);
          expect(fast).toEqual(reference);
        }
      }
    }
  });

  it("whatever was computed before (the sort starts from the last result's order), including the same findings produced in another order", () => {
    const reversed = { stores: [...other.stores].reverse(), tokens: [...other.tokens].reverse() };
    const dupIds = {
      stores: other.stores,
      tokens: [
        ...other.tokens.slice(0, 50),
        ...other.tokens.slice(0, 50).map((t) => ({ ...t, name: `${t.name} copy` })),
      ],
    };
    for (const v of [other, reversed, other, dupIds, reversed, dupIds, big, reversed]) {
      for (const variant of [2, 3]) {
        const { fast, reference } = both(v, {}, NOW, accountsFor(v, variant));
        expect(fast).toEqual(reference);
      }
    }
  });

  it('with custom providers (one usable, two rejected) and stores of unknown providers', () => {
    const stores = [
      ...other.stores.slice(0, 40),
      { ...other.stores[40]!, provider: 'custom:shopnest' },
      { ...other.stores[41]!, provider: 'custom:gone' },
    ];
    const ids = new Set(stores.map((s) => s.id));
    const tokens = [
      ...other.tokens.filter((t) => ids.has(t.storeId)),
      { ...other.tokens[0]!, id: 'f0000000-0000-4000-8000-000000000000', storeId: 'no-such-store' },
    ];
    const { fast, reference } = both({ stores, tokens }, {}, NOW, accountsFor({ tokens }, 3), customProviders);
    expect(fast).toEqual(reference);
  });

  it('property: random edits to tokens give the same findings', () => {
    const sample = generateVault({ tokens: 120, stores: 40, clients: 8, seed: 21, now: NOW });
    const iso = fc
      .integer({ min: -400, max: 400 })
      .map((d) => new Date(NOW.getTime() + d * DAY + 12_345).toISOString());
    const edit = fc.record(
      {
        status: fc.constantFrom<Token['status']>('active', 'inactive', 'expired', 'revoked', 'rotated'),
        mode: fc.constantFrom<Token['mode']>('live', 'test', null),
        expiresAt: fc.option(iso),
        expirySource: fc.constantFrom<Token['expirySource']>('token', 'provider-rule', 'user', 'none', 'unknown'),
        createdAt: fc.option(iso),
        outcome: fc.option(
          fc.constantFrom(
            'valid',
            'restricted',
            'invalid',
            'rate_limited',
            'unreachable',
            'unknown',
          ) as fc.Arbitrary<'valid'>,
        ),
        formatProblem: fc.option(fc.constantFrom('', 'too short', 'has a token id prefix')),
        rotatedTo: fc.boolean(),
        sameSecretAs: fc.option(fc.nat(119)),
        rateLimit: fc.option(fc.integer({ min: 1, max: 2000 })),
        accessLevel: fc.option(fc.constantFrom('owner', 'full', 'custom', 'read')),
        ipAllowlist: fc.option(fc.constantFrom<string | string[]>('', '10.0.0.1', ['203.0.113.0/24'], ['nope'], [])),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(119), edit), { maxLength: 12 }),
        fc.integer({ min: -30, max: 30 }),
        fc.nat(3),
        fc.nat(SETTINGS.length - 1),
        (edits, shift, variant, si) => {
          const tokens = sample.tokens.map((t) => ({ ...t }));
          for (const [i, e] of edits) {
            const t = tokens[i]!;
            if (e.status) t.status = e.status;
            if (e.mode !== undefined) t.mode = e.mode;
            if (e.expiresAt !== undefined) t.expiresAt = e.expiresAt;
            if (e.expirySource) t.expirySource = e.expirySource;
            if (e.createdAt !== undefined) t.createdAt = e.createdAt;
            if (e.outcome !== undefined)
              t.lastCheck =
                e.outcome === null ? null : { outcome: e.outcome, detail: 'd', checkedAt: NOW.toISOString() };
            if (e.formatProblem !== undefined && t.secret) t.secret = { ...t.secret, formatProblem: e.formatProblem };
            if (e.rotatedTo) t.rotatedTo = tokens[(i + 1) % tokens.length]!.id;
            if (e.sameSecretAs !== undefined && e.sameSecretAs !== null && t.secret && tokens[e.sameSecretAs]!.secret)
              t.secret = { ...t.secret, fingerprint: tokens[e.sameSecretAs]!.secret!.fingerprint };
            const settings = { ...t.settings };
            if (e.rateLimit !== undefined) settings.rateLimit = e.rateLimit ?? undefined!;
            if (e.accessLevel !== undefined) settings.accessLevel = e.accessLevel ?? undefined!;
            if (e.ipAllowlist !== undefined) settings.ipAllowlist = e.ipAllowlist ?? undefined!;
            t.settings = JSON.parse(JSON.stringify(settings)) as Token['settings'];
          }
          const v = { stores: sample.stores, tokens };
          const { fast, reference } = both(
            v,
            SETTINGS[si]!,
            new Date(NOW.getTime() + shift * DAY),
            accountsFor(v, variant),
          );
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 150 },
    );
  });
});
