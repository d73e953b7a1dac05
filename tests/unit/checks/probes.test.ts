import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../electron/core/features/checks/check-runner';
import type { CheckItem } from '../../../electron/core/features/checks/check-types';
import type { ProbeTarget } from '../../../electron/core/features/checks/probe-spec';
import { createUndiciHttpClient } from '../../../electron/main/adapters/undici-http-client';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { item, RAW_LIMITS, realDeps, USER_AGENT } from './helpers';

const PRINTIFY_OK = 'eyJhbGciOiJSUzI1NiJ9.printify-valid.sig';
const PRINTIFY_NO_SCOPE = 'eyJhbGciOiJSUzI1NiJ9.printify-noscope.sig';
const SHIPPO_LIVE = `shippo_live_${'a1'.repeat(20)}`;
const SHIPPO_TEST = `shippo_test_${'b2'.repeat(20)}`;
const SHIPPO_FORBIDDEN = `shippo_live_${'c3'.repeat(20)}`;
const STORE = 'abcdefghijklmnopqrstuvwx';
const PRINTAGO_OK = 'printagokey000000000000000000000000000001';
const PRINTAGO_IP = 'printagokey000000000000000000000000000002';
const THINKIFIC_KEY = '0123456789abcdef0123456789abcdef';
const THINKIFIC_BEARER = 'tk-access-token-valid-000000000000';
const THINKIFIC_NOSCOPE = 'tk-access-token-noscope-0000000000';
const THINKIFIC_NOPLAN = 'fedcba9876543210fedcba9876543210';
const PIXL_OK = 'sk_live_validtoken0000000000000001';
const PIXL_NOSCOPE = 'sk_live_ordersonly000000000000002';

const SECRETS = [
  PRINTIFY_OK,
  PRINTIFY_NO_SCOPE,
  SHIPPO_LIVE,
  SHIPPO_TEST,
  SHIPPO_FORBIDDEN,
  PRINTAGO_OK,
  PRINTAGO_IP,
  THINKIFIC_KEY,
  THINKIFIC_BEARER,
  THINKIFIC_NOSCOPE,
  THINKIFIC_NOPLAN,
  PIXL_OK,
  PIXL_NOSCOPE,
];

let fakes: FakeProviders;
const http = createUndiciHttpClient({ connectTimeoutMs: 1_000 });

beforeAll(async () => {
  fakes = await startFakeProviders({
    tokens: {
      printify: {
        [PRINTIFY_OK]: {
          account: 'acct-1',
          shops: [
            { id: 5432, title: 'My new store' },
            { id: 5433, title: 'Second shop' },
          ],
        },
        [PRINTIFY_NO_SCOPE]: { account: 'acct-1', scopes: ['orders.read'] },
      },
      shippo: {
        [SHIPPO_LIVE]: { owner: 'merchant@example.com' },
        [SHIPPO_TEST]: { owner: 'merchant@example.com' },
        [SHIPPO_FORBIDDEN]: { owner: 'other@example.com', forbidden: true },
      },
      printago: { [PRINTAGO_OK]: { storeId: STORE }, [PRINTAGO_IP]: { storeId: STORE, ipAllowed: false } },
      thinkific: {
        [THINKIFIC_KEY]: { subdomain: 'acme-academy', kind: 'api-key', courses: 7 },
        [THINKIFIC_BEARER]: { subdomain: 'acme-academy', kind: 'access-token' },
        [THINKIFIC_NOSCOPE]: { subdomain: 'acme-academy', kind: 'access-token', canReadCourses: false },
        [THINKIFIC_NOPLAN]: { subdomain: 'cheap-site', kind: 'api-key', planHasApi: false },
      },
      pixlpay: { [PIXL_OK]: { scopes: ['products:read'] }, [PIXL_NOSCOPE]: { scopes: ['orders:read'], rateLimit: 5 } },
    },
  });
});
afterAll(async () => {
  await fakes.stop();
  await http.close();
});
beforeEach(() => Object.values(fakes.servers).forEach((s) => s.clearLog()));

