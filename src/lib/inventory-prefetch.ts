import type { InventoryPage, Result } from '../../electron/contract';
import { call } from './api';
import type { Filters, SortKey } from './inventory';

/** Rows per request: a few screens, so scrolling asks main rarely and the first paint waits for little. */
export const PAGE = 50;

export const inventoryKey = (s: { filters: Filters; sort: SortKey }): string => JSON.stringify([s.filters, s.sort]);

/** The first page, asked by the entry script before React is even loaded. */
let prefetched: { key: string; reply: Promise<Result<InventoryPage>>; answered?: Result<InventoryPage> } | null = null;

/** Starts asking main for the inventory's first page now. Free of React: it runs before the app's code loads. */
export function prefetchInventory(filters: Filters, sort: SortKey): void {
  const entry: NonNullable<typeof prefetched> = {
    key: inventoryKey({ filters, sort }),
    reply: call('queryInventory', { filters, sort, offset: 0, limit: PAGE, withFacets: true }).then((res) => {
      entry.answered = res;
      return res;
    }),
  };
  prefetched = entry;
}

/** The prefetched first page when it has already arrived (then the first render shows rows, not "Loading"). */
export function takeAnsweredPrefetch(key: string): InventoryPage | null {
  const answered = prefetched?.key === key ? prefetched.answered : undefined;
  if (!answered?.ok) return null;
  prefetched = null;
  return answered.value;
}

/** The prefetch's reply for `key`, still on its way; asked once, then forgotten. */
export function takePendingPrefetch(key: string): Promise<Result<InventoryPage>> | null {
  const pending = prefetched?.key === key ? prefetched.reply : null;
  prefetched = null;
  return pending;
}
