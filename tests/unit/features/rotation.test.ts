// Rotation as each provider works: what the new secret tells comes from it, the rest only as kept suggestions.
import { afterEach, describe, expect, it } from 'vitest';
import { CustomProviderDefinition } from '../../../electron/contract';
import { rotationPlan } from '../../../electron/core/features/rotation/plan';
import { inventoryFixture } from '../../support/inventory-fixture';
import { makeJwt } from '../rules/builders';

const IAT = Date.parse('2026-03-01T12:00:00Z') / 1000;
const printifyJwt = (scopes: string[], days: number, sub: string) =>
  makeJwt({ aud: '37d4bd3079', iat: IAT, nbf: IAT, exp: IAT + days * 86400, sub, scopes });
const SHIPPO = (n: number, mode = 'live') => `shippo_${mode}_${String(n).repeat(40).slice(0, 40)}`;
const PIXLPAY = (n: number) => `sk_live_${String(n).repeat(36).slice(0, 36)}`;
const PRINTAGO = (n: number) => `${String(n).repeat(40).slice(0, 40)}abcdef`;

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());
const plan = async (id: string) =>
  rotationPlan(await fx.vault(), id, await fx.session.catalog(), fx.clock.now().toISOString());

describe('rotation', () => {
  it("takes the new secret's scopes and expiry: a token rotated to one holding fewer scopes loses the others", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'printify', label: 'Shop' });
    const old = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Printify',
      secret: printifyJwt(['shops.read', 'orders.read', 'products.write'], 365, '1'),
    });
    const suggested = (await plan(old.id)).suggestions;
    const { oldToken, newToken } = await fx.features.rotation.rotate(
      { tokenId: old.id, secret: printifyJwt(['shops.read'], 30, '2'), scopes: suggested.scopes },
      null,
    );
    expect(newToken.scopes).toEqual(['shops.read']);
    expect(newToken.expiresAt).toBe(new Date((IAT + 30 * 86400) * 1000).toISOString());
    expect(newToken.expirySource).toBe('token');
    expect(oldToken).toMatchObject({ status: 'rotated', rotatedTo: newToken.id, scopes: old.scopes });
    expect((await fx.vault()).tokens.find((t) => t.id === newToken.id)).toMatchObject({ rotatedFrom: old.id });
  });

  it("PixlPay: the same token gets the new value, keeps its expiry and a lineage of the old value's fingerprint", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'pixlpay',
      label: 'Shop',
      identifiers: { host: 'shop.pixlpay.net' },
    });
    const old = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Orders',
      secret: PIXLPAY(1),
      scopes: ['orders:read'],
      expiresAt: '2027-06-30',
    });
    const p = await plan(old.id);
    expect(p.rotation).toMatchObject({ model: 'new-value', action: 'Rotate' });
    expect(p.rotation?.retire).toBeUndefined();
    expect(p.rotation?.warning).toMatch(/stops working at once/);
    const { newToken } = await fx.features.rotation.rotate({ tokenId: old.id, secret: PIXLPAY(2) }, null);
    expect(newToken.id).toBe(old.id);
    expect(newToken).toMatchObject({ status: 'active', scopes: ['orders:read'], expiresAt: old.expiresAt });
    expect(newToken.previousSecrets).toEqual([
      expect.objectContaining({ fingerprint: old.secret!.fingerprint, replacedAt: '2026-11-22T09:00:00.000Z' }),
    ]);
    const vault = await fx.vault();
    expect(vault.tokens).toHaveLength(1);
    expect(await fx.secrets.get(vault.tokens[0]!.secret!.account!)).toBe(PIXLPAY(2));
    await expect(fx.features.rotation.rotate({ tokenId: old.id, secret: PIXLPAY(2) }, null)).rejects.toThrow(
      /already has/,
    );
  });

  it('Shippo at 2 of 2: suggests the failing or oldest token, refuses to add a third, and marks the removed one revoked', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Ship' });
    const a = await fx.features.tokens.create({ storeId: store.id, name: 'A', secret: SHIPPO(1) });
    fx.clock.advance(86_400_000);
    const b = await fx.features.tokens.create({ storeId: store.id, name: 'B', secret: SHIPPO(2) });
    await fx.features.tokens.create({ storeId: store.id, name: 'T', secret: SHIPPO(3, 'test') });
    const p = await plan(b.id);
    expect(p.rotation?.approval).toMatchObject({ mode: 'live' });
    expect(p.slot).toMatchObject({ mode: 'live', suggested: a.id, reason: 'it is the oldest' });
    expect(p.slot?.holders.map((h) => h.name)).toEqual(['A', 'B']);

    const before = await fx.vault();
    await expect(fx.features.rotation.rotate({ tokenId: b.id, secret: SHIPPO(4) }, null)).rejects.toThrow(
      /At most 2 active live tokens.*we suggest "A"/,
    );
    expect(await fx.vault()).toEqual(before);

    const { oldToken, newToken } = await fx.features.rotation.rotate(
      { tokenId: b.id, secret: SHIPPO(4), removedFirst: a.id },
      null,
    );
    const after = await fx.vault();
    expect(after.tokens.find((t) => t.id === a.id)?.status).toBe('revoked');
    expect(oldToken.status).toBe('rotated');
    expect(newToken).toMatchObject({ status: 'active', mode: 'live', rotatedFrom: b.id });
  });

  it('Printago: carries access level, permissions and allowlist as suggestions; an expiry is never dropped silently', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'printago',
      label: 'Farm',
      identifiers: { storeId: 'a'.repeat(24) },
    });
    const old = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Slicer',
      secret: PRINTAGO(1),
      settings: { accessLevel: 'custom', permissions: ['printers.read'], ipAllowlist: ['10.0.0.0/8'] },
      expiresAt: '2027-01-31',
    });
    const p = await plan(old.id);
    expect(p.rotation?.retire?.map((r) => r.status)).toEqual(['inactive', 'revoked']);
    expect(p.suggestions.settings).toEqual({
      accessLevel: 'custom',
      permissions: ['printers.read'],
      ipAllowlist: ['10.0.0.0/8'],
    });
    expect(p.suggestions.previousExpiresAt).toBe(old.expiresAt);
    const input = { tokenId: old.id, secret: PRINTAGO(2), settings: p.suggestions.settings };
    await expect(fx.features.rotation.rotate(input, null)).rejects.toThrow(/expired on 2027-01-31/);
    const { newToken } = await fx.features.rotation.rotate({ ...input, expiresAt: null }, null);
    expect(newToken).toMatchObject({
      expiresAt: null,
      settings: { accessLevel: 'custom', keyId: PRINTAGO(2).slice(0, 24) },
    });
  });

  it('a managed Printago key offers no rotation and says why', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'printago',
      label: 'Farm',
      identifiers: { storeId: 'a'.repeat(24) },
    });
    const key = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Shopify',
      secret: PRINTAGO(3),
      settings: { accessLevel: 'full', managedBy: 'Shopify' },
    });
    const p = await plan(key.id);
    expect(p.rotation).toBeNull();
    expect(p.why).toMatch(/managed by Shopify.*Only its status can change here/);
    await expect(fx.features.rotation.rotate({ tokenId: key.id, secret: PRINTAGO(4) }, null)).rejects.toThrow(
      /managed by Shopify/,
    );
  });

  it('Thinkific: an access token is replaced side by side with a required expiry; an API key is reset in place', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'thinkific',
      label: 'Academy',
      identifiers: { subdomain: 'academy' },
    });
    const token = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Zapier',
      kind: 'access-token',
      secret: 'tk_' + 'a'.repeat(30),
      expiresAt: '2027-01-01',
    });
    const key = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Key',
      kind: 'api-key',
      secret: 'a'.repeat(32),
    });
    expect((await plan(token.id)).rotation).toMatchObject({ model: 'side-by-side', retire: [{ status: 'revoked' }] });
    expect((await plan(key.id)).rotation).toMatchObject({ model: 'new-value', action: 'Reset' });
    await expect(
      fx.features.rotation.rotate({ tokenId: token.id, secret: 'tk_' + 'b'.repeat(30), name: 'Zapier 2' }, null),
    ).rejects.toThrow(/Expiry date is required/);
    const { newToken } = await fx.features.rotation.rotate(
      { tokenId: token.id, secret: 'tk_' + 'b'.repeat(30), name: 'Zapier 2', expiresAt: '2028-01-01' },
      null,
    );
    expect(newToken.expiresAt?.slice(0, 10)).toBe('2028-01-01');
    const reset = await fx.features.rotation.rotate({ tokenId: key.id, secret: 'b'.repeat(32) }, null);
    expect(reset.newToken.id).toBe(key.id);
  });

  it('a custom provider rotates as its definition declares', async () => {
    fx = await inventoryFixture();
    const base = {
      name: 'ShopNest',
      baseUrl: 'https://api.shopnest.example',
      authHeader: 'Authorization: Bearer {token}',
      probePath: '/v1/ping',
      tokenPattern: '^sn_live_[a-z0-9]{24}$',
    };
    await fx.features.providers.save(CustomProviderDefinition.parse({ ...base, id: 'inplace', rotation: 'new-value' }));
    await fx.features.providers.save(CustomProviderDefinition.parse({ ...base, id: 'beside' }));
    for (const [provider, model] of [
      ['custom:inplace', 'new-value'],
      ['custom:beside', 'side-by-side'],
    ] as const) {
      const store = await fx.features.stores.create({ provider, label: provider });
      const token = await fx.features.tokens.create({
        storeId: store.id,
        name: 'T',
        secret: `sn_live_${'a'.repeat(24)}`,
      });
      const p = await plan(token.id);
      expect(p.rotation?.model).toBe(model);
      expect(JSON.stringify(p.rotation)).toContain('ShopNest');
      expect(JSON.stringify(p.rotation)).not.toMatch(/PixlPay|sk_live/);
    }
  });
});