type P = 'printify' | 'shippo' | 'printago' | 'thinkific' | 'pixlpay';
function target(provider: P, secret: string, extra: Partial<ProbeTarget> = {}): ProbeTarget {
  return { secret, identifiers: {}, kind: 'api-key', mode: null, baseUrl: fakes.baseUrls[provider], ...extra };
}
async function check(provider: P, t: ProbeTarget) {
  const [entry] = await runChecks([item({ provider, target: t, limits: RAW_LIMITS })], realDeps(http));
  if (entry?.status !== 'checked') throw new Error('not checked');
  expect(JSON.stringify(entry.result)).not.toContain(t.secret);
  return entry.result;
}
function onlyRequest(provider: P) {
  const log = fakes.servers[provider].requests;
  expect(log).toHaveLength(1);
  const r = log[0]!;
  expect(r.method).toBe('GET');
  expect(r.headers['user-agent']).toBe(USER_AGENT);
  return r;
}
async function exhaust(provider: P, t: ProbeTarget, n: number) {
  const items: CheckItem[] = Array.from({ length: n }, () => item({ provider, target: t, limits: RAW_LIMITS }));
  return runChecks(items, realDeps(http, { concurrency: 16 }));
}

describe('Printify probe', () => {
  it('sends GET /v1/shops.json with Bearer and names the shops', async () => {
    const r = await check('printify', target('printify', PRINTIFY_OK, { kind: 'access-token' }));
    const req = onlyRequest('printify');
    expect(req.path).toBe('/v1/shops.json');
    expect(req.headers.authorization).toBe(`Bearer ${PRINTIFY_OK}`);
    expect(r).toMatchObject({
      outcome: 'valid',
      httpStatus: 200,
      context: { shopCount: 2, shopId: '5432', shopTitle: 'My new store', shopIds: '5432,5433' },
    });
    expect(r.detail).toContain('Second shop');
  });
  it('401 → invalid, 403 → restricted (scope)', async () => {
    expect(await check('printify', target('printify', 'eyJ-unknown-token'))).toMatchObject({
      outcome: 'invalid',
      httpStatus: 401,
    });
    const r = await check('printify', target('printify', PRINTIFY_NO_SCOPE));
    expect(r).toMatchObject({ outcome: 'restricted', httpStatus: 403 });
    expect(r.detail).toMatch(/shops\.read/);
  });
  it('429 past 600/min per account → rate_limited (no published headers: no wait given)', async () => {
    const entries = await exhaust('printify', target('printify', PRINTIFY_OK), 601);
    const limited = entries.filter((e) => e.status === 'checked' && e.result.outcome === 'rate_limited');
    // Two requests in this account came from earlier tests: 603 sent, 600 admitted.
    expect(limited).toHaveLength(3);
    expect(fakes.servers.printify.counters.tooMany).toBe(3);
  });
});

describe('Shippo probe', () => {
  it('sends GET /carrier_accounts?results=1 with ShippoToken and reads object_owner and test', async () => {
    const r = await check('shippo', target('shippo', SHIPPO_LIVE, { mode: 'live' }));
    const req = onlyRequest('shippo');
    expect(req.path).toBe('/carrier_accounts');
    expect(req.query.get('results')).toBe('1');
    expect(req.headers.authorization).toBe(`ShippoToken ${SHIPPO_LIVE}`);
    expect(r).toMatchObject({ outcome: 'valid', context: { objectOwner: 'merchant@example.com', test: false } });
    expect((await check('shippo', target('shippo', SHIPPO_TEST, { mode: 'test' }))).context).toMatchObject({
      test: true,
    });
  });
  it('401 quotes Shippo, 403 → restricted', async () => {
    const bad = await check('shippo', target('shippo', `shippo_live_${'0'.repeat(40)}`));
    expect(bad).toMatchObject({ outcome: 'invalid', httpStatus: 401 });
    expect(bad.detail).toContain('Token does not exist');
    expect(await check('shippo', target('shippo', SHIPPO_FORBIDDEN))).toMatchObject({
      outcome: 'restricted',
      httpStatus: 403,
    });
  });
  it('429 past 10/min for test keys, with the wait from X-RateLimit-Reset', async () => {
    const entries = await exhaust('shippo', target('shippo', SHIPPO_TEST, { mode: 'test' }), 11);
    const limited = entries.flatMap((e) =>
      e.status === 'checked' && e.result.outcome === 'rate_limited' ? [e.result] : [],
    );
    // One test-key request came from an earlier test.
    expect(limited).toHaveLength(2);
    expect(limited[0]!.retryAfterMs).toBeGreaterThan(50_000);
    expect(limited[0]!.retryAfterMs).toBeLessThanOrEqual(61_000);
  });
});

