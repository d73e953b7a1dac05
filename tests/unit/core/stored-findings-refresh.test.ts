import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_INVENTORY_FILTERS, type Finding, type InventoryPage } from '../../../electron/contract';
import { silentLogger } from '../../../electron/core/ports';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { emptyVault } from '../../../electron/core/vault/vault-data';
import { compose, type Composed } from '../../../electron/main/compose';
import { writeVault } from '../../bench/generate-vault';
import { FakeClock, tempDir } from '../../support/inventory-fixture';
import { daysFrom, NOW, store, token } from '../rules/builders';

const DAY = 86_400_000;

// Stored findings answer at once at a start; the refresh after it judges them again with the current time.
describe('stored findings across starts', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let app: Composed | null = null;
  beforeEach(async () => {
    dir = await tempDir('keyward-refresh-');
  });
  afterEach(async () => {
    app?.close();
    await dir.cleanup();
  });

  const start = (clock: FakeClock, secrets: MemorySecretStore) => {
    app = compose({
      dataDir: dir.dir,
      secrets,
      clock,
      logger: silentLogger,
      actor: 'test',
      version: '0.0.0',
      host: 'test-host',
    });
    return app;
  };
  const call = async <T>(a: Composed, channel: string, input: unknown): Promise<T> => {
    const res = await a.dispatch(channel, input);
    if (!res.ok) throw new Error(res.error.message);
    return res.value as T;
  };
  const firstPage = (a: Composed) =>
    call<InventoryPage>(a, 'queryInventory', { filters: EMPTY_INVENTORY_FILTERS, sort: 'name', offset: 0, limit: 50 });

  it('reports a token whose expiry warning starts between two starts once the refresh has run', async () => {
    const shop = store({ provider: 'shippo', label: 'Acme' });
    const expiring = token(shop, { name: 'Order import', expiresAt: daysFrom(NOW, 40), expirySource: 'user' });
    await writeVault(dir.dir, { ...emptyVault(NOW), revision: 1, stores: [shop], tokens: [expiring] });
    const secrets = new MemorySecretStore();
    await secrets.set(expiring.id, 'a-secret-value-for-the-test');
    const clock = new FakeClock(NOW);

    const first = start(clock, secrets);
    await first.warmUp();
    expect((await firstPage(first)).rows[0]).toMatchObject({ id: expiring.id, worst: null, findingCount: 0 });
    await first.settled();
    first.close();

    // Eleven days later the expiry is 29 days away: within the 30-day lead time.
    clock.advance(11 * DAY);
    const second = start(clock, secrets);
    const events: unknown[] = [];
    second.onEvent((event, payload) => events.push({ event, payload }));
    await second.warmUp();
    // Answered from what was stored, before the background work has judged anything again.
    expect((await firstPage(second)).rows[0]).toMatchObject({ worst: null, findingCount: 0 });
    await second.settled();
    const page = await firstPage(second);
    expect(page.rows[0]).toMatchObject({ id: expiring.id, worst: 'warning', findingCount: 1 });
    const findings = await call<Finding[]>(second, 'getFindings', { tokenId: expiring.id });
    expect(findings.map((f) => f.kind)).toEqual(['expiring']);
    expect(await call(second, 'getFindingCounts', {})).toEqual({ critical: 0, warning: 1, info: 0 });
    expect(events).toContainEqual({
      event: 'vaultChanged',
      payload: { revision: page.revision, topics: expect.arrayContaining(['tokens']) as unknown },
    });
  });
});
