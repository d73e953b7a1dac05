import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/inventory-fixture';
import { DAY, daysFrom, NOW, store, token } from '../rules/builders';
import { FakeWorld, MemorySource } from './fakes';
import { startApp } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('issue 5 acceptance', () => {
  it('a token expiring in 8 days: one 14-day-class warning now, one 7-day warning when the clock reaches it, across a restart, nothing else', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const world = new FakeWorld();
    const source = new MemorySource();

    // First run: an empty vault, then the token is added.
    const first = startApp(world, source, t.dir);
    cleanups.push(first.close);
    await first.started;
    expect(first.notifier.sent).toEqual([]);
    const acme = store({ provider: 'printify', label: 'Acme merch' });
    const shopSync = token(acme, {
      name: 'Shop sync',
      kind: 'access-token',
      expiresAt: daysFrom(NOW, 8),
      expirySource: 'token',
    });
    source.stores.push(acme);
    source.tokens.push(shopSync);
    source.change();
    await first.scheduler.settled();
    expect(first.notifier.sent).toHaveLength(1);
    expect(first.notifier.sent[0]).toMatchObject({
      threshold: 14,
      severity: 'warning',
      tokenId: shopSync.id,
      title: 'Printify · Acme merch',
    });
    expect(first.notifier.sent[0]!.body).toContain("Token 'Shop sync' expires in 8 days (2026-11-30)");
    expect(first.indicator.last).toBe(1);

    // Half a day later the app quits and starts again on the same data folder: nothing is repeated.
    await first.advance(DAY / 2);
    first.close();
    expect(world.pending()).toBe(0);
    const second = startApp(world, source, t.dir);
    cleanups.push(second.close);
    await second.started;
    expect(second.notifier.sent).toEqual([]);

    // Just before the 7-day moment: still nothing. At it: the 7-day warning.
    const sevenDayMoment = NOW.getTime() + DAY;
    await second.advance(sevenDayMoment - world.wall - 1);
    expect(second.notifier.sent).toEqual([]);
    await second.advance(1);
    expect(second.notifier.sent).toHaveLength(1);
    expect(second.notifier.sent[0]).toMatchObject({ threshold: 7, severity: 'critical', tokenId: shopSync.id });
    expect(second.notifier.sent[0]!.body).toContain('expires in 7 days');

    // Nothing else until the 1-day threshold.
    const oneDayMoment = NOW.getTime() + 7 * DAY;
    await second.advance(oneDayMoment - world.wall - 1);
    expect([...first.notifier.sent, ...second.notifier.sent].map((n) => n.threshold)).toEqual([14, 7]);
    second.scheduler.stop();
  });
});