describe('Printago probe', () => {
  it('sends GET /v1/printers?limit=1 with ApiKey and x-printago-storeid', async () => {
    const r = await check('printago', target('printago', PRINTAGO_OK, { identifiers: { storeId: STORE } }));
    const req = onlyRequest('printago');
    expect(req.path).toBe('/v1/printers');
    expect(req.query.get('limit')).toBe('1');
    expect(req.headers.authorization).toBe(`ApiKey ${PRINTAGO_OK}`);
    expect(req.headers['x-printago-storeid']).toBe(STORE);
    expect(r.outcome).toBe('valid');
  });
  it('wrong store → invalid; IP not allowlisted → restricted naming both causes', async () => {
    expect(
      await check('printago', target('printago', PRINTAGO_OK, { identifiers: { storeId: 'x'.repeat(24) } })),
    ).toMatchObject({ outcome: 'invalid' });
    const r = await check('printago', target('printago', PRINTAGO_IP, { identifiers: { storeId: STORE } }));
    expect(r.outcome).toBe('restricted');
    expect(r.detail).toMatch(/permission/);
    expect(r.detail).toMatch(/IP allowlist/);
  });
  it('429 past 60/min per store with Retry-After', async () => {
    const entries = await exhaust('printago', target('printago', PRINTAGO_OK, { identifiers: { storeId: STORE } }), 61);
    const limited = entries.flatMap((e) =>
      e.status === 'checked' && e.result.outcome === 'rate_limited' ? [e.result] : [],
    );
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.retryAfterMs).toBeGreaterThan(0);
  });
});

