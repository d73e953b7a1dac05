import type { Client, StoreProfile, Token } from '../../../contract';
import type { Database } from '../../db/sqlite';
import { diffList, listChanges } from '../../vault/list-changes';
import type { VaultRepository } from '../../ports';
import type { Catalog } from '../../providers/catalog';
import { computeFindings } from '../../rules';
import { SqliteVaultRepository } from '../../vault/sqlite-vault-repository';
import type { VaultData } from '../../vault/vault-data';
import { COLLATION, providerNamesOf, rowKeys } from './inventory-rows';
import {
  groupByOwner,
  placeRow,
  readState,
  rebuildDerived,
  settingsOf,
  STATE,
  windowsOf,
  writeOwners,
  writeState,
  writeSummaries,
} from './stored-findings';

/**
 * Called by the vault's write transaction after `draft` is saved over `base`: judges again what the change can
 * touch (the tokens changed, their stores' tokens for slot limits, the tokens sharing their secrets) and writes
 * the findings and inventory rows that differ. Does nothing for a repository that is not SQLite.
 */
export function recordFindings(
  repo: VaultRepository,
  base: VaultData,
  draft: VaultData,
  catalog: Catalog,
  now: Date,
): Promise<void> {
  if (!(repo instanceof SqliteVaultRepository)) return Promise.resolve();
  const db = repo.database.current();
  const state = readState(db);
  const keychainKnown = state.get(STATE.keychain) === 'known';
  const stale = state.get(STATE.revision) !== String(base.revision) || state.get(STATE.collation) !== COLLATION;
  const whole =
    stale ||
    draft.customProviders !== base.customProviders ||
    JSON.stringify(draft.settings.findings) !== JSON.stringify(base.settings.findings);
  const stores = !whole && listChanges(base.stores, draft.stores, (s) => s);
  const clients = !whole && stores && listChanges(base.clients, draft.clients, (c) => c);
  if (!stores || !clients) {
    rebuildDerived(db, draft, catalog, now, keychainKnown ? storedAccounts(db, draft, base) : null);
  } else {
    judgeAgain(db, base, draft, catalog, now, keychainKnown, {
      stores: stores.put.map((s) => s.id).concat(stores.removed),
      clients: clients.put.map((c) => c.id).concat(clients.removed),
    });
  }
  writeState(db, STATE.revision, String(draft.revision));
  return Promise.resolve();
}

/**
 * The keychain as the stored findings last saw it, carried over a change: a token's entry is there unless a
 * stored secret_missing finding says otherwise and its secret is the same; orphan entries stay.
 */
function presentAccounts(
  db: Database,
  pairs: ReadonlyMap<string, [Token | null, Token | null]>,
  owned: readonly Token[],
): string[] {
  const find = db.prepare("SELECT 1 AS found FROM findings WHERE owner = ? AND kind = 'secret_missing'");
  const out: string[] = [];
  for (const t of owned) {
    if (!t.secret) continue;
    const before = pairs.get(t.id)?.[0];
    const sameSecret = !pairs.has(t.id) || before?.secret?.fingerprint === t.secret.fingerprint;
    if (sameSecret && find.get(`t:${t.id}`)) continue;
    out.push(t.id);
  }
  return out;
}

/** The keychain as the stored findings last saw it, for a whole-vault recomputation inside a change. */
function storedAccounts(db: Database, draft: VaultData, base: VaultData): string[] {
  const missing = new Set(
    db
      .prepare("SELECT token_id FROM findings WHERE kind = 'secret_missing'")
      .all<{ token_id: string }>()
      .map((r) => r.token_id),
  );
  const before = new Map<string, Token>();
  if (missing.size) for (const t of base.tokens) if (missing.has(t.id)) before.set(t.id, t);
  const out: string[] = [];
  for (const t of draft.tokens) {
    if (!t.secret) continue;
    if (missing.has(t.id) && before.get(t.id)?.secret?.fingerprint === t.secret.fingerprint) continue;
    out.push(t.id);
  }
  for (const r of db.prepare("SELECT doc FROM findings WHERE kind = 'orphan_secret'").all<{ doc: string }>())
    out.push((JSON.parse(r.doc) as { subject: { keychainAccount: string } }).subject.keychainAccount);
  return out;
}

