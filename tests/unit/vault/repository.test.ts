// The save path skips re-parsing the file only when its bytes are exactly the ones this repository last read
// or wrote; every other file is parsed for its revision as before. These tests change the file behind the
// repository's back in the ways another process or a person could.
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/ports';
import { BACKUP_FILE, FileVaultRepository, VAULT_FILE } from '../../../electron/core/vault/file-vault-repository';
import { fullEncode } from '../../../electron/core/vault/vault-encoder';
import { emptyVault, VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault } from '../../bench/generate-vault';
import { FakeClock, tempDir } from '../../support/inventory-fixture';

let cleanup: () => Promise<void> = async () => {};
afterEach(() => cleanup());

async function setup() {
  const t = await tempDir();
  cleanup = t.cleanup;
  const clock = new FakeClock();
  const open = () => new FileVaultRepository(t.dir, clock, silentLogger);
  return { dir: t.dir, clock, open, file: join(t.dir, VAULT_FILE), backup: join(t.dir, BACKUP_FILE) };
}

const withRevision = (v: VaultData, revision: number, marker = `r${revision}`): VaultData => ({ ...v, revision, settings: { marker } });

describe('vault file: revision check and previous good copy', () => {
  it('refuses a save when another process wrote since (the CLI with its own repository)', async () => {
    const { open, clock } = await setup();
    const app = open();
    const cli = open();
    const base = emptyVault(clock.now());
    await app.save(withRevision(base, 1), 0);
    await cli.load();
    await cli.save(withRevision(base, 2, 'cli'), 1);
    await expect(app.save(withRevision(base, 2, 'app'), 1)).rejects.toMatchObject({ code: 'conflict' });
    expect(await app.changedOnDisk()).toBe(true);
    expect((await app.load()).data.settings).toEqual({ marker: 'cli' });
    await app.save(withRevision(base, 3, 'app'), 2);
  });

  it('sees an edit made in place with the same size and the same times (bytes compared, not stamps)', async () => {
    const { open, clock, file } = await setup();
    const repo = open();
    await repo.save(withRevision(emptyVault(clock.now()), 1), 0);
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    const edited = text.replace('"revision":1,', '"revision":7,');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    await writeFile(file, edited);
    await utimes(file, before.atime, before.mtime);
    await expect(repo.save(withRevision(emptyVault(clock.now()), 2), 1)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('notices a file changed on disk by its stamp, and not its own writes', async () => {
    const { open, clock, file } = await setup();
    const repo = open();
    await repo.save(withRevision(emptyVault(clock.now()), 1), 0);
    expect(await repo.changedOnDisk()).toBe(false);
    await repo.load();
    expect(await repo.changedOnDisk()).toBe(false);
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    expect(await repo.changedOnDisk()).toBe(true);
  });

  it('keeps the file before each save as the previous good copy, unchanged by later saves', async () => {
    const { open, clock, file, backup } = await setup();
    const repo = open();
    const base = emptyVault(clock.now());
    await repo.save(withRevision(base, 1), 0);
    await repo.save(withRevision(base, 2), 1);
    const second = await readFile(file, 'utf8');
    await repo.save(withRevision(base, 3), 2);
    expect(await readFile(backup, 'utf8')).toBe(second);
    expect((await stat(backup)).ino).not.toBe((await stat(file)).ino);
    expect((await stat(backup)).mode & 0o077).toBe(0);
    await repo.save(withRevision(base, 4), 3);
    expect(JSON.parse(await readFile(backup, 'utf8')).settings.marker).toBe('r3');
  });

  it('writes over a file that is not a vault without making it the previous good copy, and without a conflict', async () => {
    const { open, clock, file, backup } = await setup();
    const repo = open();
    const base = emptyVault(clock.now());
    await repo.save(withRevision(base, 1), 0);
    await repo.save(withRevision(base, 2), 1);
    await writeFile(file, 'garbage');
    await repo.save(withRevision(base, 3), 2);
    expect(JSON.parse(await readFile(backup, 'utf8')).settings.marker).toBe('r1');
    expect(JSON.parse(await readFile(file, 'utf8')).settings.marker).toBe('r3');
  });

  it('writes the bytes of fullEncode for a generated vault, and reads back what it wrote', async () => {
    const { open, file } = await setup();
    const vault = generateVault({ tokens: 80, stores: 20, clients: 5, seed: 9 });
    const repo = open();
    await repo.save(vault, 0);
    expect((await readFile(file)).equals(fullEncode(vault))).toBe(true);
    const loaded = await open().load();
    expect(loaded.data).toEqual(vault);
    const edited = { ...loaded.data, revision: vault.revision + 1, tokens: loaded.data.tokens.map((t, i) => (i === 3 ? { ...t, notes: 'edited' } : t)) };
    const again = open();
    await again.load();
    await again.save(edited, vault.revision);
    expect((await readFile(file)).equals(fullEncode(edited))).toBe(true);
  });

  it('never writes a loaded element that was made invalid in memory afterwards (validated on its first save)', async () => {
    const { open, file } = await setup();
    const vault = generateVault({ tokens: 20, stores: 5, clients: 2, seed: 3 });
    await open().save(vault, 0);
    const bytes = await readFile(file);
    const repo = open();
    const loaded = await repo.load();
    (loaded.data.tokens[2] as { status: string }).status = 'lost';
    await expect(repo.save({ ...loaded.data, revision: vault.revision + 1 }, vault.revision)).rejects.toThrow();
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('never writes a vault that breaks the schema, even after saving valid ones', async () => {
    const { open, file } = await setup();
    const vault = generateVault({ tokens: 20, stores: 5, clients: 2, seed: 2 });
    const repo = open();
    await repo.save(vault, 0);
    const bytes = await readFile(file);
    const bad = { ...vault, revision: vault.revision + 1, tokens: vault.tokens.map((t, i) => (i === 0 ? { ...t, status: 'lost' } : t)) } as unknown as VaultData;
    await expect(repo.save(bad, vault.revision)).rejects.toThrow();
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });
});

/** What every Keyward before the compact format wrote: indent 1, non-ASCII characters as raw UTF-8. */
const oldFormat = (v: VaultData): string => `${JSON.stringify(VaultData.parse(v), null, 1)}\n`;

/** The characters that made old files UTF-8, and ones JSON treats specially. */
const UNUSUAL = ['eyJhb…TK3Y', 'Café é', 'emoji 😀👍🏽', 'line\u2028sep\u2029', 'lone \ud800', 'del \u007f', 'tab\t"quote"\\'];
const withNotes = (v: VaultData): VaultData => ({ ...v, tokens: v.tokens.map((t, i) => (i < UNUSUAL.length ? { ...t, notes: UNUSUAL[i]! } : t)) });

/** Every byte ASCII, and no newline but the last byte. */
const isCompactAscii = (bytes: Buffer): boolean => bytes.every((b) => b < 0x80) && bytes.indexOf(0x0a) === bytes.length - 1;

describe('vault file format: compact ASCII written, any JSON read', () => {
  it('loads an old pretty UTF-8 file unchanged, and the next save rewrites it compact and ASCII with every string kept', async () => {
    const { open, file, backup } = await setup();
    const vault = withNotes(generateVault({ tokens: 30, stores: 6, clients: 2, seed: 4 }));
    const old = Buffer.from(oldFormat(vault), 'utf8');
    await writeFile(file, old);
    const repo = open();
    const loaded = await repo.load();
    expect(loaded.data).toEqual(vault);
    expect((await readFile(file)).equals(old)).toBe(true);
    const next = { ...loaded.data, revision: vault.revision + 1 };
    await repo.save(next, vault.revision);
    const written = await readFile(file);
    expect(isCompactAscii(written)).toBe(true);
    expect(written.length).toBeLessThan(old.length);
    expect((await readFile(backup)).equals(old)).toBe(true);
    const reloaded = await open().load();
    expect(reloaded.data).toEqual(next);
    expect(reloaded.data.tokens.slice(0, UNUSUAL.length).map((t) => t.notes)).toEqual(UNUSUAL);
  });

  it('loads a hand-edited file with odd whitespace and mixed escapes, and saves it back compact', async () => {
    const { open, file } = await setup();
    const vault = withNotes(generateVault({ tokens: 8, stores: 3, clients: 1, seed: 5 }));
    const messy = JSON.stringify(VaultData.parse(vault), null, '\t')
      .replaceAll('\n', '\r\n  ')
      .replaceAll('":', '" :  ')
      .replace('Café', '\\u0043af\\u00e9');
    await writeFile(file, `\r\n ${messy} \r\n\r\n`);
    const repo = open();
    const loaded = await repo.load();
    expect(loaded.notices).toEqual([]);
    expect(loaded.data).toEqual(vault);
    await repo.save({ ...loaded.data, revision: vault.revision + 1 }, vault.revision);
    expect(isCompactAscii(await readFile(file))).toBe(true);
    expect((await open().load()).data).toEqual({ ...vault, revision: vault.revision + 1 });
  });

  it('sees another process\'s old-format write as a conflict, and reads it exactly', async () => {
    const { open, file } = await setup();
    const vault = generateVault({ tokens: 5, stores: 2, clients: 1, seed: 6 });
    const repo = open();
    await repo.save(vault, 0);
    const other = withNotes({ ...vault, revision: vault.revision + 1 });
    await writeFile(file, oldFormat(other));
    await expect(repo.save({ ...vault, revision: vault.revision + 1 }, vault.revision)).rejects.toMatchObject({ code: 'conflict' });
    expect((await repo.load()).data).toEqual(other);
  });
});
