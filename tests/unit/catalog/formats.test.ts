import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { deriveTokenFacts } from '../../../electron/core/providers/derive';
import { validateSecretFormat } from '../../../electron/core/providers/formats';
import { makeJwt, NOW } from '../rules/builders';

const catalog = createCatalog();
const HEX40 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const IAT = Date.parse('2026-03-01T12:00:00Z') / 1000;
const PRINTIFY_JWT = makeJwt({
  aud: '37d4bd3079',
  iat: IAT,
  nbf: IAT,
  exp: IAT + 365 * 86400,
  sub: '123',
  scopes: ['shops.read', 'orders.read', 'products.write'],
});

describe('validateSecretFormat', () => {
  it.each([
    ['providers.md § Shippo: token shape (40 hex)', 'shippo', 'api-key', `shippo_live_${HEX40}`, null],
    [
      'providers.md § Shippo: token shape (32 hex, older examples)',
      'shippo',
      'api-key',
      `shippo_test_${HEX40.slice(0, 32)}`,
      null,
    ],
    [
      'providers.md § Shippo: uppercase hex is not accepted',
      'shippo',
      'api-key',
      `shippo_live_${HEX40.toUpperCase()}`,
      /32-40 hex/,
    ],
    [
      'providers.md § Shippo: a missing mode prefix is refused',
      'shippo',
      'api-key',
      `shippo_${HEX40}`,
      /shippo_live_ or shippo_test_/,
    ],
    [
      'seeds/004 PixlPay: format sk_live_ + alphanumerics',
      'pixlpay',
      'access-token',
      'sk_live_1234567890abcdefghijklmnopqrstuvwxyz',
      null,
    ],
    [
      'seeds/004 PixlPay: sk_test_ is named in troubleshooting',
      'pixlpay',
      'access-token',
      'sk_test_1234567890abcdefghij',
      null,
    ],
    [
      'seeds/004 PixlPay: wrong prefix is a documented 401 cause',
      'pixlpay',
      'access-token',
      'pk_live_1234567890abcdefghij',
      /sk_live_ or sk_test_/,
    ],
    ['providers.md § Printify: token shape is a JWT', 'printify', 'access-token', PRINTIFY_JWT, null],
    ['providers.md § Printify: not a JWT', 'printify', 'access-token', 'abcdefabcdefabcdefabcdef', /JWT/],
    [
      'providers.md § Printago: opaque lowercase alphanumeric',
      'printago',
      'api-key',
      'k'.repeat(24) + '0123456789abcdef',
      null,
    ],
    [
      'providers.md § Printago: uppercase is not the known shape (unconfirmed: a hint)',
      'printago',
      'api-key',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123',
      /only a hint/,
    ],
    [
      'providers.md § Thinkific: API key 32 hex (unconfirmed)',
      'thinkific',
      'api-key',
      '0123456789abcdef0123456789abcdef',
      null,
    ],
    [
      'providers.md § Thinkific: access tokens have no published shape',
      'thinkific',
      'access-token',
      'anything-goes-here',
      null,
    ],
  ])('%s', (_source, provider, kind, secret, expected) => {
    const message = validateSecretFormat(catalog, provider, kind as 'api-key' | 'access-token', secret);
    if (expected === null) expect(message).toBeNull();
    else {
      expect(message).toMatch(expected);
      expect(message).not.toContain(secret);
    }
  });
});

describe('deriveTokenFacts', () => {
  it('providers.md § Printify: expiry from the exp claim, created from iat, scopes from scopes', () => {
    const facts = deriveTokenFacts(catalog, 'printify', 'access-token', PRINTIFY_JWT, NOW);
    expect(facts).toMatchObject({
      expiresAt: '2027-03-01T12:00:00.000Z',
      expirySource: 'token',
      createdAt: '2026-03-01T12:00:00.000Z',
      scopes: ['shops.read', 'orders.read', 'products.write'],
      formatProblem: null,
    });
    expect(facts.masked.startsWith('eyJ')).toBe(true);
    expect(JSON.stringify(facts)).not.toContain(PRINTIFY_JWT.split('.')[1]);
  });

  it('help.printify.com: a token that will not decode expires one year after the given creation date (provider rule)', () => {
    const facts = deriveTokenFacts(catalog, 'printify', 'access-token', 'eyJhbGciOi.eyJub3Rqc29u.c2ln', NOW, {
      createdAt: '2026-01-10T00:00:00.000Z',
    });
    expect(facts).toMatchObject({ expiresAt: '2027-01-10T00:00:00.000Z', expirySource: 'provider-rule' });
  });

  it('help.printify.com: without a creation date the one-year rule counts from now', () => {
    const facts = deriveTokenFacts(catalog, 'printify', 'access-token', 'not-a-jwt-at-all', NOW);
    expect(facts.expiresAt).toBe(new Date(NOW.getTime() + 365 * 86_400_000).toISOString());
    expect(facts.formatProblem).toMatch(/JWT/);
  });

  it.each([
    ['providers.md § Shippo: mode from shippo_live_', 'shippo', 'api-key', `shippo_live_${HEX40}`, 'live'],
    ['providers.md § Shippo: mode from shippo_test_', 'shippo', 'api-key', `shippo_test_${HEX40}`, 'test'],
    ['seeds/004 PixlPay: live from sk_live_', 'pixlpay', 'access-token', 'sk_live_1234567890abcdefghij', 'live'],
    ['seeds/004 PixlPay: test from sk_test_', 'pixlpay', 'access-token', 'sk_test_1234567890abcdefghij', 'test'],
  ])('%s', (_source, provider, kind, secret, mode) => {
    const facts = deriveTokenFacts(catalog, provider, kind as 'api-key' | 'access-token', secret, NOW);
    expect(facts.mode).toBe(mode);
    expect(facts.masked.startsWith(secret.slice(0, secret.indexOf('_', secret.indexOf('_') + 1) + 1))).toBe(true);
    expect(facts.masked).not.toContain(secret.slice(-12));
  });

  it('providers.md § Shippo: no expiry documented, so the token never expires', () => {
    expect(deriveTokenFacts(catalog, 'shippo', 'api-key', `shippo_live_${HEX40}`, NOW)).toMatchObject({
      expiresAt: null,
      expirySource: 'none',
    });
  });

  it('providers.md § Printago: the Key ID is the first 24 characters of the key', () => {
    const key = 'abcdefghijklmnopqrstuvwx' + 'secretpart0123456789';
    const facts = deriveTokenFacts(catalog, 'printago', 'api-key', key, NOW);
    expect(facts.settings.keyId).toBe('abcdefghijklmnopqrstuvwx');
    expect(facts.masked).not.toContain('secretpart');
  });

  it('seeds/003 Thinkific: access tokens take their expiry from the user, so nothing is pre-filled', () => {
    const facts = deriveTokenFacts(catalog, 'thinkific', 'access-token', 'opaque-token-value-123', NOW);
    expect(facts.expiresAt).toBeUndefined();
  });

  it('providers.md § Thinkific: API keys have no expiry', () => {
    expect(deriveTokenFacts(catalog, 'thinkific', 'api-key', '0123456789abcdef0123456789abcdef', NOW)).toMatchObject({
      expiresAt: null,
      expirySource: 'none',
    });
  });
});
