import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_FILE, DATABASE_FILE, NOTIFICATIONS_FILE, VAULT_FILE } from '../vault/files';
import type { Logger } from '../ports';

/** A temp file this old has no writer left: a write takes well under a second. */
export const STALE_TEMP_MS = 5 * 60_000;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `<file>.<pid>.<ms>.tmp`, as the JSON-era vault and notification writers named their temp files. */
const PID_TEMP = new RegExp(
  `^(?:${[VAULT_FILE, NOTIFICATIONS_FILE].map(escape).join('|')})\\.(\\d{1,10})\\.(\\d{1,16})\\.tmp$`,
);
/** `keyward.db.importing-<pid>-<ms>-<random>` (and its -wal, -shm, -journal): a database a first start was building aside. */
const IMPORTING = new RegExp(
  `^${escape(DATABASE_FILE)}\\.importing-(\\d{1,10})-(\\d{1,16})-[0-9a-f]{8}(?:-wal|-shm|-journal)?$`,
);
/** The link the vault writer makes before turning it into vault.previous.json; its name has no pid. */
const LINK_TEMP = `${BACKUP_FILE}.tmp`;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that Keyward's own writers left in the data folder when they were killed mid-write:
 * only names Keyward makes, and only when the writer named in the file is gone or the file is older than
 * STALE_TEMP_MS. Returns how many went; failures are logged, never thrown.
 */
export async function removeStaleTempFiles(dataDir: string, logger: Logger, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.warn('could not list the data folder for stale temp files', {
        code: String((err as NodeJS.ErrnoException).code),
      });
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pidMatch = PID_TEMP.exec(name) ?? IMPORTING.exec(name);
    if (!pidMatch && name !== LINK_TEMP) continue;
    const path = join(dataDir, name);
    try {
      const st = await stat(path);
      if (!st.isFile()) continue;
      // Written last at the name's time or mtime; a fresh hard link shows only in ctime (it keeps the old mtime).
      const touched = pidMatch ? Math.max(Number(pidMatch[2]), st.mtimeMs) : Math.max(st.mtimeMs, st.ctimeMs);
      const old = now - touched > STALE_TEMP_MS;
      const pid = pidMatch ? Number(pidMatch[1]) : 0;
      const writerGone = pid > 0 && pid < 2 ** 31 && !isAlive(pid);
      if (!old && !writerGone) continue;
      await rm(path, { force: true });
      removed++;
    } catch (err) {
      logger.warn('could not remove a stale temp file', {
        file: name,
        code: String((err as NodeJS.ErrnoException).code),
      });
    }
  }
  if (removed) logger.info('removed stale temp files', { count: removed });
  return removed;
}
