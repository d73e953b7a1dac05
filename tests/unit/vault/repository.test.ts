// The vault in SQLite, through the repository the inventory uses: each save is one transaction with its audit
// entries; another process is another connection on the same data folder.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuditEntry, StoreProfile, Token } from '../../../electron/contract';
import { DATABASE_FILE } from '../../../electron/core/vault/vault-database';
import { emptyVault, type VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault, writeVault } from '../../bench/generate-vault';
import { dispatchFixture, FakeClock, tempDir } from '../../support/inventory-fixture';
import { openTestVault, readVaultFrom } from '../../support/vault';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  const clock = new FakeClock();
  /** A connection of its own, as another process (the CLI, a second window) has. */
  const open = () => {
    const vault = openTestVault(t.dir, clock);
    cleanups.push(() => vault.database.close());
    return vault;
  };
  return { dir: t.dir, clock, open, reread: () => readVaultFrom(t.dir, clock) };
}

type Opened = ReturnType<Awaited<ReturnType<typeof setup>>['open']>;
const save = (vault: Opened, data: VaultData, expected: number, audit: AuditEntry[] = []) =>
  vault.repo.transaction(() => vault.repo.save(data, expected, audit));
const withRevision = (v: VaultData, revision: number, marker = `r${revision}`): VaultData => ({
  ...v,
  revision,
  settings: { marker },
});
const entry = (summary: string): AuditEntry => ({
  at: '2026-11-22T09:00:00.000Z',
  actor: 'test',
  action: 'token.update',
  subject: { type: 'token', id: 't' },
  summary,
});

/** Odd strings a vault holds: non-ASCII, emoji, JSON's special characters, a lone surrogate. */
const UNUSUAL = [
  'eyJhb…TK3Y',
  'Café é',
  'emoji 😀👍🏽',
  'line\u2028sep\u2029',
  'lone \ud800',
  'del \u007f',
  'tab\t"quote"\\',
  'nul \u0000 inside',
];
const withUnusual = (v: VaultData): VaultData => ({
  ...v,
  clients: v.clients.map((c, i) => (i === 0 ? { ...c, name: 'Société Générale 🏦' } : c)),
  tokens: v.tokens.map((t, i) => (i < UNUSUAL.length ? { ...t, name: `Ключ ${i} 🔑`, notes: UNUSUAL[i]! } : t)),
});

