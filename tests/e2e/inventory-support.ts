// Shared seeding for the inventory UI specs: deterministic clients, stores and Shippo tokens the fakes know.
import { startFakeProviders, type FakeProviders, type ShippoFakeToken } from '../fakes';
import { expect, ok, test as base } from './fixtures';
import type { RunningHost } from '../support/host-process';

/** A fixed 40-hex body per label, so masked forms (and screenshots) are the same on every run. */
export function fixedHex(label: string): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; out.length < 40; i++) {
    h ^= label.charCodeAt(i % label.length) + i;
    h = Math.imul(h, 16777619) >>> 0;
    out += (h & 0xff).toString(16).padStart(2, '0');
  }
  return out.slice(0, 40);
}
export const shippoLive = (label: string) => `shippo_live_${fixedHex(label)}`;
export const shippoTest = (label: string) => `shippo_test_${fixedHex(label)}`;
export const maskedOf = (secret: string) => `${secret.slice(0, 14)}…${secret.slice(-4)}`;

/** Every secret the seed stores, by token name; "Old integration" is unknown to the fake (401). */
export const SECRETS = {
  'Warehouse labels': shippoLive('northwind-warehouse'),
  'Returns portal': shippoLive('northwind-returns'),
  Sandbox: shippoTest('northwind-sandbox'),
  'Order sync': shippoLive('globex-orders'),
  'Old integration': shippoLive('globex-old'),
  'Globex sandbox': shippoTest('globex-sandbox'),
  'Label printer': shippoLive('solo-labels'),
  'Returns desk': shippoLive('solo-returns'),
  'Solo sandbox': shippoTest('solo-sandbox'),
} as const;
/** A new token the fake accepts, for rotation. */
export const ROTATED_SECRET = shippoLive('northwind-warehouse-2026');

export function fakeShippoTokens(): Record<string, ShippoFakeToken> {
  const tokens: Record<string, ShippoFakeToken> = {};
  for (const [name, secret] of Object.entries(SECRETS))
    if (name !== 'Old integration')
      tokens[secret] = { owner: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com` };
  tokens[ROTATED_SECRET] = { owner: 'warehouse.2026@example.com' };
  return tokens;
}

export interface Seeded {
  clients: Record<string, string>;
  stores: Record<string, string>;
  tokens: Record<string, string>;
}

/** Three Shippo stores (two clients and one without) with nine tokens, all through the contract. */
export async function seed(host: RunningHost): Promise<Seeded> {
  const clients: Record<string, string> = {};
  for (const name of ['Northwind Apparel', 'Globex Goods'])
    clients[name] = ok(await host.call<{ id: string }>('createClient', { name })).id;
  const layout: [store: string, client: string | null, tokens: (keyof typeof SECRETS)[]][] = [
    ['Northwind shipping', 'Northwind Apparel', ['Warehouse labels', 'Returns portal', 'Sandbox']],
    ['Globex shipping', 'Globex Goods', ['Order sync', 'Old integration', 'Globex sandbox']],
    ['Solo shipping', null, ['Label printer', 'Returns desk', 'Solo sandbox']],
  ];
  const stores: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const [label, client, names] of layout) {
    const store = ok(
      await host.call<{ id: string }>('createStore', {
        provider: 'shippo',
        label,
        clientId: client ? clients[client] : null,
      }),
    );
    stores[label] = store.id;
    for (const name of names) {
      const secret = SECRETS[name];
      const token = ok(
        await host.call<{ id: string }>('createToken', {
          storeId: store.id,
          name,
          mode: secret.startsWith('shippo_test_') ? 'test' : 'live',
          secret,
        }),
      );
      tokens[name] = token.id;
    }
  }
  return { clients, stores, tokens };
}

/** The e2e fixtures plus fake providers the host's status checks go to. */
export const test = base.extend<{ fakes: FakeProviders & { shippoTokens: Record<string, ShippoFakeToken> } }>({
  // eslint-disable-next-line no-empty-pattern
  fakes: async ({}, use) => {
    // The fake reads this object on every request: deleting a key "revokes" that token at the provider.
    const shippoTokens = fakeShippoTokens();
    const fakes = await startFakeProviders({ tokens: { shippo: shippoTokens } });
    await use(Object.assign(fakes, { shippoTokens }));
    await fakes.stop();
  },
  hostEnv: async ({ fakes }, use) => {
    await use(
      Object.fromEntries(
        Object.entries(fakes.baseUrls).map(([provider, url]) => [`KEYWARD_BASE_URL_${provider.toUpperCase()}`, url]),
      ),
    );
  },
});

export { expect };
