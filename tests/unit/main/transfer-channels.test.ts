import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchFixture, tempDir, valueOf } from '../../support/inventory-fixture';
import { accountOf } from '../../../electron/core/secrets/accounts';
import { readVaultVia } from '../../support/read-vault';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
/** Where the save dialogs point: a folder of the user's, outside the data folder. */
let out: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  out = await tempDir('keyward-saves-');
});
afterEach(async () => {
  await fx?.cleanup();
  await out.cleanup();
});

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

const LIVE_1 = `shippo_live_${'4d'.repeat(20)}`;
const LIVE_2 = `shippo_live_${'5e'.repeat(20)}`;
const LIVE_3 = `shippo_live_${'6f'.repeat(20)}`;
const CSV = [
  'client,store,provider,token_name,secret',
  `Acme,Acme shipping,shippo,Warehouse,${LIVE_1}`,
  `Acme,Acme shipping,shippo,Storefront,${LIVE_2}`,
  `Acme,Acme shipping,shippo,Third,${LIVE_3}`,
].join('\r\n');

describe('import, export and backup through IPC', () => {
  it('previews an import masked (main reads the file), then applies only after confirmation, skipping the invalid row', async () => {
    fx = await dispatchFixture();
    const file = join(fx.dir, 'clients.csv');
    await writeFile(file, `\uFEFF${CSV}`);
    fx.dialogAnswers.open.push(file);
    const preview = await ok<{
      cancelled: false;
      planId: string;
      preview: { counts: { ok: number; invalid: number }; rows: { status: string; reasons: string[] }[] };
    }>('importPreview', {
      format: 'csv',
    });
    expect(preview.preview.counts).toMatchObject({ ok: 2, invalid: 1 });
    expect(preview.preview.rows[2]!.reasons.join(' ')).toMatch(/At most 2 active live/);
    const reply = JSON.stringify(preview);
    for (const secret of [LIVE_1, LIVE_2, LIVE_3]) expect(reply).not.toContain(secret);
    expect((await readVaultVia(fx.dispatch)).tokens).toEqual([]);

    expect(await fx.dispatch('importApply', { planId: preview.planId, allOrNothing: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const again = preview;
    const result = await ok<{ imported: number; skippedInvalid: number }>('importApply', {
      planId: again.planId,
      allOrNothing: false,
    });
    expect(result).toMatchObject({ imported: 2, skippedInvalid: 1 });
    expect((await fx.secrets.accounts()).length).toBe(2);
    expect(await fx.dispatch('importApply', { planId: again.planId, allOrNothing: false })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a cancelled dialog changes nothing', async () => {
    fx = await dispatchFixture();
    expect(await ok('importPreview', { format: 'csv' })).toEqual({ cancelled: true });
    expect(await ok('exportInventory', { format: 'csv' })).toEqual({ saved: false, path: '' });
  });

  it('exports CSV, JSON and a client report without any secret', async () => {
    fx = await dispatchFixture();
    const client = await ok<{ id: string }>('createClient', { name: 'Acme' });
    const store = await ok<{ id: string }>('createStore', {
      provider: 'shippo',
      label: 'Acme shipping',
      clientId: client.id,
    });
    await ok('createToken', { storeId: store.id, name: 'Warehouse', secret: LIVE_1 });
    for (const [channel, input, name] of [
      ['exportInventory', { format: 'csv' }, 'out.csv'],
      ['exportInventory', { format: 'json', clientId: client.id }, 'out.json'],
      ['clientReport', { clientId: client.id }, 'report.html'],
    ] as const) {
      const path = join(out.dir, name);
      fx.dialogAnswers.save.push(path);
      expect(await ok(channel, input)).toEqual({ saved: true, path });
      const text = await readFile(path, 'utf8');
      expect(text).toContain('Warehouse');
      expect(text).not.toContain(LIVE_1);
    }
  });

  it('exports the audit log as CSV filtered as in the view, with names and without any secret', async () => {
    fx = await dispatchFixture();
    const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: '=Acme shipping' });
    const token = await ok<{ id: string }>('createToken', { storeId: store.id, name: 'Warehouse', secret: LIVE_1 });
    await ok('updateToken', { id: token.id, notes: 'moved to the new warehouse' });
    const all = join(out.dir, 'audit.csv');
    fx.dialogAnswers.save.push(all);
    const saved = await ok<{ saved: boolean; path: string; rows: number }>('exportAuditLog', {});
    expect(saved).toMatchObject({ saved: true, path: all });
    const lines = (await readFile(all, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,actor,action,subject_type,subject_id,subject_name,summary');
    expect(lines).toHaveLength(saved.rows + 1);
    expect(lines.some((l) => l.includes('store.create') && l.includes("'=Acme shipping"))).toBe(true);
    expect(lines.join('\n')).not.toContain(LIVE_1.slice(12, 20));

    const tokenOnly = join(out.dir, 'token.csv');
    fx.dialogAnswers.save.push(tokenOnly);
    const filtered = await ok<{ rows: number }>('exportAuditLog', { subjectId: token.id, actionPrefix: 'token.' });
    const rows = (await readFile(tokenOnly, 'utf8')).trimEnd().split('\r\n').slice(1);
    expect(filtered.rows).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.includes(token.id) && r.includes('Warehouse') && /,token\./.test(r))).toBe(true);
    expect(rows.length).toBeLessThan(saved.rows);

    expect(await ok('exportAuditLog', {})).toEqual({ saved: false, path: '', rows: 0 });
  });

  it('backs up with a passphrase and restores onto a fresh data folder and keychain; a wrong passphrase changes nothing', async () => {
    fx = await dispatchFixture();
    const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'Acme shipping' });
    await ok('createToken', { storeId: store.id, name: 'Warehouse', secret: LIVE_1 });
    const backup = join(out.dir, 'all.kwbackup');
    fx.dialogAnswers.save.push(backup);
    expect(await fx.dispatch('backupCreate', { passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/12/) },
    });
    const made = await ok<{ saved: boolean; summary: { secrets: number } }>('backupCreate', {
      passphrase: 'a long enough passphrase',
    });
    expect(made).toMatchObject({ saved: true, summary: { secrets: 1 } });
    expect((await readFile(backup)).includes(Buffer.from(LIVE_1))).toBe(false);

    const source = fx;
    fx = await dispatchFixture();
    try {
      fx.dialogAnswers.open.push(backup);
      expect(await fx.dispatch('backupRestore', { passphrase: 'not the passphrase', mode: 'merge' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/passphrase is wrong/) },
      });
      expect((await readVaultVia(fx.dispatch)).tokens).toEqual([]);
      fx.dialogAnswers.open.push(backup);
      expect(await ok('backupRestore', { passphrase: 'a long enough passphrase', mode: 'merge' })).toMatchObject({
        cancelled: false,
        tokensAdded: 1,
        secretsRestored: 1,
      });
      const [token] = (await readVaultVia(fx.dispatch)).tokens;
      expect(await fx.secrets.get(accountOf(token!))).toBe(LIVE_1);
    } finally {
      await source.cleanup();
    }
  }, 60_000);
});
