import { open, readFile, rm, stat } from 'node:fs/promises';
import { AppError } from '../errors';

const STALE_MS = 10_000;
const WAIT_MS = 5_000;

/** Runs `work` while holding an exclusive lock file, so the app and the CLI never write the vault at once. */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        const why = `The vault's lock file ${lockPath} could not be created (${code ?? 'unknown error'}); check that Keyward may write to its data folder, then try again.`;
        throw code ? new AppError('vault_unavailable', why) : err;
      }
      if (await isStale(lockPath)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw locked(lockPath);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

function locked(lockPath: string): AppError {
  return new AppError('vault_locked', `The vault is locked by another Keyward process (${lockPath}); try again in a moment.`);
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const info = await stat(lockPath);
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    const pid = Number(await readFile(lockPath, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false;
  }
}
