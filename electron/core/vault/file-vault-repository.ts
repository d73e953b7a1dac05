import type { Stats } from 'node:fs';
import { copyFile, type FileHandle, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock, LoadedVault, Logger, VaultRepository } from '../ports';
import { AppError } from '../errors';
import { decodeVaultText } from './ascii-json';
import { syncDir, writeDurably } from './atomic-file';
import { migrate } from './migrations';
import { emptyVault, VaultData } from './vault-data';
import { withFileLock } from './file-lock';
import { type EncodedVault, sameBytes, VaultEncoder } from './vault-encoder';
import { safeParseWithLists, VAULT_LISTS } from './fast-validate';

export const VAULT_FILE = 'vault.json';
export const BACKUP_FILE = 'vault.previous.json';
/** The largest vault file Keyward reads: far above any real inventory, well below what a string can hold. */
export const VAULT_MAX_BYTES = 256 * 1024 * 1024;

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** The vault file cannot be opened: nothing is read, moved or written, and the message says what to do. */
function unopenable(path: string, problem: string, advice = `restore ${BACKUP_FILE} or a backup in its place, then try again`): AppError {
  return new AppError('vault_unavailable', `The vault file ${path} ${problem}; Keyward opened nothing and left it untouched. To go on, ${advice}.`);
}

const isFolder = (path: string): AppError =>
  unopenable(path, 'is a folder, not a vault file', `move or rename that folder (${basename(path)}), then try again`);

/** File-system failures while reading the vault become a vault_unavailable error that names the file and the code. */
function asVaultError(err: unknown, path: string): unknown {
  if (err instanceof AppError) return err;
  const code = errnoOf(err);
  if (!code) return err;
  if (code === 'EISDIR') return isFolder(path);
  return unopenable(path, `could not be read (${code})`, 'check that Keyward may read and write its data folder, then try again');
}

type Parsed = { ok: true; data: VaultData; migratedFrom: number | null } | { ok: false; reason: string; fatal?: AppError };

