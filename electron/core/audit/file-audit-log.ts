import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditEntry } from '../../contract';
import type { AuditFilter, AuditLog } from '../ports';

const matches = (entry: AuditEntry, filter?: AuditFilter): boolean =>
  (!filter?.subjectId || entry.subject.id === filter.subjectId) && (!filter?.actionPrefix || entry.action.startsWith(filter.actionPrefix));

export const AUDIT_FILE = 'audit.jsonl';

/** Append-only JSON lines; each entry is validated so no free-form (possibly secret) field can slip in. */
export class FileAuditLog implements AuditLog {
  private readonly path: string;
  constructor(private readonly dir: string) {
    this.path = join(dir, AUDIT_FILE);
  }

  async append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(AuditEntry.parse(entry))}\n`;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a+', 0o600);
    try {
      // A crash mid-append leaves a torn last line: end it first, so this entry stands on its own line.
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      const torn = size > 0 && (await handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
      await handle.appendFile(torn ? `\n${line}` : line, 'utf8');
    } finally {
      await handle.close();
    }
  }

  async recent(limit: number, filter?: AuditFilter): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: AuditEntry[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
      const line = lines[i];
      if (!line) continue;
      try {
        const parsed = AuditEntry.safeParse(JSON.parse(line));
        if (parsed.success && matches(parsed.data, filter)) entries.push(parsed.data);
      } catch {
        // A torn line (crash mid-append) is skipped, not fatal.
      }
    }
    return entries;
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry): Promise<void> {
    this.entries.push(AuditEntry.parse(entry));
  }
  async recent(limit: number, filter?: AuditFilter): Promise<AuditEntry[]> {
    return this.entries.filter((e) => matches(e, filter)).slice(-limit).reverse();
  }
}
