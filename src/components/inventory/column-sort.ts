import type { ColumnSort } from '@tanstack/react-table';
import type { SortKey } from '../../lib/inventory';

// The inventory's sortable headers are the orders main's query answers (InventorySort), and only those.
const TO_COLUMN: Record<SortKey, ColumnSort> = {
  name: { id: 'name', desc: false },
  expiry: { id: 'expires', desc: false },
  'last-check-old': { id: 'lastCheck', desc: false },
  'last-check-new': { id: 'lastCheck', desc: true },
  'created-old': { id: 'created', desc: false },
  'created-new': { id: 'created', desc: true },
};

/** Main's order as the header shows it, and back. */
export const columnSortOf = (sort: SortKey): ColumnSort => TO_COLUMN[sort];
export function sortKeyOf(sort: ColumnSort): SortKey | null {
  const hit = Object.entries(TO_COLUMN).find(([, c]) => c.id === sort.id && c.desc === sort.desc);
  return hit ? (hit[0] as SortKey) : null;
}