function parseVault(text: string, path: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, reason: 'it is not a vault document' };
  // Only the pre-release layout has no schemaVersion; any other value that is not a version is refused, not migrated.
  const version = (doc as Record<string, unknown>).schemaVersion;
  if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version) && version >= 0)) {
    const shown = JSON.stringify(version)?.slice(0, 40) ?? typeof version;
    return { ok: false, reason: 'invalid schema version', fatal: unopenable(path, `has an invalid schema version (${shown})`) };
  }
  let migrated;
  try {
    migrated = migrate(doc as Record<string, unknown>);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, reason: err.message, fatal: err };
    throw err;
  }
  const result = validateVault(migrated.doc);
  if (!result.success) {
    const first = result.error.issues[0];
    return { ok: false, reason: `field ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, data: result.data, migratedFrom: migrated.migratedFrom };
}

/**
 * VaultData.safeParse, faster: each client, store and token already in its schema's exact form is taken as it
 * is (fast-validate.ts); everything else, and every refusal with its message, is VaultData's own.
 */
export function validateVault(doc: Record<string, unknown>): ReturnType<typeof VaultData.safeParse> {
  return safeParseWithLists(VaultData, doc, VAULT_LISTS) as ReturnType<typeof VaultData.safeParse>;
}

async function readIfExists(path: string): Promise<string | null> {
  const read = await readStamped(path);
  return read === null ? null : decodeVaultText(read.bytes);
}

/**
 * What identifies one version of a file without reading it: a rename gives a new inode, a write a new mtime.
 * Not ctime: the previous-good hard link a save makes changes the current file's ctime, and readers must not
 * reload 16 MB for that. (The revision check before a write compares bytes, not stamps.)
 */
interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}
const stampOf = (s: Stats): FileStamp => ({ dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs });
const sameStamp = (a: FileStamp, b: FileStamp): boolean => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The whole file as bytes, in as few reads as its size allows; refused when it grows past the cap meanwhile. */
async function readAll(handle: FileHandle, size: number, path: string): Promise<Buffer> {
  let buf = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length > VAULT_MAX_BYTES) throw tooLarge(path, length);
    if (length === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
    if (bytesRead === 0) return buf.subarray(0, length);
    length += bytesRead;
  }
}

const tooLarge = (path: string, size: number): AppError =>
  unopenable(
    path,
    `is ${size.toLocaleString('en-US')} bytes (${mib(size)}), over the ${VAULT_MAX_BYTES / (1024 * 1024)} MiB Keyward reads (a vault is normally a few MiB)`,
    `check that it is the right file, restore ${BACKUP_FILE} or a backup in its place, then try again`,
  );

/**
 * Reads a file with the stamp of exactly what was read (null when it changed during the read); null when there is no file.
 * A folder, a special file, a file over VAULT_MAX_BYTES or one that cannot be read is refused (vault_unavailable), unread.
 */
export async function readStamped(path: string): Promise<{ bytes: Buffer; stamp: FileStamp | null } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw asVaultError(err, path);
  }
  try {
    // Checked through the open handle, so the file measured is the file read.
    const info = await handle.stat();
    if (info.isDirectory()) throw isFolder(path);
    if (!info.isFile()) throw unopenable(path, 'is not a regular file', `move it out of the data folder, then try again`);
    if (info.size > VAULT_MAX_BYTES) throw tooLarge(path, info.size);
    const before = stampOf(info);
    const bytes = await readAll(handle, before.size, path);
    const after = stampOf(await handle.stat());
    return { bytes, stamp: sameStamp(before, after) ? before : null };
  } catch (err) {
    throw asVaultError(err, path);
  } finally {
    await handle.close();
  }
}

async function stampIfExists(path: string): Promise<FileStamp | null> {
  try {
    return stampOf(await stat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The vault as a JSON file in the data folder: written to a temp file, fsynced, renamed over the old one,
 * with the previous good copy kept beside it. A file that fails to parse is moved aside, never overwritten.
 * It is written as compact all-ASCII JSON (ascii-json.ts); any JSON reads, so older pretty UTF-8 files load
 * and the next save rewrites them.
 *
 * A save compares the file's revision with the one the change was based on (another process, the CLI say,
 * may have written meanwhile): the file is read, and when its bytes are exactly the ones this repository
 * last read or wrote, their revision is known and they are not parsed again; any other content is parsed
 * as a whole, as before. `changedOnDisk` compares the file's stamp (device, inode, size, mtime).
 */
export class FileVaultRepository implements VaultRepository {
  readonly location: string;
  private readonly backupPath: string;
  private readonly lockPath: string;
  /** The readable vault file as this repository last read or wrote it (stamp null: it changed while being read). */
  private last: { stamp: FileStamp | null; bytes: EncodedVault; revision: number } | null = null;
  private readonly encoder = new VaultEncoder();
  /** Saves completed by this repository: a load that overlapped one must not replace what the save recorded. */
  private saves = 0;

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.location = join(dir, VAULT_FILE);
    this.backupPath = join(dir, BACKUP_FILE);
    this.lockPath = join(dir, `${VAULT_FILE}.lock`);
  }

  async load(): Promise<LoadedVault> {
    try {
      return await this.loadOrThrow();
    } catch (err) {
      throw asVaultError(err, this.location);
    }
  }

  private async loadOrThrow(): Promise<LoadedVault> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const notices: LoadedVault['notices'] = [];
    const saves = this.saves;
    const read = await readStamped(this.location);
    let movedAside: { to: string; reason: string } | null = null;
    if (read !== null) {
      const parsed = parseVault(decodeVaultText(read.bytes), this.location);
      if (parsed.ok) {
        if (this.saves === saves) {
          this.last = { stamp: read.stamp, bytes: { parts: [read.bytes], byteLength: read.bytes.length }, revision: parsed.data.revision };
          this.encoder.rememberParsed(parsed.data);
        }
        if (parsed.migratedFrom !== null) {
          notices.push({ id: 'vault-migrated', severity: 'info', message: `The vault was upgraded from schema ${parsed.migratedFrom}.` });
        }
        return { data: parsed.data, notices };
      }
      if (parsed.fatal) throw parsed.fatal;
      const to = join(this.dir, `vault.unreadable-${this.clock.now().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(this.location, to);
      this.logger.warn('vault file unreadable; moved aside', { reason: parsed.reason, movedTo: to });
      movedAside = { to, reason: parsed.reason };
    }
    this.last = null;
    this.encoder.forget();
    const backupText = await readIfExists(this.backupPath);
    const backup = backupText === null ? null : parseVault(backupText, this.backupPath);
    const problem = movedAside
      ? `The vault file could not be read (${movedAside.reason}); it was moved to ${movedAside.to}.`
      : 'The vault file was missing.';
    if (backup?.ok) {
      notices.push({ id: 'vault-restored', severity: movedAside ? 'critical' : 'warning', message: `${problem} The last good copy was loaded.` });
      this.encoder.rememberParsed(backup.data);
      return { data: backup.data, notices };
    }
    if (movedAside || backup) {
      const why = backup ? 'the last good copy could not be read either; both files were kept' : 'there was no earlier copy';
      notices.push({ id: 'vault-restored', severity: 'critical', message: `${problem} Keyward starts empty: ${why}.` });
    }
    return { data: emptyVault(this.clock.now()), notices };
  }

  async save(data: VaultData, expectedRevision: number): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Validation and serialisation happen before the lock; a vault that breaks the schema is never written.
    const bytes = this.encoder.encodeParts(data);
    await withFileLock(this.lockPath, async () => {
      const onDiskGood = await this.checkRevision(expectedRevision);
      const tmp = `${this.location}.${process.pid}.${Date.now()}.tmp`;
      let written: FileStamp;
      try {
        await writeDurably(tmp, bytes.parts);
        written = stampOf(await stat(tmp));
        if (onDiskGood) await this.keepPreviousGood();
        await rename(tmp, this.location);
        await syncDir(this.dir);
      } catch (err) {
        await rm(tmp, { force: true });
        this.last = null;
        throw err;
      }
      const now = await stampIfExists(this.location);
      // Still under the lock: the file is the one just renamed into place unless something outside Keyward replaced it.
      const ours = now !== null && now.dev === written.dev && now.ino === written.ino && now.size === written.size;
      this.last = { stamp: ours ? now : null, bytes, revision: data.revision };
      this.saves++;
    });
  }

  /**
   * Refuses (AppError 'conflict') when the file on disk holds a readable vault of another revision.
   * Returns whether the file on disk is a readable vault (then it becomes the previous good copy).
   */
  private async checkRevision(expectedRevision: number): Promise<boolean> {
    const read = await readStamped(this.location);
    if (read === null) return false;
    let revision: number | null;
    if (this.last && sameBytes(read.bytes, this.last.bytes)) {
      revision = this.last.revision; // The very bytes parsed or written before: no need to parse them again.
    } else {
      const parsed = parseVault(decodeVaultText(read.bytes), this.location);
      // A vault this version cannot open (newer schema, invalid version) is never written over.
      if (!parsed.ok && parsed.fatal) throw parsed.fatal;
      revision = parsed.ok ? parsed.data.revision : null;
    }
    if (revision !== null && revision !== expectedRevision) {
      throw new AppError('conflict', 'The vault was changed by another Keyward process; reloaded, please try again.');
    }
    return revision !== null;
  }

  /** The file about to be replaced becomes vault.previous.json: a hard link (no copy; the rename then leaves the old inode there), else a copy. */
  private async keepPreviousGood(): Promise<void> {
    const backupTmp = `${this.backupPath}.tmp`;
    await rm(backupTmp, { force: true });
    try {
      await link(this.location, backupTmp);
    } catch {
      await copyFile(this.location, backupTmp);
    }
    await rename(backupTmp, this.backupPath);
  }

  async changedOnDisk(): Promise<boolean> {
    try {
      const now = stampOf(await stat(this.location));
      return !this.last?.stamp || !sameStamp(now, this.last.stamp);
    } catch {
      return this.last !== null;
    }
  }
}
