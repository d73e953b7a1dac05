import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, type FileHandle, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditEntry } from '../../contract';
import { migrateDatabase, openDatabase } from '../db/migrate';
import { Database } from '../db/sqlite';
import { AppError } from '../errors';
import { NotificationState } from '../expiry/notification-state';
import type { Clock, LoadedVault, Logger } from '../ports';
import { syncDir } from './atomic-file';
import { AUDIT_FILE, DATABASE_FILE, MIGRATED_SUFFIX, NOTIFICATIONS_FILE, VAULT_FILE } from './files';
import { readJsonVault, unopenable } from './json-vault-file';
import { emptyVault, type VaultData } from './vault-data';
import {
  appendAudit,
  clientRow,
  CLIENT_UPSERT,
  META,
  readMeta,
  readVaultRows,
  storeRow,
  STORE_UPSERT,
  tokenRow,
  TOKEN_UPSERT,
  writeCheckHistory,
  writeMeta,
} from './vault-rows';

const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;
const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (err: unknown) => (errnoOf(err) === 'ENOENT' ? false : Promise.reject(err)),
  );

/** JSON with object keys in sorted order: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A record's text for the digest: a token's check history apart, as the database keeps it (its own table). */
function recordText(item: { id: string; checkHistory?: unknown }): string {
  if (!('checkHistory' in item)) return JSON.stringify(item);
  const { checkHistory, ...rest } = item;
  return `${JSON.stringify(rest)}${JSON.stringify(checkHistory)}`;
}

/**
 * Counts and a digest of every client's, store's and token's metadata (check histories included), by id. The
 * database stores each record as JSON.stringify gives it, so a record read back hashes the same only when it is
 * the same, field for field and in the same order.
 */
export function vaultDigest(
  data: Pick<VaultData, 'clients' | 'stores' | 'tokens' | 'customProviders' | 'settings'>,
): string {
  const hash = createHash('sha256');
  for (const list of [data.clients, data.stores, data.tokens] as { id: string }[][]) {
    hash.update(`#${list.length}`);
    for (const item of [...list].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(recordText(item));
  }
  hash.update(canonical(data.customProviders));
  hash.update(canonical(data.settings));
  return hash.digest('hex');
}

/** Writes a whole vault into empty tables (a first start, or the import of a JSON vault). */
function insertVault(db: Database, data: VaultData): void {
  const clients = db.prepare(CLIENT_UPSERT);
  data.clients.forEach((c, i) => clients.run(...clientRow(c, i)));
  const stores = db.prepare(STORE_UPSERT);
  data.stores.forEach((s, i) => stores.run(...storeRow(s, i)));
  const tokens = db.prepare(TOKEN_UPSERT);
  data.tokens.forEach((t, i) => {
    tokens.run(...tokenRow(t, i));
    if (t.checkHistory.length) writeCheckHistory(db, t.id, t.checkHistory);
  });
  const providers = db.prepare('INSERT INTO custom_providers (id, pos, doc) VALUES (?, ?, ?)');
  data.customProviders.forEach((d, i) => providers.run(String(d.id), i, JSON.stringify(d)));
  const settings = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [key, value] of Object.entries(data.settings)) settings.run(key, JSON.stringify(value));
  if (data.vaultId) writeMeta(db, META.vaultId, data.vaultId);
  writeMeta(db, META.revision, String(data.revision));
  writeMeta(db, META.updatedAt, data.updatedAt);
}

/** Valid audit lines, in file order (a torn line from a crash is skipped, as the JSON log's reader did). */
function auditEntries(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = AuditEntry.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // torn line
    }
  }
  return entries;
}

/** A JSON-era file's text, or null when there is none; anything but a regular file (a FIFO would block the read) is refused. */
/**
 * Puts the finished database at `location` unless one is there already (another process's first start won):
 * a hard link fails rather than replace it. Where links are not supported, a rename after a last look.
 */
async function placeOnce(aside: string, location: string): Promise<boolean> {
  try {
    await link(aside, location);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return false;
    if (await exists(location)) return false;
    await rename(aside, location);
    return true;
  }
}

/**
 * The JSON era could leave a store pointing at a deleted client, or a token at a deleted store; the database's
 * foreign keys refuse both. A store loses the missing client (it shows under no client); a token without its
 * store cannot be shown or checked and is left out, still in the kept *.migrated file. Each is told.
 */
function repairReferences(data: VaultData): { data: VaultData; notices: LoadedVault['notices'] } {
  const clientIds = new Set(data.clients.map((c) => c.id));
  const storeIds = new Set(data.stores.map((s) => s.id));
  const orphanStores = data.stores.filter((s) => s.clientId !== null && !clientIds.has(s.clientId));
  const orphanTokens = data.tokens.filter((t) => !storeIds.has(t.storeId));
  if (!orphanStores.length && !orphanTokens.length) return { data, notices: [] };
  const notices: LoadedVault['notices'] = [];
  if (orphanStores.length) {
    notices.push({
      id: 'vault-migrated-stores',
      severity: 'warning',
      message: `${orphanStores.length} store${orphanStores.length === 1 ? '' : 's'} named a client that no longer exists; ${orphanStores.length === 1 ? 'it is' : 'they are'} now under no client.`,
    });
  }
  if (orphanTokens.length) {
    notices.push({
      id: 'vault-migrated-tokens',
      severity: 'warning',
      message: `${orphanTokens.length} token${orphanTokens.length === 1 ? '' : 's'} belonged to a store that no longer exists and ${orphanTokens.length === 1 ? 'was' : 'were'} not moved into the database; ${orphanTokens.length === 1 ? 'it stays' : 'they stay'} in ${VAULT_FILE}${MIGRATED_SUFFIX}.`,
    });
  }
  return {
    data: {
      ...data,
      stores: data.stores.map((s) =>
        s.clientId !== null && !clientIds.has(s.clientId) ? { ...s, clientId: null } : s,
      ),
      tokens: data.tokens.filter((t) => storeIds.has(t.storeId)),
    },
    notices,
  };
}

async function readOptional(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    if (!(await handle.stat()).isFile()) {
      throw new AppError(
        'vault_unavailable',
        `${path} is not a regular file; Keyward opened nothing and left the JSON files untouched. To go on, move it out of the data folder, then try again.`,
      );
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The data folder's SQLite database (keyward.db), opened on first use. At the first start that finds a JSON
 * vault (vault.json, vault.previous.json, audit.jsonl, notifications.json) it imports it in one transaction
 * into a database made aside, verifies counts and a digest of every record, and only then puts the database
 * in place and keeps the JSON files read-only as *.migrated. A failure leaves the JSON files as they were.
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