describe('the vault database', () => {
  it('starts empty without notices, in a database file only its owner can read', async () => {
    const { dir, open } = await setup();
    const loaded = await open().repo.load();
    expect(loaded.data).toMatchObject({
      revision: 0,
      clients: [],
      stores: [],
      tokens: [],
      customProviders: [],
      settings: {},
    });
    expect(loaded.notices).toEqual([]);
    for (const name of await readdir(dir)) expect((await stat(join(dir, name))).mode & 0o077, name).toBe(0);
    expect(await readdir(dir)).toContain(DATABASE_FILE);
  });

  it('reads back exactly what it saved: a generated vault with odd strings, check histories and settings', async () => {
    const { open, reread } = await setup();
    const vault = withUnusual({ ...generateVault({ tokens: 300, stores: 60, clients: 12, seed: 9 }), revision: 1 });
    vault.customProviders = [{ id: 'shopnest', name: 'ShopNest', baseUrl: 'https://api.shopnest.example' }];
    vault.settings = { findings: { leadTimesDays: [20, 5] }, flag: true };
    expect(vault.tokens.some((t) => t.checkHistory.length > 1)).toBe(true);
    const app = open();
    vault.vaultId = (await app.repo.load()).data.vaultId;
    await save(app, vault, 0);
    expect(await reread()).toEqual(vault);
  });

  it('refuses a save based on a stale revision (another process saved first), then saves once it has read again', async () => {
    const { clock, open, reread } = await setup();
    const app = open();
    const cli = open();
    const base = emptyVault(clock.now());
    await app.repo.load();
    await cli.repo.load();
    await save(cli, withRevision(base, 1, 'cli'), 0);
    expect(await app.repo.changedOnDisk()).toBe(true);
    await expect(save(app, withRevision(base, 1, 'app'), 0)).rejects.toMatchObject({ code: 'conflict' });
    expect((await reread()).settings).toEqual({ marker: 'cli' });
    expect((await app.repo.load()).data.settings).toEqual({ marker: 'cli' });
    await save(app, withRevision(base, 2, 'app'), 1);
    expect(await reread()).toMatchObject({ revision: 2, settings: { marker: 'app' } });
  });

  it("notices another process's commit, and not its own", async () => {
    const { clock, open } = await setup();
    const app = open();
    const cli = open();
    await app.repo.load();
    await save(app, withRevision(emptyVault(clock.now()), 1), 0);
    expect(await app.repo.changedOnDisk()).toBe(false);
    await cli.repo.load();
    await save(cli, withRevision(emptyVault(clock.now()), 2), 1);
    expect(await app.repo.changedOnDisk()).toBe(true);
    await app.repo.load();
    expect(await app.repo.changedOnDisk()).toBe(false);
  });

  it('commits a save with its audit entries, or neither when the action fails after saving', async () => {
    const { clock, open, reread } = await setup();
    const app = open();
    await app.repo.load();
    await save(app, withRevision(emptyVault(clock.now()), 1), 0, [entry('first')]);
    const failed = app.repo.transaction(async () => {
      await app.repo.save(withRevision(emptyVault(clock.now()), 2), 1, [entry('second')]);
      throw new Error('the keychain refused');
    });
    await expect(failed).rejects.toThrow('the keychain refused');
    expect(await reread()).toMatchObject({ revision: 1, settings: { marker: 'r1' } });
    expect(app.audit.entries.map((e) => e.summary)).toEqual(['first']);
    // What the connection believed was saved is read again: the next save is based on the database.
    await app.repo.load();
    await save(app, withRevision(emptyVault(clock.now()), 2), 1);
    expect((await reread()).revision).toBe(2);
  });

  it('never writes an element that breaks its schema: the whole save is refused and nothing changes', async () => {
    const { open, reread } = await setup();
    const app = open();
    const vault = {
      ...generateVault({ tokens: 20, stores: 5, clients: 2, seed: 2 }),
      revision: 1,
      vaultId: (await app.repo.load()).data.vaultId,
    };
    await save(app, vault, 0);
    const bad = {
      ...vault,
      revision: 2,
      tokens: vault.tokens.map((t, i) => (i === 0 ? { ...t, notes: 'fine' } : i === 3 ? { ...t, status: 'lost' } : t)),
    } as unknown as VaultData;
    await expect(save(app, bad, 1, [entry('bad')])).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/token that breaks the schema \(status/),
    });
    expect(await reread()).toEqual(vault);
    expect(app.audit.entries).toEqual([]);
  });

  it('saves only elements replaced since the last read: one edited in place (a bug) never reaches the database', async () => {
    const { open, reread } = await setup();
    const vault = { ...generateVault({ tokens: 20, stores: 5, clients: 2, seed: 3 }), revision: 1 };
    const first = open();
    await first.repo.load();
    await save(first, vault, 0);
    const app = open();
    const loaded = (await app.repo.load()).data;
    (loaded.tokens[2] as { status: string }).status = 'lost';
    const next = {
      ...loaded,
      revision: 2,
      tokens: loaded.tokens.map((t, i) => (i === 5 ? { ...t, notes: 'replaced' } : t)),
    };
    await save(app, next, 1);
    const stored = await reread();
    expect(stored.tokens[2]).toEqual(vault.tokens[2]);
    expect(stored.tokens[5]!.notes).toBe('replaced');
  });

  it('writes the lists anew when a change reorders them (a restore), histories kept, and adds new elements last', async () => {
    const { open, reread } = await setup();
    const app = open();
    const vault = {
      ...generateVault({ tokens: 30, stores: 6, clients: 3, seed: 5 }),
      revision: 1,
      vaultId: (await app.repo.load()).data.vaultId,
    };
    await save(app, vault, 0);
    const reordered = {
      ...vault,
      revision: 2,
      clients: [...vault.clients].reverse(),
      stores: [...vault.stores].reverse(),
      tokens: [...vault.tokens].reverse(),
    };
    await save(app, reordered, 1);
    expect(await reread()).toEqual(reordered);
    const [gone, ...kept] = reordered.tokens;
    const added = {
      ...vault.tokens[0]!,
      id: '7b0b7c1e-0f0a-4d3a-9c7e-2f5e8b6a1d01',
      name: 'Added last',
      checkHistory: [],
    };
    const next = { ...reordered, revision: 3, tokens: [...kept, added] };
    await save(app, next, 2);
    const stored = await reread();
    expect(stored.tokens.map((t) => t.id)).toEqual([...kept.map((t) => t.id), added.id]);
    expect(stored.tokens.some((t) => t.id === gone!.id)).toBe(false);
    expect(stored).toEqual(next);
  });
});

