import type { Finding, FindingSeverity, FindingSettings, StoreProfile, Token } from '../../../contract';
import type { Database } from '../../db/sqlite';
import type { Catalog } from '../../providers/catalog';
import { computeFindings, resolveFindingSettings } from '../../rules';
import { expiryWindow } from '../../rules/findings/expiry-window';
import { viewOf } from '../../rules/findings/views';
import type { VaultData } from '../../vault/vault-data';
import { byName, COLLATION, providerNamesOf, rankBetween, ROW_UPSERT, rowKeys } from './inventory-rows';

// The findings table and the findings part of inventory_rows: written whole (rebuild), per owner as a change
// touches them (the transaction hook in scoped-findings.ts), or where a recomputation differs (refresh).

const RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Whose findings these are: replaced together when that token or store (or the keychain, or the catalog) is judged again. */
export function ownerOf(f: Finding): string {
  if (f.subject.tokenId) return `t:${f.subject.tokenId}`;
  if (f.kind === 'orphan_secret') return 'keychain';
  if (f.kind === 'custom_provider_invalid' || !f.subject.storeId) return 'catalog';
  return `s:${f.subject.storeId}`;
}

export function groupByOwner(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const owner = ownerOf(f);
    const list = out.get(owner);
    if (list) list.push(f);
    else out.set(owner, [f]);
  }
  return out;
}

export const STATE = { revision: 'revision', keychain: 'keychain', collation: 'collation' } as const;

export function readState(db: Database): Map<string, string> {
  return new Map(
    db
      .prepare('SELECT key, value FROM derived_state')
      .all<{ key: string; value: string }>()
      .map((r) => [r.key, r.value]),
  );
}

