import { describe, expect, it } from 'vitest';
import { checkChoices, type CheckResult } from '../../../electron/contract';
import { fillStoreFromCheck } from '../../../electron/core/features/checks/check-fills';
import { PROBES } from '../../../electron/core/features/checks/probes';
import { createCatalog } from '../../../electron/core/providers/catalog';
import type { Draft } from '../../../electron/core/vault/plain-data';
import { NOW, store } from '../rules/builders';

const catalog = createCatalog();
const fills = catalog.get('printify').descriptor.checkFills!;
const ctx = { now: NOW, identifiers: {}, kind: 'access-token' as const, mode: null };

/** A Printify check of GET /v1/shops.json answering these shops (providers.md § Printify: status probe). */
function checked(shops: { id: number; title: string }[]): CheckResult {
  const verdict = PROBES.printify.classify({ status: 200, headers: {}, body: JSON.stringify(shops) }, ctx);
  return { ...verdict, checkedAt: NOW.toISOString() };
}

describe('a successful Printify check fills the store (providers.md § Printify: status probe)', () => {
  it('fills the shop id and title when the token sees one shop', () => {
    const shop = store({ provider: 'printify', identifiers: {} });
    const draft = { stores: [shop] } as unknown as Draft;
    expect(fillStoreFromCheck(draft, catalog, shop.id, checked([{ id: 5432, title: 'My new store' }]))).toBe(true);
    expect(draft.stores[0]!.identifiers).toEqual({ shopId: '5432', shopTitle: 'My new store' });
  });

  it('fills nothing when there are several shops: the check carries them for the store page to offer', () => {
    const shop = store({ provider: 'printify', identifiers: {} });
    const draft = { stores: [shop] } as unknown as Draft;
    const result = checked([
      { id: 1, title: 'EU; shop' },
      { id: 2, title: 'US' },
    ]);
    expect(fillStoreFromCheck(draft, catalog, shop.id, result)).toBe(false);
    expect(draft.stores[0]!.identifiers).toEqual({});
    expect(checkChoices(fills, result)).toEqual([
      { id: '1', title: 'EU; shop' },
      { id: '2', title: 'US' },
    ]);
  });

  it('never overwrites a shop id the store already has', () => {
    const shop = store({ provider: 'printify', identifiers: { shopId: '77' } });
    const draft = { stores: [shop] } as unknown as Draft;
    expect(fillStoreFromCheck(draft, catalog, shop.id, checked([{ id: 5432, title: 'Other' }]))).toBe(false);
    expect(draft.stores[0]!.identifiers).toEqual({ shopId: '77' });
  });
});
