import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUserFile } from '../../../electron/core/files/read-user-file';
import { AppError } from '../../../electron/core/errors';
import { MAX_IMPORT_BYTES, readImportFile } from '../../../electron/core/features/transfer/import-file';
import { DATABASE_FILE } from '../../../electron/core/vault/vault-database';
import { dispatchFixture, FakeClock, tempDir, valueOf } from '../../support/inventory-fixture';
import { readVaultFrom } from '../../support/vault';
import { readVaultVia } from '../../support/read-vault';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
/** A folder of the user's, outside the data folder, where dialogs point. */
let out: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  fx = await dispatchFixture();
  out = await tempDir('keyward-user-files-');
});
afterEach(async () => {
  await fx.cleanup();
  await out.cleanup();
});

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);
const SECRET = `shippo_live_${'4d'.repeat(20)}`;
const HEADER = 'client,store,provider,token_name,secret\n';
const csvRows = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `Acme,Store ${i},shippo,Token ${i},shippo_live_${String(i).padStart(40, '0')}\n`,
  ).join('');

/** Picks `path` in the open dialog and previews it; returns the error the channel answered. */
async function importError(path: string, format: 'csv' | 'json' = 'csv') {
  fx.dialogAnswers.open.push(path);
  const reply = await fx.dispatch('importPreview', { format });
  expect(reply.ok).toBe(false);
  return (reply as { error: { code: string; message: string } }).error;
}

describe('import reads only ordinary files, and only as much as it may use', () => {
  it('stops reading and parsing a 100,000-row CSV at row 20,001, with a clear refusal', async () => {
    const file = join(out.dir, 'huge.csv');
    await writeFile(file, HEADER + csvRows(100_000));
    const size = (await stat(file)).size;

    expect(await importError(file)).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/more than 20,000 rows; Keyward imports at most 20,000/),
    });

    const read = { bytes: 0, records: 0 };
    await expect(readImportFile(file, 'csv', read)).rejects.toThrow(/more than 20,000 rows/);
    // Header plus 20,001 data rows parsed; the rest of the file never read.
    expect(read.records).toBe(20_002);
    expect(read.bytes).toBeLessThan(size / 4);
    console.log(`[figure] 100,000-row CSV (${size} bytes): ${read.records} records parsed, ${read.bytes} bytes read`);
    expect((await readVaultVia(fx.dispatch)).tokens).toEqual([]);
  });

  it('still reads a file of exactly 20,000 rows with blank lines between them', async () => {
    const file = join(out.dir, 'full.csv');
    await writeFile(file, HEADER + csvRows(20_000).replace(/\n/g, '\n\n'));
    const rows = await readImportFile(file, 'csv');
    expect(rows).toHaveLength(20_000);
    expect(rows.at(-1)).toMatchObject({ row: 20_000, line: 40_000, cells: { store: 'Store 19999' } });
  });

  it('refuses /dev/zero as a device without reading a byte', async () => {
    expect(await importError('/dev/zero')).toEqual({
      code: 'invalid_input',
      message: '"zero" is a device, not a file; Keyward reads only ordinary files.',
    });
    const read = { bytes: 0, records: 0 };
    await expect(readImportFile('/dev/zero', 'json', read)).rejects.toThrow(/is a device/);
    expect(read.bytes).toBe(0);
  });

  it('reads at most one byte past the cap from a file whose size says 0', async () => {
    // Files under /proc report a size of 0 but hold more: the cap holds on the bytes read.
    const read = { bytes: 0 };
    const refusal = readUserFile(
      '/proc/self/maps',
      100,
      (size) => new AppError('invalid_input', `too large (${size ?? 'unknown size'})`),
      read,
    );
    await expect(refusal).rejects.toMatchObject({ code: 'invalid_input', message: 'too large (unknown size)' });
    expect(read.bytes).toBe(101);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(out.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await importError(fifo)).toEqual({
      code: 'invalid_input',
      message: '"pipe.csv" is a pipe (FIFO), not a file; Keyward reads only ordinary files.',
    });
    fx.dialogAnswers.open.push(fifo);
    expect(await fx.dispatch('backupRestore', { passphrase: 'a long enough passphrase', mode: 'merge' })).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/pipe \(FIFO\)/) },
      },
    );
  });

  it('refuses a folder and a missing file with messages that say which', async () => {
    const folder = join(out.dir, 'exports.csv');
    await mkdir(folder);
    expect(await importError(folder)).toEqual({
      code: 'invalid_input',
      message: '"exports.csv" is a folder; choose a file inside it.',
    });
    expect(await importError(join(out.dir, 'gone.json'), 'json')).toEqual({
      code: 'invalid_input',
      message: 'There is no file "gone.json" any more: it was moved or deleted. Choose it again.',
    });
  });

  it('refuses a file over 32 MiB by its size, before reading it', async () => {
    const file = join(out.dir, 'big.json');
    await writeFile(file, '');
    execFileSync('truncate', ['-s', String(MAX_IMPORT_BYTES + 1), file]);
    const read = { bytes: 0, records: 0 };
    await expect(readImportFile(file, 'json', read)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'The file is 32.1 MiB; Keyward imports files up to 32 MiB.',
    });
    expect(read.bytes).toBe(0);
  });
});

