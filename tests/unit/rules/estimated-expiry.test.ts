import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../../electron/core/rules';
import { effectiveExpiry, secretAge } from '../../../electron/core/rules/expiry';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { policyOf } from '../../../electron/core/providers/provider-module';
import { daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();
const printify = policyOf(catalog.get('printify'), 'access-token');

// providers.md § Printify: one year from creation; read from exp when the token has one.
describe('an expiry Keyward could not read is an estimate, fed by the created date', () => {
  const shop = store({ provider: 'printify' });

  it('is marked estimated and follows a created date set after the estimate was stored', () => {
    const t = token(shop, {
      kind: 'access-token',
      createdAt: daysFrom(NOW, -360),
      expiresAt: daysFrom(NOW, 300), // stored from the paste time, before the created date was known
      expirySource: 'provider-rule',
    });
    const expiry = effectiveExpiry(t, printify);
    expect(expiry).toEqual({ at: new Date(daysFrom(NOW, 5)), estimated: true });
    const [f] = computeFindings(vault([shop], [t]), {}, NOW, catalog).filter((x) => x.kind === 'expiring');
    expect(f?.message).toMatch(/expires in 5 days, on .* \(estimated from the provider's rule\)/);
  });

  it('keeps a date read from the token as it is, not estimated', () => {
    const t = token(shop, { kind: 'access-token', expiresAt: daysFrom(NOW, 40), expirySource: 'token' });
    expect(effectiveExpiry(t, printify)).toEqual({ at: new Date(daysFrom(NOW, 40)), estimated: false });
  });
});

// providers.md § PixlPay: rotate every 90 days.
describe('rotation age counts from the created date when one is known', () => {
  const pixl = store({ provider: 'pixlpay', identifiers: { host: 'a.pixlpay.net' } });

  it('uses the created date over the later paste date', () => {
    const t = token(pixl, {
      kind: 'access-token',
      scopes: ['products:read'],
      createdAt: daysFrom(NOW, -100),
      secret: { fingerprint: 'b'.repeat(64), masked: 'sk_live_ab…cdef', setAt: daysFrom(NOW, -3) },
    });
    expect(secretAge(t).toISOString()).toBe(daysFrom(NOW, -100));
    expect(computeFindings(vault([pixl], [t]), {}, NOW, catalog).map((f) => f.kind)).toContain('rotation_due');
  });

  it("restarts at a new value for the same token (PixlPay's Rotate), whatever the created date", () => {
    const t = token(pixl, {
      kind: 'access-token',
      createdAt: daysFrom(NOW, -100),
      previousSecrets: [
        {
          fingerprint: 'c'.repeat(64),
          masked: 'sk_live_cd…0000',
          setAt: daysFrom(NOW, -100),
          replacedAt: daysFrom(NOW, -2),
        },
      ],
    });
    expect(secretAge(t).toISOString()).toBe(daysFrom(NOW, -2));
    expect(computeFindings(vault([pixl], [t]), {}, NOW, catalog).map((f) => f.kind)).not.toContain('rotation_due');
  });

  it('falls back to when the value was stored', () => {
    const t = token(pixl, { kind: 'access-token', createdAt: null });
    expect(secretAge(t).toISOString()).toBe(t.secret!.setAt);
  });
});
