import { lstat, open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../errors';
import { syncDir } from '../vault/atomic-file';

export interface SafeWriteOptions {
  /** Keyward's data folder: nothing is ever saved inside it. */
  dataDir: string;
  /** Permission bits for the new file (before the umask); 0o600 for files holding secrets. */
  mode?: number;
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

async function realFolder(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function writeFailure(name: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError(
      'invalid_input',
      `Keyward may not write "${name}" in that folder (permission denied); choose another folder.`,
    );
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('invalid_input', `The disk is full; "${name}" was not saved.`);
  if (code === 'ENAMETOOLONG')
    return new AppError('invalid_input', `The name "${name}" is too long for that folder; choose a shorter one.`);
  return err;
}

/**
 * Saves a file the user chose (export, report, backup) the way a careful desktop app does: never inside
 * the data folder (real paths compared), never through a symlink, and atomically (temp file beside the
 * target, fsync, rename), so a crash leaves the old file or the new one, and a link is replaced, not followed.
 */
export async function writeUserFile(
  target: string,
  content: string | Uint8Array,
  options: SafeWriteOptions,
): Promise<void> {
  const name = basename(target);
  const folder = await realFolder(dirname(resolve(target)));
  if (!folder) throw new AppError('invalid_input', `The folder for "${name}" does not exist; choose another folder.`);
  const dataDir = (await realFolder(options.dataDir)) ?? resolve(options.dataDir);
  if (isInside(folder, dataDir)) {
    throw new AppError(
      'invalid_input',
      `"${name}" would be saved inside Keyward's data folder (${dataDir}), where it could replace Keyward's own files; choose another folder.`,
    );
  }
  const path = join(folder, name);
  try {
    const existing = await lstat(path);
    if (existing.isSymbolicLink())
      throw new AppError(
        'invalid_input',
        `"${name}" is a link to another file; Keyward does not write through links. Choose another name or folder.`,
      );
    if (existing.isDirectory()) throw new AppError('invalid_input', `"${name}" is a folder; choose a file name.`);
    if (!existing.isFile())
      throw new AppError('invalid_input', `"${name}" is not an ordinary file; choose another name.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // 'wx' creates the temp file or fails: a link planted at its name is never followed.
  const tmp = join(folder, `.${name.slice(0, 80)}.${process.pid}.${Date.now()}.keyward.tmp`);
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw writeFailure(name, err);
  }
  await syncDir(folder);
}
