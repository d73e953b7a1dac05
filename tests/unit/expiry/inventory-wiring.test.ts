import { afterEach, describe, expect, it } from 'vitest';
import { ExpiryScheduler, inventorySource } from '../../../electron/core/features/expiry';
import { silentLogger } from '../../../electron/core/ports';
import { inventoryFixture } from '../../support/inventory-fixture';
import { FakeWorld, RecordingIndicator, RecordingNotifier } from './fakes';

let cleanup: () => Promise<void> = async () => {};
afterEach(() => cleanup());

// A throwaway value in Shippo's shape; never a real token.
const SECRET = 'shippo_live_0123456789abcdef0123456789abcdef01234567';

describe('expiry scheduler on the real inventory', () => {
  it('re-plans on each session commit and never puts a secret or fingerprint in a notification', async () => {
    const fx = await inventoryFixture();
    cleanup = fx.cleanup;
    const world = new FakeWorld();
    const notifier = new RecordingNotifier();
    const indicator = new RecordingIndicator();
    const scheduler = new ExpiryScheduler({
      clock: world,
      timers: world,
      source: inventorySource(fx.session),
      state: fx.warnings,
      notifier,
      indicator,
      logger: silentLogger,
    });
    await scheduler.start();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'Acme shipping' });
    const token = await fx.features.tokens.create({
      storeId: store.id,
      name: 'Production',
      secret: SECRET,
      expiresAt: new Date(world.wall + 5 * 86_400_000).toISOString(),
    });
    await scheduler.settled();
    expect(notifier.sent.map((n) => [n.threshold, n.tokenId, n.title])).toEqual([
      [7, token.id, 'Shippo · Acme shipping'],
    ]);
    const text = JSON.stringify(notifier.sent);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(token.secret!.fingerprint);
    expect(indicator.last).toBe(1);
    scheduler.stop();
  });
});
