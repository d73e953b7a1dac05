import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/contract';
import { AUDIT_FILE, FileAuditLog } from '../../../electron/core/audit/file-audit-log';
import { tempDir } from '../../support/inventory-fixture';

let dir: Awaited<ReturnType<typeof tempDir>>;
afterEach(() => dir?.cleanup());

const entry = (n: number): AuditEntry => ({ at: `2026-11-22T09:0${n}:00.000Z`, actor: 'test', action: 'token.create', subject: { type: 'token', id: `t${n}` }, summary: `Added token ${n}` });

describe('the audit log file', () => {
  it('keeps the next entry readable after a crash tore the last line', async () => {
    dir = await tempDir('keyward-audit-');
    const log = new FileAuditLog(dir.dir);
    await log.append(entry(1));
    // A writer killed mid-append: half an entry, no line break.
    await appendFile(join(dir.dir, AUDIT_FILE), JSON.stringify(entry(2)).slice(0, 40));
    await log.append(entry(3));
    await log.append(entry(4));
    expect((await log.recent(10)).map((e) => e.subject.id)).toEqual(['t4', 't3', 't1']);
    const lines = (await readFile(join(dir.dir, AUDIT_FILE), 'utf8')).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(JSON.stringify(entry(2)).slice(0, 40));
    expect(lines.at(-1)).toBe('');
  });

  it('adds no blank line when the file ends cleanly', async () => {
    dir = await tempDir('keyward-audit-');
    const log = new FileAuditLog(dir.dir);
    await log.append(entry(1));
    await log.append(entry(2));
    expect(await readFile(join(dir.dir, AUDIT_FILE), 'utf8')).toBe(`${JSON.stringify(entry(1))}\n${JSON.stringify(entry(2))}\n`);
  });
});
