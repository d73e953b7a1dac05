import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Token } from '../../../electron/contract';
import { MAX_TIMER_MS, SANITY_INTERVAL_MS } from '../../../electron/core/features/expiry/expiry-scheduler';
import { candidateKey } from '../../../electron/core/features/expiry/candidates';
import { emptyNotificationState, markSent } from '../../../electron/core/features/expiry/notification-state';
import { SqliteWarningStore } from '../../../electron/core/features/expiry/sqlite-warning-store';
import { silentLogger } from '../../../electron/core/ports';
import { emptyVault } from '../../../electron/core/vault/vault-data';
import {
  DATABASE_FILE,
  MIGRATED_SUFFIX,
  NOTIFICATIONS_FILE,
  VaultDatabase,
} from '../../../electron/core/vault/vault-database';
import { writeVault } from '../../bench/generate-vault';
import { FakeClock, tempDir } from '../../support/inventory-fixture';
import { DAY, daysFrom, NOW, store, token } from '../rules/builders';
import { FakeWorld, MemorySource } from './fakes';
import { startApp } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  const world = new FakeWorld();
  const source = new MemorySource();
  const acme = store({ provider: 'shippo', label: 'Acme' });
  source.stores.push(acme);
  const add = (days: number, over: Partial<Token> = {}) => {
    const t1 = token(acme, { expiresAt: daysFrom(NOW, days), expirySource: 'user', ...over });
    source.tokens.push(t1);
    return t1;
  };
  const app = () => {
    const a = startApp(world, source, t.dir);
    cleanups.push(async () => a.close());
    return a;
  };
  return { dir: t.dir, world, source, acme, add, app };
}

