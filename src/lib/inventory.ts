import type { InventoryFilters, InventoryRow, InventorySort } from '../../electron/contract';

export type SortKey = InventorySort;
/** The inventory's order when the app opens. */
export const DEFAULT_SORT: SortKey = 'name';
export const SORTS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name (A–Z)' },
  { key: 'expiry', label: 'Expiry (soonest first)' },
  { key: 'last-check-old', label: 'Last check (oldest first)' },
  { key: 'last-check-new', label: 'Last check (newest first)' },
  { key: 'created-new', label: 'Created (newest first)' },
  { key: 'created-old', label: 'Created (oldest first)' },
];

/** The inventory's filters: main applies them (queryInventory), the renderer only keeps what the user chose. */
export type Filters = InventoryFilters;
export const EMPTY_FILTERS: Filters = {
  query: '',
  provider: '',
  status: '',
  mode: '',
  client: '',
  severity: '',
  ids: null,
};
// The contract's values (the renderer takes only types from it; the type below keeps them equal).
export const NO_CLIENT = '__none__' as const;
export const NO_FINDING = '__none__' as const;

const csvCell = (v: string): string => {
  // Neutralise spreadsheet formulas and quote when needed.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A secret-free CSV of the rows: metadata and the masked fingerprint only. */
export function toCsv(rows: readonly InventoryRow[]): string {
  const head = [
    'token_id',
    'name',
    'provider',
    'store',
    'client',
    'kind',
    'mode',
    'status',
    'masked',
    'scopes',
    'created',
    'expires',
    'expiry_source',
    'last_check',
    'last_outcome',
    'findings',
  ];
  const lines = [head.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.name,
        r.providerName,
        r.storeLabel ?? '',
        r.clientName ?? '',
        r.kind,
        r.mode ?? '',
        r.status,
        r.masked ?? '',
        r.scopes.join(' '),
        r.createdAt ?? '',
        r.expiresAt ?? '',
        r.expirySource,
        r.lastCheck?.checkedAt ?? '',
        r.lastCheck?.outcome ?? '',
        String(r.findingCount),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const OUTCOME_LABELS: Record<string, string> = {
  valid: 'Valid',
  restricted: 'Valid, restricted',
  invalid: 'Invalid',
  rate_limited: 'Rate limited',
  unreachable: 'Unreachable',
  unknown: 'Unknown',
};
export const OUTCOMES = ['valid', 'restricted', 'invalid', 'rate_limited', 'unreachable', 'unknown'] as const;
export const STATUSES = ['active', 'inactive', 'expired', 'revoked', 'rotated'] as const;

/** "in 12 days", "3 days ago", "today". */
export function relativeDays(iso: string, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / 86_400_000);
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}
