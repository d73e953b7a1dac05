import type { Navigation, StoreEntry, StoreProfile, StoreView, TokenSummary } from '../../../contract';
import type { Database } from '../../db/sqlite';
import { AppError } from '../../errors';
import type { ProviderName } from '../tokens/queries';

type StoreRow = Omit<StoreEntry, 'providerName'>;

const ENTRY_SELECT = `SELECT s.id AS id, s.client_id AS clientId, s.provider AS provider, s.label AS label,
  json_extract(s.doc, '$.environment') AS environment, (SELECT count(*) FROM tokens t WHERE t.store_id = s.id) AS tokenCount
  FROM stores s`;

const entry = (r: StoreRow, providerName: ProviderName): StoreEntry => ({
  ...r,
  providerName: providerName(r.provider),
});

/** Stores as lists show them, in vault order; only those of `clientId` when given. */
export function storeEntries(db: Database, providerName: ProviderName, clientId?: string): StoreEntry[] {
  const rows =
    clientId === undefined
      ? db.prepare(`${ENTRY_SELECT} ORDER BY s.pos`).all<StoreRow>()
      : db.prepare(`${ENTRY_SELECT} WHERE s.client_id = ? ORDER BY s.pos`).all<StoreRow>(clientId);
  return rows.map((r) => entry(r, providerName));
}

/** Every client and store with token counts (the sidebar's tree). */
export function navigation(db: Database, providerName: ProviderName): Navigation {
  return {
    clients: db.prepare('SELECT id, name FROM clients ORDER BY pos').all<{ id: string; name: string }>(),
    stores: storeEntries(db, providerName),
    tokenCount: db.prepare('SELECT count(*) AS n FROM tokens').get<{ n: number }>()!.n,
  };
}

/** One store, its client and its tokens in vault order. */
export function storeView(db: Database, id: string): StoreView {
  const row = db
    .prepare(
      'SELECT s.doc AS doc, c.id AS clientId, c.name AS clientName FROM stores s LEFT JOIN clients c ON c.id = s.client_id WHERE s.id = ?',
    )
    .get<{ doc: string; clientId: string | null; clientName: string | null }>(id);
  if (!row) throw new AppError('not_found', 'No store with this id: it may have been deleted.');
  const tokens = db
    .prepare(
      `SELECT '[' || coalesce(group_concat(doc, ',' ORDER BY pos), '') || ']' AS docs FROM tokens WHERE store_id = ?`,
    )
    .get<{ docs: string }>(id)!;
  return {
    store: JSON.parse(row.doc) as StoreProfile,
    client: row.clientId && row.clientName !== null ? { id: row.clientId, name: row.clientName } : null,
    tokens: (JSON.parse(tokens.docs) as (TokenSummary & { checkHistory?: unknown })[]).map(
      ({ checkHistory: _, ...t }) => t,
    ),
  };
}

/** Labels for the given store ids, in the order asked. */
export function storeLabels(db: Database, ids: readonly string[]): { id: string; label: string }[] {
  if (ids.length === 0) return [];
  return db
    .prepare('SELECT s.id AS id, s.label AS label FROM json_each(?) j JOIN stores s ON s.id = j.value ORDER BY j.key')
    .all<{ id: string; label: string }>(JSON.stringify(ids));
}
