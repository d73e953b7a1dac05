import type { ProviderFakeOptions } from './fake-printify';
import { authValue, extras, SlidingLimit, startFakeServer, type FakeServer, type FakeTokenBase } from './fake-server';

// Facts: shared/providers.md § Shippo (official spec, docs' error bodies). X-RateLimit-Reset is third-party: sent as epoch seconds.
export interface ShippoFakeToken extends FakeTokenBase {
  /** object_owner: the account's email; limits are per account and mode. */
  owner: string;
  /** Refused with 403 (ownership, not scope). */
  forbidden?: boolean;
}

export async function startShippoFake(
  tokens: Record<string, ShippoFakeToken>,
  options: ProviderFakeOptions = {},
): Promise<FakeServer> {
  const minute = 60_000 / (options.windowScale ?? 1);
  const live = new SlidingLimit([{ limit: 50, windowMs: minute }]);
  const test = new SlidingLimit([{ limit: 10, windowMs: minute }]);
  return startFakeServer((req) => {
    if (req.path !== '/carrier_accounts') return { status: 404, json: { detail: 'Not found.' } };
    const value = authValue(req.headers, 'ShippoToken');
    if (!req.headers.authorization)
      return { status: 401, json: { detail: 'Authentication credentials were not provided.' } };
    const token = tokens[value ?? ''];
    if (!token || token.revoked) return { status: 401, json: { detail: 'Token does not exist' }, ...extras(token) };
    const isTest = (value ?? '').startsWith('shippo_test_');
    const verdict = (isTest ? test : live).hit(`${token.owner}:${isTest}`, req.at);
    if (!verdict.ok) {
      return {
        status: 429,
        headers: {
          'x-ratelimit-limit': String(isTest ? 10 : 50),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(verdict.resetAt / 1000)),
        },
        json: { detail: 'Request was throttled.' },
        ...extras(token),
      };
    }
    if (token.forbidden)
      return { status: 403, json: { detail: 'You do not have permission to perform this action.' }, ...extras(token) };
    const results = [
      {
        object_id: 'b741b99f95e841639b54272834bc478c',
        object_owner: token.owner,
        carrier: 'usps',
        account_id: '****',
        active: true,
        test: isTest,
      },
    ];
    return {
      status: 200,
      json: { next: null, previous: null, results: results.slice(0, Number(req.query.get('results') ?? 25)) },
      ...extras(token),
    };
  }, options);
}
