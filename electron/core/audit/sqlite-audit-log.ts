import { AuditEntry } from '../../contract';
import type { AuditFilter, AuditLog } from '../ports';
import type { VaultDatabase } from '../vault/vault-database';
import { appendAudit } from '../vault/vault-rows';

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  subject_type: AuditEntry['subject']['type'];
  subject_id: string;
  summary: string;
}

/** The audit_log table (append-only: triggers refuse updates and deletes); each entry is validated first. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly database: VaultDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    const valid = AuditEntry.parse(entry);
    const db = await this.database.open();
    await db.write(() => appendAudit(db, valid));
  }

  async recent(limit: number, filter?: AuditFilter): Promise<AuditEntry[]> {
    const db = await this.database.open();
    const prefix = filter?.actionPrefix ? `${filter.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = db
      .prepare(
        "SELECT at, actor, action, subject_type, subject_id, summary FROM audit_log WHERE (?1 IS NULL OR subject_id = ?1) AND (?2 IS NULL OR action LIKE ?2 ESCAPE '\\') ORDER BY seq DESC LIMIT ?3",
      )
      .all<AuditRow>(filter?.subjectId ?? null, prefix, limit);
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: { type: r.subject_type, id: r.subject_id },
      summary: r.summary,
    }));
  }
}