describe('expiry scheduler', () => {
  it("sleeps until the next moment: one timer, never longer than the sanity interval, never past setTimeout's limit", async () => {
    const { world, add, app } = await setup();
    add(400);
    const a = app();
    await a.started;
    expect(a.notifier.sent).toEqual([]);
    expect(world.pending()).toBe(1);
    await a.advance(370 * DAY - 1);
    expect(a.notifier.sent).toEqual([]);
    await a.advance(1);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([30]);
    expect(world.pending()).toBe(1);
    expect(Math.max(...world.delays)).toBeLessThanOrEqual(Math.min(SANITY_INTERVAL_MS, MAX_TIMER_MS));
  });

  it('re-plans when the vault changes: a new, nearer expiry date warns at once', async () => {
    const { source, add, app } = await setup();
    const t1 = add(40);
    const a = app();
    await a.started;
    expect(a.notifier.sent).toEqual([]);
    t1.expiresAt = daysFrom(NOW, 3);
    source.change();
    await a.scheduler.settled();
    expect(a.notifier.sent.map((n) => [n.threshold, n.tokenId])).toEqual([[7, t1.id]]);
    // Deleting the token drops its state and clears the badge.
    source.tokens.length = 0;
    source.change();
    await a.scheduler.settled();
    expect(a.indicator.last).toBe(0);
  });

  it('re-plans when settings change: test tokens come back when switched from off to lower', async () => {
    const { source, add, app } = await setup();
    source.settings = { expiry: { warnTestTokens: 'off' } };
    add(3, { mode: 'test' });
    const a = app();
    await a.started;
    expect(a.notifier.sent).toEqual([]);
    source.settings = { expiry: { warnTestTokens: 'lower' } };
    await a.scheduler.settingsChanged();
    expect(a.notifier.sent.map((n) => [n.threshold, n.severity])).toEqual([[7, 'warning']]);
    expect(a.notifier.sent[0]!.body).toMatch(/^Test token/);
  });

  it('catches a clock jumped forward within the sanity interval', async () => {
    const { world, add, app } = await setup();
    add(20);
    const a = app();
    await a.started;
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([30]);
    world.jumpWall(6 * DAY + 3_600_000);
    await a.advance(SANITY_INTERVAL_MS);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([30, 14]);
  });

  it('a clock set back never warns early, and warns when the wall clock reaches the moment', async () => {
    const { world, add, app } = await setup();
    add(8);
    const a = app();
    await a.started;
    world.jumpWall(-2 * DAY);
    await a.advance(DAY);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([14]);
    const sevenDayMoment = NOW.getTime() + DAY;
    await a.advance(sevenDayMoment - world.wall - 1);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([14]);
    await a.advance(1);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([14, 7]);
  });

  it('re-plans on resume: thresholds slept through are sent at once', async () => {
    const { world, add, app } = await setup();
    add(9);
    const a = app();
    await a.started;
    world.jumpWall(3 * DAY); // suspended: monotonic time stood still
    await a.scheduler.resume();
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([14, 7]);
  });

  it('after days closed, sends only the most urgent threshold per token, grouped per class instead of a burst', async () => {
    const { add, app, world } = await setup();
    const soon = [add(45), add(44), add(43)];
    const tenDays = add(48);
    const testToken = add(44, { mode: 'test' });
    const a = app();
    await a.started;
    a.close();
    world.jumpWall(38 * DAY); // closed for 38 days: 30, 14 and 7 day thresholds passed
    const b = app();
    await b.started;
    const byTitle = Object.fromEntries(b.notifier.sent.map((n) => [n.title, n]));
    expect(b.notifier.sent).toHaveLength(3);
    expect(byTitle['3 tokens expire within 7 days']).toMatchObject({ threshold: 7, severity: 'critical' });
    expect(byTitle['3 tokens expire within 7 days']!.tokenId).toBeUndefined();
    expect(new Set(byTitle['3 tokens expire within 7 days']!.tokenIds)).toEqual(new Set(soon.map((t) => t.id)));
    expect(byTitle['3 tokens expire within 7 days']!.body.split('\n')).toHaveLength(4);
    expect(byTitle['Shippo · Acme']).toMatchObject({ threshold: 14, tokenId: tenDays.id });
    expect(b.notifier.sent.find((n) => n.tokenId === testToken.id)).toMatchObject({
      threshold: 7,
      severity: 'warning',
    });
    expect(b.indicator.last).toBe(5);
  });

  it('snooze holds a warning back for a day and reminds once, also across a restart', async () => {
    const { add, app } = await setup();
    const t1 = add(5);
    const a = app();
    await a.started;
    expect(a.notifier.sent).toHaveLength(1);
    expect(await a.scheduler.snooze(t1.id, '1d')).toBe(1);
    expect(a.indicator.last).toBe(0);
    await a.advance(DAY / 2);
    a.close();
    const b = app();
    await b.started;
    expect(b.notifier.sent).toEqual([]);
    await b.advance(DAY / 2 - 1);
    expect(b.notifier.sent).toEqual([]);
    await b.advance(1);
    expect(b.notifier.sent.map((n) => [n.threshold, n.title])).toEqual([[7, 'Reminder: Shippo · Acme']]);
    await b.advance(2 * DAY);
    expect(b.notifier.sent).toHaveLength(1);
    expect(b.indicator.last).toBe(1);
  });

  it('acknowledge quiets the badge until the next threshold, which still warns', async () => {
    const { add, app } = await setup();
    const t1 = add(3);
    const quiet = add(400);
    const a = app();
    await a.started;
    expect(a.indicator.last).toBe(1);
    expect(await a.scheduler.acknowledge(quiet.id)).toBe(0);
    expect(await a.scheduler.acknowledge(t1.id)).toBe(1);
    expect(a.indicator.last).toBe(0);
    expect((await a.scheduler.attention()).quieted).toBe(1);
    await a.advance(2 * DAY);
    expect(a.notifier.sent.map((n) => n.threshold)).toEqual([7, 1]);
    expect(a.indicator.last).toBe(1);
  });

  it('keeps the warning state in the database, metadata only: no secret fact in any file of the data folder', async () => {
    const { dir, add, app } = await setup();
    const t1 = add(5);
    const a = app();
    await a.started;
    expect(a.notifier.sent).toHaveLength(1);
    // Read back as the next run would, through its own connection.
    const database = new VaultDatabase(dir, new FakeClock(), silentLogger);
    const state = await new SqliteWarningStore(database).load().finally(() => database.close());
    expect(Object.keys(state.tokens)).toEqual([`${t1.id}@${t1.expiresAt}`]);
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      expect(bytes.includes(t1.secret!.fingerprint), name).toBe(false);
      expect(bytes.includes(t1.secret!.masked), name).toBe(false);
    }
    expect((await readdir(dir)).filter((f) => !f.startsWith(DATABASE_FILE))).toEqual([]);
  });

  it('a warning sent before the move to the database (notifications.json) is not sent again after it', async () => {
    const { dir, add, app } = await setup();
    const t1 = add(5);
    await writeVault(dir, emptyVault(NOW));
    const key = candidateKey(t1.id, new Date(t1.expiresAt!));
    // As the JSON-era store wrote it.
    await writeFile(
      join(dir, NOTIFICATIONS_FILE),
      `${JSON.stringify(markSent(emptyNotificationState(), key, 7, NOW), null, 1)}\n`,
    );
    const a = app();
    await a.started;
    expect(a.notifier.sent).toEqual([]);
    expect(a.indicator.last).toBe(1);
    expect(await readdir(dir)).toContain(`${NOTIFICATIONS_FILE}${MIGRATED_SUFFIX}`);
  });

  it('starts the warnings fresh when the notifications.json it moves is unreadable, and keeps the file', async () => {
    const { dir, add, app } = await setup();
    add(5);
    await writeVault(dir, emptyVault(NOW));
    await writeFile(join(dir, NOTIFICATIONS_FILE), '{ not json');
    const a = app();
    await a.started;
    expect(a.notifier.sent).toHaveLength(1);
    expect(await readFile(join(dir, `${NOTIFICATIONS_FILE}${MIGRATED_SUFFIX}`), 'utf8')).toBe('{ not json');
  });
});
