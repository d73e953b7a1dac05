import { type AuditEntry, Client, type CheckResult, StoreProfile, Token } from '../../contract';
import { AppError } from '../errors';
import { listChanges } from './list-changes';
import type { LoadedVault, VaultRepository } from '../ports';
import type { VaultDatabase } from './vault-database';
import { CURRENT_SCHEMA_VERSION, type VaultData } from './vault-data';
import {
  appendAudit,
  CLIENT_UPSERT,
  clientRow,
  META,
  readMeta,
  readVaultRows,
  STORE_UPSERT,
  storeRow,
  TOKEN_UPSERT,
  tokenRow,
  writeCheckHistory,
  writeMeta,
} from './vault-rows';

type Section = 'clients' | 'stores' | 'tokens';

type Parser = {
  safeParse(v: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
};

/**
 * The element as its schema gives it back (its keys in the schema's order, so a later load takes dispatch's
 * fast path); an element that breaks its schema is refused: nothing that breaks it is ever written.
 */
function validated<T>(schema: Parser, value: T, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error?.issues[0];
    throw new AppError(
      'internal',
      `Refused to save a ${what} that breaks the schema (${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  return result.data as T;
}

/**
 * The vault in SQLite: a save writes only the rows that changed since the vault this connection last read or
 * wrote (elements compared by identity: a change replaces an element, never edits it), plus the audit entries
 * of the same action, in the caller's transaction. Another process's commit shows in `changedOnDisk`.
 */
export class SqliteVaultRepository implements VaultRepository {
  /** The vault as the database holds it, as far as this connection knows (null: read it again). */
  private last: VaultData | null = null;
  private pending: { data: VaultData; histories: (readonly CheckResult[])[] } | null = null;
  private seenVersion = -1;
  private nextPos: Record<Section, number> = { clients: 0, stores: 0, tokens: 0 };
  /** Check history arrays already in check_results: a token that still holds the same array needs no rewrite. */
  private storedHistories = new WeakSet<readonly CheckResult[]>();

  constructor(readonly database: VaultDatabase) {}

  get location(): string {
    return this.database.location;
  }

  private get db() {
    return this.database.current();
  }

  async load(): Promise<LoadedVault> {
    const db = await this.database.open();
    const data = readVaultRows(db, readMeta(db), CURRENT_SCHEMA_VERSION);
    this.last = data;
    for (const token of data.tokens) this.storedHistories.add(token.checkHistory);
    this.seenVersion = db.dataVersion();
    for (const section of ['clients', 'stores', 'tokens'] as const) {
      this.nextPos[section] =
        db.prepare(`SELECT coalesce(max(pos), -1) + 1 AS next FROM ${section}`).get<{ next: number }>()?.next ?? 0;
    }
    return { data, notices: this.database.takeNotices() };
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const db = await this.database.open();
    try {
      const result = await db.write(work);
      if (this.pending) {
        this.last = this.pending.data;
        for (const history of this.pending.histories) this.storedHistories.add(history);
      }
      return result;
    } catch (err) {
      // Rolled back: what this connection believed the rows hold may be wrong; read them again next time.
      if (this.pending) this.last = null;
      throw err;
    } finally {
      this.pending = null;
    }
  }

  save(data: VaultData, expectedRevision: number, audit: readonly AuditEntry[] = []): Promise<void> {
    const db = this.db;
    const stored = Number(readMeta(db).get(META.revision) ?? 0);
    if (stored !== expectedRevision || !this.last) {
      throw new AppError('conflict', 'The vault was changed by another Keyward process; reloaded, please try again.');
    }
    const prev = this.last;
    db.exec('PRAGMA defer_foreign_keys = ON');
    this.writeSection('clients', prev.clients, data.clients, Client, CLIENT_UPSERT, clientRow, 'client');
    this.writeSection('stores', prev.stores, data.stores, StoreProfile, STORE_UPSERT, storeRow, 'store');
    const tokens = this.writeSection('tokens', prev.tokens, data.tokens, Token, TOKEN_UPSERT, tokenRow, 'token');
    // Rewritten from scratch, the tokens lost their history rows with them (ON DELETE CASCADE).
    const everyHistory = tokens.rewritten;
    const histories: (readonly CheckResult[])[] = [];
    for (const token of tokens.written) {
      if (!everyHistory && this.storedHistories.has(token.checkHistory)) continue;
      writeCheckHistory(db, token.id, token.checkHistory);
      histories.push(token.checkHistory);
    }
    if (data.customProviders !== prev.customProviders) {
      db.prepare('DELETE FROM custom_providers').run();
      const insert = db.prepare('INSERT INTO custom_providers (id, pos, doc) VALUES (?, ?, ?)');
      data.customProviders.forEach((d, pos) => insert.run(String(d.id), pos, JSON.stringify(d)));
    }
    if (data.settings !== prev.settings) {
      for (const [key, value] of Object.entries(data.settings)) {
        if (prev.settings[key] !== value)
          db.prepare(
            'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          ).run(key, JSON.stringify(value));
      }
      for (const key of Object.keys(prev.settings))
        if (!(key in data.settings)) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    }
    writeMeta(db, META.revision, String(data.revision));
    writeMeta(db, META.updatedAt, data.updatedAt);
    if (data.vaultId && data.vaultId !== prev.vaultId) writeMeta(db, META.vaultId, data.vaultId);
    for (const entry of audit) appendAudit(db, entry);
    this.pending = { data, histories };
    return Promise.resolve();
  }

  /** Writes one list's changes; returns the elements written (new or changed) and whether the list was written anew. */
  private writeSection<T extends { id: string }>(
    section: Section,
    old: readonly T[],
    next: readonly T[],
    schema: Parser,
    upsert: string,
    row: (item: T, pos: number) => ReturnType<typeof clientRow>,
    what: string,
  ): { written: T[]; rewritten: boolean } {
    const db = this.db;
    const changes = listChanges(old, next, (item) => item);
    if (!changes) {
      // An element moved (a restore that replaces the vault): the list is written anew, in its new order.
      db.prepare(`DELETE FROM ${section}`).run();
      const insert = db.prepare(upsert);
      next.forEach((item, pos) => insert.run(...row(validated(schema, item, what), pos)));
      this.nextPos[section] = next.length;
      return { written: [...next], rewritten: true };
    }
    for (const id of changes.removed) db.prepare(`DELETE FROM ${section} WHERE id = ?`).run(id);
    const insert = db.prepare(upsert);
    // A new element goes after every existing one; a changed one keeps its place (the upsert leaves pos alone).
    for (const item of changes.put) insert.run(...row(validated(schema, item, what), this.nextPos[section]++));
    return { written: changes.put, rewritten: false };
  }

  async changedOnDisk(): Promise<boolean> {
    if (!this.last) return true;
    const db = await this.database.open();
    return db.dataVersion() !== this.seenVersion;
  }
}