/** Saved stores or clients by id, read from SQL when first asked (a change touches a few of thousands). */
class DocsById<T> {
  private readonly docs = new Map<string, T | undefined>();
  constructor(
    private readonly db: Database,
    private readonly table: 'stores' | 'clients',
  ) {}
  get(id: string): T | undefined {
    if (!this.docs.has(id)) {
      const row = this.db.prepare(`SELECT doc FROM ${this.table} WHERE id = ?`).get<{ doc: string }>(id);
      this.docs.set(id, row ? (JSON.parse(row.doc) as T) : undefined);
    }
    return this.docs.get(id);
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/** Changed tokens as (before, after) by id: a walk side by side when none was added or removed, else by id. */
function changedTokens(base: readonly Token[], draft: readonly Token[]): Map<string, [Token | null, Token | null]> {
  const out = new Map<string, [Token | null, Token | null]>();
  const diff = diffList(base, draft);
  if (diff) {
    for (const { before, after } of diff.changed) out.set(after.id, [before, after]);
    for (const t of diff.removed) out.set(t.id, [t, null]);
    return out;
  }
  const before = new Map(base.map((t) => [t.id, t]));
  const seen = new Set<string>();
  for (const t of draft) {
    seen.add(t.id);
    const old = before.get(t.id);
    if (old !== t) out.set(t.id, [old ?? null, t]);
  }
  for (const t of base) if (!seen.has(t.id)) out.set(t.id, [t, null]);
  return out;
}

/**
 * The saved tokens (docs: no check history, which no rule reads) with these ids, in the vault's order (duplicate
 * messages and slot suggestions follow it).
 */
function tokensIn(db: Database, where: string, values: readonly string[]): Token[] {
  if (!values.length) return [];
  return db
    .prepare(`SELECT doc FROM tokens WHERE ${where} IN (SELECT value FROM json_each(?)) ORDER BY pos`)
    .all<{ doc: string }>(JSON.stringify(values))
    .map((r) => JSON.parse(r.doc) as Token);
}

function judgeAgain(
  db: Database,
  base: VaultData,
  draft: VaultData,
  catalog: Catalog,
  now: Date,
  keychainKnown: boolean,
  changed: { stores: string[]; clients: string[] },
): void {
  const pairs = changedTokens(base.tokens, draft.tokens);
  if (!pairs.size && !changed.stores.length && !changed.clients.length) return;
  const storeById = new DocsById<StoreProfile>(db, 'stores');
  // Stores whose tokens' rows and findings change with them: those changed, or of a changed client.
  const keyStores = new Set(changed.stores);
  if (changed.clients.length) {
    const clientIds = new Set(changed.clients);
    for (const s of draft.stores) if (s.clientId && clientIds.has(s.clientId)) keyStores.add(s.id);
  }
  // Stores whose slot findings to redo: those above and those a changed token leaves or joins.
  const slotStores = new Set(keyStores);
  const prints = new Set<string>();
  for (const pair of pairs.values())
    for (const t of pair)
      if (t) {
        slotStores.add(t.storeId);
        if (t.secret) prints.add(t.secret.fingerprint);
      }
  // Owners: the changed tokens, those of the stores above, and every token sharing a secret with one of them
  // (duplicate findings name each other). The slot stores' other tokens are judged only for the slot limits.
  const ownedIds = new Set<string>();
  for (const [id, [, after]] of pairs) if (after) ownedIds.add(id);
  for (const t of tokensIn(db, 'store_id', [...keyStores])) {
    ownedIds.add(t.id);
    if (t.secret) prints.add(t.secret.fingerprint);
  }
  const twins = db
    .prepare('SELECT token_id FROM inventory_rows WHERE fingerprint IN (SELECT value FROM json_each(?))')
    .all<{ token_id: string }>(JSON.stringify([...prints]));
  for (const r of twins) ownedIds.add(r.token_id);
  const owned = tokensIn(db, 'id', [...ownedIds]).filter((t) => ownedIds.has(t.id));
  const ids = new Set(owned.map((t) => t.id));
  // Only stores whose provider limits active tokens have slot findings, for which their other tokens count.
  const limited = (id: string) => {
    const store = storeById.get(id);
    const module = store && catalog.find(store.provider);
    return !!module?.descriptor.credentials.some((c) => c.policy?.slotLimits?.length);
  };
  // Slots count per provider account, which can span store profiles: every store of a limited provider joins.
  const limitedProviders = [...new Set([...slotStores].filter(limited).map((id) => storeById.get(id)!.provider))];
  if (limitedProviders.length)
    for (const r of db
      .prepare('SELECT id FROM stores WHERE provider IN (SELECT value FROM json_each(?))')
      .all<{ id: string }>(JSON.stringify(limitedProviders)))
      slotStores.add(r.id);
  const context = tokensIn(
    db,
    'store_id',
    [...slotStores].filter((id) => !keyStores.has(id) && limited(id)),
  ).filter((t) => !ids.has(t.id));
  const tokens = context.length ? tokensIn(db, 'id', [...ids, ...context.map((t) => t.id)]) : owned;
  const stores = [...new Set([...tokens.map((t) => t.storeId), ...slotStores])]
    .map((id) => storeById.get(id))
    .filter((s) => !!s);
  const settings = settingsOf(draft);
  const accounts = keychainKnown ? presentAccounts(db, pairs, owned) : null;
  const groups = groupByOwner(computeFindings({ stores, tokens }, settings, now, catalog, accounts));
  const owners = new Set<string>();
  for (const id of ids) owners.add(`t:${id}`);
  for (const id of pairs.keys()) owners.add(`t:${id}`);
  for (const id of slotStores) owners.add(`s:${id}`);
  writeOwners(db, owners, groups);

  // Rows: the owners' summaries and windows; keys and rank anew for tokens changed or in a changed store.
  for (const [id, [, after]] of pairs) if (!after) db.prepare('DELETE FROM inventory_rows WHERE token_id = ?').run(id);
  const clients = new DocsById<Client>(db, 'clients');
  const names = providerNamesOf(catalog);
  const rekeyed = owned.filter((t) => pairs.has(t.id) || keyStores.has(t.storeId));
  // Renamed or new rows leave first, so a rank is never found against a row still ranked by its old name.
  for (const t of rekeyed) db.prepare('DELETE FROM inventory_rows WHERE token_id = ?').run(t.id);
  for (const t of rekeyed) {
    const store = storeById.get(t.storeId);
    const client = store?.clientId ? clients.get(store.clientId) : undefined;
    const provider = store?.provider ?? '';
    placeRow(db, t.id, t.name, rowKeys(t, store, client, names.get(provider) ?? provider));
  }
  writeSummaries(db, ids, groups);
  const update = db.prepare('UPDATE inventory_rows SET valid_from = ?, valid_until = ? WHERE token_id = ?');
  for (const [id, [from, until]] of windowsOf(owned, storeById, catalog, settings, now.getTime()))
    update.run(from, until, id);
}
