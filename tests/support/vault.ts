import type { AuditEntry } from '../../electron/contract';
import { SqliteAuditLog } from '../../electron/core/audit/sqlite-audit-log';
import { SqliteWarningStore } from '../../electron/core/features/expiry';
import type { Clock, Logger } from '../../electron/core/ports';
import { silentLogger } from '../../electron/core/ports';
import { SqliteVaultRepository } from '../../electron/core/vault/sqlite-vault-repository';
import { VaultDatabase } from '../../electron/core/vault/vault-database';
import type { VaultData } from '../../electron/core/vault/vault-data';

/** The audit log as the app keeps it (SQLite), with its entries readable at once, oldest first, for assertions. */
export class RecordedAudit extends SqliteAuditLog {
  constructor(private readonly db: VaultDatabase) {
    super(db);
  }
  get entries(): AuditEntry[] {
    let database;
    try {
      database = this.db.current();
    } catch {
      return [];
    }
    return database
      .prepare('SELECT at, actor, action, subject_type, subject_id, summary FROM audit_log ORDER BY seq')
      .all<{
        at: string;
        actor: string;
        action: string;
        subject_type: AuditEntry['subject']['type'];
        subject_id: string;
        summary: string;
      }>()
      .map((r) => ({
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: { type: r.subject_type, id: r.subject_id },
        summary: r.summary,
      }));
  }
}

/** The data folder's real SQLite vault, as compose() opens it: repository, audit log and expiry warnings on one connection. */
export function openTestVault(dir: string, clock: Clock, logger: Logger = silentLogger) {
  const database = new VaultDatabase(dir, clock, logger);
  return {
    database,
    repo: new SqliteVaultRepository(database),
    audit: new RecordedAudit(database),
    warnings: new SqliteWarningStore(database),
  };
}

/** The vault as a new process would read it from `dir` (its own connection), closed again. */
export async function readVaultFrom(dir: string, clock: Clock) {
  const { database, repo } = openTestVault(dir, clock);
  try {
    return (await repo.load()).data;
  } finally {
    database.close();
  }
}

/**
 * Changes the vault in `dir` from another connection, as another Keyward process or a hand edit of the
 * database would: `edit` changes a copy of the whole vault, which is saved as one new revision.
 */
export async function editVault(dir: string, edit: (vault: VaultData) => void): Promise<void> {
  const { database, repo } = openTestVault(dir, { now: () => new Date() });
  try {
    await repo.transaction(async () => {
      const { data } = await repo.load();
      const next = structuredClone(data);
      edit(next);
      next.revision = data.revision + 1;
      await repo.save(next, data.revision);
    });
  } finally {
    database.close();
  }
}

/**
 * What the vault holds as one process's inventory sees it, tokens without their check histories, with the
 * keychain's state and the notices: for tests that compare the whole state before and after a change.
 */
export async function vaultState(core: {
  vault(): Promise<Readonly<VaultData>>;
  status: { status(): Promise<{ keychain: { available: boolean; message: string }; notices: unknown[] }> };
}) {
  const [data, status] = await Promise.all([core.vault(), core.status.status()]);
  return {
    revision: data.revision,
    clients: data.clients,
    stores: data.stores,
    tokens: data.tokens.map(({ checkHistory: _history, ...token }) => token),
    ...status,
  };
}
