import type { AuditEntry, CheckResult, Client, StoreProfile, Token } from '../../contract';
import type { Database, SqlValue } from '../db/sqlite';
import type { VaultData } from './vault-data';

// How the vault's entities become rows and back: the one place that knows the tables' columns.

export const CLIENT_UPSERT =
  'INSERT INTO clients (id, pos, name, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc';
export const STORE_UPSERT =
  'INSERT INTO stores (id, pos, client_id, provider, label, doc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, provider = excluded.provider, label = excluded.label, doc = excluded.doc';
export const TOKEN_UPSERT =
  'INSERT INTO tokens (id, pos, store_id, name, mode, status, expires_at, expires_ms, expiry_source, masked, last_outcome, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, name = excluded.name, mode = excluded.mode, status = excluded.status, expires_at = excluded.expires_at, expires_ms = excluded.expires_ms, ' +
  'expiry_source = excluded.expiry_source, masked = excluded.masked, last_outcome = excluded.last_outcome, doc = excluded.doc';

export const clientRow = (c: Client, pos: number): SqlValue[] => [c.id, pos, c.name, JSON.stringify(c)];
export const storeRow = (s: StoreProfile, pos: number): SqlValue[] => [
  s.id,
  pos,
  s.clientId,
  s.provider,
  s.label,
  JSON.stringify(s),
];
/** The token with an empty check history in its place (the history has its own table; the key keeps the schema's order). */
export function tokenRow(t: Token, pos: number): SqlValue[] {
  const doc = { ...t, checkHistory: [] };
  return [
    t.id,
    pos,
    t.storeId,
    t.name,
    t.mode,
    t.status,
    t.expiresAt,
    t.expiresAt === null ? null : Date.parse(t.expiresAt),
    t.expirySource,
    t.secret?.masked ?? null,
    t.lastCheck?.outcome ?? null,
    JSON.stringify(doc),
  ];
}

/** Replaces a token's check history rows (newest first, seq 0). */
export function writeCheckHistory(db: Database, tokenId: string, history: readonly CheckResult[]): void {
  db.prepare('DELETE FROM check_results WHERE token_id = ?').run(tokenId);
  const insert = db.prepare(
    'INSERT INTO check_results (token_id, seq, checked_at, outcome, doc) VALUES (?, ?, ?, ?, ?)',
  );
  history.forEach((c, seq) => insert.run(tokenId, seq, c.checkedAt, c.outcome, JSON.stringify(c)));
}

export function appendAudit(db: Database, entry: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor, action, subject_type, subject_id, summary) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(entry.at, entry.actor, entry.action, entry.subject.type, entry.subject.id, entry.summary);
}

export const META = {
  vaultId: 'vault_id',
  revision: 'revision',
  updatedAt: 'updated_at',
  importedFrom: 'imported_from',
} as const;

export function readMeta(db: Database): Map<string, string> {
  return new Map(
    db
      .prepare('SELECT key, value FROM meta')
      .all<{ key: string; value: string }>()
      .map((r) => [r.key, r.value]),
  );
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * A table's docs in `pos` order, parsed a few thousand at a time: one JSON.parse of a joined chunk costs far
 * less than one per row (about half the time at 10,000 tokens), and no string grows with the whole table.
 */
function docsInOrder<T>(db: Database, table: 'clients' | 'stores' | 'tokens' | 'custom_providers'): T[] {
  const out: T[] = [];
  const sql = `SELECT '[' || group_concat(doc, ',' ORDER BY pos) || ']' AS docs FROM (SELECT doc, pos, (row_number() OVER (ORDER BY pos) - 1) / 2000 AS chunk FROM ${table}) GROUP BY chunk ORDER BY chunk`;
  for (const row of db.prepare(sql).iterate<{ docs: string }>())
    for (const doc of JSON.parse(row.docs) as T[]) out.push(doc);
  return out;
}

/** Every row of the vault's tables as a VaultData (check histories attached to their tokens). */
export function readVaultRows(db: Database, meta: Map<string, string>, schemaVersion: 1): VaultData {
  const tokens = docsInOrder<Token>(db, 'tokens');
  const byId = new Map<string, Token>();
  for (const token of tokens) {
    token.checkHistory ??= [];
    byId.set(token.id, token);
  }
  const histories = db.prepare(
    "SELECT token_id, '[' || group_concat(doc, ',' ORDER BY seq) || ']' AS docs FROM check_results GROUP BY token_id",
  );
  for (const row of histories.iterate<{ token_id: string; docs: string }>()) {
    const token = byId.get(row.token_id);
    if (token) token.checkHistory = JSON.parse(row.docs) as CheckResult[];
  }
  const settings: Record<string, unknown> = {};
  for (const row of db.prepare('SELECT key, value FROM settings').iterate<{ key: string; value: string }>())
    settings[row.key] = JSON.parse(row.value);
  const vaultId = meta.get(META.vaultId);
  return {
    schemaVersion,
    ...(vaultId ? { vaultId } : {}),
    revision: Number(meta.get(META.revision) ?? 0),
    updatedAt: meta.get(META.updatedAt) ?? new Date(0).toISOString(),
    clients: docsInOrder<Client>(db, 'clients'),
    stores: docsInOrder<StoreProfile>(db, 'stores'),
    tokens,
    customProviders: docsInOrder<Record<string, unknown>>(db, 'custom_providers'),
    settings,
  };
}
