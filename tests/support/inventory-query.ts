import {
  NO_CLIENT,
  NO_FINDING,
  type Finding,
  type FindingSeverity,
  type InventoryFilters,
  type InventoryPage,
  type InventoryQuery,
  type InventoryRow,
  type InventorySort,
  type Token,
} from '../../electron/contract';
import type { VaultData } from '../../electron/core/vault/vault-data';

/** Rows and their search text for one vault revision; sorted orders are added on first use. */
export interface InventoryIndex {
  revision: number;
  rows: IndexedRow[];
  sorted: Partial<Record<InventorySort, IndexedRow[]>>;
  /** Recent answers (matching rows per sort and filters), for the findings they were computed with. */
  recent: { findings: FindingsByToken | null; answers: Map<string, Answer> };
  providers: { id: string; name: string }[];
  clients: { id: string; name: string }[];
}

interface Answer {
  /** Sort and every filter but the search terms. */
  base: string;
  terms: string[];
  rows: readonly IndexedRow[];
}

/** Answers kept per index: typing and erasing a search revisits the same few. */
const RECENT_ANSWERS = 24;

interface IndexedRow {
  row: Omit<InventoryRow, 'worst' | 'findingCount'>;
  /** Lowercase name, store, client, provider and masked fingerprint, joined: what search looks in. */
  haystack: string;
  /** Sort keys, computed once. */
  createdKey: string;
}

/** Worst severity and count per token id, from one findings list. */
export type FindingsByToken = Map<string, { worst: FindingSeverity; count: number }>;

const RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Builds the index for one revision: tokens joined with their store, client and provider name. */
export function buildInventoryIndex(
  vault: Pick<VaultData, 'revision' | 'tokens' | 'stores' | 'clients'>,
  providerNames: ReadonlyMap<string, string>,
): InventoryIndex {
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  const clients = new Map(vault.clients.map((c) => [c.id, c]));
  const rows: IndexedRow[] = [];
  const usedProviders = new Set<string>();
  for (const token of vault.tokens) {
    const store = stores.get(token.storeId);
    const client = store?.clientId ? clients.get(store.clientId) : undefined;
    const providerId = store?.provider ?? '';
    if (providerId) usedProviders.add(providerId);
    const providerName = providerNames.get(providerId) ?? providerId;
    const row = toRow(token, providerId, providerName, store?.label ?? null, client?.id ?? null, client?.name ?? null);
    const masked = row.masked ?? '';
    const tail = masked.includes('…') ? masked.slice(masked.lastIndexOf('…') + 1) : '';
    rows.push({
      row,
      haystack: [token.name, row.storeLabel ?? '', row.clientName ?? '', providerName, masked, tail]
        .join('\u0000')
        .toLowerCase(),
      createdKey: token.createdAt ?? token.addedAt,
    });
  }
  const providers = [...providerNames].filter(([id]) => usedProviders.has(id)).map(([id, name]) => ({ id, name }));
  const byName = new Intl.Collator().compare;
  const clientFacets = vault.clients.map((c) => ({ id: c.id, name: c.name })).sort((a, b) => byName(a.name, b.name));
  return {
    revision: vault.revision,
    rows,
    sorted: {},
    recent: { findings: null, answers: new Map() },
    providers,
    clients: clientFacets,
  };
}

function toRow(
  t: Token,
  providerId: string,
  providerName: string,
  storeLabel: string | null,
  clientId: string | null,
  clientName: string | null,
): IndexedRow['row'] {
  return {
    id: t.id,
    storeId: t.storeId,
    name: t.name,
    kind: t.kind,
    mode: t.mode,
    status: t.status,
    scopes: t.scopes,
    masked: t.secret?.masked ?? null,
    createdAt: t.createdAt,
    addedAt: t.addedAt,
    updatedAt: t.updatedAt,
    expiresAt: t.expiresAt,
    expirySource: t.expirySource,
    lastCheck: t.lastCheck
      ? { outcome: t.lastCheck.outcome, detail: t.lastCheck.detail, checkedAt: t.lastCheck.checkedAt }
      : null,
    providerId,
    providerName,
    storeLabel,
    clientId,
    clientName,
  };
}

/** Worst finding and count per token; computed once per findings list. */
export function findingsByToken(findings: readonly Finding[]): FindingsByToken {
  const out: FindingsByToken = new Map();
  for (const f of findings) {
    const id = f.subject.tokenId;
    if (!id) continue;
    const prev = out.get(id);
    if (!prev) out.set(id, { worst: f.severity, count: 1 });
    else {
      prev.count++;
      if (RANK[f.severity] < RANK[prev.worst]) prev.worst = f.severity;
    }
  }
  return out;
}

/** One page of rows matching the filters, in the asked order. Sorting happens once per revision and key. */
export function queryInventory(index: InventoryIndex, findings: FindingsByToken, query: InventoryQuery): InventoryPage {
  const matching = matchingRows(index, findings, query);
  const page: InventoryPage = {
    revision: index.revision,
    total: matching.length,
    totalAll: index.rows.length,
    offset: query.offset,
    rows: matching.slice(query.offset, query.offset + query.limit).map((r) => withFindings(r.row, findings)),
  };
  if (query.withIds) page.ids = matching.map((r) => r.row.id);
  if (query.countOf) {
    const wanted = new Set(query.countOf);
    page.countOf = matching.reduce((n, r) => n + (wanted.has(r.row.id) ? 1 : 0), 0);
  }
  if (query.withFacets) page.facets = { providers: index.providers, clients: index.clients };
  return page;
}

