import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { recognizeSecret } from '../../../electron/core/recognition/recognize';
import { makeJwt, NOW } from '../rules/builders';

const catalog = createCatalog();
const IAT = Date.parse('2026-06-01T00:00:00Z') / 1000;

describe('recognizeSecret (issue 3: recognition on paste)', () => {
  it('providers.md § Printify: a JWT with Printify scopes is Printify, with expiry and scopes filled', () => {
    const [top] = recognizeSecret(
      catalog,
      makeJwt({ iat: IAT, exp: IAT + 365 * 86400, sub: '1', scopes: ['shops.read', 'products.read'] }),
      NOW,
    );
    expect(top).toMatchObject({
      provider: 'printify',
      kind: 'access-token',
      facts: { expiresAt: '2027-06-01T00:00:00.000Z', expirySource: 'token', scopes: ['shops.read', 'products.read'] },
    });
    expect(top!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('a JWT without Printify claims is only a weak Printify guess', () => {
    const [top] = recognizeSecret(catalog, makeJwt({ sub: 'someone', role: 'admin' }), NOW);
    expect(top?.confidence).toBeLessThan(0.5);
  });

  it.each([
    ['providers.md § Shippo: shippo_live_ prefix', `shippo_live_${'ab12'.repeat(10)}`, 'shippo', 'live', 0.9],
    ['providers.md § Shippo: shippo_test_ prefix', `shippo_test_${'ab12'.repeat(8)}`, 'shippo', 'test', 0.9],
    [
      'seeds/004 PixlPay: sk_live_ prefix (shared with other platforms: medium confidence)',
      'sk_live_1234567890abcdefghijklmnopqrstuvwxyz',
      'pixlpay',
      'live',
      0.5,
    ],
    ['seeds/004 PixlPay: sk_test_ prefix', 'sk_test_1234567890abcdefghij', 'pixlpay', 'test', 0.5],
    [
      'providers.md § Thinkific: 32 hex is a low-confidence API key',
      '0123456789abcdef0123456789abcdef',
      'thinkific',
      null,
      0.2,
    ],
  ])('%s', (_source, secret, provider, mode, atLeast) => {
    const [top] = recognizeSecret(catalog, secret, NOW);
    expect(top).toMatchObject({ provider, mode });
    expect(top!.confidence).toBeGreaterThanOrEqual(atLeast);
  });

  it('providers.md § Printago: opaque lowercase alphanumerics are a low-confidence Printago key with its Key ID', () => {
    const found = recognizeSecret(catalog, 'q'.repeat(24) + 'zzzzyyyyxxxx', NOW);
    expect(found).toEqual([
      expect.objectContaining({
        provider: 'printago',
        facts: expect.objectContaining({ settings: { keyId: 'q'.repeat(24) } }),
      }),
    ]);
    expect(found[0]!.confidence).toBeLessThan(0.5);
  });

  it('a Shippo prefix with a damaged body is still proposed, with the format problem', () => {
    const [top] = recognizeSecret(catalog, 'shippo_live_NOT-HEX-AT-ALL-1234567890', NOW);
    expect(top?.provider).toBe('shippo');
    expect(top?.facts.formatProblem).toMatch(/32-40 hex/);
  });

  it.each(['hello world this is text', 'Password123!', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'])(
    'proposes nothing for %s',
    (value) => {
      expect(recognizeSecret(catalog, value, NOW)).toEqual([]);
    },
  );

  it('never returns the secret in its proposals', () => {
    const secret = `shippo_live_${'ab12'.repeat(10)}`;
    expect(JSON.stringify(recognizeSecret(catalog, secret, NOW))).not.toContain(secret.slice(12));
  });
});