describe('Thinkific probe', () => {
  it('API key: X-Auth-API-Key + X-Auth-Subdomain; context is the site', async () => {
    const r = await check(
      'thinkific',
      target('thinkific', THINKIFIC_KEY, { identifiers: { subdomain: 'acme-academy' } }),
    );
    const req = onlyRequest('thinkific');
    expect(req.path).toBe('/api/public/v1/courses');
    expect(req.query.get('limit')).toBe('1');
    expect(req.headers['x-auth-api-key']).toBe(THINKIFIC_KEY);
    expect(req.headers['x-auth-subdomain']).toBe('acme-academy');
    expect(req.headers.authorization).toBeUndefined();
    expect(r).toMatchObject({ outcome: 'valid', context: { subdomain: 'acme-academy', totalCourses: 7 } });
  });
  it('access token: Authorization Bearer only', async () => {
    const r = await check(
      'thinkific',
      target('thinkific', THINKIFIC_BEARER, { kind: 'access-token', identifiers: { subdomain: 'acme-academy' } }),
    );
    const req = onlyRequest('thinkific');
    expect(req.headers.authorization).toBe(`Bearer ${THINKIFIC_BEARER}`);
    expect(req.headers['x-auth-api-key']).toBeUndefined();
    expect(r.outcome).toBe('valid');
  });
  it('plan without API → invalid that mentions the plan; insufficient scope → restricted', async () => {
    const r = await check(
      'thinkific',
      target('thinkific', THINKIFIC_NOPLAN, { identifiers: { subdomain: 'cheap-site' } }),
    );
    expect(r.outcome).toBe('invalid');
    expect(r.detail).toMatch(/plan/);
    const s = await check(
      'thinkific',
      target('thinkific', THINKIFIC_NOSCOPE, { kind: 'access-token', identifiers: { subdomain: 'acme-academy' } }),
    );
    expect(s.outcome).toBe('restricted');
    expect(s.detail).toMatch(/scope/);
  });
  it('429 past 120/min per site with RateLimit-Reset in ms', async () => {
    const entries = await exhaust(
      'thinkific',
      target('thinkific', THINKIFIC_KEY, { identifiers: { subdomain: 'acme-academy' } }),
      121,
    );
    const limited = entries.flatMap((e) =>
      e.status === 'checked' && e.result.outcome === 'rate_limited' ? [e.result] : [],
    );
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.retryAfterMs).toBeGreaterThan(1_000);
    expect(limited[0]!.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('PixlPay probe', () => {
  it('sends GET /api/external/v1/products?per_page=1 with Bearer and Accept: application/json', async () => {
    const r = await check(
      'pixlpay',
      target('pixlpay', PIXL_OK, { kind: 'access-token', identifiers: { host: 'mystore.pixlpay.net' } }),
    );
    const req = onlyRequest('pixlpay');
    expect(req.path).toBe('/api/external/v1/products');
    expect(req.query.get('per_page')).toBe('1');
    expect(req.headers.authorization).toBe(`Bearer ${PIXL_OK}`);
    expect(req.headers.accept).toBe('application/json');
    expect(r).toMatchObject({ outcome: 'valid', context: { host: 'mystore.pixlpay.net' } });
  });
  it('401 → invalid; missing products:read → restricted with the scope', async () => {
    expect(await check('pixlpay', target('pixlpay', 'sk_live_nope00000000000000'))).toMatchObject({
      outcome: 'invalid',
      httpStatus: 401,
    });
    const r = await check('pixlpay', target('pixlpay', PIXL_NOSCOPE));
    expect(r).toMatchObject({ outcome: 'restricted', context: { missingScope: 'products:read' } });
  });
  it('429 past the per-token limit, with Retry-After', async () => {
    const entries = await exhaust('pixlpay', target('pixlpay', PIXL_NOSCOPE), 6);
    const limited = entries.flatMap((e) =>
      e.status === 'checked' && e.result.outcome === 'rate_limited' ? [e.result] : [],
    );
    // One request with this token came from an earlier test: 7 sent, 5 admitted.
    expect(limited).toHaveLength(2);
    expect(limited[0]!.retryAfterMs).toBeGreaterThan(0);
  });
});

describe('every provider', () => {
  it('500 → unreachable, malformed JSON → unknown, redirect → unknown and not followed', async () => {
    for (const p of ['printify', 'shippo', 'printago', 'thinkific', 'pixlpay'] as const) {
      const t = target(p, SECRETS[0]!, {
        identifiers: { storeId: STORE, subdomain: 'acme-academy', host: 'x.pixlpay.net' },
      });
      fakes.servers[p].setFault('server_error');
      expect((await check(p, t)).outcome).toBe('unreachable');
      fakes.servers[p].setFault('malformed_json');
      expect((await check(p, t)).outcome).toBe('unknown');
      fakes.servers[p].setFault('redirect');
      expect(await check(p, t)).toMatchObject({ outcome: 'unknown', httpStatus: 302 });
      fakes.servers[p].setFault(undefined);
      expect(fakes.servers[p].requests).toHaveLength(3);
    }
  });
  it('never sends anything but GET', () => {
    expect(fakes.writes()).toBe(0);
  });
  it('no secret appears in any result detail', async () => {
    const items = SECRETS.map((s) => item({ provider: 'pixlpay', target: target('pixlpay', s), limits: RAW_LIMITS }));
    const out = JSON.stringify(await runChecks(items, realDeps(http)));
    for (const s of SECRETS) expect(out).not.toContain(s);
  });
});
