import { open } from 'node:fs/promises';

/** Writes and fsyncs a file (owner-only), so its bytes are on disk before anything is renamed over it. */
export async function writeDurably(path: string, content: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
    } else {
      // Consecutive parts written in order (writev), without first copying them into one buffer.
      const total = content.reduce((n, p) => n + p.length, 0);
      let written = 0;
      for (let i = 0; i < content.length; i += 1024) {
        const { bytesWritten } = await handle.writev(content.slice(i, i + 1024) as Uint8Array[]);
        written += bytesWritten;
      }
      if (written !== total) throw new Error(`short write: ${written} of ${total} bytes`);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Fsyncs a directory so a rename inside it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  }
}
