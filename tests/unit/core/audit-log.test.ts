import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/contract';
import { openTestVault } from '../../support/vault';
import { FakeClock, tempDir } from '../../support/inventory-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-22T09:0${n}:00.000Z`,
  actor: 'test',
  action: 'token.create',
  subject: { type: 'token', id: `t${n}` },
  summary: `Added token ${n}`,
  ...over,
});

/** An audit log on a fresh data folder; `another()` opens the same folder as a second process would. */
async function logIn() {
  const dir = await tempDir('keyward-audit-');
  cleanups.push(dir.cleanup);
  const clock = new FakeClock();
  const open = () => {
    const vault = openTestVault(dir.dir, clock);
    cleanups.push(() => vault.database.close());
    return vault;
  };
  return { dir: dir.dir, ...open(), another: open };
}

describe('the audit log', () => {
  it('answers newest first, by subject and by action prefix, with % and _ in a prefix taken literally', async () => {
    const { audit } = await logIn();
    await audit.append(entry(1));
    await audit.append(entry(2, { action: 'token.update', subject: { type: 'token', id: 't1' } }));
    await audit.append(entry(3, { action: 'vault.restore.merge', subject: { type: 'vault', id: 'restore' } }));
    await audit.append(entry(4, { action: 'vault_x', subject: { type: 'vault', id: 'x' } }));
    expect((await audit.recent(10)).map((e) => e.at.slice(14, 16))).toEqual(['04', '03', '02', '01']);
    expect((await audit.recent(2)).map((e) => e.subject.id)).toEqual(['x', 'restore']);
    expect((await audit.recent(10, { subjectId: 't1' })).map((e) => e.action)).toEqual([
      'token.update',
      'token.create',
    ]);
    expect((await audit.recent(10, { actionPrefix: 'vault.' })).map((e) => e.action)).toEqual(['vault.restore.merge']);
    expect(await audit.recent(10, { actionPrefix: 'vault%' })).toEqual([]);
    expect(await audit.recent(10, { actionPrefix: 'token_' })).toEqual([]);
    expect((await audit.recent(10, { actionPrefix: 'vault_' })).map((e) => e.action)).toEqual(['vault_x']);
    expect(await audit.recent(1)).toEqual([entry(4, { action: 'vault_x', subject: { type: 'vault', id: 'x' } })]);
  });

  it('keeps only the fields of an entry and refuses one that breaks its schema, writing nothing', async () => {
    const { audit } = await logIn();
    await audit.append({ ...entry(1), secret: 'shippo_live_0123456789abcdef' } as AuditEntry);
    await expect(audit.append(entry(2, { summary: 'x'.repeat(301) }))).rejects.toThrow();
    await expect(audit.append(entry(3, { subject: { type: 'keychain' as 'vault', id: 'k' } }))).rejects.toThrow();
    expect(audit.entries).toEqual([entry(1)]);
    expect(JSON.stringify(audit.entries)).not.toContain('shippo_live_');
  });

  it('is append-only: the database itself refuses to change or delete an entry', async () => {
    const { audit, database } = await logIn();
    await audit.append(entry(1));
    const db = database.current();
    expect(() => db.prepare("UPDATE audit_log SET summary = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.entries).toEqual([entry(1)]);
  });

  it('holds the entries of every process on the folder, in the order they were written', async () => {
    const { audit, another } = await logIn();
    const cli = another();
    await audit.append(entry(1, { actor: 'app' }));
    await cli.audit.append(entry(2, { actor: 'cli' }));
    await audit.append(entry(3, { actor: 'app' }));
    const expected = [entry(3, { actor: 'app' }), entry(2, { actor: 'cli' }), entry(1, { actor: 'app' })];
    expect(await audit.recent(10)).toEqual(expected);
    expect(await cli.audit.recent(10)).toEqual(expected);
  });
});
