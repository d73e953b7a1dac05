import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../db/migrate';
import { Database } from '../db/sqlite';
import { AppError } from '../errors';
import { NotificationState } from '../features/expiry/notification-state';
import type { Clock, LoadedVault, Logger } from '../ports';
import { syncDir } from './atomic-file';
import { AUDIT_FILE, DATABASE_FILE, MIGRATED_SUFFIX, NOTIFICATIONS_FILE, VAULT_FILE } from './files';
import { readJsonVault, unopenable } from './json-vault-file';
import { emptyVault } from './vault-data';
import { appendAudit, META, readMeta, readVaultRows, writeMeta } from './vault-rows';
import {
  auditEntries,
  errnoOf,
  exists,
  insertVault,
  placeOnce,
  readOptional,
  repairReferences,
  vaultDigest,
} from './json-era-import';

/**
 * The data folder's keyward.db, opened on first use. A JSON-era folder is imported once into a database made
 * aside, checked record by record, then put in place with the JSON files kept read-only as *.migrated.
 */
export class VaultDatabase {
  readonly location: string;
  private db: Database | null = null;
  private opening: Promise<Database> | null = null;
  /** What the user must be told once (a vault imported, restored from its previous copy...). */
  private notices: LoadedVault['notices'] = [];

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.location = join(dir, DATABASE_FILE);
  }

  open(): Promise<Database> {
    if (this.db) return Promise.resolve(this.db);
    this.opening ??= this.openOnce().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** The open database (inside a transaction begun through open()). */
  current(): Database {
    if (!this.db) throw new Error('The vault database is not open.');
    return this.db;
  }

  takeNotices(): LoadedVault['notices'] {
    const notices = this.notices;
    this.notices = [];
    return notices;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private async openOnce(): Promise<Database> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    if (!(await exists(this.location))) await this.create();
    const db = openDatabase(this.location);
    await this.keepLeftoverJson(db);
    this.db = db;
    return db;
  }

  /**
   * Makes the database aside (keyward.db.importing-<pid>-<ms>-<random>: its own per process), filled from the JSON vault
   * when there is one, then links it into place, which fails when another process put one there first (then
   * that one is used).
   */
  private async create(): Promise<void> {
    const json = await readJsonVault(this.dir, this.clock, this.logger);
    const aside = `${this.location}.importing-${process.pid}-${Date.now()}-${randomUUID().slice(0, 8)}`;
    const removeAside = () =>
      Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(`${aside}${s}`, { force: true })));
    const repaired = json?.data ? repairReferences(json.data) : null;
    const data = repaired?.data ?? emptyVault(this.clock.now());
    const sources: string[] = [...(json?.files ?? [])];
    let db: Database | null = null;
    let placed: boolean;
    try {
      db = Database.open(aside, { scratch: true });
      migrateDatabase(db, aside);
      // The audit log is history: kept even when neither vault file could be read.
      const auditText = json ? await readOptional(join(this.dir, AUDIT_FILE)) : null;
      const warningsText = json?.data ? await readOptional(join(this.dir, NOTIFICATIONS_FILE)) : null;
      const target = db;
      const audit = auditText === null ? [] : auditEntries(auditText);
      target.writeSync(() => {
        insertVault(target, data);
        for (const entry of audit) appendAudit(target, entry);
        if (warningsText !== null) this.importWarnings(target, warningsText);
        if (json?.data)
          writeMeta(
            target,
            META.importedFrom,
            JSON.stringify({
              files: json.files.map((f) => f.slice(this.dir.length + 1)),
              at: new Date().toISOString(),
            }),
          );
      });
      // Read back what was written: the same records, and every audit entry, or nothing is put in place.
      const back = readVaultRows(target, readMeta(target), 1);
      const wrote = vaultDigest(back);
      if (wrote !== vaultDigest(data))
        throw new Error('the records read back from the new database differ from the JSON vault');
      const entries = target.prepare('SELECT count(*) AS n FROM audit_log').get<{ n: number }>()?.n ?? 0;
      if (entries !== audit.length)
        throw new Error(`the audit log has ${entries} entries, the JSON one ${audit.length}`);
      db = null;
      target.finishScratch(aside);
      placed = await placeOnce(aside, this.location);
      await removeAside();
      await syncDir(this.dir);
    } catch (err) {
      db?.close();
      await removeAside();
      if (err instanceof AppError) throw err;
      const detail = err instanceof Error ? err.message.slice(0, 300) : String(err);
      throw new AppError(
        'vault_unavailable',
        json?.data
          ? `Keyward could not move the vault into its database (${detail}); ${VAULT_FILE} and the other files were left untouched and nothing was opened. Report this, with the message, and keep the files.`
          : `Keyward could not create its database ${this.location} (${detail}).`,
      );
    }
    // Another process starting at the same moment put its database in place first: it moves the files.
    if (!placed) return;
    this.notices = [...(json?.notices ?? []), ...(repaired?.notices ?? [])];
    // Only now that the database holds what was read instead: before, a failure left every file in its place.
    if (json?.moveAside) {
      const { from, to } = json.moveAside;
      await rename(from, to).catch((err: unknown) =>
        this.logger.warn('could not move the unreadable vault file aside', {
          file: from,
          error: errnoOf(err) ?? 'unknown',
        }),
      );
    }
    if (json) {
      if (await exists(join(this.dir, AUDIT_FILE))) sources.push(join(this.dir, AUDIT_FILE));
      if (json.data && (await exists(join(this.dir, NOTIFICATIONS_FILE))))
        sources.push(join(this.dir, NOTIFICATIONS_FILE));
      await this.keepReadOnly(sources);
    }
    if (json?.data) {
      this.notices.push({
        id: 'vault-migrated-sqlite',
        severity: 'info',
        message: `The vault (${data.tokens.length} tokens) moved into Keyward's database; the JSON files are kept read-only as *${MIGRATED_SUFFIX}.`,
      });
      this.logger.info('JSON vault imported into the database', {
        tokens: data.tokens.length,
        stores: data.stores.length,
        clients: data.clients.length,
      });
    }
  }

  private importWarnings(db: Database, text: string): void {
    let parsed;
    try {
      parsed = NotificationState.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      // Starting fresh may repeat one warning per token; that beats refusing the whole vault.
      this.logger.warn('notification state unreadable; not imported', {});
      return;
    }
    const insert = db.prepare('INSERT INTO expiry_warnings (key, doc) VALUES (?, ?)');
    for (const [key, entry] of Object.entries(parsed.data.tokens)) insert.run(key, JSON.stringify(entry));
  }

  /** Renames each file to *.migrated, owner read-only (never over an earlier one). */
  private async keepReadOnly(files: string[]): Promise<void> {
    for (const file of files) {
      let to = `${file}${MIGRATED_SUFFIX}`;
      if (await exists(to))
        to = `${file}.${this.clock.now().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}${MIGRATED_SUFFIX}`;
      try {
        await rename(file, to);
        await chmod(to, 0o400);
      } catch (err) {
        this.logger.warn('could not keep a migrated JSON file read-only', { file, error: errnoOf(err) ?? 'unknown' });
      }
    }
    await syncDir(this.dir);
  }

  /** A process killed between putting the database in place and renaming the JSON files: finish the renames. */
  private async keepLeftoverJson(db: Database): Promise<void> {
    const imported = readMeta(db).get(META.importedFrom);
    if (!imported) return;
    let record: { files: string[]; at: string };
    try {
      record = JSON.parse(imported) as { files: string[]; at: string };
    } catch {
      return;
    }
    const { files } = record;
    const at = Date.parse(record.at);
    // Only files from before the import: a vault.json put here later is left alone for the user to restore.
    const left: string[] = [];
    for (const name of [...files, AUDIT_FILE, NOTIFICATIONS_FILE]) {
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info && info.mtimeMs <= at) left.push(join(this.dir, name));
    }
    if (left.length) await this.keepReadOnly(left);
  }
}

export { AUDIT_FILE, DATABASE_FILE, MIGRATED_SUFFIX, NOTIFICATIONS_FILE, unopenable };

export { vaultDigest };
