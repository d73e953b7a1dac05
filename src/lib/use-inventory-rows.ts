import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorShape, InventoryPage, InventoryRow } from '../../electron/contract';
import { READ_TOPICS } from '../../electron/contract/topics';
import { call } from './api';
import { onVaultChange } from './query';
import { useInventory } from '../state/inventory-store';
import { inventoryKey, PAGE, takeAnsweredPrefetch, takePendingPrefetch } from './inventory-prefetch';
import type { Filters, SortKey } from './inventory';

type Facets = NonNullable<InventoryPage['facets']>;

export interface InventoryRows {
  /** False until the first answer for the current filters has arrived. */
  ready: boolean;
  error: AppErrorShape | null;
  revision: number;
  /** Tokens matching the filters, and tokens in the vault. */
  total: number;
  totalAll: number;
  /** Rows by their position in the filtered, sorted list; positions not fetched yet are missing. */
  rows: ReadonlyMap<number, InventoryRow>;
  facets: Facets | null;
}

const stateOf = (page: InventoryPage, offset: number, prev: InventoryRows | null): InventoryRows => {
  const rows = new Map(prev ? prev.rows : []);
  page.rows.forEach((row, i) => rows.set(offset + i, row));
  return {
    ready: true,
    error: null,
    revision: page.revision,
    total: page.total,
    totalAll: page.totalAll,
    rows,
    facets: page.facets ?? prev?.facets ?? null,
  };
};

const EMPTY: InventoryRows = {
  ready: false,
  error: null,
  revision: -1,
  total: 0,
  totalAll: 0,
  rows: new Map(),
  facets: null,
};

/**
 * The inventory table's rows, asked from main one page at a time (queryInventory): the renderer never holds
 * 10,000 tokens. A new filter replaces the rows when its first page arrives (no flash of an empty table);
 * answers for an older filter are dropped; a vault change re-asks what is on screen.
 */
export function useInventoryRows(): InventoryRows & { ensure(first: number, last: number): void; reload(): void } {
  const [initial] = useState(() => {
    const key = inventoryKey(useInventory.getState());
    return { key, page: takeAnsweredPrefetch(key) };
  });
  const [state, setState] = useState<InventoryRows>(() => (initial.page ? stateOf(initial.page, 0, null) : EMPTY));
  const current = useRef({
    key: initial.key,
    revision: initial.page?.revision ?? -1,
    visible: [0, PAGE - 1] as [number, number],
    seq: 0,
    inFlight: new Set<string>(),
    loaded: new Set<number>(initial.page ? [0] : []),
    facets: Boolean(initial.page?.facets),
    replacing: false,
  });

  const ask = useCallback(
    async (offset: number, limit: number, replace: boolean, withFacets = false) => {
      const ref = current.current;
      const askedKey = ref.key;
      const seq = replace ? ++ref.seq : ref.seq;
      const [f, s] = JSON.parse(askedKey) as [Filters, SortKey];
      const early = replace && offset === 0 ? takePendingPrefetch(askedKey) : null;
      const res = await (early ??
        call('queryInventory', { filters: f, sort: s, offset, limit, withFacets: withFacets || !ref.facets }));
      if (ref.key !== askedKey || seq !== ref.seq) return;
      if (replace) ref.replacing = false;
      if (!res.ok) {
        setState((prev) => ({ ...prev, ready: true, error: res.error }));
        return;
      }
      const page = res.value;
      if (!replace && page.revision !== ref.revision) {
        // The vault changed between two pages: start again from what is on screen.
        void reloadVisible();
        return;
      }
      ref.revision = page.revision;
      if (page.facets) ref.facets = true;
      if (replace) ref.loaded = new Set();
      for (let p = Math.floor(offset / PAGE); p * PAGE < offset + page.rows.length; p++) ref.loaded.add(p);
      setState((prev) => stateOf(page, offset, replace ? { ...prev, rows: new Map() } : prev));
    },
    // reloadVisible is defined below and only reads refs.
    [],
  );

  const reloadVisible = useCallback(() => {
    const [first, last] = current.current.visible;
    const start = Math.floor(first / PAGE) * PAGE;
    current.current.inFlight.clear();
    current.current.replacing = true;
    // Facets too: a client or provider may have come or gone.
    return ask(start, Math.max(PAGE, Math.ceil((last + 1) / PAGE) * PAGE - start), true, true);
  }, [ask]);

  // A new filter or sort: its first page, then whatever pages the grid shows. Asked from the store's change,
  // before React renders the keystroke, so main is already working while the page re-renders.
  useEffect(() => {
    const first = (key: string) => {
      const ref = current.current;
      ref.key = key;
      ref.visible = [0, PAGE - 1];
      ref.inFlight.clear();
      ref.replacing = true;
      void ask(0, PAGE, true);
    };
    // Rows already there from the prefetch: nothing to ask until the filters change.
    if (!initial.page) first(current.current.key);
    return useInventory.subscribe((next, prev) => {
      if (next.filters !== prev.filters || next.sort !== prev.sort) first(inventoryKey(next));
    });
  }, [ask, initial]);

  useEffect(() => onVaultChange(READ_TOPICS.queryInventory, () => void reloadVisible()), [reloadVisible]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const ref = current.current;
      ref.visible = [first, last];
      // Until the new filter's first answer arrives, the rows on screen belong to the old one.
      if (ref.replacing) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        const flight = `${ref.key}|${ref.revision}|${p}`;
        if (ref.loaded.has(p) || ref.inFlight.has(flight)) continue;
        ref.inFlight.add(flight);
        void ask(p * PAGE, PAGE, false).finally(() => ref.inFlight.delete(flight));
      }
    },
    [ask],
  );

  return { ...state, ensure, reload: () => void reloadVisible() };
}
