import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_INVENTORY_FILTERS, type InventoryFilters, type InventorySort } from '../../../electron/contract';
import { buildInventoryIndex, findingsByToken, queryInventory } from '../../support/inventory-query';
import { generateVault } from '../../bench/generate-vault';

// Typing, erasing and re-filtering reuse earlier answers; whatever the order, the answer must be the plain one.
const vault = generateVault({ tokens: 600, stores: 120, clients: 15, seed: 11 });
const names = new Map([
  ['printify', 'Printify'],
  ['shippo', 'Shippo'],
  ['printago', 'Printago'],
  ['thinkific', 'Thinkific'],
  ['pixlpay', 'PixlPay'],
]);
const stores = new Map(vault.stores.map((s) => [s.id, s]));
const clients = new Map(vault.clients.map((c) => [c.id, c]));

/** The plain answer: every token, every condition, sorted by name then id (the 'name' order). */
function reference(f: InventoryFilters): string[] {
  const terms = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  const cmp = new Intl.Collator().compare;
  return vault.tokens
    .filter((t) => {
      const store = stores.get(t.storeId)!;
      const client = store.clientId ? clients.get(store.clientId) : undefined;
      const masked = t.secret?.masked ?? '';
      const text = [
        t.name,
        store.label,
        client?.name ?? '',
        names.get(store.provider)!,
        masked,
        masked.split('…')[1] ?? '',
      ]
        .join('\u0000')
        .toLowerCase();
      return (
        (!f.provider || store.provider === f.provider) &&
        (!f.status || t.status === f.status) &&
        (!f.mode || (f.mode === 'none' ? t.mode === null : t.mode === f.mode)) &&
        (!f.client || (f.client === '__none__' ? !client : client?.id === f.client)) &&
        terms.every((term) => text.includes(term))
      );
    })
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id))
    .map((t) => t.id);
}

const WORDS = [
  'a',
  'ac',
  'acme',
  'g',
  'gl',
  'globex',
  'works',
  'ware',
  'warehouse',
  'sync',
  'e',
  'ex',
  '1',
  '12',
  'shippo',
  'prints',
  'zzz',
];

describe('queryInventory over recent answers', () => {
  it('answers exactly what a plain filter over every token answers, in any sequence of searches and filters', () => {
    const filters = fc.record({
      query: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(' ')),
      provider: fc.constantFrom('', 'printify', 'shippo', 'pixlpay'),
      status: fc.constantFrom('' as const, 'active' as const, 'revoked' as const),
      mode: fc.constantFrom('' as const, 'live' as const, 'none' as const),
      client: fc.constantFrom('', '__none__', vault.clients[0]!.id),
    });
    fc.assert(
      fc.property(fc.array(filters, { minLength: 1, maxLength: 30 }), (sequence) => {
        const index = buildInventoryIndex(vault, names);
        const findings = findingsByToken([]);
        for (const f of sequence) {
          const full: InventoryFilters = { ...EMPTY_INVENTORY_FILTERS, ...f };
          const page = queryInventory(index, findings, {
            filters: full,
            sort: 'name' as InventorySort,
            offset: 0,
            limit: 1_000,
            withIds: true,
          });
          expect(page.ids).toEqual(reference(full));
          expect(page.total).toBe(page.ids!.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('typing a search letter by letter, then erasing it, answers the plain filter at every step', () => {
    const index = buildInventoryIndex(vault, names);
    const findings = findingsByToken([]);
    const typed = 'globex works 1';
    const steps = [
      ...Array.from({ length: typed.length + 1 }, (_, i) => typed.slice(0, i)),
      ...Array.from({ length: typed.length }, (_, i) => typed.slice(0, typed.length - 1 - i)),
    ];
    for (const q of steps) {
      const full = { ...EMPTY_INVENTORY_FILTERS, query: q };
      expect(
        queryInventory(index, findings, { filters: full, sort: 'name', offset: 0, limit: 1_000, withIds: true }).ids,
      ).toEqual(reference(full));
    }
  });
});
