import type { Navigation, SlotView, StoreEntry, StoreProfile, StoreView, Token, TokenSummary } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { slotUsage } from '../../rules/slots';
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

/** One store, its client, its tokens in vault order, and its slots as the provider counts them (with `catalog`). */
export function storeView(db: Database, id: string, catalog?: Catalog): StoreView {
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
  const store = JSON.parse(row.doc) as StoreProfile;
  return {
    store,
    client: row.clientId && row.clientName !== null ? { id: row.clientId, name: row.clientName } : null,
    tokens: (JSON.parse(tokens.docs) as (TokenSummary & { checkHistory?: unknown })[]).map(
      ({ checkHistory: _, ...t }) => t,
    ),
    slots: catalog ? slotsOf(db, store, catalog) : [],
  };
}

/** Slot usage over every store of the provider (an account can span store profiles). */
function slotsOf(db: Database, store: StoreProfile, catalog: Catalog): SlotView[] {
  const module = catalog.find(store.provider);
  if (!module?.descriptor.credentials.some((c) => c.policy?.slotLimits?.length)) return [];
  const stores = db
    .prepare('SELECT doc FROM stores WHERE provider = ?')
    .all<{ doc: string }>(store.provider)
    .map((r) => JSON.parse(r.doc) as StoreProfile);
  const tokens = db
    .prepare('SELECT t.doc AS doc FROM tokens t JOIN stores s ON s.id = t.store_id WHERE s.provider = ?')
    .all<{ doc: string }>(store.provider)
    .map((r) => JSON.parse(r.doc) as Token);
  return slotUsage({ stores, tokens }, store.id, catalog).map((u) => ({
    kind: u.kind,
    mode: u.limit.mode,
    maxActive: u.limit.maxActive,
    held: u.occupying.length,
    unknownMode: u.unknownMode.length,
    text: u.limit.text,
    account: { label: u.account.label, source: u.account.source, stores: u.account.storeIds.length },
  }));
}

/** Labels for the given store ids, in the order asked. */
export function storeLabels(db: Database, ids: readonly string[]): { id: string; label: string }[] {
  if (ids.length === 0) return [];
  return db
    .prepare('SELECT s.id AS id, s.label AS label FROM json_each(?) j JOIN stores s ON s.id = j.value ORDER BY j.key')
    .all<{ id: string; label: string }>(JSON.stringify(ids));
}
