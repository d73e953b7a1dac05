// The first start on a JSON-era data folder: vault.json (or vault.previous.json), audit.jsonl and
// notifications.json go into keyward.db in one verified transaction, then stay beside it read-only as *.migrated.
// Vaults are written as the JSON-era encoder wrote them (writeVault), or as older Keywards did (pretty UTF-8).
import { chmod, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/contract';
import { emptyNotificationState, markSent, setSnooze } from '../../../electron/core/features/expiry/notification-state';
import { BACKUP_FILE, VAULT_FILE } from '../../../electron/core/vault/json-vault-file';
import {
  AUDIT_FILE,
  DATABASE_FILE,
  MIGRATED_SUFFIX,
  NOTIFICATIONS_FILE,
  vaultDigest,
} from '../../../electron/core/vault/vault-database';
import { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault, jsonVaultBytes, writeVault } from '../../bench/generate-vault';
import { folderSnapshot } from '../../support/folder';
import { dispatchFixture, FakeClock, tempDir } from '../../support/inventory-fixture';
import { openTestVault, readVaultFrom } from '../../support/vault';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function folder() {
  const t = await tempDir('keyward-migrate-');
  cleanups.push(t.cleanup);
  const clock = new FakeClock();
  /** One start of Keyward on the folder: its own connection, closed after the test. */
  const start = () => {
    const vault = openTestVault(t.dir, clock);
    cleanups.push(() => vault.database.close());
    return vault;
  };
  return { dir: t.dir, clock, start, file: (name: string) => join(t.dir, name) };
}

const auditEntry = (n: number, actor = 'app'): AuditEntry => ({
  at: `2026-10-0${1 + (n % 9)}T09:00:00.000Z`,
  actor,
  action: n % 2 ? 'token.update' : 'token.create',
  subject: { type: 'token', id: `token-${n}` },
  summary: `Entry ${n} — café ✓`,
});
/** audit.jsonl as the JSON-era log wrote it: one entry per line. */
const auditLines = (entries: AuditEntry[]): string => entries.map((e) => `${JSON.stringify(e)}\n`).join('');
/** notifications.json as the JSON-era store wrote it. */
const notificationsText = (state: unknown): string => `${JSON.stringify(state, null, 1)}\n`;
/** Byte-for-byte (toEqual walks a 13 MB Buffer byte by byte, for a minute). */
const sameBytes = (a: Buffer, b: Buffer): boolean => a.equals(b);
/** What Keywards before the compact format wrote: indent 1, non-ASCII characters as raw UTF-8. */
const prettyUtf8 = (v: VaultData): Buffer => Buffer.from(`${JSON.stringify(VaultData.parse(v), null, 1)}\n`, 'utf8');

const names = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('first start on a JSON vault', () => {
  it(
    "imports the bench generator's 10,000-token vault with its audit log and warning state, without loss, once",
    { timeout: 60_000 },
    async () => {
      const { dir, clock, start, file } = await folder();
      const vault = generateVault({ tokens: 10_000, stores: 2000, clients: 300, seed: 6 });
      await writeVault(dir, vault);
      const written = { vault: await readFile(file(VAULT_FILE)) };
      const entries = Array.from({ length: 40 }, (_, n) => auditEntry(n, n % 3 ? 'app' : 'cli'));
      // A writer killed mid-append left half an entry, without a line break.
      const auditText = `${auditLines(entries)}${JSON.stringify(auditEntry(99)).slice(0, 40)}`;
      await writeFile(file(AUDIT_FILE), auditText);
      const [t0, t1] = [vault.tokens[0]!, vault.tokens[1]!];
      const state = setSnooze(
        markSent(
          markSent(emptyNotificationState(), `${t0.id}@2027-01-01T00:00:00.000Z`, 14, clock.now()),
          `${t1.id}@2027-02-01T00:00:00.000Z`,
          7,
          clock.now(),
        ),
        `${t1.id}@2027-02-01T00:00:00.000Z`,
        new Date('2026-11-23T09:00:00.000Z'),
      );
      await writeFile(file(NOTIFICATIONS_FILE), notificationsText(state));

      const first = start();
      const loaded = await first.repo.load();
      expect(loaded.notices).toEqual([
        expect.objectContaining({
          id: 'vault-migrated-sqlite',
          severity: 'info',
          message: expect.stringMatching(/10000 tokens.*\*\.migrated/),
        }),
      ]);
      const { data } = loaded;
      expect([data.clients.length, data.stores.length, data.tokens.length]).toEqual([300, 2000, 10_000]);
      expect(vaultDigest(data)).toBe(vaultDigest(vault));
      expect(data.tokens).toEqual(vault.tokens);
      expect(data).toEqual(vault);
      expect(first.audit.entries).toEqual(entries);
      expect(await first.warnings.load()).toEqual(state);

      // The JSON files stay beside the database, byte for byte, readable by their owner only, never written.
      expect(await names(dir)).toEqual(
        [
          ...[AUDIT_FILE, NOTIFICATIONS_FILE, VAULT_FILE].map((f) => `${f}${MIGRATED_SUFFIX}`),
          DATABASE_FILE,
          `${DATABASE_FILE}-shm`,
          `${DATABASE_FILE}-wal`,
        ].sort(),
      );
      expect(sameBytes(await readFile(file(`${VAULT_FILE}${MIGRATED_SUFFIX}`)), written.vault)).toBe(true);
      expect(await readFile(file(`${AUDIT_FILE}${MIGRATED_SUFFIX}`), 'utf8')).toBe(auditText);
      expect(await readFile(file(`${NOTIFICATIONS_FILE}${MIGRATED_SUFFIX}`), 'utf8')).toBe(notificationsText(state));
      for (const f of [VAULT_FILE, AUDIT_FILE, NOTIFICATIONS_FILE])
        expect(await modeOf(file(`${f}${MIGRATED_SUFFIX}`)), f).toBe(0o400);

      // A change saved after the import, then a second start: the database is read, nothing is imported again.
      await first.repo.transaction(() =>
        first.repo.save(
          {
            ...data,
            revision: data.revision + 1,
            tokens: data.tokens.map((t, i) => (i === 7 ? { ...t, notes: 'after the move' } : t)),
          },
          data.revision,
          [auditEntry(100)],
        ),
      );
      first.database.close();
      const second = start();
      const again = await second.repo.load();
      expect(again.notices).toEqual([]);
      expect(again.data.revision).toBe(vault.revision + 1);
      expect(again.data.tokens[7]!.notes).toBe('after the move');
      expect(second.audit.entries).toHaveLength(41);
      expect(sameBytes(await readFile(file(`${VAULT_FILE}${MIGRATED_SUFFIX}`)), written.vault)).toBe(true);
    },
  );

  const smallVault = (): VaultData => {
    const v = generateVault({ tokens: 40, stores: 8, clients: 3, seed: 21 });
    v.clients[0] = { ...v.clients[0]!, name: 'Société Générale 🏦', notes: 'Ærøskøbing, 東京, Ελλάδα' };
    v.stores[0] = { ...v.stores[0]!, label: 'Boutique élégante ✨' };
    v.tokens = v.tokens.map((t, i) =>
      i < 6
        ? {
            ...t,
            name: `Clé ${i} 🔑 café`,
            notes: ['é', '😀👍🏽', 'line\u2028sep', 'lone \ud800', 'tab\t"quote"\\', 'Ωmega'][i]!,
          }
        : t,
    );
    return v;
  };

  it.each([
    ['the JSON-era encoder wrote it (compact, \\u-escaped ASCII)', jsonVaultBytes],
    ['an older Keyward wrote it (indented, raw UTF-8)', prettyUtf8],
    [
      'a person edited it (odd whitespace, CRLF, mixed escapes)',
      (v: VaultData) =>
        Buffer.from(
          `\r\n ${JSON.stringify(VaultData.parse(v), null, '\t').replaceAll('\n', '\r\n  ').replaceAll('":', '" :  ').replace('Société', '\\u0053oci\\u00e9t\\u00e9')} \r\n`,
          'utf8',
        ),
    ],
  ])('imports non-ASCII names and every check history as %s', async (_how, bytes) => {
    const { dir, start, file } = await folder();
    const vault = smallVault();
    expect(vault.tokens.filter((t) => t.checkHistory.length > 1).length).toBeGreaterThan(3);
    await writeFile(file(VAULT_FILE), bytes(vault));
    const loaded = await start().repo.load();
    expect(loaded.notices.map((n) => n.id)).toEqual(['vault-migrated-sqlite']);
    expect(loaded.data).toEqual(vault);
    const reread = await readVaultFrom(dir, new FakeClock());
    expect(reread.clients[0]!.name).toBe('Société Générale 🏦');
    expect(reread.stores[0]!.label).toBe('Boutique élégante ✨');
    expect(reread.tokens.map((t) => [t.name, t.notes, t.checkHistory])).toEqual(
      vault.tokens.map((t) => [t.name, t.notes, t.checkHistory]),
    );
  });

  it('upgrades a pre-release vault (no schemaVersion) on the way in, and says both', async () => {
    const { start, file } = await folder();
    await writeFile(file(VAULT_FILE), JSON.stringify({ clients: [], stores: [], tokens: [] }));
    const loaded = await start().repo.load();
    expect(loaded.data.schemaVersion).toBe(1);
    expect(loaded.notices.map((n) => n.id)).toEqual(['vault-migrated', 'vault-migrated-sqlite']);
  });
});

describe('first start when vault.json cannot be read', () => {
  it('imports vault.previous.json instead, says so, and keeps the unreadable file aside as it was', async () => {
    const { dir, start, file } = await folder();
    const previous = smallOne(1);
    await writeFile(file(BACKUP_FILE), jsonVaultBytes(previous));
    await writeFile(file(VAULT_FILE), '{"schemaVersion":1, truncated');
    const loaded = await start().repo.load();
    expect(loaded.data).toEqual(previous);
    expect(loaded.notices).toEqual([
      expect.objectContaining({
        id: 'vault-restored',
        severity: 'critical',
        message: expect.stringMatching(
          /could not be read \(it is not valid JSON\); it was moved to .*vault\.unreadable-.*\.json\. The last good copy was loaded: saved \d{4}-\d\d-\d\d \d\d:\d\d UTC, revision \d+\. Changes made after it may be missing/,
        ),
      }),
      expect.objectContaining({ id: 'vault-migrated-sqlite' }),
    ]);
    const aside = (await names(dir)).find((f) => f.startsWith('vault.unreadable-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"schemaVersion":1, truncated');
    expect(await readFile(file(`${BACKUP_FILE}${MIGRATED_SUFFIX}`))).toEqual(jsonVaultBytes(previous));
    expect(await modeOf(file(`${BACKUP_FILE}${MIGRATED_SUFFIX}`))).toBe(0o400);
  });

  it('names the field of a vault.json that breaks the schema, and loads the previous copy', async () => {
    const { start, file, clock } = await folder();
    await writeFile(
      file(VAULT_FILE),
      JSON.stringify({
        schemaVersion: 1,
        revision: 3,
        updatedAt: clock.now().toISOString(),
        clients: [],
        stores: [],
        tokens: [{ id: 'x' }],
        customProviders: [],
        settings: {},
      }),
    );
    await writeFile(file(BACKUP_FILE), jsonVaultBytes(smallOne(2)));
    const loaded = await start().repo.load();
    expect(loaded.notices[0]?.message).toMatch(/could not be read \(field tokens\.0\./);
    expect(loaded.data).toEqual(smallOne(2));
  });

  it('with vault.json missing, imports vault.previous.json with a warning', async () => {
    const { start, file } = await folder();
    await writeFile(file(BACKUP_FILE), jsonVaultBytes(smallOne(3)));
    const loaded = await start().repo.load();
    expect(loaded.data).toEqual(smallOne(3));
    expect(loaded.notices[0]).toMatchObject({
      id: 'vault-restored',
      severity: 'warning',
      message: expect.stringMatching(
        /^The vault file was missing\. The last good copy was loaded: saved \d{4}-\d\d-\d\d \d\d:\d\d UTC, revision \d+\. Changes made after it may be missing/,
      ),
    });
  });

  it('with both unreadable, starts empty with a critical notice and keeps both files', async () => {
    const { dir, start, file } = await folder();
    await writeFile(file(VAULT_FILE), 'not json at all');
    await writeFile(file(BACKUP_FILE), '{"schemaVersion":1,');
    const app = start();
    const loaded = await app.repo.load();
    expect(loaded.data.tokens).toEqual([]);
    expect(loaded.notices).toEqual([
      expect.objectContaining({
        id: 'vault-restored',
        severity: 'critical',
        message: expect.stringMatching(
          /could not be read.*Keyward starts empty: the last good copy could not be read either; both files were kept\./,
        ),
      }),
    ]);
    const aside = (await names(dir)).find((f) => f.startsWith('vault.unreadable-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('not json at all');
    expect(await readFile(file(BACKUP_FILE), 'utf8')).toBe('{"schemaVersion":1,');
    // The empty vault works.
    await app.repo.transaction(() => app.repo.save({ ...loaded.data, revision: 1, settings: { started: 'again' } }, 0));
    expect((await readVaultFrom(dir, new FakeClock())).settings).toEqual({ started: 'again' });
  });
});

/** A small vault, the same for the same n. */
function smallOne(n: number): VaultData {
  return generateVault({ tokens: 6, stores: 2, clients: 1, seed: 100 + n });
}

describe('an import that fails', () => {
  it('leaves every JSON file as it was, makes no keyward.db, answers vault_unavailable on every channel, and says so', async () => {
    const fx = await dispatchFixture();
    cleanups.push(fx.cleanup);
    // The JSON-era app opened this vault: nothing checked that two tokens never share an id. The database
    // keeps one row per id, so what it reads back differs from the file, and the import stops.
    const vault = generateVault({ tokens: 50, stores: 10, clients: 2, seed: 8 });
    vault.tokens[17] = { ...vault.tokens[17]!, id: vault.tokens[16]!.id };
    await writeVault(fx.dir, vault);
    await writeFile(join(fx.dir, AUDIT_FILE), auditLines([auditEntry(1), auditEntry(2)]));
    await writeFile(join(fx.dir, NOTIFICATIONS_FILE), notificationsText(emptyNotificationState()));
    const before = new Map<string, Buffer>();
    for (const name of await names(fx.dir)) before.set(name, await readFile(join(fx.dir, name)));

    for (const [channel, input] of [
      ['getNavigation', {}],
      ['createClient', { name: 'Acme' }],
      ['getNavigation', {}],
    ] as const) {
      const reply = await fx.dispatch(channel, input);
      expect(reply).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
      if (!reply.ok)
        expect(reply.error.message).toMatch(
          /^Keyward could not move the vault into its database \(the records read back from the new database differ from the JSON vault\); vault\.json and the other files were left untouched and nothing was opened\./,
        );
    }
    expect(await names(fx.dir)).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(await readFile(join(fx.dir, name)), name).toEqual(bytes);
  });

  it('leaves an unreadable vault.json in its place when the previous copy then fails to import', async () => {
    const { dir, start, file } = await folder();
    const previous = smallOne(7);
    previous.tokens[2] = { ...previous.tokens[2]!, id: previous.tokens[1]!.id };
    await writeFile(file(BACKUP_FILE), jsonVaultBytes(previous));
    await writeFile(file(VAULT_FILE), 'not json at all');
    const before = await folderSnapshot(dir);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(start().repo.load()).rejects.toMatchObject({
        code: 'vault_unavailable',
        message: expect.stringMatching(
          /could not move the vault into its database \(the records read back .*\); vault\.json and the other files were left untouched/,
        ),
      });
      expect(await folderSnapshot(dir)).toEqual(before);
    }
  });

  it('refuses a vault.json whose ids repeat (the database would keep one): the read-back check catches it', async () => {
    const { dir, start, file } = await folder();
    const vault = smallOne(4);
    vault.tokens.push({ ...vault.tokens[0]!, name: 'Same id, other token' });
    await writeVault(dir, vault);
    await expect(start().repo.load()).rejects.toMatchObject({
      code: 'vault_unavailable',
      message: expect.stringMatching(
        /could not move the vault into its database \(the records read back from the new database differ from the JSON vault\)/,
      ),
    });
    expect(await names(dir)).toEqual([VAULT_FILE]);
    expect(await readFile(file(VAULT_FILE))).toEqual(jsonVaultBytes(vault));
  });
});

describe('a start after a process was killed between putting keyward.db in place and renaming the JSON files', () => {
  it('renames the JSON files left over, and leaves a vault.json put there after the import alone', async () => {
    const { dir, start, file } = await folder();
    const vault = smallOne(5);
    await writeVault(dir, vault);
    await writeFile(file(AUDIT_FILE), auditLines([auditEntry(1)]));
    const first = start();
    await first.repo.load();
    first.database.close();
    // Undo the renames, as if the process died right after the database was put in place.
    const long = new Date(Date.now() - 3_600_000);
    for (const name of [VAULT_FILE, AUDIT_FILE]) {
      await rename(file(`${name}${MIGRATED_SUFFIX}`), file(name));
      await chmod(file(name), 0o600);
      await utimes(file(name), long, long);
    }
    const second = start();
    const loaded = await second.repo.load();
    expect(loaded.data).toEqual(vault);
    expect(loaded.notices).toEqual([]);
    expect(second.audit.entries).toEqual([auditEntry(1)]);
    expect(await names(dir)).toEqual(
      [
        `${AUDIT_FILE}${MIGRATED_SUFFIX}`,
        DATABASE_FILE,
        `${DATABASE_FILE}-shm`,
        `${DATABASE_FILE}-wal`,
        `${VAULT_FILE}${MIGRATED_SUFFIX}`,
      ].sort(),
    );
    for (const name of [VAULT_FILE, AUDIT_FILE]) expect(await modeOf(file(`${name}${MIGRATED_SUFFIX}`))).toBe(0o400);
    second.database.close();

    // A vault.json the user puts back later (newer than the import) is theirs: neither imported nor moved.
    const restored = jsonVaultBytes(smallOne(6));
    await writeFile(file(VAULT_FILE), restored);
    const later = new Date(Date.now() + 60_000);
    await utimes(file(VAULT_FILE), later, later);
    const mode = await modeOf(file(VAULT_FILE));
    const third = await start().repo.load();
    expect(third.data).toEqual(vault);
    expect(await readFile(file(VAULT_FILE))).toEqual(restored);
    expect(await modeOf(file(VAULT_FILE))).toBe(mode);
  });
});

describe('references the JSON era left dangling', () => {
  it('imports a store whose client is gone under no client, leaves out a token whose store is gone, and says both', async () => {
    const { dir, start } = await folder();
    const vault = generateVault({ tokens: 40, stores: 8, clients: 3, seed: 11 });
    const lostStore = '0b5c8e7a-3d2f-4e1a-9b6c-5d4e3f2a1b0c';
    const lostClient = '1c6d9f8b-4e3a-4f2b-8c7d-6e5f4a3b2c1d';
    vault.tokens[5] = { ...vault.tokens[5]!, storeId: lostStore };
    vault.stores[2] = { ...vault.stores[2]!, clientId: lostClient };
    await writeVault(dir, vault);
    const loaded = await start().repo.load();
    expect(loaded.data.tokens.map((t) => t.id)).toEqual(vault.tokens.filter((_, i) => i !== 5).map((t) => t.id));
    expect(loaded.data.stores[2]).toEqual({ ...vault.stores[2], clientId: null });
    expect(loaded.notices.map((n) => [n.severity, n.message])).toEqual(
      expect.arrayContaining([
        ['warning', '1 store named a client that no longer exists; it is now under no client.'],
        [
          'warning',
          `1 token belonged to a store that no longer exists and was not moved into the database; it stays in ${VAULT_FILE}${MIGRATED_SUFFIX}.`,
        ],
      ]),
    );
    // The token left out is still in the kept file, byte for byte as it was.
    const kept = JSON.parse(await readFile(join(dir, `${VAULT_FILE}${MIGRATED_SUFFIX}`), 'utf8')) as VaultData;
    expect(kept.tokens[5]).toEqual(vault.tokens[5]);
  });
});

describe('two processes starting at once on a JSON-era folder', () => {
  it('end with one database holding the vault once, the JSON files kept once, and nothing left aside', async () => {
    const { dir, clock } = await folder();
    const vault = generateVault({ tokens: 2_000, stores: 400, clients: 40, seed: 12 });
    await writeVault(dir, vault);
    // Two connections stand for two processes: each builds its own database aside; one is put in place.
    const first = openTestVault(dir, clock);
    const second = openTestVault(dir, clock);
    cleanups.push(
      () => first.database.close(),
      () => second.database.close(),
    );
    const [a, b] = await Promise.all([first.repo.load(), second.repo.load()]);
    expect(vaultDigest(a.data)).toBe(vaultDigest(vault));
    expect(vaultDigest(b.data)).toBe(vaultDigest(vault));
    expect((await names(dir)).filter((n) => !n.startsWith(`${DATABASE_FILE}-`))).toEqual([
      DATABASE_FILE,
      `${VAULT_FILE}${MIGRATED_SUFFIX}`,
    ]);
    expect(vaultDigest(await readVaultFrom(dir, clock))).toBe(vaultDigest(vault));
  }, 60_000);
});
