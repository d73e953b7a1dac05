import type { Client, Finding, ProviderDescriptor, StoreProfile, Token, VaultSnapshot } from '../../electron/contract';
import { severityRank, type Severity } from './format';

/** One inventory row: a token with what it is searched and sorted by, computed once per vault revision. */
export interface Row {
  token: Token;
  store: StoreProfile | undefined;
  client: Client | undefined;
  providerId: string;
  providerName: string;
  /** Lowercase name, store, client, provider and masked fingerprint, joined: what search looks in. */
  haystack: string;
  /** Worst finding severity for this token, or null. */
  worst: Severity | null;
  findingCount: number;
}

export interface InventoryIndex {
  revision: number;
  rows: Row[];
  byId: Map<string, Row>;
  /** The rows in each sort order, sorted on first use and kept for this revision (search then only filters). */
  sorted: Partial<Record<SortKey, Row[]>>;
}

/** Builds the rows and the search index; call once per vault revision (memoised by the caller). */
export function buildIndex(snapshot: VaultSnapshot, providers: readonly ProviderDescriptor[], findings: readonly Finding[]): InventoryIndex {
  const stores = new Map(snapshot.stores.map((s) => [s.id, s]));
  const clients = new Map(snapshot.clients.map((c) => [c.id, c]));
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const worst = new Map<string, { sev: Severity; n: number }>();
  for (const f of findings) {
    const id = f.subject.tokenId;
    if (!id) continue;
    const prev = worst.get(id);
    if (!prev) worst.set(id, { sev: f.severity, n: 1 });
    else {
      prev.n++;
      if (severityRank(f.severity) < severityRank(prev.sev)) prev.sev = f.severity;
    }
  }
  const rows: Row[] = [];
  const byId = new Map<string, Row>();
  for (const token of snapshot.tokens) {
    const store = stores.get(token.storeId);
    const client = store?.clientId ? clients.get(store.clientId) : undefined;
    const providerId = store?.provider ?? '';
    const providerName = names.get(providerId) ?? providerId;
    const masked = token.secret?.masked ?? '';
    const tail = masked.includes('…') ? masked.slice(masked.lastIndexOf('…') + 1) : '';
    const haystack = [token.name, store?.label ?? '', client?.name ?? '', providerName, masked, tail].join('\u0000').toLowerCase();
    const w = worst.get(token.id);
    const row: Row = { token, store, client, providerId, providerName, haystack, worst: w?.sev ?? null, findingCount: w?.n ?? 0 };
    rows.push(row);
    byId.set(token.id, row);
  }
  return { revision: snapshot.revision, rows, byId, sorted: {} };
}

/**
 * applyFilters over an index, without sorting per keystroke: the rows are sorted once per revision and sort key,
 * and filtering keeps that order (every comparator is total: ties fall back to name, then id).
 */
export function filterIndex(index: InventoryIndex, f: Filters, sort: SortKey): Row[] {
  const sorted = (index.sorted[sort] ??= [...index.rows].sort(comparator(sort)));
  return filterRows(sorted, f);
}

export type SortKey = 'name' | 'expiry' | 'last-check-old' | 'last-check-new' | 'created-new' | 'created-old';
export const SORTS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name (A–Z)' },
  { key: 'expiry', label: 'Expiry (soonest first)' },
  { key: 'last-check-old', label: 'Last check (oldest first)' },
  { key: 'last-check-new', label: 'Last check (newest first)' },
  { key: 'created-new', label: 'Created (newest first)' },
  { key: 'created-old', label: 'Created (oldest first)' },
];

export interface Filters {
  query: string;
  provider: string;
  status: string;
  mode: string;
  client: string;
  severity: string;
  /** Only these token ids (a notification asked to show them), or null. */
  ids: string[] | null;
}

export const EMPTY_FILTERS: Filters = { query: '', provider: '', status: '', mode: '', client: '', severity: '', ids: null };
export const NO_CLIENT = '__none__';
export const NO_FINDING = '__none__';

/** Filters and sorts rows. Search terms (space separated) must all appear in name, store, client, provider or fingerprint. */
export function applyFilters(rows: readonly Row[], f: Filters, sort: SortKey): Row[] {
  return filterRows(rows, f).sort(comparator(sort));
}

function filterRows(rows: readonly Row[], f: Filters): Row[] {
  const noFilter = !f.query.trim() && !f.ids && !f.provider && !f.status && !f.mode && !f.client && !f.severity;
  if (noFilter) return rows.slice();
  const terms = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  const ids = f.ids ? new Set(f.ids) : null;
  const out: Row[] = [];
  for (const r of rows) {
    if (ids && !ids.has(r.token.id)) continue;
    if (f.provider && r.providerId !== f.provider) continue;
    if (f.status && r.token.status !== f.status) continue;
    if (f.mode && (f.mode === 'none' ? r.token.mode !== null : r.token.mode !== f.mode)) continue;
    if (f.client && (f.client === NO_CLIENT ? r.client : r.client?.id !== f.client)) continue;
    if (f.severity && (f.severity === NO_FINDING ? r.worst !== null : r.worst !== f.severity)) continue;
    let hit = true;
    for (const t of terms) {
      if (!r.haystack.includes(t)) {
        hit = false;
        break;
      }
    }
    if (hit) out.push(r);
  }
  return out;
}

const FAR = '9999';
// String#localeCompare without arguments compares as a default Collator does; one Collator is several times faster.
const cmp = new Intl.Collator().compare;
function comparator(sort: SortKey): (a: Row, b: Row) => number {
  const byName = (a: Row, b: Row) => cmp(a.token.name, b.token.name) || cmp(a.token.id, b.token.id);
  switch (sort) {
    case 'expiry':
      return (a, b) => cmp(a.token.expiresAt ?? FAR, b.token.expiresAt ?? FAR) || byName(a, b);
    case 'last-check-old':
      return (a, b) => cmp(a.token.lastCheck?.checkedAt ?? '', b.token.lastCheck?.checkedAt ?? '') || byName(a, b);
    case 'last-check-new':
      return (a, b) => cmp(b.token.lastCheck?.checkedAt ?? '', a.token.lastCheck?.checkedAt ?? '') || byName(a, b);
    case 'created-new':
      return (a, b) => cmp(b.token.createdAt ?? b.token.addedAt, a.token.createdAt ?? a.token.addedAt) || byName(a, b);
    case 'created-old':
      return (a, b) => cmp(a.token.createdAt ?? a.token.addedAt, b.token.createdAt ?? b.token.addedAt) || byName(a, b);
    default:
      return byName;
  }
}

const csvCell = (v: string): string => {
  // Neutralise spreadsheet formulas and quote when needed.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A secret-free CSV of the rows: metadata and the masked fingerprint only. */
export function toCsv(rows: readonly Row[]): string {
  const head = ['token_id', 'name', 'provider', 'store', 'client', 'kind', 'mode', 'status', 'masked', 'scopes', 'created', 'expires', 'expiry_source', 'last_check', 'last_outcome', 'findings'];
  const lines = [head.join(',')];
  for (const r of rows) {
    const t = r.token;
    lines.push(
      [
        t.id,
        t.name,
        r.providerName,
        r.store?.label ?? '',
        r.client?.name ?? '',
        t.kind,
        t.mode ?? '',
        t.status,
        t.secret?.masked ?? '',
        t.scopes.join(' '),
        t.createdAt ?? '',
        t.expiresAt ?? '',
        t.expirySource,
        t.lastCheck?.checkedAt ?? '',
        t.lastCheck?.outcome ?? '',
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
