// Rotation builds the new token from the NEW secret: its scopes and expiry, not the old token's.
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryFixture } from '../../support/inventory-fixture';
import { makeJwt } from '../rules/builders';

const IAT = Date.parse('2026-03-01T12:00:00Z') / 1000;
const printifyJwt = (scopes: string[], days: number, sub: string) =>
  makeJwt({ aud: '37d4bd3079', iat: IAT, nbf: IAT, exp: IAT + days * 86400, sub, scopes });

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

describe('rotation', () => {
  it("takes the new secret's scopes and expiry: a token rotated to one holding fewer scopes loses the others", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'printify', label: 'Shop' });
    const old = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Printify',
      secret: printifyJwt(['shops.read', 'orders.read', 'products.write'], 365, '1'),
    });
    expect(old.scopes).toEqual(['shops.read', 'orders.read', 'products.write']);

    const { oldToken, newToken } = await fx.features.rotation.rotate(
      { tokenId: old.id, secret: printifyJwt(['shops.read'], 30, '2') },
      null,
    );
    expect(newToken.scopes).toEqual(['shops.read']);
    expect(newToken.expiresAt).toBe(new Date((IAT + 30 * 86400) * 1000).toISOString());
    expect(newToken.expirySource).toBe('token');
    expect(old.expiresAt).not.toBe(newToken.expiresAt);
    expect(oldToken).toMatchObject({ status: 'rotated', rotatedTo: newToken.id, scopes: old.scopes });
    const saved = (await fx.vault()).tokens.find((t) => t.id === newToken.id);
    expect(saved).toMatchObject({ scopes: ['shops.read'], rotatedFrom: old.id });
  });

  it('keeps the scopes the user entered when the new secret names none', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Shipping' });
    const old = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Shippo',
      secret: `shippo_live_${'1a'.repeat(20)}`,
      scopes: ['labels'],
    });
    const { newToken } = await fx.features.rotation.rotate(
      { tokenId: old.id, secret: `shippo_live_${'2b'.repeat(20)}` },
      null,
    );
    expect(newToken.scopes).toEqual(['labels']);
  });
});
