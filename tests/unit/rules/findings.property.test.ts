import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreProfile, Token } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import { checkTokenWrite } from '../../../electron/core/rules/write-rules';
import { daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();
const DAY = 86_400_000;
const PLANS = { free: 60, starter: 120, growth: 300, pro: 600, enterprise: 1000 } as const;

/** A store of any built-in provider with tokens that break no rule: the engine must stay silent. */
const healthyStore = fc
  .record({
    provider: fc.constantFrom('printify', 'shippo', 'printago', 'thinkific', 'pixlpay'),
    environment: fc.constantFrom('production', 'staging', 'development') as fc.Arbitrary<StoreProfile['environment']>,
    plan: fc.constantFrom(...(Object.keys(PLANS) as (keyof typeof PLANS)[])),
    ageDays: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 0, maxLength: 4 }),
    expiresInDays: fc.integer({ min: 31, max: 3000 }),
    modes: fc.constantFrom<('live' | 'test')[]>(['live'], ['test'], ['live', 'test']),
    checked: fc.boolean(),
  })
  .map((s) => {
    const profile = store({
      provider: s.provider,
      environment: s.environment,
      identifiers:
        s.provider === 'pixlpay'
          ? { host: 'a.pixlpay.net', plan: s.plan }
          : s.provider === 'thinkific'
            ? { subdomain: 'site' }
            : {},
    });
    const modes = s.environment === 'production' ? ['live' as const] : s.modes;
    const ages = s.provider === 'shippo' ? s.ageDays.slice(0, modes.length) : s.ageDays;
    const tokens = ages.map((age, i): Token => {
      const base = {
        createdAt: daysFrom(NOW, -age),
        addedAt: daysFrom(NOW, -age),
        name: `t${i}`,
        lastCheck: s.checked ? { outcome: 'valid' as const, detail: 'ok', checkedAt: daysFrom(NOW, -1) } : null,
      };
      switch (s.provider) {
        case 'shippo':
          return token(profile, { ...base, mode: modes[i]! });
        case 'printago':
          return token(profile, { ...base, settings: { accessLevel: 'custom', ipAllowlist: ['203.0.113.42'] } });
        case 'thinkific':
          return token(profile, {
            ...base,
            kind: 'access-token',
            expiresAt: daysFrom(NOW, s.expiresInDays),
            expirySource: 'user',
          });
        case 'pixlpay':
          return token(profile, {
            ...base,
            kind: 'access-token',
            mode: 'live',
            scopes: ['products:read'],
            settings: { rateLimit: PLANS[s.plan] },
          });
        default:
          return token(profile, {
            ...base,
            kind: 'access-token',
            expiresAt: daysFrom(NOW, s.expiresInDays),
            expirySource: 'token',
          });
      }
    });
    return { profile, tokens };
  });

describe('findings engine properties', () => {
  it('a healthy vault has no findings, with or without the keychain list', () => {
    fc.assert(
      fc.property(fc.array(healthyStore, { maxLength: 6 }), (stores) => {
        const v = vault(
          stores.map((s) => s.profile),
          stores.flatMap((s) => s.tokens),
        );
        expect(computeFindings(v, {}, NOW, catalog)).toEqual([]);
        expect(
          computeFindings(
            v,
            {},
            NOW,
            catalog,
            v.tokens.map((t) => t.id),
          ),
        ).toEqual([]);
      }),
    );
  });

  it('Shippo active tokens never exceed 2 per mode per account after any sequence of approved writes', () => {
    const accounts = [store({ provider: 'shippo' }), store({ provider: 'shippo' })];
    const op = fc.oneof(
      fc.record({
        type: fc.constant('add' as const),
        store: fc.integer({ min: 0, max: 1 }),
        mode: fc.constantFrom('live' as const, 'test' as const),
        status: fc.constantFrom('active' as const, 'inactive' as const),
      }),
      fc.record({
        type: fc.constant('status' as const),
        pick: fc.nat(),
        status: fc.constantFrom('active' as const, 'inactive' as const, 'revoked' as const),
      }),
      fc.record({
        type: fc.constant('mode' as const),
        pick: fc.nat(),
        mode: fc.constantFrom('live' as const, 'test' as const),
      }),
      fc.record({ type: fc.constant('move' as const), pick: fc.nat(), store: fc.integer({ min: 0, max: 1 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let tokens: Token[] = [];
        for (const o of ops) {
          const target = o.type === 'add' ? undefined : tokens[o.pick % Math.max(1, tokens.length)];
          if (o.type !== 'add' && !target) continue;
          const candidate: Token =
            o.type === 'add'
              ? token(accounts[o.store]!, { mode: o.mode, status: o.status })
              : o.type === 'status'
                ? { ...target!, status: o.status }
                : o.type === 'mode'
                  ? { ...target!, mode: o.mode }
                  : { ...target!, storeId: accounts[o.store]!.id };
          if (checkTokenWrite(vault(accounts, tokens), candidate, catalog) !== null) continue;
          tokens =
            o.type === 'add' ? [...tokens, candidate] : tokens.map((t) => (t.id === candidate.id ? candidate : t));
          for (const a of accounts)
            for (const mode of ['live', 'test']) {
              expect(
                tokens.filter((t) => t.storeId === a.id && t.status === 'active' && t.mode === mode).length,
              ).toBeLessThanOrEqual(2);
            }
        }
      }),
    );
  });

  it('expiry findings are monotone in time: a token that warns at t warns at every later t, and is expired from its date on', () => {
    const shop = store({ provider: 'thinkific', environment: 'staging', identifiers: { subdomain: 'x' } });
    const t = token(shop, { kind: 'access-token', expiresAt: daysFrom(NOW, 200), expirySource: 'user' });
    const expiry = Date.parse(t.expiresAt!);
    fc.assert(
      fc.property(
        // Two instants given as hours before expiry (negative: after it), dense around the lead times.
        fc.integer({ min: -48, max: 130 * 24 }),
        fc.integer({ min: -48, max: 130 * 24 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 5 }),
        (aHours, bHours, leads) => {
          const [early, late] = [Math.max(aHours, bHours), Math.min(aHours, bHours)].map(
            (h) => new Date(expiry - h * 3_600_000),
          );
          const at = (when: Date) =>
            computeFindings(vault([shop], [t]), { leadTimesDays: leads }, when, catalog).map((f) => f.kind);
          const before = at(early!);
          const after = at(late!);
          if (before.includes('expiring')) expect(after.includes('expiring') || after.includes('expired')).toBe(true);
          if (before.includes('expired')) expect(after).toContain('expired');
          if (late!.getTime() >= expiry) expect(after).toEqual(['expired']);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('expiry warnings start exactly at the largest lead time', () => {
    const shop = store({ provider: 'thinkific', environment: 'staging', identifiers: { subdomain: 'x' } });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 365 }), (lead) => {
        const t = token(shop, {
          kind: 'access-token',
          expiresAt: new Date(NOW.getTime() + lead * DAY).toISOString(),
          expirySource: 'user',
        });
        const at = (ms: number) =>
          computeFindings(vault([shop], [t]), { leadTimesDays: [lead, 1] }, new Date(NOW.getTime() + ms), catalog).map(
            (f) => f.kind,
          );
        expect(at(-60_000)).toEqual([]);
        expect(at(0)).toEqual(['expiring']);
      }),
    );
  });
});
