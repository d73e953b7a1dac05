import {
  authValue,
  extras,
  SlidingLimit,
  startFakeServer,
  type FakeServer,
  type FakeServerOptions,
  type FakeTokenBase,
} from './fake-server';

// Facts: shared/providers.md § Printify. 401/403/429 bodies are unconfirmed; Printify documents no rate-limit headers.
export interface PrintifyFakeToken extends FakeTokenBase {
  /** The Printify account the token belongs to: limits are per account. */
  account: string;
  shops?: { id: number; title: string; sales_channel?: string }[];
  /** The JWT's scopes; listing shops needs shops.read (or shops.manage). */
  scopes?: string[];
}

export interface ProviderFakeOptions extends FakeServerOptions {
  /** Divides every published window (limits unchanged), so a benchmark runs faster. */
  windowScale?: number;
}

export async function startPrintifyFake(
  tokens: Record<string, PrintifyFakeToken>,
  options: ProviderFakeOptions = {},
): Promise<FakeServer> {
  const limit = new SlidingLimit([{ limit: 600, windowMs: 60_000 / (options.windowScale ?? 1) }]);
  return startFakeServer((req) => {
    if (req.path !== '/v1/shops.json') return { status: 404, json: { error: 'Not found' } };
    const token = tokens[authValue(req.headers, 'Bearer') ?? ''];
    if (!token || token.revoked) return { status: 401, json: { error: 'Unauthenticated.' }, ...extras(token) };
    if (!limit.hit(token.account, req.at).ok)
      return { status: 429, json: { error: 'Too Many Attempts.' }, ...extras(token) };
    if (token.scopes && !token.scopes.some((s) => s === 'shops.read' || s === 'shops.manage')) {
      return { status: 403, json: { error: 'This action is unauthorized.' }, ...extras(token) };
    }
    const shops = (token.shops ?? [{ id: 5432, title: 'My new store' }]).map((s) => ({
      sales_channel: 'custom_integration',
      ...s,
    }));
    return { status: 200, json: shops, ...extras(token) };
  }, options);
}
