import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import { resolveFindingSettings } from '../../../electron/core/rules/finding-settings';
import { daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();
const kinds = (findings: Finding[]) => findings.map((f) => f.kind);
const only = (findings: Finding[], kind: Finding['kind']) => findings.filter((f) => f.kind === kind);

describe('expiry findings (design.md: expired, expiring 30/14/7/1 days)', () => {
  const shop = store({ provider: 'printago', environment: 'staging' });
  const key = (days: number, over = {}) =>
    token(shop, { expiresAt: daysFrom(NOW, days), expirySource: 'user', settings: { accessLevel: 'custom' }, ...over });

  it('reports an expired token as critical, with its date', () => {
    const [f] = only(computeFindings(vault([shop], [key(-2)]), {}, NOW, catalog), 'expired');
    expect(f).toMatchObject({ severity: 'critical', subject: { storeId: shop.id } });
    expect(f!.message).toMatch(/expired on 2026-11-20/);
  });

  it.each([
    [31, null],
    [30, 30],
    [20, 30],
    [14, 14],
    [10, 14],
    [7, 7],
    [3, 7],
    [1, 1],
    [0.5, 1],
  ])('a token expiring in %s days falls in the %s-day lead time', (days, lead) => {
    const found = only(computeFindings(vault([shop], [key(days)]), {}, NOW, catalog), 'expiring');
    if (lead === null) expect(found).toEqual([]);
    else expect(found[0]?.leadDays).toBe(lead);
  });

  it('honours per-provider lead times over the global ones', () => {
    const settings = { providers: { printago: { leadTimesDays: [60] } } };
    expect(only(computeFindings(vault([shop], [key(45)]), settings, NOW, catalog), 'expiring')).toHaveLength(1);
    expect(only(computeFindings(vault([shop], [key(45)]), {}, NOW, catalog), 'expiring')).toHaveLength(0);
  });

  it.each(['revoked', 'rotated', 'inactive'] as const)('a %s token produces no expiry finding', (status) => {
    const findings = computeFindings(vault([shop], [key(-5, { status }), key(3, { status })]), {}, NOW, catalog);
    expect(findings.filter((f) => f.kind === 'expired' || f.kind === 'expiring')).toEqual([]);
    // A rotated token is only a reminder to revoke it at the provider, never an expiry warning.
    expect(findings.map((f) => f.kind)).toEqual(status === 'rotated' ? ['revoke_pending', 'revoke_pending'] : []);
  });

  it('help.printify.com: a Printify token with no expiry date is judged one year after creation', () => {
    const printify = store({ provider: 'printify' });
    const t = token(printify, { kind: 'access-token', createdAt: daysFrom(NOW, -360), expiresAt: null });
    const [f] = only(computeFindings(vault([printify], [t]), {}, NOW, catalog), 'expiring');
    expect(f?.message).toMatch(/estimated/);
  });

  it('seeds/004 PixlPay: rotation is due 90 days after the value was set, not before', () => {
    const pixl = store({ provider: 'pixlpay', identifiers: { host: 'a.pixlpay.net' } });
    const fresh = token(pixl, {
      kind: 'access-token',
      scopes: ['products:read'],
      createdAt: daysFrom(NOW, -89),
      secret: { fingerprint: 'a'.repeat(64), masked: 'sk_live_…', setAt: daysFrom(NOW, -89) },
    });
    const stale = token(pixl, {
      kind: 'access-token',
      scopes: ['products:read'],
      createdAt: daysFrom(NOW, -200),
      secret: { fingerprint: 'b'.repeat(64), masked: 'sk_live_…', setAt: daysFrom(NOW, -91) },
    });
    const found = only(computeFindings(vault([pixl], [fresh, stale]), {}, NOW, catalog), 'rotation_due');
    expect(found.map((f) => f.subject.tokenId)).toEqual([stale.id]);
    expect(
      only(
        computeFindings(vault([pixl], [stale]), { providers: { pixlpay: { rotationDays: 0 } } }, NOW, catalog),
        'rotation_due',
      ),
    ).toEqual([]);
  });
});

describe('store and token findings', () => {
  it('providers.md § Shippo: "Shippo live tokens: 2 of 2 held", inactive ones included', () => {
    const acme = store({ provider: 'shippo', label: 'Acme' });
    const found = computeFindings(
      vault(
        [acme],
        [
          token(acme, { mode: 'live' }),
          token(acme, { mode: 'live', status: 'inactive' }),
          token(acme, { mode: 'test' }),
        ],
      ),
      {},
      NOW,
      catalog,
    );
    expect(only(found, 'slot_limit')).toEqual([
      expect.objectContaining({
        id: `slot_limit:${acme.id}:live`,
        severity: 'info',
        message: expect.stringContaining('Shippo live tokens: 2 of 2 held in Acme'),
      }),
    ]);
  });

  it('seeds/004 PixlPay: a rate limit above the plan cap is a warning', () => {
    const pixl = store({ provider: 'pixlpay', identifiers: { host: 'a.pixlpay.net', plan: 'starter' } });
    const [f] = only(
      computeFindings(
        vault([pixl], [token(pixl, { kind: 'access-token', scopes: ['products:read'], settings: { rateLimit: 300 } })]),
        {},
        NOW,
        catalog,
      ),
      'rate_limit_above_plan',
    );
    expect(f?.message).toMatch(/300 requests\/min, above the starter plan's cap of 120/);
  });

  it('seeds/002 Printago: Full Access and an empty allowlist on a production store are reported; managed keys are not', () => {
    const shop = store({ provider: 'printago', environment: 'production' });
    const full = token(shop, { settings: { accessLevel: 'full' } });
    const managed = token(shop, { settings: { accessLevel: 'full', managedBy: 'Shopify' } });
    const found = computeFindings(vault([shop], [full, managed]), {}, NOW, catalog);
    expect(
      found
        .filter((f) => f.subject.tokenId === full.id)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['broad_access', 'open_allowlist']);
    expect(found.filter((f) => f.subject.tokenId === managed.id)).toEqual([]);
  });

  it('seeds/004 PixlPay: a write scope marked unneeded is broad access', () => {
    const pixl = store({ provider: 'pixlpay', identifiers: { host: 'a.pixlpay.net' } });
    const t = token(pixl, {
      kind: 'access-token',
      scopes: ['products:read', 'orders:write'],
      settings: { unneededScopes: ['orders:write', 'settings:write'] },
    });
    expect(only(computeFindings(vault([pixl], [t]), {}, NOW, catalog), 'broad_access')[0]?.message).toMatch(
      /holds orders:write, which you marked/,
    );
  });

  it('reports the same secret stored twice on both tokens', () => {
    const acme = store({ provider: 'shippo' });
    const secret = { fingerprint: 'c'.repeat(64), masked: 'shippo_live_ab…1234', setAt: daysFrom(NOW, -1) };
    const a = token(acme, { mode: 'live', secret });
    const b = token(acme, { mode: 'test', secret });
    expect(
      only(computeFindings(vault([acme], [a, b]), {}, NOW, catalog), 'duplicate_secret')
        .map((f) => f.subject.tokenId)
        .sort(),
    ).toEqual([a.id, b.id].sort());
  });

  it('compares metadata with keychain accounts only when they are given', () => {
    const acme = store({ provider: 'shippo', environment: 'staging' });
    const t = token(acme, { mode: 'live' });
    expect(computeFindings(vault([acme], [t]), {}, NOW, catalog)).toEqual([]);
    const found = computeFindings(vault([acme], [t]), {}, NOW, catalog, ['stray-account']);
    expect(kinds(found).sort()).toEqual(['orphan_secret', 'secret_missing']);
    expect(only(found, 'secret_missing')[0]?.severity).toBe('critical');
  });

  it.each([
    ['invalid', 'critical'],
    ['unreachable', 'info'],
    ['unknown', 'info'],
  ] as const)('a last check that was %s is %s', (outcome, severity) => {
    const acme = store({ provider: 'shippo', environment: 'staging' });
    const t = token(acme, { mode: 'live', lastCheck: { outcome, detail: 'answer', checkedAt: daysFrom(NOW, -1) } });
    expect(only(computeFindings(vault([acme], [t]), {}, NOW, catalog), 'check_failed')[0]?.severity).toBe(severity);
  });

  it('a test token in a production store is a warning', () => {
    const acme = store({ provider: 'shippo', environment: 'production' });
    expect(
      only(computeFindings(vault([acme], [token(acme, { mode: 'test' })]), {}, NOW, catalog), 'test_in_production')[0]
        ?.severity,
    ).toBe('warning');
  });

  it('reports a recorded format problem', () => {
    const acme = store({ provider: 'shippo', environment: 'staging' });
    const t = token(acme, { mode: 'live' });
    const withProblem = {
      ...t,
      secret: { ...t.secret!, formatProblem: 'A Shippo token starts with shippo_live_ or shippo_test_' },
    };
    expect(only(computeFindings(vault([acme], [withProblem]), {}, NOW, catalog), 'format_mismatch')[0]?.severity).toBe(
      'warning',
    );
  });

  it('reports a custom provider definition that does not parse, and keeps the rest working', () => {
    const withBad = createCatalog(undefined, [{ id: 'broken', name: 'Broken', baseUrl: 'http://insecure.example' }]);
    const [f] = computeFindings(vault([], []), {}, NOW, withBad);
    expect(f).toMatchObject({ kind: 'custom_provider_invalid', subject: { providerId: 'custom:broken' } });
    expect(withBad.list().map((p) => p.id)).toContain('shippo');
  });

  it('orders findings most severe first, and their ids are stable across runs', () => {
    const acme = store({ provider: 'shippo', environment: 'production' });
    const v = vault(
      [acme],
      [token(acme, { mode: 'test', lastCheck: { outcome: 'invalid', detail: 'x', checkedAt: daysFrom(NOW, -1) } })],
    );
    const first = computeFindings(v, {}, NOW, catalog);
    expect(first.map((f) => f.severity)).toEqual(['critical', 'warning']);
    expect(computeFindings(v, {}, NOW, catalog).map((f) => f.id)).toEqual(first.map((f) => f.id));
  });

  it('falls back to the default lead times when the stored settings are unreadable', () => {
    expect(resolveFindingSettings({ leadTimesDays: 'soon' }).leadTimesDays).toEqual([30, 14, 7, 1]);
  });
});
