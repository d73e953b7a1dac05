import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { tempDir, openCore } from '../support/inventory-fixture';
import { openTestVault } from '../support/vault';
import { accountOf } from '../../electron/core/secrets/accounts';

const run = promisify(execFile);
// A service name of its own, so the tests never touch a user's real Keyward entries.
const SERVICE = `Keyward-test-${randomBytes(4).toString('hex')}`;
const store = new KeytarSecretStore(SERVICE);
const state = await store.state();
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';

if (!state.available && !required) {
  console.warn(
    `[keychain suite] SKIPPED: no OS keychain here (${state.message}). Run under a Secret Service (see README) or set KEYWARD_REQUIRE_KEYCHAIN=1 to fail instead.`,
  );
}

/** Connections opened by the tests, closed once they are done. */
const opened: { close(): void }[] = [];
const inventoryIn = (dir: string) => {
  const { database, repo, audit } = openTestVault(dir, systemClock);
  opened.push(database);
  return openCore({ repo, secrets: store, audit, clock: systemClock, logger: silentLogger, actor: 'test' });
};
const secretFor = () => `shippo_test_${randomBytes(20).toString('hex')}`;

describe.skipIf(!state.available && !required)('real OS keychain (keytar, service Keyward)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('keyward-keychain-'));
  });
  afterAll(async () => {
    for (const account of await store.accounts().catch(() => [])) await store.delete(account);
    for (const database of opened) database.close();
    await cleanup();
  });

  it('is available (KEYWARD_REQUIRE_KEYCHAIN=1 makes a missing keychain a failure)', () => {
    expect(state, state.message).toMatchObject({ available: true });
  });

  it('stores, reads, lists and deletes a secret by token id', async () => {
    const id = randomUUID();
    const secret = secretFor();
    await store.set(id, secret);
    expect(await store.get(id)).toBe(secret);
    expect(await store.accounts()).toContain(id);
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
  });

  it('a token added through the inventory lands in the keychain, and deleting it removes the entry', async () => {
    const inventory = inventoryIn(dir);
    const profile = await inventory.features.stores.create({ provider: 'shippo', label: 'Keychain test' });
    const secret = secretFor();
    const token = await inventory.features.tokens.create({ storeId: profile.id, name: 'Test token', secret });
    expect(await store.get(accountOf(token))).toBe(secret);
    await inventory.features.tokens.delete({ id: token.id });
    expect(await store.get(accountOf(token))).toBeNull();
  });

  it('without a Secret Service: keychain_unavailable, metadata kept, and it works again once the keychain is back', async () => {
    const inventory = inventoryIn(dir);
    const profile = await inventory.features.stores.create({ provider: 'shippo', label: 'Offline keychain' });
    const secret = secretFor();
    const env: NodeJS.ProcessEnv = { ...process.env, CHILD_SECRET: secret };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/keyward-bus';
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'tests/keychain/fixtures/inventory-child.ts', dir, SERVICE, profile.id],
      { env, timeout: 15_000 },
    );
    const child = JSON.parse(stdout);
    expect(child.attempt).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(child.attempt.message).toMatch(/keychain is not available/);
    expect(child.attempt.message).not.toContain(secret);
    expect(child.keychain.available).toBe(false);
    expect(child.tokens).toEqual([]);
    expect((await inventory.vault()).stores.map((s) => s.label)).toContain('Offline keychain');

    // The keychain is back (this process has it): the same action succeeds.
    const token = await inventory.features.tokens.create({ storeId: profile.id, name: 'From child', secret });
    expect(await store.get(accountOf(token))).toBe(secret);
  });
});
