import type { ProviderFakeOptions } from './fake-printify';
import { authValue, extras, SlidingLimit, startFakeServer, type FakeServer, type FakeTokenBase } from './fake-server';

// Facts: shared/providers.md § Thinkific. RateLimit-Reset is documented both as epoch seconds and ms-until: both are served.
export interface ThinkificFakeToken extends FakeTokenBase {
  subdomain: string;
  kind: 'api-key' | 'access-token';
  /** False: the site's plan has no API access → 401 like a bad key. */
  planHasApi?: boolean;
  /** False: an access token without the scope to read courses → 403. */
  canReadCourses?: boolean;
  courses?: number;
}

export interface ThinkificFakeOptions extends ProviderFakeOptions {
  /** How RateLimit-Reset is written on 429. */
  resetFormat?: 'epoch-seconds' | 'ms-until';
}

export async function startThinkificFake(
  tokens: Record<string, ThinkificFakeToken>,
  options: ThinkificFakeOptions = {},
): Promise<FakeServer> {
  const limit = new SlidingLimit([{ limit: 120, windowMs: 60_000 / (options.windowScale ?? 1) }]);
  const unauthorized = { status: 401, json: { error: 'Authentication Error' } };
  return startFakeServer((req) => {
    if (req.path !== '/api/public/v1/courses') return { status: 404, json: { error: 'Not Found' } };
    const bearer = authValue(req.headers, 'Bearer');
    const apiKey = req.headers['x-auth-api-key'];
    const token = bearer ? tokens[bearer] : apiKey ? tokens[apiKey] : undefined;
    if (!token || token.revoked || token.planHasApi === false)
      return { ...unauthorized, ...extras(token), status: 401 };
    if (bearer && token.kind !== 'access-token') return { ...unauthorized, ...extras(token), status: 401 };
    if (apiKey && (token.kind !== 'api-key' || req.headers['x-auth-subdomain'] !== token.subdomain))
      return { ...unauthorized, ...extras(token), status: 401 };
    const verdict = limit.hit(token.subdomain, req.at);
    if (!verdict.ok) {
      const reset =
        options.resetFormat === 'epoch-seconds'
          ? String(Math.ceil(verdict.resetAt / 1000))
          : String(verdict.retryAfterMs);
      return {
        status: 429,
        headers: { 'ratelimit-limit': '120', 'ratelimit-remaining': '0', 'ratelimit-reset': reset },
        json: { error: 'Rate limit exceeded' },
        ...extras(token),
      };
    }
    if (token.canReadCourses === false)
      return { status: 403, json: { error: 'Access token has insufficient scope.' }, ...extras(token) };
    const total = token.courses ?? 3;
    const items = total > 0 ? [{ id: 1, name: 'Getting started', slug: 'getting-started' }] : [];
    const pagination = {
      current_page: 1,
      next_page: total > 1 ? 2 : null,
      prev_page: null,
      total_pages: total,
      total_items: total,
      entries_info: `1-${Math.min(1, total)} of ${total}`,
    };
    return { status: 200, json: { items, meta: { pagination } }, ...extras(token) };
  }, options);
}