function withFindings(row: IndexedRow['row'], findings: FindingsByToken): InventoryRow {
  const f = findings.get(row.id);
  return { ...row, worst: f?.worst ?? null, findingCount: f?.count ?? 0 };
}

/**
 * The rows matching the filters, in order. A search that narrows a recent one (typing on: every earlier term is
 * part of a new term) filters that answer instead of all rows, and an answer seen lately is reused as it is.
 */
function matchingRows(index: InventoryIndex, findings: FindingsByToken, query: InventoryQuery): readonly IndexedRow[] {
  const sorted = (index.sorted[query.sort] ??= [...index.rows].sort(comparator(query.sort)));
  const terms = searchTerms(query.filters.query);
  if (index.recent.findings !== findings) index.recent = { findings, answers: new Map() };
  const answers = index.recent.answers;
  const base = JSON.stringify([query.sort, { ...query.filters, query: '' }]);
  const key = `${base}\u0000${terms.join(' ')}`;
  const seen = answers.get(key);
  if (seen) {
    answers.delete(key);
    answers.set(key, seen);
    return seen.rows;
  }
  let from: readonly IndexedRow[] | null = null;
  for (const a of answers.values()) {
    if (a.base !== base || (from && a.rows.length >= from.length)) continue;
    if (a.terms.every((earlier) => terms.some((t) => t.includes(earlier)))) from = a.rows;
  }
  const rows = from
    ? filterRows(
        from,
        findings,
        { ...query.filters, provider: '', status: '', mode: '', client: '', severity: '', ids: null },
        terms,
      )
    : filterRows(sorted, findings, query.filters, terms);
  answers.set(key, { base, terms, rows });
  if (answers.size > RECENT_ANSWERS) answers.delete(answers.keys().next().value!);
  return rows;
}

const searchTerms = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);

function filterRows(
  rows: readonly IndexedRow[],
  findings: FindingsByToken,
  f: InventoryFilters,
  terms: readonly string[],
): readonly IndexedRow[] {
  if (terms.length === 0 && !f.ids && !f.provider && !f.status && !f.mode && !f.client && !f.severity) return rows;
  const ids = f.ids ? new Set(f.ids) : null;
  const out: IndexedRow[] = [];
  for (const indexed of rows) {
    const r = indexed.row;
    if (ids && !ids.has(r.id)) continue;
    if (f.provider && r.providerId !== f.provider) continue;
    if (f.status && r.status !== f.status) continue;
    if (f.mode && (f.mode === 'none' ? r.mode !== null : r.mode !== f.mode)) continue;
    if (f.client && (f.client === NO_CLIENT ? r.clientId !== null : r.clientId !== f.client)) continue;
    if (f.severity) {
      const worst = findings.get(r.id)?.worst ?? null;
      if (f.severity === NO_FINDING ? worst !== null : worst !== f.severity) continue;
    }
    let hit = true;
    for (const t of terms) {
      if (!indexed.haystack.includes(t)) {
        hit = false;
        break;
      }
    }
    if (hit) out.push(indexed);
  }
  return out;
}

const FAR = '9999';
// One Collator is several times faster than String#localeCompare per call.
const cmp = new Intl.Collator().compare;
// ISO timestamps order by their characters.
const byChars = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Every order is total: ties fall back to name, then id, so pages never overlap or skip. */
function comparator(sort: InventorySort): (a: IndexedRow, b: IndexedRow) => number {
  const byName = (a: IndexedRow, b: IndexedRow) => cmp(a.row.name, b.row.name) || cmp(a.row.id, b.row.id);
  const checked = (r: IndexedRow) => r.row.lastCheck?.checkedAt ?? '';
  switch (sort) {
    case 'expiry':
      return (a, b) => byChars(a.row.expiresAt ?? FAR, b.row.expiresAt ?? FAR) || byName(a, b);
    case 'last-check-old':
      return (a, b) => byChars(checked(a), checked(b)) || byName(a, b);
    case 'last-check-new':
      return (a, b) => byChars(checked(b), checked(a)) || byName(a, b);
    case 'created-new':
      return (a, b) => byChars(b.createdKey, a.createdKey) || byName(a, b);
    case 'created-old':
      return (a, b) => byChars(a.createdKey, b.createdKey) || byName(a, b);
    default:
      return byName;
  }
}

/**
 * Answers inventory queries with the index kept per vault revision and catalog, and the per-token findings
 * kept per findings list: a keystroke only filters rows that are already joined and sorted.
 */
export function createInventoryQueries(): (
  vault: Pick<VaultData, 'revision' | 'tokens' | 'stores' | 'clients'>,
  providerNames: ReadonlyMap<string, string>,
  findings: readonly Finding[],
  query: InventoryQuery,
) => InventoryPage {
  let indexCache: { tokens: unknown; names: ReadonlyMap<string, string>; index: InventoryIndex } | null = null;
  let findingsCache: { findings: readonly Finding[]; byToken: FindingsByToken } | null = null;
  return (vault, providerNames, findings, query) => {
    if (
      !indexCache ||
      indexCache.tokens !== vault.tokens ||
      indexCache.index.revision !== vault.revision ||
      indexCache.names !== providerNames
    ) {
      indexCache = { tokens: vault.tokens, names: providerNames, index: buildInventoryIndex(vault, providerNames) };
    }
    if (findingsCache?.findings !== findings) findingsCache = { findings, byToken: findingsByToken(findings) };
    return queryInventory(indexCache.index, findingsCache.byToken, query);
  };
}