export function writeState(db: Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO derived_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** Worst severity rank and count of a token's findings. */
function summary(findings: readonly Finding[] | undefined): [number | null, number] {
  if (!findings?.length) return [null, 0];
  let worst = 2;
  for (const f of findings) worst = Math.min(worst, RANK[f.severity]);
  return [worst, findings.length];
}

function insertFindings(db: Database, owner: string, findings: readonly Finding[]): void {
  const insert = db.prepare(
    'INSERT INTO findings (owner, token_id, store_id, kind, severity, doc) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const f of findings)
    insert.run(owner, f.subject.tokenId ?? null, f.subject.storeId ?? null, f.kind, f.severity, JSON.stringify(f));
}

/**
 * Makes each owner's stored findings `groups`' (an owner missing from `groups` has none), writing only owners
 * whose findings differ; returns the owners written.
 */
export function writeOwners(
  db: Database,
  owners: Iterable<string>,
  groups: ReadonlyMap<string, Finding[]>,
  stored?: ReadonlyMap<string, string[]>,
): string[] {
  const read = db.prepare('SELECT doc FROM findings WHERE owner = ?');
  const remove = db.prepare('DELETE FROM findings WHERE owner = ?');
  const written: string[] = [];
  for (const owner of owners) {
    const next = (groups.get(owner) ?? []).map((f) => JSON.stringify(f)).sort();
    const before = (stored ? (stored.get(owner) ?? []) : read.all<{ doc: string }>(owner).map((r) => r.doc)).sort();
    if (before.length === next.length && before.every((doc, i) => doc === next[i])) continue;
    remove.run(owner);
    insertFindings(db, owner, groups.get(owner) ?? []);
    written.push(owner);
  }
  return written;
}

/** Sets the findings summary of these tokens' rows from `groups`. */
export function writeSummaries(db: Database, tokenIds: Iterable<string>, groups: ReadonlyMap<string, Finding[]>): void {
  const update = db.prepare('UPDATE inventory_rows SET worst = ?, finding_count = ? WHERE token_id = ?');
  for (const id of tokenIds) update.run(...summary(groups.get(`t:${id}`)), id);
}

/** The span around `now` over which each token's time-dependent findings stay as computed. */
export function windowsOf(
  tokens: readonly Token[],
  stores: { get(id: string): StoreProfile | undefined },
  catalog: Catalog,
  settings: FindingSettings,
  nowMs: number,
): Map<string, [number | null, number | null]> {
  const out = new Map<string, [number | null, number | null]>();
  for (const token of tokens) {
    const store = stores.get(token.storeId);
    if (!store) continue;
    const w = expiryWindow(viewOf(token, store, catalog.find(store.provider)), settings, nowMs);
    out.set(token.id, [Number.isFinite(w.from) ? w.from : null, Number.isFinite(w.until) ? w.until : null]);
  }
  return out;
}

export const settingsOf = (vault: Pick<VaultData, 'settings'>): FindingSettings =>
  resolveFindingSettings(vault.settings.findings);

/**
 * Everything derived, written anew from `vault`: findings (keychain findings when `accounts` is the listing),
 * inventory rows ranked by name, and the state saying which revision and collation they belong to.
 */
export function rebuildDerived(
  db: Database,
  vault: VaultData,
  catalog: Catalog,
  now: Date,
  accounts: readonly string[] | null,
): void {
  const settings = settingsOf(vault);
  const groups = groupByOwner(computeFindings(vault, settings, now, catalog, accounts));
  db.prepare('DELETE FROM findings').run();
  for (const [owner, list] of groups) insertFindings(db, owner, list);
  db.prepare('DELETE FROM inventory_rows').run();
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  const clients = new Map(vault.clients.map((c) => [c.id, c]));
  const names = providerNamesOf(catalog);
  const windows = windowsOf(vault.tokens, stores, catalog, settings, now.getTime());
  const upsert = db.prepare(ROW_UPSERT);
  [...vault.tokens].sort(byName).forEach((token, rank) => {
    const store = stores.get(token.storeId);
    const client = store?.clientId ? clients.get(store.clientId) : undefined;
    const provider = store?.provider ?? '';
    const keys = rowKeys(token, store, client, names.get(provider) ?? provider);
    const [from, until] = windows.get(token.id) ?? [null, null];
    upsert.run(token.id, rank, ...keys, ...summary(groups.get(`t:${token.id}`)), from, until);
  });
  writeState(db, STATE.revision, String(vault.revision));
  writeState(db, STATE.keychain, accounts ? 'known' : 'unknown');
  writeState(db, STATE.collation, COLLATION);
}

/** Ranks every row anew in name order (the ranks between two neighbours ran out). */
export function rerank(db: Database): void {
  const rows = db
    .prepare('SELECT r.token_id AS id, t.name AS name FROM inventory_rows r JOIN tokens t ON t.id = r.token_id')
    .all<{ id: string; name: string }>();
  rows.sort(byName);
  const update = db.prepare('UPDATE inventory_rows SET name_rank = ? WHERE token_id = ?');
  // Out of the way first: the ranks are unique.
  db.prepare('UPDATE inventory_rows SET name_rank = -name_rank - 1e12').run();
  rows.forEach((r, rank) => update.run(rank, r.id));
}

/** Puts a token's row in place with a rank among the others (its old row is gone first). */
export function placeRow(db: Database, tokenId: string, name: string, keys: readonly unknown[]): void {
  db.prepare('DELETE FROM inventory_rows WHERE token_id = ?').run(tokenId);
  let rank = rankBetween(db, { id: tokenId, name });
  if (rank === null) {
    rerank(db);
    rank = rankBetween(db, { id: tokenId, name })!;
  }
  db.prepare(ROW_UPSERT).run(tokenId, rank, ...(keys as never[]), null, 0, null, null);
}

/**
 * Recomputes every finding with `now` and the keychain listing and writes where they differ from the stored
 * ones (findings, summaries and time windows); returns whether any finding changed.
 */
export function refreshDerived(
  db: Database,
  vault: VaultData,
  catalog: Catalog,
  now: Date,
  accounts: readonly string[] | null,
): boolean {
  const settings = settingsOf(vault);
  const groups = groupByOwner(computeFindings(vault, settings, now, catalog, accounts));
  const stored = new Map<string, string[]>();
  for (const r of db.prepare('SELECT owner, doc FROM findings').iterate<{ owner: string; doc: string }>()) {
    const list = stored.get(r.owner);
    if (list) list.push(r.doc);
    else stored.set(r.owner, [r.doc]);
  }
  const owners = new Set([...groups.keys(), ...stored.keys()]);
  const written = writeOwners(db, owners, groups, stored);
  const tokens = written.filter((o) => o.startsWith('t:')).map((o) => o.slice(2));
  writeSummaries(db, tokens, groups);
  const windows = windowsOf(
    vault.tokens,
    new Map(vault.stores.map((s) => [s.id, s])),
    catalog,
    settings,
    now.getTime(),
  );
  const update = db.prepare('UPDATE inventory_rows SET valid_from = ?, valid_until = ? WHERE token_id = ?');
  for (const row of db
    .prepare('SELECT token_id, valid_from, valid_until FROM inventory_rows')
    .all<{ token_id: string; valid_from: number | null; valid_until: number | null }>()) {
    const [from, until] = windows.get(row.token_id) ?? [null, null];
    if (from !== row.valid_from || until !== row.valid_until) update.run(from, until, row.token_id);
  }
  writeState(db, STATE.keychain, accounts ? 'known' : 'unknown');
  return written.length > 0;
}
