import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock, LoadedVault, Logger } from '../ports';
import { AppError } from '../errors';
import { migrate } from './migrations';
import { VaultData } from './vault-data';
import { BACKUP_FILE, VAULT_FILE } from './files';

export { BACKUP_FILE, VAULT_FILE };

// The JSON vault files Keyward kept before its SQLite database: read once, at the first start that finds them.

/** The largest vault file Keyward reads: far above any real inventory, well below what a string can hold. */
export const VAULT_MAX_BYTES = 256 * 1024 * 1024;

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** The vault file cannot be opened: nothing is read, moved or written, and the message says what to do. */
export function unopenable(
  path: string,
  problem: string,
  advice = `restore ${BACKUP_FILE} or a backup in its place, then try again`,
): AppError {
  return new AppError(
    'vault_unavailable',
    `The vault file ${path} ${problem}; Keyward opened nothing and left it untouched. To go on, ${advice}.`,
  );
}

const isFolder = (path: string): AppError =>
  unopenable(path, 'is a folder, not a vault file', `move or rename that folder (${basename(path)}), then try again`);

function asVaultError(err: unknown, path: string): unknown {
  if (err instanceof AppError) return err;
  const code = errnoOf(err);
  if (!code) return err;
  if (code === 'EISDIR') return isFolder(path);
  return unopenable(
    path,
    `could not be read (${code})`,
    'check that Keyward may read and write its data folder, then try again',
  );
}

type Parsed =
  { ok: true; data: VaultData; migratedFrom: number | null } | { ok: false; reason: string; fatal?: AppError };

function parseVault(text: string, path: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, reason: 'it is not a vault document' };
  // Only the pre-release layout has no schemaVersion; any other value that is not a version is refused, not migrated.
  const version = (doc as Record<string, unknown>).schemaVersion;
  if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version) && version >= 0)) {
    const shown = JSON.stringify(version)?.slice(0, 40) ?? typeof version;
    return {
      ok: false,
      reason: 'invalid schema version',
      fatal: unopenable(path, `has an invalid schema version (${shown})`),
    };
  }
  let migrated;
  try {
    migrated = migrate(doc as Record<string, unknown>);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, reason: err.message, fatal: err };
    throw err;
  }
  const result = VaultData.safeParse(migrated.doc);
  if (!result.success) {
    const first = result.error.issues[0];
    return { ok: false, reason: `field ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, data: result.data, migratedFrom: migrated.migratedFrom };
}

const tooLarge = (path: string, size: number): AppError =>
  unopenable(
    path,
    `is ${size.toLocaleString('en-US')} bytes (${mib(size)}), over the ${VAULT_MAX_BYTES / (1024 * 1024)} MiB Keyward reads (a vault is normally a few MiB)`,
    `check that it is the right file, restore ${BACKUP_FILE} or a backup in its place, then try again`,
  );

/** A file's text, or null when there is none. A folder, a special file or a file over VAULT_MAX_BYTES is refused unread. */
export async function readVaultText(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO put in the vault's place must not hold the open until a writer comes.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw asVaultError(err, path);
  }
  try {
    // Checked through the open handle, so the file measured is the file read.
    const info = await handle.stat();
    if (info.isDirectory()) throw isFolder(path);
    if (!info.isFile())
      throw unopenable(path, 'is not a regular file', `move it out of the data folder, then try again`);
    if (info.size > VAULT_MAX_BYTES) throw tooLarge(path, info.size);
    const bytes = await handle.readFile();
    if (bytes.length > VAULT_MAX_BYTES) throw tooLarge(path, bytes.length);
    return bytes.toString('utf8');
  } catch (err) {
    throw asVaultError(err, path);
  } finally {
    await handle.close();
  }
}

export interface JsonVault {
  /** Null when neither file could be read (both are then kept, and the notices say so). */
  data: VaultData | null;
  notices: LoadedVault['notices'];
  /** The files the vault was read from, to keep as *.migrated once the database holds it. */
  files: string[];
  /** An unreadable vault.json, to move aside (never overwritten) once the database holds what was read instead. */
  moveAside: { from: string; to: string } | null;
}

/**
 * The JSON vault in `dir`, null when there is none; reads only. A vault.json that fails to parse is named in
 * `moveAside` (the caller moves it once the import succeeded) and vault.previous.json read instead; one this
 * version cannot open is refused untouched.
 */
export async function readJsonVault(dir: string, clock: Clock, logger: Logger): Promise<JsonVault | null> {
  const location = join(dir, VAULT_FILE);
  const backupPath = join(dir, BACKUP_FILE);
  const text = await readVaultText(location);
  const backupText = await readVaultText(backupPath);
  if (text === null && backupText === null) return null;
  const notices: LoadedVault['notices'] = [];
  let movedAside: { to: string; reason: string } | null = null;
  if (text !== null) {
    const parsed = parseVault(text, location);
    if (parsed.ok) {
      if (parsed.migratedFrom !== null)
        notices.push({
          id: 'vault-migrated',
          severity: 'info',
          message: `The vault was upgraded from schema ${parsed.migratedFrom}.`,
        });
      return {
        data: parsed.data,
        notices,
        files: backupText === null ? [location] : [location, backupPath],
        moveAside: null,
      };
    }
    if (parsed.fatal) throw parsed.fatal;
    const to = join(dir, `vault.unreadable-${clock.now().toISOString().replace(/[:.]/g, '-')}.json`);
    logger.warn('vault file unreadable; to be moved aside', { reason: parsed.reason, movedTo: to });
    movedAside = { to, reason: parsed.reason };
  }
  const moveAside = movedAside ? { from: location, to: movedAside.to } : null;
  const backup = backupText === null ? null : parseVault(backupText, backupPath);
  const problem = movedAside
    ? `The vault file could not be read (${movedAside.reason}); it was moved to ${movedAside.to}.`
    : 'The vault file was missing.';
  if (backup?.ok) {
    notices.push({
      id: 'vault-restored',
      severity: movedAside ? 'critical' : 'warning',
      message: `${problem} The last good copy was loaded: ${copyDate(backup.data.updatedAt)}, revision ${backup.data.revision}. Changes made after it may be missing; the data folder keeps every file.`,
    });
    return { data: backup.data, notices, files: [backupPath], moveAside };
  }
  const why = backup
    ? 'the last good copy could not be read either; both files were kept'
    : 'there was no earlier copy';
  notices.push({ id: 'vault-restored', severity: 'critical', message: `${problem} Keyward starts empty: ${why}.` });
  return { data: null, notices, files: [], moveAside };
}

/** A vault copy's save time as people read it ("2026-11-22 09:00 UTC"), or the raw value when it is not a date. */
function copyDate(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? `saved ${iso.slice(0, 40)}`
    : `saved ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
