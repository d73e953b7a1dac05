import { describe, expect, it } from 'vitest';
import { CustomProviderDefinition, fillTemplate, templateProblem } from '../../../electron/contract';
import { PROBES, probeForCustomProvider } from '../../../electron/core/features/checks/probes';
import { createCatalog } from '../../../electron/core/providers/catalog';

const now = new Date('2026-11-22T09:00:00Z');
const ctx = (identifiers: Record<string, string> = {}) => ({
  now,
  identifiers,
  kind: 'access-token' as const,
  mode: null,
});
const answer = (status: number, json: unknown) => ({ status, headers: {}, body: JSON.stringify(json) });

const acme = {
  name: 'AcmeCart',
  baseUrl: 'https://{host}/api/v2',
  authHeaderTemplate: 'Authorization: Bearer {token}',
  probePath: '/items?limit=1',
  modePrefixes: { live: 'ac_', test: 'ac_test_' },
  scopes: ['items:read', 'orders:write'],
};

describe("a custom provider's messages come from its own definition", () => {
  const spec = probeForCustomProvider(acme);

  it('a 401 names its own prefixes, never sk_live_ / sk_test_', () => {
    const r = spec.classify(answer(401, { message: 'Unauthenticated.' }), ctx({ host: 'shop.acme.test' }));
    expect(r.outcome).toBe('invalid');
    expect(r.detail).toContain('does not start with ac_ or ac_test_');
    expect(r.detail).not.toMatch(/sk_live_|sk_test_|PixlPay/);
  });

  it('a 403 names the scope the answer names, and its own probe path', () => {
    const r = spec.classify(
      answer(403, { message: 'Token does not have the required scope: items:read' }),
      ctx({ host: 'shop.acme.test' }),
    );
    expect(r).toMatchObject({ outcome: 'restricted', context: { missingScope: 'items:read', host: 'shop.acme.test' } });
    expect(r.detail).toContain('refused GET /items');
    expect(r.detail).not.toContain('products:read');
  });

  it('a 403 that names no scope says "refused: scope, plan or store" and names none', () => {
    const r = spec.classify(answer(403, { message: 'Forbidden' }), ctx({ host: 'shop.acme.test' }));
    expect(r.detail).toContain('refused: scope, plan or store');
    expect(r.context?.missingScope).toBeUndefined();
  });

  it("builds each store's address from its own field", () => {
    const req = spec.request({
      secret: 'ac_abcdefgh',
      identifiers: { host: 'eu.acme.test' },
      kind: 'access-token',
      mode: null,
    });
    expect(req.url).toBe('https://eu.acme.test/api/v2/items?limit=1');
    expect(() => spec.request({ secret: 'ac_abcdefgh', identifiers: {}, kind: 'access-token', mode: null })).toThrow(
      /has no host/,
    );
    expect(() =>
      spec.request({ secret: 'ac_x', identifiers: { host: 'evil.test/x?' }, kind: 'access-token', mode: null }),
    ).toThrow(/host name or id/);
  });
});

describe('PixlPay 403 (providers.md § PixlPay: 401 / 403)', () => {
  it('names the scope when the answer does, and none when it does not', () => {
    const named = PROBES.pixlpay.classify(
      answer(403, {
        success: false,
        error: 'Forbidden',
        message: 'Token does not have the required scope: orders:write',
      }),
      ctx({ host: 'mystore.pixlpay.net' }),
    );
    expect(named.context?.missingScope).toBe('orders:write');
    const none = PROBES.pixlpay.classify(
      answer(403, { success: false, error: 'Forbidden', message: 'Forbidden' }),
      ctx({ host: 'mystore.pixlpay.net' }),
    );
    expect(none.detail).toContain('refused: scope, plan or store');
    expect(none.detail).not.toContain('products:read');
    expect(none.context?.missingScope).toBeUndefined();
  });
});

describe('base URL templates', () => {
  it('validates the template and fills it only with host names or ids', () => {
    expect(templateProblem('https://{host}/api/v1')).toBeNull();
    expect(templateProblem('http://{host}/api')).toMatch(/https/);
    expect(templateProblem('https://{host}/api?x=1')).toMatch(/query/);
    expect(templateProblem('https://{ho st}/api')).toMatch(/placeholders/);
    expect(fillTemplate('https://{host}/api', { host: 'a.example' })).toBe('https://a.example/api');
    expect(() => fillTemplate('https://{host}/api', { host: 'a@b' })).toThrow();
  });

  it('gives the definition a required store field per placeholder', () => {
    const def = CustomProviderDefinition.parse({
      id: 'acme',
      name: 'AcmeCart',
      baseUrl: 'https://{host}/api/v2',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/items',
      tokenPattern: 'ac_[a-z0-9]{8,}',
      dashboardUrl: 'https://{host}/admin/tokens',
    });
    const provider = createCatalog(undefined, [def]).get('custom:acme').descriptor;
    expect(provider.storeFields).toEqual([expect.objectContaining({ key: 'host', required: true })]);
    expect(provider.tokenPage).toEqual({ template: 'https://{host}/admin/tokens', confirmed: true });
  });

  it('reads the mode from the longest prefix first', () => {
    const def = CustomProviderDefinition.parse({
      id: 'acme',
      name: 'AcmeCart',
      baseUrl: 'https://shop.acme.test',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/items',
      tokenPattern: 'ac_[a-z0-9_]{8,}',
      modePrefixes: { live: 'ac_', test: 'ac_test_' },
    });
    const catalog = createCatalog(undefined, [def]);
    const format = catalog.get('custom:acme').descriptor.credentials[0]!.policy!.formats![0]!;
    expect(format.hint).toBe('^(ac_test_|ac_)');
  });
});
