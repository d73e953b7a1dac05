// What the vault file refuses, and how: a write lock held by another process is a typed, clear error, and a
// save never writes over a vault file this version cannot open, even one that appeared after the last read.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_FILE } from '../../../electron/core/vault/file-vault-repository';
import { dispatchFixture } from '../../support/inventory-fixture';

let cleanup: () => Promise<void> = async () => {};
afterEach(() => cleanup());

async function setup() {
  const fx = await dispatchFixture();
  cleanup = fx.cleanup;
  return { ...fx, file: join(fx.dir, VAULT_FILE) };
}

describe('vault file refusals', () => {
  it('answers vault_locked, naming the lock and what to do, while another live process holds the write lock', async () => {
    const { dispatch, dir, file } = await setup();
    // A lock file naming a live process (this one) is not stale: the save waits for it, then gives up.
    await writeFile(join(dir, `${VAULT_FILE}.lock`), String(process.pid));
    const result = await dispatch('createClient', { name: 'Acme' });
    expect(result).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/^The vault is locked by another Keyward process \(.+vault\.json\.lock\); try again in a moment\.$/);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a save over a vault from a newer Keyward written after the last read, and leaves it byte for byte', async () => {
    const { repo, clock, file } = await setup();
    const read = (await repo.load()).data;
    // A newer Keyward (or a restored backup) replaces the file between this process's read and its save.
    const newer = JSON.stringify({ schemaVersion: 99, revision: 40, clients: [], stores: [], tokens: [], future: { kept: true } });
    await writeFile(file, newer);
    const save = repo.save({ ...read, revision: read.revision + 1, updatedAt: clock.now().toISOString() }, read.revision);
    await expect(save).rejects.toMatchObject({ code: 'vault_unavailable', message: expect.stringMatching(/newer Keyward \(schema 99.*Update Keyward/) });
    expect(await readFile(file, 'utf8')).toBe(newer);
  });

  it('refuses a save when vault.json became a folder, and leaves the folder as it was', async () => {
    const { dispatch, file } = await setup();
    expect(await dispatch('createClient', { name: 'Acme' })).toMatchObject({ ok: true });
    await rm(file);
    await mkdir(file);
    await writeFile(join(file, 'keep.txt'), 'kept');
    const result = await dispatch('createClient', { name: 'Beta' });
    expect(result).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
    if (!result.ok) expect(result.error.message).toMatch(/is a folder, not a vault file/);
    expect(await readFile(join(file, 'keep.txt'), 'utf8')).toBe('kept');
  });
});
