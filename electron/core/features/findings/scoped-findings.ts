import type { StoreProfile, Token } from '../../../contract';
import type { Database } from '../../db/sqlite';
import { listChanges } from '../../inventory/snapshot-changes';
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
  const tokens = !whole && listChanges(base.tokens, draft.tokens, (t) => t);
  const stores = !whole && tokens && listChanges(base.stores, draft.stores, (s) => s);
  const clients = !whole && stores && listChanges(base.clients, draft.clients, (c) => c);
  if (!tokens || !stores || !clients) {
    rebuildDerived(db, draft, catalog, now, keychainKnown ? presentAccounts(db, draft, base) : null);
  } else {
    judgeAgain(db, base, draft, catalog, now, keychainKnown, {
      tokens: tokens.put.map((t) => t.id).concat(tokens.removed),
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
function presentAccounts(db: Database, draft: VaultData, base: VaultData, only?: ReadonlySet<string>): string[] {
  const missing = new Set(
    db
      .prepare("SELECT token_id FROM findings WHERE kind = 'secret_missing'")
      .all<{ token_id: string }>()
      .map((r) => r.token_id),
  );
  const before = missing.size ? new Map(base.tokens.map((t) => [t.id, t])) : null;
  const out: string[] = [];
  for (const t of draft.tokens) {
    if (!t.secret || (only && !only.has(t.id))) continue;
    if (missing.has(t.id) && before?.get(t.id)?.secret?.fingerprint === t.secret.fingerprint) continue;
    out.push(t.id);
  }
  if (!only) {
    const orphans = db.prepare("SELECT doc FROM findings WHERE kind = 'orphan_secret'").all<{ doc: string }>();
    for (const r of orphans)
      out.push((JSON.parse(r.doc) as { subject: { keychainAccount: string } }).subject.keychainAccount);
  }
  return out;
}

function judgeAgain(
  db: Database,
  base: VaultData,
  draft: VaultData,
  catalog: Catalog,
  now: Date,
  keychainKnown: boolean,
  changed: { tokens: string[]; stores: string[]; clients: string[] },
): void {
  if (!changed.tokens.length && !changed.stores.length && !changed.clients.length) return;
  const changedTokens = new Set(changed.tokens);
  const storeById = new Map<string, StoreProfile>();
  for (const s of draft.stores) storeById.set(s.id, s);
  // Stores whose slot findings and rows to redo: those changed, of a changed client, or holding a changed token.
  const keyStores = new Set(changed.stores);
  if (changed.clients.length) {
    const clientIds = new Set(changed.clients);
    for (const s of draft.stores) if (s.clientId && clientIds.has(s.clientId)) keyStores.add(s.id);
  }
  const slotStores = new Set(keyStores);
  const prints = new Set<string>();
  const note = (t: Token | undefined) => {
    if (!t) return;
    slotStores.add(t.storeId);
    if (t.secret) prints.add(t.secret.fingerprint);
  };
  const kept = new Set<string>();
  for (const t of draft.tokens) {
    if (!changedTokens.has(t.id)) continue;
    kept.add(t.id);
    note(t);
  }
  for (const t of base.tokens) if (changedTokens.has(t.id)) note(t);
  // The tokens to judge: those of the stores above, then every token sharing a secret with one of them.
  const judged = new Set<Token>();
  for (const t of draft.tokens) {
    if (!slotStores.has(t.storeId)) continue;
    judged.add(t);
    if (t.secret) prints.add(t.secret.fingerprint);
  }
  if (prints.size) for (const t of draft.tokens) if (t.secret && prints.has(t.secret.fingerprint)) judged.add(t);
  const tokens = draft.tokens.filter((t) => judged.has(t));
  const ids = new Set(tokens.map((t) => t.id));
  const stores = [...new Set(tokens.map((t) => t.storeId))].map((id) => storeById.get(id)).filter((s) => !!s);
  for (const id of slotStores)
    if (storeById.has(id) && !stores.includes(storeById.get(id)!)) stores.push(storeById.get(id)!);
  const settings = settingsOf(draft);
  const accounts = keychainKnown ? presentAccounts(db, draft, base, ids) : null;
  const groups = groupByOwner(computeFindings({ stores, tokens }, settings, now, catalog, accounts));
  const owners = new Set<string>();
  for (const id of ids) owners.add(`t:${id}`);
  for (const id of changedTokens) owners.add(`t:${id}`);
  for (const id of slotStores) owners.add(`s:${id}`);
  writeOwners(db, owners, groups);

  // Rows: every judged token (its summary), with keys and rank anew for those changed or in a changed store.
  for (const id of changedTokens)
    if (!kept.has(id)) db.prepare('DELETE FROM inventory_rows WHERE token_id = ?').run(id);
  const clients = new Map(draft.clients.map((c) => [c.id, c]));
  const names = providerNamesOf(catalog);
  const rekeyed = tokens.filter((t) => changedTokens.has(t.id) || keyStores.has(t.storeId));
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
  for (const [id, [from, until]] of windowsOf(tokens, storeById, catalog, settings, now.getTime()))
    update.run(from, until, id);
}
