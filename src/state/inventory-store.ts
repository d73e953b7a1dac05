import { create } from 'zustand';
import { DEFAULT_SORT, EMPTY_FILTERS, type Filters, type SortKey } from '../lib/inventory';

interface InventoryState {
  filters: Filters;
  sort: SortKey;
  /** Selected token ids (kept across views, pruned when tokens disappear). */
  selected: ReadonlySet<string>;
  /** Index of the focused row in the filtered list. */
  focus: number;
  /** Put keyboard focus on the focused row once it is on screen (coming back from a token's detail). */
  refocusRow: boolean;
  setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void;
  clearFilters(): void;
  setSort(sort: SortKey): void;
  toggle(id: string): void;
  setSelected(ids: Iterable<string>): void;
  setFocus(index: number): void;
}

export const useInventory = create<InventoryState>((set, get) => ({
  filters: EMPTY_FILTERS,
  sort: DEFAULT_SORT,
  selected: new Set(),
  focus: 0,
  refocusRow: false,
  setFilter(key, value) {
    set({ filters: { ...get().filters, [key]: value }, focus: 0 });
  },
  clearFilters() {
    set({ filters: EMPTY_FILTERS, focus: 0 });
  },
  setSort(sort) {
    set({ sort });
  },
  toggle(id) {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },
  setSelected(ids) {
    set({ selected: new Set(ids) });
  },
  setFocus(index) {
    set({ focus: index });
  },
}));
