import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchFixture, tempDir, valueOf } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
afterEach(() => fx?.cleanup());

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

const inDays = (days: number) => new Date(fx.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe('expiry warnings through IPC', () => {
  it('a token expiring in 8 days needs attention, sits in the right week of the timeline and is in the calendar', async () => {
    fx = await dispatchFixture();
    const store = await ok<{ id: string }>('createStore', {
      provider: 'thinkific',
      label: 'Academy',
      identifiers: { subdomain: 'academy' },
    });
    const token = await ok<{ id: string }>('createToken', {
      storeId: store.id,
      name: 'Zapier sync',
      kind: 'access-token',
      expiresAt: inDays(8),
    });
    const overview = await ok<{
      attention: { count: number; items: { tokenId: string; threshold: number }[] };
      timeline: { weeks: { counts: Record<string, number>; tokenIds: string[] }[] };
    }>('expiryOverview', {});
    expect(overview.attention.count).toBe(1);
    expect(overview.attention.items[0]).toMatchObject({ tokenId: token.id, threshold: 14 });
    expect(overview.timeline.weeks).toHaveLength(13);
    expect(overview.timeline.weeks[1]!.tokenIds).toEqual([token.id]);

    const calendar = await ok<{ filename: string; content: string }>('exportExpiryCalendar', {});
    expect(calendar.filename).toMatch(/^keyward-expiry-\d{4}-\d{2}-\d{2}\.ics$/);
    const events = new ICAL.Component(ICAL.parse(calendar.content)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(String(events[0]!.getFirstPropertyValue('summary'))).toMatch(/Zapier sync/);
  });

  it('acknowledging quiets the warning until its next threshold', async () => {
    fx = await dispatchFixture();
    const store = await ok<{ id: string }>('createStore', {
      provider: 'thinkific',
      label: 'Academy',
      identifiers: { subdomain: 'academy' },
    });
    const token = await ok<{ id: string }>('createToken', {
      storeId: store.id,
      name: 'Zapier sync',
      kind: 'access-token',
      expiresAt: inDays(8),
    });
    expect(await ok('acknowledgeExpiryWarning', { tokenIds: [token.id] })).toEqual({ acknowledged: 1 });
    const overview = await ok<{ attention: { count: number; quieted: number; quietedItems: unknown[] } }>(
      'expiryOverview',
      {},
    );
    expect(overview.attention).toMatchObject({ count: 0, quieted: 1 });
    expect(overview.attention.quietedItems).toEqual([
      expect.objectContaining({ tokenId: token.id, quiet: 'acknowledged', until: null }),
    ]);
    // Woken, it is back in the queue; what was already sent is not sent again.
    expect(await ok('wakeExpiryWarning', { tokenIds: [token.id] })).toEqual({ woken: 1 });
    expect((await ok<{ attention: object }>('expiryOverview', {})).attention).toMatchObject({ count: 1, quieted: 0 });
  });

  it('snoozes and acknowledges a whole group in one change, counting only tokens with a warning due', async () => {
    fx = await dispatchFixture();
    const ids: string[] = [];
    for (const [i, days] of [8, 9, 10, 200].entries()) {
      const store = await ok<{ id: string }>('createStore', {
        provider: 'thinkific',
        label: `Academy ${i}`,
        identifiers: { subdomain: `academy${i}` },
      });
      const token = await ok<{ id: string }>('createToken', {
        storeId: store.id,
        name: `Sync ${i}`,
        kind: 'access-token',
        expiresAt: inDays(days),
      });
      ids.push(token.id);
    }
    expect(await ok('snoozeExpiryWarning', { tokenIds: ids, length: '1w' })).toEqual({ snoozed: 3 });
    const overview = await ok<{ attention: { count: number; quietedItems: { quiet: string }[] } }>(
      'expiryOverview',
      {},
    );
    expect(overview.attention.count).toBe(0);
    expect(overview.attention.quietedItems.map((q) => q.quiet)).toEqual(['snoozed', 'snoozed', 'snoozed']);
    expect(await ok('acknowledgeExpiryWarning', { tokenIds: ids })).toEqual({ acknowledged: 3 });
  });

  it('saves lead times and notification settings in the vault, audited, and refuses bad ones', async () => {
    fx = await dispatchFixture();
    const saved = await ok<{
      findings: { leadTimesDays: number[] };
      notifications: { warnTestTokens: string; closeToTray: boolean };
    }>('updateExpirySettings', {
      findings: { leadTimesDays: [60, 30, 7] },
      notifications: { warnTestTokens: 'off' },
    });
    expect(saved.findings.leadTimesDays).toEqual([60, 30, 7]);
    expect(saved.notifications).toMatchObject({ warnTestTokens: 'off', closeToTray: true });
    expect(await ok('getExpirySettings', {})).toEqual(saved);
    expect(fx.audit.entries.at(-1)).toMatchObject({ action: 'settings.update' });
    const bad = await fx.dispatch('updateExpirySettings', { findings: { leadTimesDays: [-1] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok('getExpirySettings', {})).toEqual(saved);
  });

  it('saves the calendar where the save dialog says, and a cancelled dialog saves nothing', async () => {
    fx = await dispatchFixture();
    const out = await tempDir('keyward-calendar-');
    try {
      const store = await ok<{ id: string }>('createStore', {
        provider: 'thinkific',
        label: 'Academy',
        identifiers: { subdomain: 'academy' },
      });
      await ok('createToken', { storeId: store.id, name: 'Zapier sync', kind: 'access-token', expiresAt: inDays(8) });
      expect(await ok('saveExpiryCalendar', {})).toEqual({ saved: false, path: '' });
      const path = join(out.dir, 'team.ics');
      fx.dialogAnswers.save.push(path);
      expect(await ok('saveExpiryCalendar', {})).toEqual({ saved: true, path });
      const { content } = await ok<{ content: string }>('exportExpiryCalendar', {});
      expect(await readFile(path, 'utf8')).toBe(content);
      expect(content).toContain('Zapier sync');
    } finally {
      await out.cleanup();
    }
  });
});
