import type { ProviderFakeOptions } from './fake-printify';
import {
  authValue,
  extras,
  SlidingLimit,
  startFakeServer,
  type FakeReply,
  type FakeServer,
  type FakeTokenBase,
} from './fake-server';

// Facts: shared/providers.md § PixlPay (docs' error bodies). 429 header names are unconfirmed: Laravel-style ones are served.
export interface PixlpayFakeToken extends FakeTokenBase {
  scopes: string[];
  /** Per-token limit, requests per minute (default 60). */
  rateLimit?: number;
  /** A refusal that names no scope (a plan or store gate): 403 with the documented shape and no scope in it. */
  refusedWithoutScope?: boolean;
}

export async function startPixlpayFake(
  tokens: Record<string, PixlpayFakeToken>,
  options: ProviderFakeOptions = {},
): Promise<FakeServer> {
  const minute = 60_000 / (options.windowScale ?? 1);
  const limits = new Map<string, SlidingLimit>();
  return startFakeServer((req): FakeReply => {
    if (req.path !== '/api/external/v1/products')
      return { status: 404, json: { success: false, error: 'Not Found', message: 'Not found' } };
    const value = authValue(req.headers, 'Bearer');
    const token = tokens[value ?? ''];
    if (!token || token.revoked) {
      // Without Accept: application/json an unauthenticated request is redirected to a login page.
      if (!(req.headers.accept ?? '').includes('application/json'))
        return { status: 302, headers: { location: '/login' }, body: '' };
      return {
        status: 401,
        json: { success: false, error: 'Unauthorized', message: 'Invalid or missing API token' },
        ...extras(token),
      };
    }
    const perMinute = token.rateLimit ?? 60;
    let limit = limits.get(value!);
    if (!limit) limits.set(value!, (limit = new SlidingLimit([{ limit: perMinute, windowMs: minute }])));
    const verdict = limit.hit(value!, req.at);
    if (!verdict.ok) {
      return {
        status: 429,
        headers: {
          'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)),
          'x-ratelimit-limit': String(perMinute),
          'x-ratelimit-remaining': '0',
        },
        json: {
          success: false,
          error: 'Too Many Requests',
          message: 'Rate limit exceeded. Please wait and retry with backoff.',
        },
        ...extras(token),
      };
    }
    if (token.refusedWithoutScope)
      return { status: 403, json: { success: false, error: 'Forbidden', message: 'Forbidden' }, ...extras(token) };
    if (!token.scopes.includes('products:read')) {
      return {
        status: 403,
        json: { success: false, error: 'Forbidden', message: 'Token does not have the required scope: products:read' },
        ...extras(token),
      };
    }
    return {
      status: 200,
      json: {
        success: true,
        data: [{ id: 1, name: 'VIP rank', price: '9.99' }],
        meta: { current_page: 1, per_page: Number(req.query.get('per_page') ?? 15), total: 12 },
      },
      ...extras(token),
    };
  }, options);
}
