import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../errors';
import { readUserFile } from '../../files/read-user-file';
import { writeUserFile } from '../../files/safe-write';
import type { TransferFeature } from './transfer';
import type { AuditFilter, AuditLog, Clock, FileDialogs, SecretStore } from '../../ports';
import { computeFindings, resolveFindingSettings } from '../../rules';
import { createBackup, readBackup } from './backup';
import { passphraseProblem } from './backup-format';
import { clientReport, clientReportHtml } from './client-report';
import { clientReportPdf } from './client-report-pdf';
import { AUDIT_EXPORT_MAX, auditCsv } from './audit-export';
import { exportCsv, exportJson } from './export';
import { readImportFile } from './import-file';
import { rejectedRowsCsv } from './rejected-rows';
import { planImport, type ImportPlan, type ImportResult } from './import-plan';
import { previewOf, type ImportPreview } from './import-preview';
import type { ImportFormat } from './parse-import';
import type { RestoreResult } from './restore-plan';
import { thawed, type FrozenVault } from '../../vault/plain-data';
import type { Catalog } from '../../providers/catalog';

const MAX_BACKUP_BYTES = 256 * 1024 * 1024;
const PLAN_TTL_MS = 15 * 60_000;
const FILTERS = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  html: [{ name: 'Web page', extensions: ['html'] }],
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  backup: [{ name: 'Keyward backup', extensions: ['kwbackup'] }],
  ics: [{ name: 'Calendar', extensions: ['ics'] }],
};

export type Saved = { saved: boolean; path: string };

/**
 * Import, export and backup as main-side work: main picks the files through the OS dialogs, reads and
 * writes them, and keeps import plans (which hold secrets) to itself; the renderer sees previews and counts.
 */
export class TransferService {
  /** Previewed plans by id; once applied, only the rejected rows' CSV (which holds no secret) is kept. */
  private readonly plans = new Map<
    string,
    { plan: ImportPlan | null; rejected: { csv: string; rows: number } | null; expires: number }
  >();

  constructor(
    // dataDir: Keyward's data folder, where no export, report, calendar or backup may be saved.
    private readonly deps: {
      /** The current vault and catalog (the session). */
      session: { vault(): Promise<FrozenVault>; catalog(): Promise<Catalog> };
      /** Applies an import plan and restores a backup (the transfer feature). */
      apply: Pick<TransferFeature, 'importRows' | 'restoreBackup'>;
      secrets: SecretStore;
      audit: Pick<AuditLog, 'recent'>;
      dialogs: FileDialogs;
      clock: Clock;
      dataDir: string;
    },
  ) {}

  async previewImport(
    format: ImportFormat,
  ): Promise<{ cancelled: true } | { cancelled: false; planId: string; fileName: string; preview: ImportPreview }> {
    const path = await this.deps.dialogs.open({ title: 'Import tokens', filters: FILTERS[format] });
    if (!path) return { cancelled: true };
    const rows = await readImportFile(path, format);
    const [vault, catalog] = await Promise.all([
      this.deps.session.vault().then((v) => thawed(v)),
      this.deps.session.catalog(),
    ]);
    const plan = planImport(rows, vault, catalog, this.deps.clock.now());
    const planId = randomUUID();
    this.forgetExpired();
    this.plans.set(planId, { plan, rejected: null, expires: this.deps.clock.now().getTime() + PLAN_TTL_MS });
    return { cancelled: false, planId, fileName: basename(path), preview: previewOf(plan) };
  }

  async applyImport(planId: string, allOrNothing: boolean): Promise<ImportResult> {
    this.forgetExpired();
    const entry = this.plans.get(planId);
    if (!entry?.plan)
      throw new AppError('not_found', 'That import preview has expired or was already used; preview the file again.');
    const plan = entry.plan;
    const result = await this.deps.apply.importRows(plan, { allOrNothing });
    // Single use once applied (a refused all-or-nothing apply keeps the plan for a valid-rows-only retry);
    // the rejected rows stay downloadable, without secrets.
    const rejected = rejectedRowsCsv(plan, await this.deps.session.catalog(), this.deps.clock.now());
    this.plans.set(planId, { plan: null, rejected: rejected.rows ? rejected : null, expires: entry.expires });
    return result;
  }

  /** The refused rows of a previewed import as CSV, through the save dialog; the plan stays usable. */
  async saveRejectedRows(planId: string): Promise<Saved & { rows: number }> {
    this.forgetExpired();
    const entry = this.plans.get(planId);
    if (!entry) throw new AppError('not_found', 'That import preview has expired; preview the file again.');
    const now = this.deps.clock.now();
    const { csv, rows } = entry.plan
      ? rejectedRowsCsv(entry.plan, await this.deps.session.catalog(), now)
      : (entry.rejected ?? { csv: '', rows: 0 });
    if (rows === 0) throw new AppError('invalid_input', 'Every row of this file is valid; there are no rejected rows.');
    const path = await this.deps.dialogs.save({
      title: 'Save the rejected rows',
      defaultName: `keyward-rejected-rows-${now.toISOString().slice(0, 10)}.csv`,
      filters: FILTERS.csv,
    });
    if (!path) return { saved: false, path: '', rows };
    await writeUserFile(path, csv, { dataDir: this.deps.dataDir });
    return { saved: true, path, rows };
  }

