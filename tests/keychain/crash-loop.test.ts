import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { tempDir } from '../support/inventory-fixture';
import { crashLoop } from './crash-loop';

const SERVICE = `Keyward-crash-${randomBytes(4).toString('hex')}`;
const store = new KeytarSecretStore(SERVICE);
const state = await store.state();
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';
// A few rounds here; tests/bench/crash-loop.ts runs 300 and writes the counts to BENCHMARKS.md.
const ROUNDS = Number(process.env.KEYWARD_CRASH_ROUNDS ?? 6);

describe.skipIf(!state.available && !required)('kill -9 during add, re-paste and remove (real keychain)', () => {
  const dirs: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const account of await store.accounts().catch(() => [])) await store.delete(account);
    for (const cleanup of dirs) await cleanup();
  });

  it(
    `${ROUNDS} kills leave no token without its secret and lose no acknowledged write`,
    { timeout: 30_000 + ROUNDS * 10_000 },
    async () => {
      const { dir, cleanup } = await tempDir('keyward-crash-');
      dirs.push(cleanup);
      const result = await crashLoop({ dataDir: dir, service: SERVICE, rounds: ROUNDS });
      expect(result.failures).toEqual([]);
      expect(result).toMatchObject({
        rounds: ROUNDS,
        missingOrMismatched: 0,
        lostAcknowledged: 0,
        orphansAfterRecovery: 0,
        intentsLeft: 0,
      });
      // The loop did real work: the children acknowledged actions before they were killed.
      expect(result.acknowledged).toBeGreaterThan(ROUNDS);
    },
  );
});
