// Editing a saved token: each field by the provider's rules, a per-field error, and bad input changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { knownSecret } from '../../../electron/core/features/tokens/known-secret';
import { inventoryFixture } from '../../support/inventory-fixture';

const PIXLPAY = (n: number, mode = 'live') => `sk_${mode}_${String(n).repeat(36).slice(0, 36)}`;
const SHIPPO = (n: number, mode = 'live') => `shippo_${mode}_${String(n).repeat(40).slice(0, 40)}`;

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

async function pixlpayToken() {
  fx = await inventoryFixture();
  const store = await fx.features.stores.create({
    provider: 'pixlpay',
    label: 'Shop',
    identifiers: { host: 'shop.pixlpay.net' },
  });
  const token = await fx.features.tokens.create({
    storeId: store.id,
    name: 'Orders',
    secret: PIXLPAY(1),
    scopes: ['orders:read'],
  });
  return { store, token };
}

describe('editing a token', () => {
  it('changes name, notes, expiry, created date, scopes, rate limit and the plan in one change', async () => {
    const { store, token } = await pixlpayToken();
    const edited = await fx.features.tokens.update({
      id: token.id,
      name: 'Orders app',
      notes: 'for the warehouse',
      expiresAt: '2027-03-31',
      createdAt: '2026-01-15',
      scopes: ['orders:read', 'products:read'],
      settings: { rateLimit: 120 },
      plan: 'starter',
    });
    expect(edited).toMatchObject({
      name: 'Orders app',
      notes: 'for the warehouse',
      scopes: ['orders:read', 'products:read'],
      settings: { rateLimit: 120 },
      expirySource: 'user',
    });
    expect(edited.expiresAt?.slice(0, 10)).toBe('2027-03-31');
    expect(edited.createdAt?.slice(0, 10)).toBe('2026-01-15');
    expect((await fx.vault()).stores.find((s) => s.id === store.id)?.identifiers.plan).toBe('starter');
  });

  it("a Printify token's estimated expiry follows a corrected created date, still marked estimated", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'printify', label: 'Merch' });
    // A value whose expiry cannot be read: Keyward estimates a year from when it was stored.
    const payload = Buffer.from(JSON.stringify({ sub: '1', scopes: ['shops.read'] })).toString('base64url');
    const secret = `eyJhbGciOiJSUzI1NiJ9.${payload}.${'x'.repeat(43)}`;
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'Sync', secret });
    expect(token.expirySource).toBe('provider-rule');
    const edited = await fx.features.tokens.update({ id: token.id, createdAt: '2026-02-01T00:00:00.000Z' });
    expect(edited).toMatchObject({ expirySource: 'provider-rule', expiresAt: '2027-02-01T00:00:00.000Z' });
  });

  it('names the field that is wrong, and a refused edit changes nothing', async () => {
    const { token } = await pixlpayToken();
    const before = await fx.vault();
    const refuse = (input: object) => fx.features.tokens.update({ id: token.id, name: 'Renamed', ...input });
    await expect(refuse({ settings: { rateLimit: 5000 } })).rejects.toMatchObject({
      fields: { rateLimit: expect.stringMatching(/at most 1000/) },
    });
    await expect(refuse({ scopes: ['orders:read', 'orders:delete'] })).rejects.toMatchObject({
      fields: { scopes: 'PixlPay has no scope named orders:delete.' },
    });
    await expect(refuse({ scopes: [] })).rejects.toMatchObject({ fields: { scopes: expect.any(String) } });
    await expect(refuse({ mode: 'test' })).rejects.toMatchObject({
      fields: { mode: "The token's prefix says live, so it cannot be saved as test." },
    });
    await expect(refuse({ plan: 'platinum' })).rejects.toMatchObject({ fields: { plan: expect.any(String) } });
    expect(await fx.vault()).toEqual(before);
  });

  it('a re-paste restores a missing secret through the keychain, and refuses a different value', async () => {
    const { token } = await pixlpayToken();
    await fx.secrets.delete(token.secret!.account!);
    const restored = await fx.features.tokens.update({ id: token.id, secret: PIXLPAY(1) });
    expect(restored.secret?.fingerprint).toBe(token.secret!.fingerprint);
    expect(restored.secret?.account).not.toBe(token.secret!.account);
    expect(await fx.secrets.get(restored.secret!.account!)).toBe(PIXLPAY(1));
    await expect(fx.features.tokens.update({ id: token.id, secret: PIXLPAY(2) })).rejects.toMatchObject({
      fields: { secret: expect.stringMatching(/use Rotate/) },
    });
  });

  it("a re-paste takes the facts the secret tells: a Shippo token's mode comes from its prefix", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Ship' });
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'Old record' });
    expect(token.mode).toBeNull();
    const edited = await fx.features.tokens.update({ id: token.id, secret: SHIPPO(5, 'test') });
    expect(edited.mode).toBe('test');
    await expect(fx.features.tokens.update({ id: token.id, mode: 'live' })).rejects.toMatchObject({
      fields: { mode: expect.stringMatching(/prefix says test/) },
    });
  });

  it('a managed Printago key changes only its status, and says why', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'printago',
      label: 'Farm',
      identifiers: { storeId: 'a'.repeat(24) },
    });
    const key = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Shopify',
      settings: { accessLevel: 'full', managedBy: 'Shopify' },
    });
    await expect(fx.features.tokens.update({ id: key.id, name: 'Mine' })).rejects.toMatchObject({
      fields: { name: expect.stringMatching(/managed by Shopify.*removes it when the integration disconnects/) },
    });
    expect((await fx.features.tokens.update({ id: key.id, status: 'inactive' })).status).toBe('inactive');
  });
});

describe('quick check knows the vault', () => {
  it('names the token a pasted value belongs to, and what its status means', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Ship' });
    const a = await fx.features.tokens.create({ storeId: store.id, name: 'A', secret: SHIPPO(1) });
    await fx.features.rotation.rotate({ tokenId: a.id, secret: SHIPPO(2) }, null);
    const catalog = await fx.session.catalog();
    const known = knownSecret(await fx.vault(), catalog, SHIPPO(1));
    expect(known).toMatchObject({ name: 'A', status: 'rotated', current: true, storeLabel: 'Ship' });
    expect(known?.meaning).toMatch(/should be retired at Shippo/);
    expect(JSON.stringify(known)).not.toContain(SHIPPO(1));
    await fx.features.tokens.update({ id: a.id, status: 'revoked' });
    expect(knownSecret(await fx.vault(), catalog, SHIPPO(1))?.meaning).toMatch(/the revoke did not happen/);
    expect(knownSecret(await fx.vault(), catalog, SHIPPO(9))).toBeNull();
  });

  it("recognises an earlier value of a PixlPay token after PixlPay's rotate", async () => {
    const { token } = await pixlpayToken();
    await fx.features.rotation.rotate({ tokenId: token.id, secret: PIXLPAY(2) }, null);
    const known = knownSecret(await fx.vault(), await fx.session.catalog(), PIXLPAY(1));
    expect(known).toMatchObject({ tokenId: token.id, current: false, replacedAt: '2026-11-22T09:00:00.000Z' });
    expect(known?.meaning).toMatch(/An earlier value of Orders/);
  });
});
