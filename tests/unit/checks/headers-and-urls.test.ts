import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from '../../../electron/core/features/checks/base-url';
import { accountKeyFor, publishedLimits } from '../../../electron/core/features/checks/limits';
import { PROBES, probeForCustomProvider } from '../../../electron/core/features/checks/probes';
import {
  parseRetryAfter,
  parseThinkificReset,
  parseXRateLimitReset,
  retryAfterMs,
} from '../../../electron/core/features/checks/retry-after';

const now = new Date('2026-03-01T12:00:00.000Z');

describe('429 waits', () => {
  it('Retry-After: seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('X-RateLimit-Reset: epoch seconds or seconds until', () => {
    expect(parseXRateLimitReset(String(now.getTime() / 1000 + 42), now)).toBe(42_000);
    expect(parseXRateLimitReset('42', now)).toBe(42_000);
  });
  it("Thinkific's RateLimit-Reset: epoch seconds or milliseconds until, told apart by size", () => {
    expect(parseThinkificReset(String(now.getTime() / 1000 + 15), now)).toBe(15_000);
    expect(parseThinkificReset('15000', now)).toBe(15_000);
    expect(parseThinkificReset('250', now)).toBe(250);
  });
  it('headers are read case-insensitively, Retry-After first', () => {
    expect(retryAfterMs({ 'RETRY-AFTER': '2', 'ratelimit-reset': '9000' }, now)).toBe(2_000);
    expect(retryAfterMs({ 'RateLimit-Reset': '9000' }, now)).toBe(9_000);
    expect(retryAfterMs({}, now)).toBeUndefined();
  });
});

describe('base URL overrides', () => {
  it('environment wins over settings; defaults stay when neither is set', () => {
    expect(
      resolveBaseUrl('shippo', {
        env: { KEYWARD_BASE_URL_SHIPPO: 'http://127.0.0.1:4010/' },
        settings: { shippo: 'https://staging.example' },
      }),
    ).toBe('http://127.0.0.1:4010');
    expect(resolveBaseUrl('shippo', { settings: { shippo: 'https://staging.example/' } })).toBe(
      'https://staging.example',
    );
    expect(resolveBaseUrl('printify', { env: {} })).toBeUndefined();
    expect(resolveBaseUrl('pixlpay', { env: { KEYWARD_BASE_URL_PIXLPAY: 'http://localhost:9000' } })).toBe(
      'http://localhost:9000',
    );
  });
  it('accepts only https, or http on 127.0.0.1/localhost', () => {
    expect(() =>
      resolveBaseUrl('thinkific', { env: { KEYWARD_BASE_URL_THINKIFIC: 'http://api.example.com' } }),
    ).toThrow(/https/);
    expect(() => resolveBaseUrl('thinkific', { env: { KEYWARD_BASE_URL_THINKIFIC: 'http://10.0.0.1' } })).toThrow(
      /https/,
    );
    expect(() => resolveBaseUrl('thinkific', { env: { KEYWARD_BASE_URL_THINKIFIC: 'ftp://127.0.0.1' } })).toThrow();
    expect(() => resolveBaseUrl('thinkific', { env: { KEYWARD_BASE_URL_THINKIFIC: 'https://u:p@x.example' } })).toThrow(
      /password/,
    );
  });
  it("probes default to the providers' own hosts", () => {
    const t = {
      secret: 'secret-value-1',
      identifiers: { host: 'mystore.pixlpay.net', storeId: 's', subdomain: 'acme' },
      kind: 'api-key' as const,
      mode: null,
    };
    expect(PROBES.printify.request(t).url).toBe('https://api.printify.com/v1/shops.json');
    expect(PROBES.shippo.request(t).url).toBe('https://api.goshippo.com/carrier_accounts?results=1');
    expect(PROBES.printago.request(t).url).toBe('https://api.printago.io/v1/printers?limit=1');
    expect(PROBES.thinkific.request(t).url).toBe('https://api.thinkific.com/api/public/v1/courses?limit=1');
    expect(PROBES.pixlpay.request(t).url).toBe('https://mystore.pixlpay.net/api/external/v1/products?per_page=1');
    expect(PROBES.pixlpay.request({ ...t, baseUrl: 'http://127.0.0.1:5000' }).url).toBe(
      'http://127.0.0.1:5000/api/external/v1/products?per_page=1',
    );
  });
});

