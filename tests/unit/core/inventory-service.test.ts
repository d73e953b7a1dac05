import { localDate, startOfDay } from '../../../electron/core/time';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/ports';
import { inventoryFixture, openCore } from '../../support/inventory-fixture';
import { editVault, openTestVault, readVaultFrom, vaultState } from '../../support/vault';
import { accountOf } from '../../../electron/core/secrets/accounts';

const SHIPPO_SECRET = 'shippo_live_0123456789abcdef0123456789abcdef01234567';

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

async function allFileText(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}

describe('inventory', () => {
  it('adds a client, a store and a token; the secret goes to the keychain and only facts to the vault', async () => {
    fx = await inventoryFixture();
    const client = await fx.features.clients.create({ name: 'Acme' });
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Acme shipping', clientId: client.id });
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'Production', secret: SHIPPO_SECRET });

    expect(await fx.secrets.get(accountOf(token))).toBe(SHIPPO_SECRET);
    expect(token.secret?.masked).toBe('shippo_live_01…4567');
    expect(token.secret?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(token)).not.toContain(SHIPPO_SECRET);
    expect(await allFileText(fx.dir)).not.toContain(SHIPPO_SECRET);

    const snapshot = await vaultState(fx);
    expect(snapshot.tokens.map((t) => t.name)).toEqual(['Production']);
    expect(snapshot.revision).toBe(3);
  });

  it('audits every change without the secret value', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'T', secret: SHIPPO_SECRET });
    await fx.features.tokens.delete({ id: token.id });
    expect(fx.audit.entries.map((e) => e.action)).toEqual(['store.create', 'token.create', 'token.delete']);
    expect(fx.audit.entries.every((e) => e.actor === 'test')).toBe(true);
    expect(JSON.stringify(fx.audit.entries)).not.toContain(SHIPPO_SECRET);
  });

  it('refuses a store with a missing required identifier and changes nothing', async () => {
    fx = await inventoryFixture();
    await expect(
      fx.features.stores.create({ provider: 'printago', label: 'P', identifiers: {} }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { 'identifiers.storeId': 'Store id is required' },
    });
    await expect(
      fx.features.stores.create({ provider: 'printago', label: 'P', identifiers: { storeId: 'ABC' } }),
    ).rejects.toMatchObject({
      fields: { 'identifiers.storeId': 'A Printago store id is 24 lowercase letters and digits' },
    });
    expect((await vaultState(fx)).stores).toEqual([]);
    expect(fx.audit.entries).toEqual([]);
  });

  it("an edit sees the store's tokens as they are now: added since the last edit, removed, or added by another process", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const a = await fx.features.tokens.create({ storeId: store.id, name: 'A' });
    await fx.features.tokens.update({ id: a.id, notes: 'first edit' });
    const b = await fx.features.tokens.create({ storeId: store.id, name: 'B' });
    await expect(fx.features.tokens.update({ id: a.id, name: 'b' })).rejects.toMatchObject({ code: 'conflict' });
    await fx.features.tokens.delete({ id: b.id });
    expect((await fx.features.tokens.update({ id: a.id, name: 'B' })).name).toBe('B');
    const other = openTestVault(fx.dir, fx.clock);
    const cli = openCore({
      ...fx,
      repo: other.repo,
      audit: other.audit,
      logger: silentLogger,
      actor: 'cli',
    });
    await cli.features.tokens.create({ storeId: store.id, name: 'C' });
    other.database.close();
    await expect(fx.features.tokens.update({ id: a.id, name: 'c' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses duplicate token names within a store', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    await fx.features.tokens.create({ storeId: store.id, name: 'Main' });
    await expect(fx.features.tokens.create({ storeId: store.id, name: 'main' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('reports keychain_unavailable, keeps all metadata and works again once the keychain is back', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const kept = await fx.features.tokens.create({ storeId: store.id, name: 'Kept', secret: SHIPPO_SECRET });
    fx.secrets.available = false;

    await expect(
      fx.features.tokens.create({ storeId: store.id, name: 'New', secret: SHIPPO_SECRET }),
    ).rejects.toMatchObject({ code: 'keychain_unavailable' });
    const during = await vaultState(fx);
    expect(during.keychain.available).toBe(false);
    expect(during.tokens.map((t) => t.name)).toEqual(['Kept']);
    // The vault is the record: the delete commits; its keychain entry goes once the keychain is back.
    await fx.features.tokens.delete({ id: kept.id });
    fx.secrets.available = true;
    expect(await fx.secrets.accounts()).toEqual([accountOf(kept)]);
    await fx.features.secrets.recover();
    expect(await fx.secrets.accounts()).toEqual([]);

    await fx.features.tokens.create({ storeId: store.id, name: 'New', secret: SHIPPO_SECRET });
    expect((await vaultState(fx)).tokens.map((t) => t.name)).toEqual(['New']);
  });

  it('a pre-namespacing token whose secret is found nowhere keeps its old entry name, and later starts neither search nor write again', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'Old', secret: SHIPPO_SECRET });
    // As a JSON-era vault had it: no account (the entry was the token id), and that entry is gone.
    await editVault(fx.dir, (v) => {
      const t = v.tokens.find((x) => x.id === token.id)!;
      const { account: _account, ...facts } = t.secret!;
      t.secret = facts;
    });
    await fx.secrets.delete(accountOf(token));
    await fx.features.secrets.recover();
    const after = await vaultState(fx);
    expect(after.tokens[0]!.secret!.account).toBe(token.id);
    let reads = 0;
    const get = fx.secrets.get.bind(fx.secrets);
    fx.secrets.get = async (account: string) => {
      reads++;
      return get(account);
    };
    await fx.features.secrets.recover();
    expect(reads).toBe(0);
    expect((await vaultState(fx)).revision).toBe(after.revision);
  });

  it('takes the secret back out of the keychain when the metadata cannot be saved', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const failingSave = fx.repo.save.bind(fx.repo);
    fx.repo.save = async () => {
      throw new Error('disk full');
    };
    await expect(fx.features.tokens.create({ storeId: store.id, name: 'T', secret: SHIPPO_SECRET })).rejects.toThrow(
      'disk full',
    );
    expect(await fx.secrets.accounts()).toEqual([]);
    fx.repo.save = failingSave;
  });

  it('deleting a store deletes its tokens and their keychain entries', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    await fx.features.tokens.create({ storeId: store.id, name: 'A', secret: SHIPPO_SECRET });
    await fx.features.tokens.create({ storeId: store.id, name: 'B', secret: `${SHIPPO_SECRET.slice(0, -1)}8` });
    await fx.features.stores.delete({ id: store.id });
    expect(await fx.secrets.accounts()).toEqual([]);
    expect((await vaultState(fx)).tokens).toEqual([]);
  });

  it('will not delete a client that still has stores', async () => {
    fx = await inventoryFixture();
    const client = await fx.features.clients.create({ name: 'Acme' });
    await fx.features.stores.create({ provider: 'shippo', label: 'S', clientId: client.id });
    await expect(fx.features.clients.delete({ id: client.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/1 store/),
    });
  });

  it("stores a typed expiry date as the start of that day in this machine's zone and marks it user-entered", async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({
      provider: 'thinkific',
      label: 'Academy',
      identifiers: { subdomain: 'academy' },
    });
    const token = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Zapier',
      kind: 'access-token',
      expiresAt: '2027-03-01',
    });
    expect(token.expiresAt).toBe(startOfDay('2027-03-01').toISOString());
    expect(localDate(token.expiresAt!)).toBe('2027-03-01');
    expect(token.expirySource).toBe('user');
  });

  it('serialises concurrent changes: none is lost', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'printify', label: 'S' });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => fx.features.tokens.create({ storeId: store.id, name: `T${i}` })),
    );
    const snapshot = await vaultState(fx);
    expect(snapshot.tokens).toHaveLength(20);
    expect(snapshot.revision).toBe(21);
  });

  it('interleaves writes with another process on the same data folder: none lost, both in the audit log, in order', async () => {
    fx = await inventoryFixture();
    // The CLI: its own connection to the same keyward.db, as another process has.
    const cli = openTestVault(fx.dir, fx.clock);
    const other = openCore({
      repo: cli.repo,
      secrets: fx.secrets,
      audit: cli.audit,
      clock: fx.clock,
      logger: silentLogger,
      actor: 'cli',
    });
    try {
      const fromApp = await fx.features.stores.create({ provider: 'shippo', label: 'From app' });
      const fromCli = await other.features.stores.create({ provider: 'shippo', label: 'From CLI' });
      await fx.features.stores.update({ id: fromCli.id, notes: 'noted by the app' });
      await other.features.stores.update({ id: fromApp.id, notes: 'noted by the CLI' });
      await fx.features.stores.create({ provider: 'shippo', label: 'From app again' });
      const expected = [
        ['From app', 'noted by the CLI'],
        ['From CLI', 'noted by the app'],
        ['From app again', ''],
      ];
      for (const side of [fx, other])
        expect((await vaultState(side)).stores.map((s) => [s.label, s.notes])).toEqual(expected);
      expect((await readVaultFrom(fx.dir, fx.clock)).revision).toBe(5);
      const log = [
        ['test', 'store.create'],
        ['cli', 'store.create'],
        ['test', 'store.update'],
        ['cli', 'store.update'],
        ['test', 'store.create'],
      ];
      expect(fx.audit.entries.map((e) => [e.actor, e.action])).toEqual(log);
      expect((await other.session.auditLog(10)).map((e) => [e.actor, e.action])).toEqual([...log].reverse());
    } finally {
      cli.database.close();
    }
  });
});

describe('reading the vault', () => {
  it('callers asking at the same moment share one read of the file; a change made meanwhile is not lost', async () => {
    fx = await inventoryFixture();
    await fx.features.clients.create({ name: 'Acme' });
    // A second service on the same folder: it has read nothing yet.
    const fresh = openCore({
      repo: fx.repo,
      secrets: fx.secrets,
      audit: fx.audit,
      clock: fx.clock,
      logger: silentLogger,
      actor: 'test',
    });
    let loads = 0;
    const load = fx.repo.load.bind(fx.repo);
    fx.repo.load = () => {
      loads++;
      return load();
    };
    const [a, b, c] = await Promise.all([fresh.vault(), vaultState(fresh), fresh.vault()]);
    expect(loads).toBe(1);
    expect(a).toBe(c);
    expect(b.clients.map((x) => x.name)).toEqual(['Acme']);

    // A write while a read is on its way: the written state wins.
    const reading = fresh.vault();
    const created = fresh.features.clients.create({ name: 'Globex' });
    await Promise.all([reading, created]);
    expect((await fresh.vault()).clients.map((x) => x.name).sort()).toEqual(['Acme', 'Globex']);
  });
});
