import {
  NO_CLIENT,
  NO_FINDING,
  type FindingSeverity,
  type InventoryPage,
  type InventoryQuery,
  type InventoryRow,
  type InventorySort,
  type Token,
} from '../../../contract';
import type { Database, SqlValue } from '../../db/sqlite';

// The inventory answered from inventory_rows (filters, search, order) joined with the vault's rows for one page.

const SEVERITIES: FindingSeverity[] = ['critical', 'warning', 'info'];

const ORDER: Record<InventorySort, string> = {
  name: 'name_rank',
  expiry: 'expiry_key, name_rank',
  'last-check-old': 'checked_key, name_rank',
  'last-check-new': 'checked_key DESC, name_rank',
  'created-new': 'created_key DESC, name_rank',
  'created-old': 'created_key, name_rank',
};

/** The WHERE clause and its parameters for the query's filters and search terms. */
function where(query: InventoryQuery): { sql: string; params: SqlValue[] } {
  const f = query.filters;
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (part: string, value?: SqlValue) => {
    parts.push(part);
    if (value !== undefined) params.push(value);
  };
  if (f.ids) add('token_id IN (SELECT value FROM json_each(?))', JSON.stringify(f.ids));
  if (f.provider) add('provider = ?', f.provider);
  if (f.status) add('status = ?', f.status);
  if (f.mode === 'none') add('mode IS NULL');
  else if (f.mode) add('mode = ?', f.mode);
  if (f.client === NO_CLIENT) add('client_id IS NULL');
  else if (f.client) add('client_id = ?', f.client);
  if (f.severity === NO_FINDING) add('worst IS NULL');
  else if (f.severity) add('worst = ?', SEVERITIES.indexOf(f.severity));
  for (const term of f.query.toLowerCase().split(/\s+/).filter(Boolean)) {
    add('instr(search, ?) > 0', term);
  }
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

interface PageRow {
  token_id: string;
  worst: number | null;
  finding_count: number;
  doc: string;
  provider: string | null;
  label: string | null;
  client_id: string | null;
  client_name: string | null;
}

/** One page of the inventory, as queryInventory in inventory-query.ts answers it from memory. */
export function queryInventorySql(
  db: Database,
  revision: number,
  providerNames: ReadonlyMap<string, string>,
  query: InventoryQuery,
): InventoryPage {
  const { sql, params } = where(query);
  const order = ORDER[query.sort];
  const count = (extra = '', more: SqlValue[] = []) =>
    db.prepare(`SELECT count(*) AS n FROM inventory_rows${sql}${extra}`).get<{ n: number }>(...params, ...more)!.n;
  const total = count();
  const totalAll = sql ? db.prepare('SELECT count(*) AS n FROM inventory_rows').get<{ n: number }>()!.n : total;
  const rows =
    query.limit === 0
      ? []
      : db
          .prepare(
            `SELECT p.token_id, p.worst, p.finding_count, t.doc, s.provider, s.label, s.client_id, c.name AS client_name
             FROM (SELECT token_id, worst, finding_count, name_rank, expiry_key, checked_key, created_key
                   FROM inventory_rows${sql} ORDER BY ${order} LIMIT ? OFFSET ?) p
             JOIN tokens t ON t.id = p.token_id LEFT JOIN stores s ON s.id = t.store_id LEFT JOIN clients c ON c.id = s.client_id
             ORDER BY ${order}`,
          )
          .all<PageRow>(...params, query.limit, query.offset);
  const page: InventoryPage = {
    revision,
    total,
    totalAll,
    offset: query.offset,
    rows: rows.map((r) => toRow(r, providerNames)),
  };
  if (query.withIds)
    page.ids = db
      .prepare(`SELECT token_id FROM inventory_rows${sql} ORDER BY ${order}`)
      .all<{ token_id: string }>(...params)
      .map((r) => r.token_id);
  if (query.countOf)
    page.countOf = count(`${sql ? ' AND' : ' WHERE'} token_id IN (SELECT value FROM json_each(?))`, [
      JSON.stringify(query.countOf),
    ]);
  if (query.withFacets) page.facets = facets(db, providerNames);
  return page;
}

const collator = new Intl.Collator();

export function facets(db: Database, providerNames: ReadonlyMap<string, string>): NonNullable<InventoryPage['facets']> {
  // One index seek per provider in use, not a walk of every row.
  const used = new Set(
    db
      .prepare(
        `WITH RECURSIVE used (provider) AS (SELECT min(provider) FROM inventory_rows
           UNION ALL SELECT (SELECT min(provider) FROM inventory_rows WHERE provider > used.provider) FROM used WHERE used.provider IS NOT NULL)
         SELECT provider FROM used WHERE provider IS NOT NULL`,
      )
      .all<{ provider: string }>()
      .map((r) => r.provider),
  );
  return {
    providers: [...providerNames].filter(([id]) => used.has(id)).map(([id, name]) => ({ id, name })),
    clients: db
      .prepare('SELECT id, name FROM clients ORDER BY pos')
      .all<{ id: string; name: string }>()
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

function toRow(r: PageRow, providerNames: ReadonlyMap<string, string>): InventoryRow {
  const t = JSON.parse(r.doc) as Token;
  const providerId = r.provider ?? '';
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
    providerName: providerNames.get(providerId) ?? providerId,
    storeLabel: r.label,
    clientId: r.client_id,
    clientName: r.client_name,
    worst: r.worst === null ? null : SEVERITIES[r.worst]!,
    findingCount: r.finding_count,
  };
}

/** Page rows for these token ids, in their order. */
function rowsOf(db: Database, ids: readonly string[], providerNames: ReadonlyMap<string, string>): InventoryRow[] {
  if (!ids.length) return [];
  const byId = new Map(
    db
      .prepare(
        `SELECT r.token_id, r.worst, r.finding_count, t.doc, s.provider, s.label, s.client_id, c.name AS client_name
         FROM json_each(?) j CROSS JOIN inventory_rows r ON r.token_id = j.value JOIN tokens t ON t.id = r.token_id
         LEFT JOIN stores s ON s.id = t.store_id LEFT JOIN clients c ON c.id = s.client_id`,
      )
      .all<PageRow>(JSON.stringify(ids))
      .map((r) => [r.token_id, r]),
  );
  return ids.map((id) => toRow(byId.get(id)!, providerNames));
}

/** The page for `matching` (the tokens the query matches, in its order) out of `all` tokens. */
export function pageOfIds(
  db: Database,
  revision: number,
  providerNames: ReadonlyMap<string, string>,
  query: InventoryQuery,
  matching: readonly string[],
  all: number,
): InventoryPage {
  const page: InventoryPage = {
    revision,
    total: matching.length,
    totalAll: all,
    offset: query.offset,
    rows: rowsOf(db, matching.slice(query.offset, query.offset + query.limit), providerNames),
  };
  if (query.withIds) page.ids = [...matching];
  if (query.countOf) {
    const wanted = new Set(query.countOf);
    page.countOf = matching.reduce((n, id) => n + (wanted.has(id) ? 1 : 0), 0);
  }
  if (query.withFacets) page.facets = facets(db, providerNames);
  return page;
}