describe('custom PixlPay-style providers', () => {
  it('builds the request from the template and path', () => {
    const spec = probeForCustomProvider({
      name: 'Acme Shop',
      baseUrl: 'https://shop.acme.test',
      authHeaderTemplate: 'X-Api-Token: Token {token}',
      probePath: '/api/v2/items?limit=1',
    });
    const req = spec.request({ secret: 'abc12345xyz', identifiers: {}, kind: 'access-token', mode: null });
    expect(req).toEqual({
      url: 'https://shop.acme.test/api/v2/items?limit=1',
      headers: { 'X-Api-Token': 'Token abc12345xyz', Accept: 'application/json' },
    });
    const ctx = { now, identifiers: {}, kind: 'access-token' as const, mode: null };
    expect(spec.classify({ status: 200, headers: {}, body: '{"items":[]}' }, ctx).outcome).toBe('valid');
    expect(
      spec.classify(
        { status: 403, headers: {}, body: '{"message":"Token does not have the required scope: products:read"}' },
        ctx,
      ),
    ).toMatchObject({
      outcome: 'restricted',
      context: { missingScope: 'products:read' },
    });
  });
  it('rejects bad templates, paths and base URLs', () => {
    const base = {
      baseUrl: 'https://shop.acme.test',
      authHeaderTemplate: 'Authorization: Bearer {token}',
      probePath: '/x',
    };
    expect(() => probeForCustomProvider({ ...base, authHeaderTemplate: 'Authorization: Bearer' })).toThrow(/\{token\}/);
    expect(() => probeForCustomProvider({ ...base, probePath: 'x y' })).toThrow();
    expect(() => probeForCustomProvider({ ...base, baseUrl: 'http://shop.acme.test' })).toThrow(/https/);
  });
});

describe('accounts and limits', () => {
  it("keys buckets by the provider's unit of limiting", () => {
    const of = {
      storeProfileId: 'p1',
      tokenId: 't1',
      identifiers: { storeId: 'ABCDEFGHIJKLMNOPQRSTUVWX', subdomain: 'Acme' },
      mode: 'live' as const,
    };
    expect(accountKeyFor({ ...of, provider: 'printify' })).toBe('printify:p1');
    expect(accountKeyFor({ ...of, provider: 'shippo' })).toBe('shippo:p1:live');
    expect(accountKeyFor({ ...of, provider: 'printago' })).toBe('printago:abcdefghijklmnopqrstuvwx');
    expect(accountKeyFor({ ...of, provider: 'thinkific' })).toBe('thinkific:acme');
    expect(accountKeyFor({ ...of, provider: 'pixlpay' })).toBe('pixlpay:token:t1');
  });
  it('uses the published limits', () => {
    const of = { storeProfileId: 'p', tokenId: 't', identifiers: {}, mode: null };
    expect(publishedLimits({ ...of, provider: 'printify' })).toMatchObject({
      windows: [{ limit: 600, windowMs: 60_000 }],
      maxErrorShare: 0.05,
    });
    expect(publishedLimits({ ...of, provider: 'shippo', mode: 'live' }).windows).toEqual([
      { limit: 50, windowMs: 60_000 },
    ]);
    expect(publishedLimits({ ...of, provider: 'shippo' }).windows).toEqual([{ limit: 10, windowMs: 60_000 }]);
    expect(publishedLimits({ ...of, provider: 'printago' }).windows).toEqual([
      { limit: 60, windowMs: 60_000 },
      { limit: 600, windowMs: 3_600_000 },
    ]);
    expect(publishedLimits({ ...of, provider: 'thinkific' }).windows).toEqual([{ limit: 120, windowMs: 60_000 }]);
    expect(publishedLimits({ ...of, provider: 'pixlpay', settings: { rateLimit: 300 } }).windows).toEqual([
      { limit: 300, windowMs: 60_000 },
    ]);
    expect(publishedLimits({ ...of, provider: 'pixlpay' }).windows).toEqual([{ limit: 60, windowMs: 60_000 }]);
  });
});