  async exportInventory(format: ImportFormat, clientId: string | null | undefined): Promise<Saved> {
    const now = this.deps.clock.now();
    const path = await this.deps.dialogs.save({
      title: 'Export tokens (no secrets)',
      defaultName: `keyward-tokens-${now.toISOString().slice(0, 10)}.${format}`,
      filters: FILTERS[format],
    });
    if (!path) return { saved: false, path: '' };
    const vault = thawed(await this.deps.session.vault());
    const selection = clientId === undefined ? {} : { clientId };
    await writeUserFile(path, format === 'csv' ? exportCsv(vault, selection) : exportJson(vault, now, selection), {
      dataDir: this.deps.dataDir,
    });
    return { saved: true, path };
  }

  /** The audit log entries that match the view's filter, as CSV through the save dialog. */
  async exportAuditLog(filter: AuditFilter): Promise<Saved & { rows: number }> {
    const now = this.deps.clock.now();
    const path = await this.deps.dialogs.save({
      title: 'Export the audit log (no secrets)',
      defaultName: `keyward-audit-log-${now.toISOString().slice(0, 10)}.csv`,
      filters: FILTERS.csv,
    });
    if (!path) return { saved: false, path: '', rows: 0 };
    const [entries, vault] = await Promise.all([
      this.deps.audit.recent(AUDIT_EXPORT_MAX, filter),
      this.deps.session.vault().then((v) => thawed(v)),
    ]);
    await writeUserFile(path, auditCsv(entries, vault), { dataDir: this.deps.dataDir });
    return { saved: true, path, rows: entries.length };
  }

  async clientReport(clientId: string | null, format: 'html' | 'pdf' = 'html'): Promise<Saved> {
    const now = this.deps.clock.now();
    const [vault, catalog] = await Promise.all([
      this.deps.session.vault().then((v) => thawed(v)),
      this.deps.session.catalog(),
    ]);
    const client = clientId ? vault.clients.find((c) => c.id === clientId) : null;
    if (clientId && !client) throw new AppError('not_found', `No client with id ${clientId}.`);
    const slug = (client?.name ?? 'no-client')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40);
    const path = await this.deps.dialogs.save({
      title: 'Save status report',
      defaultName: `keyward-report-${slug}-${now.toISOString().slice(0, 10)}.${format}`,
      filters: FILTERS[format],
    });
    if (!path) return { saved: false, path: '' };
    const findings = computeFindings(vault, resolveFindingSettings(vault.settings.findings), now, catalog);
    const input = { vault, clientId, catalog, findings, now };
    const content = format === 'pdf' ? await clientReportPdf(clientReport(input)) : clientReportHtml(input);
    await writeUserFile(path, content, { dataDir: this.deps.dataDir });
    return { saved: true, path };
  }

  /** Saves the expiry calendar (names and dates, no secret) where the user says. */
  async saveCalendar(defaultName: string, content: string): Promise<Saved> {
    const path = await this.deps.dialogs.save({ title: 'Save expiry calendar', defaultName, filters: FILTERS.ics });
    if (!path) return { saved: false, path: '' };
    await writeUserFile(path, content, { dataDir: this.deps.dataDir });
    return { saved: true, path };
  }

  async createBackup(passphrase: string): Promise<
    Saved & {
      summary: { clients: number; stores: number; tokens: number; secrets: number; secretsMissing: number } | null;
    }
  > {
    const problem = passphraseProblem(passphrase);
    if (problem) throw new AppError('invalid_input', problem, { passphrase: problem });
    const now = this.deps.clock.now();
    const path = await this.deps.dialogs.save({
      title: 'Save encrypted backup',
      defaultName: `keyward-${now.toISOString().slice(0, 10)}.kwbackup`,
      filters: FILTERS.backup,
    });
    if (!path) return { saved: false, path: '', summary: null };
    const { file, summary } = await createBackup(
      thawed(await this.deps.session.vault()),
      this.deps.secrets,
      passphrase,
      now,
    );
    // Owner-only: the file holds every secret, encrypted.
    await writeUserFile(path, file, { dataDir: this.deps.dataDir, mode: 0o600 });
    return { saved: true, path, summary };
  }

  async restoreBackup(
    passphrase: string,
    mode: 'merge' | 'replace',
  ): Promise<{ cancelled: true } | ({ cancelled: false } & RestoreResult)> {
    const path = await this.deps.dialogs.open({ title: 'Restore from backup', filters: FILTERS.backup });
    if (!path) return { cancelled: true };
    const file = await readUserFile(
      path,
      MAX_BACKUP_BYTES,
      () => new AppError('invalid_input', 'That file is too large to be a Keyward backup.'),
    );
    const payload = await readBackup(file, passphrase);
    return { cancelled: false, ...(await this.deps.apply.restoreBackup(payload, mode)) };
  }

  private forgetExpired(): void {
    const now = this.deps.clock.now().getTime();
    for (const [id, entry] of this.plans) if (entry.expires < now) this.plans.delete(id);
  }
}
