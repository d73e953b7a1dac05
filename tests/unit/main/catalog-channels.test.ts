import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../electron/main/dispatch';
import { dispatchFixture, type inventoryFixture } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const live = (n: number) => `shippo_live_${String(n).repeat(40).slice(0, 40)}`;

async function setup(): Promise<Dispatch> {
  const d = await dispatchFixture();
  fx = d;
  return d.dispatch;
}

async function value<T>(dispatch: Dispatch, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('catalog through IPC', () => {
  it('reads mode from a Shippo token and refuses a third active live token, naming the two active ones', async () => {
    const dispatch = await setup();
    const store = await value<{ id: string }>(dispatch, 'createStore', { provider: 'shippo', label: 'Acme' });
    const first = await value<{ mode: string; expirySource: string }>(dispatch, 'createToken', {
      storeId: store.id,
      name: 'Warehouse',
      secret: live(1),
    });
    expect(first).toMatchObject({ mode: 'live', expirySource: 'none' });
    await value(dispatch, 'createToken', { storeId: store.id, name: 'Storefront', secret: live(2) });
    const third = await dispatch('createToken', { storeId: store.id, name: 'Third', secret: live(3) });
    expect(third).toMatchObject({ ok: false, error: { code: 'rule_violation' } });
    expect(!third.ok && third.error.message).toMatch(/Warehouse/);
    expect(!third.ok && third.error.message).toMatch(/Storefront/);
    expect(await fx.secrets.accounts()).toHaveLength(2);
  });

  it('refuses a value that breaks a confirmed format, without quoting it', async () => {
    const dispatch = await setup();
    const store = await value<{ id: string }>(dispatch, 'createStore', { provider: 'shippo', label: 'Acme' });
    const result = await dispatch('createToken', {
      storeId: store.id,
      name: 'Wrong',
      secret: 'sk_live_notashippotoken123456',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { secret: expect.stringMatching(/shippo_live_/) } },
    });
    expect(JSON.stringify(result)).not.toContain('notashippotoken');
    expect(await fx.secrets.accounts()).toEqual([]);
  });

  it("fills a Printify token's expiry and scopes from its JWT claims", async () => {
    const dispatch = await setup();
    const iat = Date.parse('2026-01-15T00:00:00Z') / 1000;
    const jwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: '123', iat, exp: iat + 365 * 86400, scopes: ['shops.read', 'products.read'] })}.${'s'.repeat(43)}`;
    const recognised = await value<{ provider: string; facts: { expiresAt: string } }[]>(dispatch, 'recognizeSecret', {
      secret: jwt,
    });
    expect(recognised[0]).toMatchObject({ provider: 'printify', facts: { expiresAt: '2027-01-15T00:00:00.000Z' } });
    const store = await value<{ id: string }>(dispatch, 'createStore', { provider: 'printify', label: 'Merch' });
    const token = await value(dispatch, 'createToken', { storeId: store.id, name: 'Shop sync', secret: jwt });
    expect(token).toMatchObject({
      expiresAt: '2027-01-15T00:00:00.000Z',
      expirySource: 'token',
      scopes: ['shops.read', 'products.read'],
    });
  });

  it('lists findings: a Printify token expiring in 10 days is a warning', async () => {
    const dispatch = await setup();
    const store = await value<{ id: string }>(dispatch, 'createStore', { provider: 'printify', label: 'Merch' });
    const soon = new Date(fx.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    await value(dispatch, 'createToken', { storeId: store.id, name: 'Shop sync', expiresAt: soon });
    const findings = await value<{ kind: string; severity: string; message: string }[]>(dispatch, 'getFindings', {});
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'expiring', message: expect.stringMatching(/Shop sync/) }),
    );
  });

  it('adds a custom PixlPay-style provider usable like a built-in, and refuses to delete it while a store uses it', async () => {
    const dispatch = await setup();
    const definition = {
      id: 'shopnest',
      name: 'ShopNest',
      baseUrl: 'https://api.shopnest.example',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/v1/ping',
      tokenPattern: '^sn_(live|test)_[a-z0-9]{24}$',
      modePrefixes: { live: 'sn_live_', test: 'sn_test_' },
    };
    const descriptor = await value<{ id: string }>(dispatch, 'saveCustomProvider', { definition });
    expect(descriptor.id).toBe('custom:shopnest');
    expect((await value<{ id: string }[]>(dispatch, 'listProviders', {})).map((p) => p.id)).toContain(
      'custom:shopnest',
    );
    const store = await value<{ id: string }>(dispatch, 'createStore', {
      provider: 'custom:shopnest',
      label: 'Nest store',
    });
    const token = await value<{ mode: string }>(dispatch, 'createToken', {
      storeId: store.id,
      name: 'App',
      secret: `sn_test_${'a1'.repeat(12)}`,
    });
    expect(token.mode).toBe('test');
    expect(await dispatch('deleteCustomProvider', { id: 'custom:shopnest' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const http = await dispatch('saveCustomProvider', {
      definition: { ...definition, baseUrl: 'http://api.shopnest.example' },
    });
    expect(http).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/https/) },
    });
  });

  it('edits a definition only while every store and token that uses it stays valid', async () => {
    const dispatch = await setup();
    const definition = {
      id: 'acmecart',
      name: 'AcmeCart',
      baseUrl: 'https://api.acmecart.example',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/v1/items',
      tokenPattern: '^ac_(live|test)_[a-z0-9]{24}$',
      modePrefixes: { live: 'ac_live_', test: 'ac_test_' },
      scopes: ['items:read', 'orders:write'],
    };
    await value(dispatch, 'saveCustomProvider', { definition });
    const store = await value<{ id: string }>(dispatch, 'createStore', { provider: 'custom:acmecart', label: 'EU' });
    await value(dispatch, 'createToken', {
      storeId: store.id,
      name: 'Sync',
      secret: `ac_live_${'b2'.repeat(12)}`,
      scopes: ['orders:write'],
    });

    // A per-store address the store cannot fill, and a scope list that drops a held scope: refused, named.
    const template = await dispatch('saveCustomProvider', {
      definition: { ...definition, baseUrl: 'https://api.acmecart.example/{shop}/v1' },
    });
    expect(template).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        fields: { 'definition.baseUrl': expect.stringMatching(/Store "EU" has no usable shop/) },
      },
    });
    const scopes = await dispatch('saveCustomProvider', { definition: { ...definition, scopes: ['items:read'] } });
    expect(scopes).toMatchObject({
      ok: false,
      error: { fields: { 'definition.scopes': expect.stringMatching(/"Sync" holds orders:write/) } },
    });
    const listed = await value<{ id: string; definition?: { scopes: string[] } }[]>(dispatch, 'listProviders', {});
    expect(listed.find((p) => p.id === 'custom:acmecart')?.definition?.scopes).toEqual(definition.scopes);

    // A fixed host made per-store: the store keeps the host it used, so its tokens keep working.
    const edited = await value<{ storeFields: { key: string }[] }>(dispatch, 'saveCustomProvider', {
      definition: { ...definition, name: 'AcmeCart EU', baseUrl: 'https://{host}/api' },
    });
    const view = await value<{ store: { identifiers: Record<string, string> } }>(dispatch, 'getStore', {
      id: store.id,
    });
    expect(view.store.identifiers.host).toBe('api.acmecart.example');
    expect(edited.storeFields.map((f) => f.key)).toEqual(['host']);
  });
});
