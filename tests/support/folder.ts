import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every entry of a folder (recursively) with its kind, mode and content hash: what "left exactly as it was" is
 * checked against. A FIFO is never opened (that would wait for a writer).
 */
export async function folderSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const info = await lstat(path);
    const mode = (info.mode & 0o777).toString(8);
    if (info.isFIFO()) out[name] = `fifo ${mode}`;
    else if (info.isDirectory()) out[name] = `dir ${mode} ${JSON.stringify(await folderSnapshot(path))}`;
    else
      out[name] = `file ${mode} ${info.size} ${createHash('sha256')
        .update(await readFile(path))
        .digest('hex')}`;
  }
  return out;
}
