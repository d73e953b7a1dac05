import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../../../contract';
import type { VaultData } from '../../vault/vault-data';
import { spreadsheetSafe } from './export';

export const AUDIT_EXPORT_COLUMNS = [
  'at',
  'actor',
  'action',
  'subject_type',
  'subject_id',
  'subject_name',
  'summary',
] as const;

/** The most entries one export holds; the log keeps no secret, so the cap only bounds memory. */
export const AUDIT_EXPORT_MAX = 1_000_000;

/**
 * The audit log as CSV, newest first, with each subject's current name beside its id (empty once the
 * subject is gone). Entries hold no secret values; cells a spreadsheet would run as formulas stay text.
 */
export function auditCsv(
  entries: readonly AuditEntry[],
  vault: Pick<VaultData, 'clients' | 'stores' | 'tokens'>,
): string {
  const names = new Map<string, string>();
  for (const c of vault.clients) names.set(`client:${c.id}`, c.name);
  for (const s of vault.stores) names.set(`store:${s.id}`, s.label);
  for (const t of vault.tokens) names.set(`token:${t.id}`, t.name);
  const rows = entries.map((e) => ({
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject_type: e.subject.type,
    subject_id: e.subject.id,
    subject_name: names.get(`${e.subject.type}:${e.subject.id}`) ?? '',
    summary: e.summary,
  }));
  return stringify(rows, {
    header: true,
    columns: [...AUDIT_EXPORT_COLUMNS],
    record_delimiter: 'windows',
    cast: { string: spreadsheetSafe },
  });
}