describe('exports, reports and backups are saved like a careful desktop app', () => {
  async function withToken(): Promise<void> {
    const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'Acme shipping' });
    await ok('createToken', { storeId: store.id, name: 'Warehouse', secret: SECRET });
  }
  async function save(channel: string, input: unknown, path: string) {
    fx.dialogAnswers.save.push(path);
    return fx.dispatch(channel, input);
  }

  it('refuses to save over the database or any file in the data folder, even through a folder link, and the vault still loads', async () => {
    await withToken();
    const database = join(fx.dir, DATABASE_FILE);
    const alias = join(out.dir, 'alias');
    await symlink(fx.dir, alias);
    const before = await readVaultFrom(fx.dir, new FakeClock());
    for (const [channel, input, path] of [
      ['exportInventory', { format: 'csv' }, database],
      ['exportInventory', { format: 'json' }, join(alias, DATABASE_FILE)],
      ['exportInventory', { format: 'json' }, join(alias, `${DATABASE_FILE}-wal`)],
      ['clientReport', { clientId: null }, join(fx.dir, 'report.html')],
      ['backupCreate', { passphrase: 'a long enough passphrase' }, join(alias, 'vault.json')],
      ['saveExpiryCalendar', {}, join(fx.dir, 'audit.jsonl')],
    ] as const) {
      expect(await save(channel, input, path)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/inside Keyward's data folder/) },
      });
    }
    const reloaded = await readVaultFrom(fx.dir, new FakeClock());
    expect(reloaded).toEqual(before);
    expect(reloaded.tokens.map((t) => t.name)).toEqual(['Warehouse']);
    expect((await readdir(fx.dir)).filter((f) => !f.startsWith(DATABASE_FILE))).toEqual([]);
  });

  it('refuses to write through a symlink and leaves its target untouched', async () => {
    await withToken();
    const target = join(out.dir, 'precious.txt');
    await writeFile(target, 'not to be overwritten');
    const link = join(out.dir, 'tokens.csv');
    await symlink(target, link);
    for (const [channel, input] of [
      ['exportInventory', { format: 'csv' }],
      ['clientReport', { clientId: null }],
      ['backupCreate', { passphrase: 'a long enough passphrase' }],
      ['saveExpiryCalendar', {}],
    ] as const) {
      expect(await save(channel, input, link)).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message:
            '"tokens.csv" is a link to another file; Keyward does not write through links. Choose another name or folder.',
        },
      });
    }
    expect(await readFile(target, 'utf8')).toBe('not to be overwritten');
    expect(await readlink(link)).toBe(target);
    expect((await readdir(out.dir)).sort()).toEqual(['precious.txt', 'tokens.csv']);
  });

  it('replaces an existing file whole, leaves no temp file, and makes a backup owner-only', async () => {
    await withToken();
    const csv = join(out.dir, 'tokens.csv');
    await writeFile(csv, 'x'.repeat(100_000));
    expect(await save('exportInventory', { format: 'csv' }, csv)).toMatchObject({
      ok: true,
      value: { saved: true, path: csv },
    });
    const text = await readFile(csv, 'utf8');
    expect(text).toMatch(/^client,store,provider/);
    expect(text).toContain('Warehouse');
    expect(text).not.toContain('xxx');
    // Saved over a readable-by-all file, a backup (every secret, encrypted) still ends up owner-only.
    const backup = join(out.dir, 'all.kwbackup');
    await writeFile(backup, 'old', { mode: 0o644 });
    expect(await save('backupCreate', { passphrase: 'a long enough passphrase' }, backup)).toMatchObject({ ok: true });
    expect((await lstat(backup)).mode & 0o777).toBe(0o600);
    expect((await readdir(out.dir)).sort()).toEqual(['all.kwbackup', 'tokens.csv']);
  });

  it('says so when the chosen folder no longer exists', async () => {
    const reply = await save('exportInventory', { format: 'json' }, join(out.dir, 'removed', 'tokens.json'));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The folder for "tokens.json" does not exist; choose another folder.' },
    });
  });
});
