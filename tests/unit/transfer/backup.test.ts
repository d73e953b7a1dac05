import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { BACKUP_REGIONS, createBackup, readBackup } from '../../../electron/core/transfer';
import { FlakySecretStore, freshInventory, keychainDump, metadata, seed, vaultBytes, type Fresh } from './harness';
import { secretFor } from './samples';
import { accountOf } from '../../../electron/core/secrets/accounts';

const PASS = 'correct horse battery staple';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function fresh(secrets?: FlakySecretStore): Promise<Fresh> {
  const fx = await freshInventory(secrets);
  cleanups.push(fx.cleanup);
  return fx;
}
async function backupOf(fx: Fresh): Promise<Buffer> {
  return (await createBackup(await fx.inventory.vault(), fx.secrets, PASS, fx.clock.now())).file;
}
/** A target with one token of its own, so "unchanged" compares real bytes. */
async function target(): Promise<Fresh> {
  const fx = await fresh();
  await fx.inventory.addToken({ client: 'Here', store: { provider: 'shippo', label: 'Local' }, token: { name: 'Mine', secret: secretFor.shippo(9999) } });
  return fx;
}
async function expectRefused(fx: Fresh, file: Buffer, message: RegExp, passphrase = PASS): Promise<void> {
  const before = { bytes: await vaultBytes(fx.dir), keys: await keychainDump(fx.secrets) };
  const err = await readBackup(file, passphrase).then((p) => fx.inventory.restoreBackup(p, 'replace')).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  expect((err as Error).message).not.toContain(passphrase);
  expect(await vaultBytes(fx.dir)).toEqual(before.bytes);
  expect(await keychainDump(fx.secrets)).toEqual(before.keys);
}

describe('encrypted backup', () => {
  it('restores onto a fresh data dir and keychain: every secret back, metadata identical', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 25);
    const file = await backupOf(source);
    expect(file.subarray(0, 8).toString('ascii')).toBe('KWBACKUP');
    const plain = await keychainDump(source.secrets);
    for (const value of Object.values(plain)) expect(file.includes(Buffer.from(value))).toBe(false);

    const dest = await fresh();
    const result = await dest.inventory.restoreBackup(await readBackup(file, PASS), 'replace');
    expect(result).toMatchObject({ tokensAdded: 25, secretsRestored: 25, secretsMissing: 0, skipped: [] });
    expect(await metadata(dest)).toEqual(await metadata(source));
    expect(await keychainDump(dest.secrets)).toEqual(plain);
    expect(JSON.stringify(dest.audit.entries)).not.toMatch(/shippo_live_|sk_live_/);
  });

  it('refuses a passphrase shorter than 12 characters', async () => {
    const fx = await fresh();
    await expect(createBackup(await fx.inventory.vault(), fx.secrets, 'short pass', fx.clock.now())).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/at least 12 characters/) });
  });

  it('a wrong passphrase says so and changes nothing', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 5);
    await expectRefused(await target(), await backupOf(source), /passphrase is wrong/, 'not the right passphrase');
  });

  it('a truncated file says so at any length and changes nothing', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 5);
    const file = await backupOf(source);
    const dest = await target();
    for (const length of [0, 3, 8, 20, 77, 100, file.length - 17, file.length - 1]) {
      await expectRefused(dest, file.subarray(0, length), length === 0 ? /is empty/ : /truncated/);
    }
    await expectRefused(dest, Buffer.concat([file, Buffer.from([0])]), /unexpected bytes after its end/);
  });

  it('a flipped bit in each region gives its own error and changes nothing', { timeout: 60_000 }, async () => {
    const source = await fresh();
    await seed(source, 5);
    const file = await backupOf(source);
    const dest = await target();
    const flip = (at: number, mask = 0x01) => {
      const copy = Buffer.from(file);
      copy[at]! ^= mask;
      return copy;
    };
    const tagStart = file.length - 16;
    const cases: [string, number, RegExp, number?][] = [
      ['magic', BACKUP_REGIONS.magic[0], /not a Keyward backup/],
      ['version', BACKUP_REGIONS.version[1] - 1, /format version 0; this Keyward reads format version 1/],
      ['kdf params (log2 N)', BACKUP_REGIONS.kdfParams[0] + 1, /key-derivation settings in the file are out of range/, 0x04],
      ['kdf params (r)', BACKUP_REGIONS.kdfParams[0] + 2, /key-derivation settings in the file are out of range/, 0x01],
      ['salt', BACKUP_REGIONS.salt[0] + 5, /passphrase is wrong \(or the backup header was altered\)/],
      ['key check', BACKUP_REGIONS.keyCheck[0], /passphrase is wrong/],
      ['nonce', BACKUP_REGIONS.nonce[0] + 3, /altered or damaged after it was made/],
      ['length', BACKUP_REGIONS.length[1] - 1, /truncated|unexpected bytes/],
      ['ciphertext', BACKUP_REGIONS.length[1] + 10, /altered or damaged after it was made/],
      ['ciphertext (last byte)', tagStart - 1, /altered or damaged after it was made/],
      ['tag', tagStart + 7, /altered or damaged after it was made/],
    ];
    for (const [, at, message, mask] of cases) await expectRefused(dest, flip(at, mask), message);
  });

  it('a future format version is named as such', async () => {
    const file = Buffer.alloc(100);
    Buffer.from('KWBACKUP').copy(file);
    file.writeUInt16BE(2, 8);
    await expect(readBackup(file, PASS)).rejects.toMatchObject({ message: expect.stringMatching(/format version 2.*newer Keyward/) });
  });

  it('merge keeps what is here, adds what is new, skips same id and same secret', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 10);
    const file = await backupOf(source);
    const dest = await target();
    // The same secret under another name and store, as if typed in by hand on the new machine.
    await dest.inventory.addToken({ client: null, store: { provider: 'shippo', label: 'Hand made' }, token: { name: 'Copy', secret: secretFor.shippo(0) } });
    const payload = await readBackup(file, PASS);
    const first = await dest.inventory.restoreBackup(payload, 'merge');
    expect(first).toMatchObject({ tokensAdded: 9, secretsRestored: 9, skipped: [expect.objectContaining({ name: 'Warehouse', reason: 'same secret' })] });
    const again = await dest.inventory.restoreBackup(payload, 'merge');
    expect(again.tokensAdded).toBe(0);
    expect(again.skipped.filter((s) => s.reason === 'same token id')).toHaveLength(9);
    const names = (await dest.inventory.vault()).tokens.map((t) => t.name);
    expect(names).toContain('Mine');
    expect(names).toHaveLength(11);
  });

  it('replace makes the vault the backup and removes the replaced tokens from the keychain', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 5);
    const dest = await target();
    const mine = (await dest.inventory.vault()).tokens[0]!;
    const result = await dest.inventory.restoreBackup(await readBackup(await backupOf(source), PASS), 'replace');
    expect(result).toMatchObject({ removedSecrets: 1, removeFailures: 0 });
    expect(await dest.secrets.get(accountOf(mine))).toBeNull();
    expect(await metadata(dest)).toEqual(await metadata(source));
  });

  it('a keychain failing midway leaves the vault byte-identical and no secret behind', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 10);
    const payload = await readBackup(await backupOf(source), PASS);
    const dest = await fresh(new FlakySecretStore(5));
    await dest.inventory.createStore({ provider: 'shippo', label: 'Before' });
    const before = await vaultBytes(dest.dir);
    await expect(dest.inventory.restoreBackup(payload, 'replace')).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(await vaultBytes(dest.dir)).toEqual(before);
    expect(await dest.secrets.accounts()).toEqual([]);
  });
});
