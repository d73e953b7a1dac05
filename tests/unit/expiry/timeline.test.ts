import { describe, expect, it } from 'vitest';
import { candidateKey } from '../../../electron/core/features/expiry/candidates';
import { resolveExpirySettings } from '../../../electron/core/features/expiry/expiry-settings';
import { emptyNotificationState, setSnooze } from '../../../electron/core/features/expiry/notification-state';
import { expiryTimeline, needsAttention } from '../../../electron/core/features/expiry/timeline';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { DAY, daysFrom, NOW, store, token } from '../rules/builders';

const catalog = createCatalog();

describe('expiry timeline and needs attention', () => {
  const s = store();
  const tokens = [
    token(s, { expiresAt: daysFrom(NOW, 2), expirySource: 'user' }),
    token(s, { expiresAt: daysFrom(NOW, 3), expirySource: 'user', mode: 'test' }),
    token(s, { expiresAt: daysFrom(NOW, 20), expirySource: 'user' }),
    token(s, { expiresAt: daysFrom(NOW, 60), expirySource: 'user' }),
    token(s, { expiresAt: daysFrom(NOW, 120), expirySource: 'user' }),
    token(s, { expiresAt: daysFrom(NOW, -1), expirySource: 'user' }),
    token(s, { expiresAt: daysFrom(NOW, 4), expirySource: 'user', status: 'revoked' }),
  ];
  const vault = { stores: [s], tokens };
  const settings = resolveExpirySettings({});

  it('counts tokens per week of the next 13 weeks by severity, expired apart', () => {
    const tl = expiryTimeline(vault, catalog, settings, NOW);
    expect(tl.weeks).toHaveLength(13);
    expect(tl.weeks[0]).toMatchObject({
      start: '2026-11-22',
      end: '2026-11-29',
      counts: { critical: 1, warning: 1, info: 0 },
    });
    expect(tl.weeks[2]!.counts).toEqual({ critical: 0, warning: 1, info: 0 });
    expect(tl.weeks[8]!.counts).toEqual({ critical: 0, warning: 0, info: 1 });
    expect(tl.weeks.reduce((n, w) => n + w.tokenIds.length, 0)).toBe(4);
    expect(tl.expired).toEqual({ count: 1, byProvider: { [s.provider]: 1 }, tokenIds: [tokens[5]!.id] });
    expect(tl.weeks[0]!.byProvider).toEqual({ [s.provider]: 2 });
  });

  it('needs attention: reached thresholds, most urgent first; snoozed ones are quiet', () => {
    const all = needsAttention(vault, catalog, settings, emptyNotificationState(), NOW);
    expect(all.items.map((i) => i.tokenId)).toEqual([tokens[5]!.id, tokens[0]!.id, tokens[1]!.id, tokens[2]!.id]);
    expect(all.count).toBe(4);
    const snoozed = setSnooze(
      emptyNotificationState(),
      candidateKey(tokens[2]!.id, new Date(tokens[2]!.expiresAt!)),
      new Date(NOW.getTime() + DAY),
    );
    expect(needsAttention(vault, catalog, settings, snoozed, NOW)).toMatchObject({ count: 3, quieted: 1 });
  });
});
