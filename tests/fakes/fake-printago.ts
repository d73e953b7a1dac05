import { createHash } from 'node:crypto';
import type { ProviderFakeOptions } from './fake-printify';
import { authValue, extras, SlidingLimit, startFakeServer, type FakeServer, type FakeTokenBase } from './fake-server';

// Facts: shared/providers.md § Printago. 401/403 bodies are unconfirmed; 429 carries Retry-After (seconds).
export interface PrintagoFakeToken extends FakeTokenBase {
  storeId: string;
  /** False: Keyward's IP is not on the key's allowlist → 403. */
  ipAllowed?: boolean;
  /** Custom Permissions; reading printers needs 'printers:read'. Absent = Full Access. */
  permissions?: string[];
  /** The key model of GET /v1/api-keys (official spec): id is 24 lowercase alphanumerics. */
  id?: string;
  name?: string;
  /** False: deactivated at Printago (a temporary toggle) → 401 until turned back on. */
  active?: boolean;
  /** The integration that created it (e.g. Shopify); managed keys cannot be edited or deleted by hand. */
  managedBy?: string;
  createdAt?: string;
}

export async function startPrintagoFake(
  tokens: Record<string, PrintagoFakeToken>,
  options: ProviderFakeOptions = {},
): Promise<FakeServer> {
  const scale = options.windowScale ?? 1;
  const limit = new SlidingLimit([
    { limit: 60, windowMs: 60_000 / scale },
    { limit: 600, windowMs: 3_600_000 / scale },
  ]);
  return startFakeServer((req) => {
    if (req.path !== '/v1/printers' && req.path !== '/v1/api-keys')
      return { status: 404, json: { message: 'Not Found' } };
    const key = authValue(req.headers, 'ApiKey');
    const storeId = req.headers['x-printago-storeid'];
    // Either header missing gives 401.
    if (!key || !storeId) return { status: 401, json: { message: 'Unauthorized' } };
    const token = tokens[key];
    if (!token || token.revoked || token.active === false || token.storeId !== storeId)
      return { status: 401, json: { message: 'Unauthorized' }, ...extras(token) };
    const verdict = limit.hit(storeId, req.at);
    if (!verdict.ok)
      return {
        status: 429,
        headers: { 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) },
        json: { message: 'Too Many Requests' },
        ...extras(token),
      };
    if (req.path === '/v1/api-keys') return { status: 200, json: apiKeys(tokens, storeId), ...extras(token) };
    if (token.ipAllowed === false || (token.permissions && !token.permissions.includes('printers:read'))) {
      return { status: 403, json: { message: 'Forbidden' }, ...extras(token) };
    }
    return {
      status: 200,
      json: [{ id: 'p0000000000000000000001', name: 'Bambu X1C #1', storeId }].slice(
        0,
        Number(req.query.get('limit') ?? 50),
      ),
      ...extras(token),
    };
  }, options);
}

/** GET /v1/api-keys: the store's keys as the spec's ApiKey model (hash and salt, never the key). */
function apiKeys(tokens: Record<string, PrintagoFakeToken>, storeId: string) {
  return Object.entries(tokens)
    .filter(([, t]) => t.storeId === storeId && !t.revoked)
    .map(([key, t]) => ({
      id: t.id ?? key.slice(0, 24),
      storeId,
      name: t.name ?? 'API key',
      active: t.active !== false,
      managed: Boolean(t.managedBy),
      managedBy: t.managedBy ?? null,
      externalRef: null,
      hash: createHash('sha256').update(key).digest('hex'),
      salt: 'fake',
      createdAt: t.createdAt ?? '2026-01-01T00:00:00.000Z',
      updatedAt: t.createdAt ?? '2026-01-01T00:00:00.000Z',
    }));
}
