import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/ports';
import { BACKUP_FILE, FileVaultRepository, VAULT_FILE } from '../../../electron/core/vault/file-vault-repository';
import { emptyVault } from '../../../electron/core/vault/vault-data';
import { FakeClock, tempDir } from '../../support/inventory-fixture';

let cleanup: () => Promise<void> = async () => {};
afterEach(() => cleanup());

async function repoIn() {
  const t = await tempDir();
  cleanup = t.cleanup;
  const clock = new FakeClock();
  return { dir: t.dir, clock, repo: new FileVaultRepository(t.dir, clock, silentLogger) };
}

describe('vault file', () => {
  it('starts empty when there is no file, without notices', async () => {
    const { repo } = await repoIn();
    const loaded = await repo.load();
    expect(loaded.data.tokens).toEqual([]);
    expect(loaded.notices).toEqual([]);
  });

  it('writes atomically and keeps the previous good copy beside it', async () => {
    const { dir, clock, repo } = await repoIn();
    const v0 = emptyVault(clock.now());
    await repo.save({ ...v0, revision: 1, settings: { marker: 'first' } }, 0);
    await repo.save({ ...v0, revision: 2, settings: { marker: 'second' } }, 1);
    const current = JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8'));
    const previous = JSON.parse(await readFile(join(dir, BACKUP_FILE), 'utf8'));
    expect(current.settings.marker).toBe('second');
    expect(previous.settings.marker).toBe('first');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('refuses a write based on a stale revision (another process wrote first)', async () => {
    const { clock, repo } = await repoIn();
    await repo.save({ ...emptyVault(clock.now()), revision: 1 }, 0);
    await expect(repo.save({ ...emptyVault(clock.now()), revision: 1 }, 0)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('moves an unreadable vault aside, loads the last good copy and says so', async () => {
    const { dir, clock, repo } = await repoIn();
    await repo.save({ ...emptyVault(clock.now()), revision: 1, settings: { marker: 'good' } }, 0);
    await repo.save({ ...emptyVault(clock.now()), revision: 2, settings: { marker: 'newer' } }, 1);
    await writeFile(join(dir, VAULT_FILE), '{"schemaVersion":1, truncated');
    const loaded = await repo.load();
    expect(loaded.data.settings).toEqual({ marker: 'good' });
    expect(loaded.notices[0]).toMatchObject({ id: 'vault-restored', severity: 'critical' });
    expect(loaded.notices[0]?.message).toMatch(/could not be read.*last good copy was loaded/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('vault.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"schemaVersion":1, truncated');
  });

  it('never overwrites the unreadable file: the next save writes a fresh vault and the bad one stays aside', async () => {
    const { dir, repo } = await repoIn();
    await writeFile(join(dir, VAULT_FILE), 'not json at all');
    const loaded = await repo.load();
    expect(loaded.notices[0]?.message).toMatch(/no earlier copy/);
    await repo.save({ ...loaded.data, revision: 1 }, loaded.data.revision);
    const aside = (await readdir(dir)).find((f) => f.startsWith('vault.unreadable-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('not json at all');
  });

  it('rejects a file whose fields break the schema as unreadable, naming the field', async () => {
    const { dir, clock, repo } = await repoIn();
    await writeFile(join(dir, VAULT_FILE), JSON.stringify({ ...emptyVault(clock.now()), tokens: [{ id: 'x' }] }));
    const loaded = await repo.load();
    expect(loaded.notices[0]?.message).toMatch(/tokens\.0/);
  });

  it('migrates a schema-0 vault (no schemaVersion) and reports the upgrade', async () => {
    const { dir, repo } = await repoIn();
    await writeFile(join(dir, VAULT_FILE), JSON.stringify({ clients: [], stores: [], tokens: [] }));
    const loaded = await repo.load();
    expect(loaded.data.schemaVersion).toBe(1);
    expect(loaded.notices).toContainEqual(expect.objectContaining({ id: 'vault-migrated' }));
  });

  it('refuses a vault from a newer Keyward and leaves the file untouched', async () => {
    const { dir, repo } = await repoIn();
    const text = JSON.stringify({ schemaVersion: 99, anything: true });
    await writeFile(join(dir, VAULT_FILE), text);
    await expect(repo.load()).rejects.toMatchObject({ code: 'vault_unavailable' });
    expect(await readFile(join(dir, VAULT_FILE), 'utf8')).toBe(text);
  });

  it.skipIf(process.platform === 'win32')('writes the vault readable by its owner only', async () => {
    const { dir, clock, repo } = await repoIn();
    await repo.save({ ...emptyVault(clock.now()), revision: 1 }, 0);
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(dir, VAULT_FILE))).mode & 0o077).toBe(0);
  });
});