describe('a database whose write lock another process holds', () => {
  it(
    'answers vault_locked after the busy timeout, changes nothing, and writes again once the lock is released',
    { timeout: 30_000 },
    async () => {
      const fx = await dispatchFixture();
      cleanups.push(fx.cleanup);
      expect(await fx.dispatch('createClient', { name: 'Before' })).toMatchObject({ ok: true });
      // Another process mid-transaction (a hung CLI, say): it holds SQLite's write lock.
      const holder = new DatabaseSync(join(fx.dir, DATABASE_FILE));
      holder.exec('BEGIN IMMEDIATE');
      try {
        const reply = await fx.dispatch('createClient', { name: 'While locked' });
        expect(reply).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
        if (!reply.ok)
          expect(reply.error.message).toMatch(
            /^Another Keyward process kept the vault busy for 5 s; nothing was changed\. Try again in a moment\.$/,
          );
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      expect(await fx.dispatch('createClient', { name: 'After' })).toMatchObject({ ok: true });
      expect((await readVaultFrom(fx.dir, fx.clock)).clients.map((c) => c.name)).toEqual(['Before', 'After']);
      expect(fx.audit.entries.map((e) => e.summary)).toEqual(['Added client Before', 'Added client After']);
    },
  );
});

describe('records as a later start reads them', () => {
  it('come back with their keys in the schema order, imported or changed, as the schema declares them', async () => {
    const fx = await dispatchFixture();
    try {
      await writeVault(fx.dir, generateVault({ tokens: 30, stores: 6, clients: 2, seed: 21 }));
      const imported = await readVaultFrom(fx.dir, fx.clock);
      for (const t of imported.tokens) expect(Object.keys(t)).toEqual(Object.keys(Token.shape).filter((k) => k in t));
      const store = await fx.features.stores.create({ provider: 'shippo', label: 'Order check' });
      const token = await fx.features.tokens.create({
        storeId: store.id,
        name: 'T',
        secret: `shippo_live_${'ab12'.repeat(10)}`,
      });
      await fx.features.checks.record(
        [{ tokenId: token.id, result: { outcome: 'valid', detail: 'ok', checkedAt: fx.clock.now().toISOString() } }],
        'one check',
      );
      const read = await readVaultFrom(fx.dir, fx.clock);
      const again = read.tokens.find((t) => t.id === token.id)!;
      expect(Object.keys(again)).toEqual(Object.keys(Token.shape).filter((k) => k in again));
      expect(again.checkHistory).toHaveLength(1);
      expect(Object.keys(read.stores[0]!)).toEqual(Object.keys(StoreProfile.shape));
    } finally {
      await fx.cleanup();
    }
  });
});
