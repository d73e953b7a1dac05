import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { BACKUP_REGIONS, createBackup, readBackup } from '../../../electron/core/features/transfer';
import { FlakySecretStore, freshInventory, keychainDump, metadata, seed, storedVault, type Fresh } from './harness';
import { secretFor } from './samples';
import { accountOf } from '../../../electron/core/secrets/accounts';
import { sha256Hex } from '../../../electron/core/secrets/fingerprint';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault } from '../../bench/generate-vault';

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
  return (await createBackup(await fx.vault(), fx.secrets, PASS, fx.clock.now())).file;
}
/** A target with one token of its own, so "unchanged" compares a real vault. */
async function target(): Promise<Fresh> {
  const fx = await fresh();
  await fx.features.tokens.add({
    client: 'Here',
    store: { provider: 'shippo', label: 'Local' },
    token: { name: 'Mine', secret: secretFor.shippo(9999) },
  });
  return fx;
}
async function expectRefused(fx: Fresh, file: Buffer, message: RegExp, passphrase = PASS): Promise<void> {
  const before = { vault: await storedVault(fx), keys: await keychainDump(fx.secrets) };
  const err = await readBackup(file, passphrase)
    .then((p) => fx.features.transfer.restoreBackup(p, 'replace'))
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  expect((err as Error).message).not.toContain(passphrase);
  expect(await storedVault(fx)).toEqual(before.vault);
  expect(await keychainDump(fx.secrets)).toEqual(before.keys);
}

