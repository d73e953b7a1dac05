import { mkdir, readFile, rename, rm, stat, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, LoadedVault, Logger, VaultRepository } from '../ports';
import { AppError } from '../errors';
import { syncDir, writeDurably } from './atomic-file';
import { migrate } from './migrations';
import { emptyVault, VaultData } from './vault-data';
import { withFileLock } from './file-lock';

export const VAULT_FILE = 'vault.json';
export const BACKUP_FILE = 'vault.previous.json';

type Parsed = { ok: true; data: VaultData; migratedFrom: number | null } | { ok: false; reason: string; fatal?: AppError };

function parseVault(text: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, reason: 'it is not a vault document' };
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

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The vault as a JSON file in the data folder: written to a temp file, fsynced, renamed over the old one,
 * with the previous good copy kept beside it. A file that fails to parse is moved aside, never overwritten.
 */
export class FileVaultRepository implements VaultRepository {
  readonly location: string;
  private readonly backupPath: string;
  private readonly lockPath: string;
  private lastSeen: { mtimeMs: number; size: number } | null = null;

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
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const notices: LoadedVault['notices'] = [];
    const text = await readIfExists(this.location);
    let movedAside: { to: string; reason: string } | null = null;
    if (text !== null) {
      const parsed = parseVault(text);
      if (parsed.ok) {
        await this.remember();
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
    this.lastSeen = null;
    const backupText = await readIfExists(this.backupPath);
    const backup = backupText === null ? null : parseVault(backupText);
    const problem = movedAside
      ? `The vault file could not be read (${movedAside.reason}); it was moved to ${movedAside.to}.`
      : 'The vault file was missing.';
    if (backup?.ok) {
      notices.push({ id: 'vault-restored', severity: movedAside ? 'critical' : 'warning', message: `${problem} The last good copy was loaded.` });
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
    const validated = VaultData.parse(data);
    await withFileLock(this.lockPath, async () => {
      const onDisk = await readIfExists(this.location);
      if (onDisk !== null) {
        const parsed = parseVault(onDisk);
        if (parsed.ok && parsed.data.revision !== expectedRevision) {
          throw new AppError('conflict', 'The vault was changed by another Keyward process; reloaded, please try again.');
        }
      }
      const tmp = `${this.location}.${process.pid}.${Date.now()}.tmp`;
      try {
        await writeDurably(tmp, `${JSON.stringify(validated, null, 1)}\n`);
        if (onDisk !== null && parseVault(onDisk).ok) {
          const backupTmp = `${this.backupPath}.tmp`;
          await copyFile(this.location, backupTmp);
          await rename(backupTmp, this.backupPath);
        }
        await rename(tmp, this.location);
        await syncDir(this.dir);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      await this.remember();
    });
  }

  async changedOnDisk(): Promise<boolean> {
    try {
      const info = await stat(this.location);
      return !this.lastSeen || info.mtimeMs !== this.lastSeen.mtimeMs || info.size !== this.lastSeen.size;
    } catch {
      return this.lastSeen !== null;
    }
  }

  private async remember(): Promise<void> {
    const info = await stat(this.location);
    this.lastSeen = { mtimeMs: info.mtimeMs, size: info.size };
  }
}
