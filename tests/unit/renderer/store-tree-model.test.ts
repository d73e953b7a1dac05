import { describe, expect, it } from 'vitest';
import type { Navigation } from '../../../electron/contract';
import { groupsOf, rowName, typeaheadIndex, visibleRows } from '../../../src/components/shell/store-tree-model';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const store = (n: number, label: string, clientId: string | null, providerName = 'Shippo') => ({
  id: id(n),
  clientId,
  provider: providerName.toLowerCase(),
  providerName,
  label,
  environment: 'production' as const,
  tokenCount: n % 3,
});
const nav: Navigation = {
  clients: [
    { id: id(1), name: 'Northwind Apparel' },
    { id: id(2), name: 'Globex Goods' },
    { id: id(3), name: 'Initech' },
  ],
  stores: [
    store(10, 'Print farm', id(1), 'Printago'),
    store(11, 'Label desk', id(1)),
    store(12, 'Globex shipping', id(2)),
    store(13, 'Own shop', null, 'Printify'),
  ],
  tokenCount: 0,
};
const names = (rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => `${r.kind === 'client' ? '' : '  '}${rowName(r)}`);

describe('the client → store tree', () => {
  it('lists clients in order with their stores, empty clients too, and the stores without a client last', () => {
    expect(names(visibleRows(groupsOf(nav), new Set(), ''))).toEqual([
      'Northwind Apparel',
      '  Print farm',
      '  Label desk',
      'Globex Goods',
      '  Globex shipping',
      'Initech',
      'No client',
      '  Own shop',
    ]);
  });

  it('hides a collapsed client’s stores, and a search opens every group it matches', () => {
    const groups = groupsOf(nav);
    const collapsed = new Set([id(1)]);
    expect(names(visibleRows(groups, collapsed, ''))).not.toContain('  Print farm');
    expect(visibleRows(groups, collapsed, '').find((r) => r.key === id(1))).toMatchObject({ expanded: false });
    // A store by name or provider; a client by name brings all its stores.
    expect(names(visibleRows(groups, collapsed, 'printago'))).toEqual(['Northwind Apparel', '  Print farm']);
    expect(names(visibleRows(groups, new Set(), 'globex'))).toEqual(['Globex Goods', '  Globex shipping']);
    expect(names(visibleRows(groups, new Set(), 'north desk'))).toEqual([]);
    expect(names(visibleRows(groups, new Set(), 'label desk'))).toEqual(['Northwind Apparel', '  Label desk']);
  });

  it('numbers each store within its client for screen readers, and names its client', () => {
    const rows = visibleRows(groupsOf(nav), new Set(), '');
    expect(rows.find((r) => r.key === id(11))).toMatchObject({ pos: 2, size: 2, parentName: 'Northwind Apparel' });
    expect(rows.find((r) => r.key === id(13))).toMatchObject({ pos: 1, size: 1, parentName: 'No client' });
  });

  it('type-ahead finds the next name starting with the letters typed, wrapping around', () => {
    const rows = visibleRows(groupsOf(nav), new Set(), '');
    expect(rowName(rows[typeaheadIndex(rows, 0, 'g')]!)).toBe('Globex Goods');
    expect(rowName(rows[typeaheadIndex(rows, 3, 'g')]!)).toBe('Globex shipping');
    expect(rowName(rows[typeaheadIndex(rows, 7, 'n')]!)).toBe('Northwind Apparel');
    expect(typeaheadIndex(rows, 0, 'zz')).toBe(-1);
  });

  it('stays quick at 2,000 stores under 300 clients', () => {
    const big: Navigation = {
      clients: Array.from({ length: 300 }, (_, i) => ({ id: id(100_000 + i), name: `Client ${i}` })),
      stores: Array.from({ length: 2_000 }, (_, i) => store(200_000 + i, `Store ${i}`, id(100_000 + (i % 300)))),
      tokenCount: 0,
    };
    const groups = groupsOf(big);
    expect(visibleRows(groups, new Set(), '')).toHaveLength(2_300);
    expect(visibleRows(groups, new Set(), 'store 1999')).toHaveLength(2);
  });
});