describe('encrypted backup', () => {
  it(
    'restores onto a fresh data dir and keychain: every secret back, metadata identical',
    { timeout: 30_000 },
    async () => {
      const source = await fresh();
      await seed(source, 25);
      const file = await backupOf(source);
      expect(file.subarray(0, 8).toString('ascii')).toBe('KWBACKUP');
      const plain = await keychainDump(source.secrets);
      for (const value of Object.values(plain)) expect(file.includes(Buffer.from(value))).toBe(false);

      const dest = await fresh();
      const result = await dest.features.transfer.restoreBackup(await readBackup(file, PASS), 'replace');
      expect(result).toMatchObject({ tokensAdded: 25, secretsRestored: 25, secretsMissing: 0, skipped: [] });
      expect(await metadata(dest)).toEqual(await metadata(source));
      expect(await keychainDump(dest.secrets)).toEqual(plain);
      expect(JSON.stringify(dest.audit.entries)).not.toMatch(/shippo_live_|sk_live_/);
    },
  );

  it('refuses a passphrase shorter than 12 characters', async () => {
    const fx = await fresh();
    await expect(createBackup(await fx.vault(), fx.secrets, 'short pass', fx.clock.now())).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/at least 12 characters/),
    });
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
      [
        'kdf params (log2 N)',
        BACKUP_REGIONS.kdfParams[0] + 1,
        /key-derivation settings in the file are out of range/,
        0x04,
      ],
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
    await expect(readBackup(file, PASS)).rejects.toMatchObject({
      message: expect.stringMatching(/format version 2.*newer Keyward/),
    });
  });

  it('merge keeps what is here, adds what is new, skips same id and same secret', { timeout: 30_000 }, async () => {
    const source = await fresh();
    await seed(source, 10);
    const file = await backupOf(source);
    const dest = await target();
    // The same secret under another name and store, as if typed in by hand on the new machine.
    await dest.features.tokens.add({
      client: null,
      store: { provider: 'shippo', label: 'Hand made' },
      token: { name: 'Copy', secret: secretFor.shippo(0) },
    });
    const payload = await readBackup(file, PASS);
    const first = await dest.features.transfer.restoreBackup(payload, 'merge');
    expect(first).toMatchObject({
      tokensAdded: 9,
      secretsRestored: 9,
      skipped: [expect.objectContaining({ name: 'Warehouse', reason: 'same secret' })],
    });
    const again = await dest.features.transfer.restoreBackup(payload, 'merge');
    expect(again.tokensAdded).toBe(0);
    expect(again.skipped.filter((s) => s.reason === 'same token id')).toHaveLength(9);
    const names = (await dest.vault()).tokens.map((t) => t.name);
    expect(names).toContain('Mine');
    expect(names).toHaveLength(11);
  });

  it(
    'replace makes the vault the backup and removes the replaced tokens from the keychain',
    { timeout: 30_000 },
    async () => {
      const source = await fresh();
      await seed(source, 5);
      const dest = await target();
      const mine = (await dest.vault()).tokens[0]!;
      const result = await dest.features.transfer.restoreBackup(
        await readBackup(await backupOf(source), PASS),
        'replace',
      );
      expect(result).toMatchObject({ removedSecrets: 1, removeFailures: 0 });
      expect(await dest.secrets.get(accountOf(mine))).toBeNull();
      expect(await metadata(dest)).toEqual(await metadata(source));
    },
  );

  it('a backup whose secret is not the one its token record names is refused and changes nothing', async () => {
    const source = await fresh();
    await seed(source, 3);
    const payload = await readBackup(await backupOf(source), PASS);
    // Two records' values swapped: each value is valid, but not the one its record's fingerprint names.
    const [a, b] = payload.secrets;
    [a!.value, b!.value] = [b!.value, a!.value];
    const dest = await target();
    const before = { vault: await storedVault(dest), keys: await keychainDump(dest.secrets) };
    await expect(dest.features.transfer.restoreBackup(payload, 'replace')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not the one its record names/),
    });
    expect(await storedVault(dest)).toEqual(before.vault);
    expect(await keychainDump(dest.secrets)).toEqual(before.keys);
  });

  it(
    'a keychain failing midway leaves the stored vault as it was and no secret behind',
    { timeout: 30_000 },
    async () => {
      const source = await fresh();
      await seed(source, 10);
      const payload = await readBackup(await backupOf(source), PASS);
      const dest = await fresh(new FlakySecretStore(5));
      await dest.features.stores.create({ provider: 'shippo', label: 'Before' });
      const before = await storedVault(dest);
      await expect(dest.features.transfer.restoreBackup(payload, 'replace')).rejects.toMatchObject({
        code: 'keychain_unavailable',
      });
      expect(await storedVault(dest)).toEqual(before);
      expect(await dest.secrets.accounts()).toEqual([]);
    },
  );

  it(
    'a backup made before the move to the database restores onto it: every token, secret and setting as it was',
    { timeout: 60_000 },
    async () => {
      // A JSON-era vault (the bench generator's, as vault.json held it), every third secret in the keychain, backed
      // up by the backup writer (unchanged by the move to the database).
      const vault: VaultData = generateVault({ tokens: 1200, stores: 240, clients: 40, seed: 12 });
      vault.settings = { findings: { leadTimesDays: [21, 7] }, expiry: { warnTestTokens: 'lower' } };
      const keychain = new MemorySecretStore();
      const values = new Map<string, string>();
      for (const [i, token] of vault.tokens.entries()) {
        if (!token.secret || i % 3 !== 0) continue;
        const value = `sk_live_${sha256Hex(token.id).slice(0, 40)}`;
        token.secret = { ...token.secret, fingerprint: sha256Hex(value) };
        values.set(token.id, value);
        await keychain.set(accountOf(token), value);
      }
      const withSecret = vault.tokens.filter((t) => t.secret).length;
      expect([values.size > 100, withSecret - values.size > 100]).toEqual([true, true]);
      const { file, summary } = await createBackup(vault, keychain, PASS, new Date('2026-06-01T12:00:00.000Z'));
      expect(summary).toMatchObject({ tokens: 1200, secrets: values.size, secretsMissing: withSecret - values.size });

      const dest = await target();
      const result = await dest.features.transfer.restoreBackup(await readBackup(file, PASS), 'replace');
      expect(result).toMatchObject({
        tokensAdded: 1200,
        secretsRestored: values.size,
        secretsMissing: withSecret - values.size,
        skipped: [],
      });
      // Read back as the next start would, through a new connection: the metadata is the backup's, keychain accounts aside.
      const stored = await storedVault(dest);
      const withoutAccount = (v: Pick<VaultData, 'tokens'>) =>
        v.tokens.map((t) => (t.secret ? { ...t, secret: { ...t.secret, account: undefined } } : t));
      expect(withoutAccount(stored)).toEqual(withoutAccount(vault));
      expect([stored.clients, stored.stores, stored.customProviders, stored.settings]).toEqual([
        vault.clients,
        vault.stores,
        vault.customProviders,
        vault.settings,
      ]);
      for (const token of stored.tokens) {
        if (values.has(token.id)) expect(await dest.secrets.get(accountOf(token))).toBe(values.get(token.id));
      }
    },
  );
});
