import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors';

/** What a read took from the file, so callers (and tests) can see it stop early. */
export interface ReadStats {
  bytes: number;
}

const CHUNK = 64 * 1024;

/** Why a path the user picked is not a file Keyward can read, in words. */
function notAFile(name: string, kind: 'folder' | 'fifo' | 'device' | 'socket' | 'other'): AppError {
  const what = {
    folder: 'is a folder; choose a file inside it',
    fifo: 'is a pipe (FIFO), not a file; Keyward reads only ordinary files',
    device: 'is a device, not a file; Keyward reads only ordinary files',
    socket: 'is a socket, not a file; Keyward reads only ordinary files',
    other: 'is not an ordinary file; Keyward reads only ordinary files',
  }[kind];
  return new AppError('invalid_input', `"${name}" ${what}.`);
}

function openFailure(name: string, err: unknown): AppError | unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new AppError(
      'invalid_input',
      `There is no file "${name}" any more: it was moved or deleted. Choose it again.`,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new AppError('invalid_input', `Keyward may not read "${name}" (permission denied).`);
  if (code === 'EISDIR') return notAFile(name, 'folder');
  if (code === 'ENXIO') return notAFile(name, 'socket');
  if (code === 'ELOOP') return new AppError('invalid_input', `"${name}" is a link that leads back to itself.`);
  return err;
}

/**
 * Opens a user-chosen path for reading only if it is an ordinary file. O_NONBLOCK keeps a FIFO from
 * blocking the open; fstat on the open handle then refuses folders, pipes and devices before any read.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const name = basename(path);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw openFailure(name, err);
  }
  try {
    const st = await handle.stat();
    if (st.isFile()) return { handle, size: st.size };
    throw notAFile(
      name,
      st.isDirectory()
        ? 'folder'
        : st.isFIFO()
          ? 'fifo'
          : st.isCharacterDevice() || st.isBlockDevice()
            ? 'device'
            : st.isSocket()
              ? 'socket'
              : 'other',
    );
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Chunks of an open file, at most `cap` bytes in all: it asks for one byte past the cap, and on getting
 * it throws `tooLarge()`, whatever the file's size said (files under /proc say 0).
 */
export async function* readChunks(
  handle: FileHandle,
  cap: number,
  tooLarge: () => AppError,
  stats: ReadStats = { bytes: 0 },
): AsyncGenerator<Buffer> {
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, cap + 1 - position));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    stats.bytes = position;
    if (position > cap) throw tooLarge();
    yield buffer.subarray(0, bytesRead);
  }
}

/** Reads a user-chosen ordinary file of at most `cap` bytes; anything else is refused with a specific message. */
export async function readUserFile(
  path: string,
  cap: number,
  tooLarge: (size: number | null) => AppError,
  stats: ReadStats = { bytes: 0 },
): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > cap) throw tooLarge(size);
    const parts: Buffer[] = [];
    for await (const chunk of readChunks(handle, cap, () => tooLarge(null), stats)) parts.push(chunk);
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}
