import { describe, expect, it } from 'vitest';
import { expiryCandidates } from '../../../electron/core/features/expiry/candidates';
import { resolveExpirySettings } from '../../../electron/core/features/expiry/expiry-settings';
import {
  emptyNotificationState,
  markSent,
  setAcknowledged,
  setSnooze,
} from '../../../electron/core/features/expiry/notification-state';
import { attentionSummary, planWarnings } from '../../../electron/core/features/expiry/planner';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { DAY, daysFrom, NOW, store, token } from '../rules/builders';

const catalog = createCatalog();
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

function candidatesOf(tokens: Parameters<typeof token>[1][], settings: Record<string, unknown> = {}) {
  const s = store({ provider: 'shippo', label: 'Acme' });
  const ts = tokens.map((over) => token(s, over));
  return {
    tokens: ts,
    candidates: expiryCandidates({ stores: [s], tokens: ts }, catalog, resolveExpirySettings(settings)),
  };
}

describe('expiry planner', () => {
  it('plans nothing before the first lead time and wakes at it', () => {
    const { candidates } = candidatesOf([{ expiresAt: daysFrom(NOW, 40), expirySource: 'user' }]);
    const plan = planWarnings(candidates, emptyNotificationState(), NOW);
    expect(plan.due).toEqual([]);
    expect(plan.nextAt).toEqual(at(10));
  });

  it('sends only the most urgent threshold reached, once', () => {
    const { candidates } = candidatesOf([{ expiresAt: daysFrom(NOW, 5), expirySource: 'user' }]);
    const plan = planWarnings(candidates, emptyNotificationState(), NOW);
    expect(plan.due.map((d) => [d.threshold, d.severity])).toEqual([[7, 'critical']]);
    expect(plan.nextAt).toEqual(at(4));
    const after = markSent(emptyNotificationState(), candidates[0]!.key, 7, NOW);
    expect(planWarnings(candidates, after, NOW).due).toEqual([]);
  });

  it('uses per-provider lead times from the findings settings', () => {
    const { candidates } = candidatesOf([{ expiresAt: daysFrom(NOW, 50), expirySource: 'user' }], {
      findings: { providers: { shippo: { leadTimesDays: [60, 3] } } },
    });
    expect(candidates[0]!.thresholds).toEqual([60, 3, 0]);
    expect(planWarnings(candidates, emptyNotificationState(), NOW).due.map((d) => d.threshold)).toEqual([60]);
  });

  it('never warns about revoked, rotated or inactive tokens, nor tokens without an expiry', () => {
    const { candidates } = candidatesOf([
      { status: 'revoked', expiresAt: daysFrom(NOW, 2), expirySource: 'user' },
      { status: 'rotated', expiresAt: daysFrom(NOW, 2), expirySource: 'user' },
      { status: 'inactive', expiresAt: daysFrom(NOW, 2), expirySource: 'user' },
      { expiresAt: null, expirySource: 'none' },
    ]);
    expect(candidates).toEqual([]);
  });

  it('lowers test tokens one severity step, or leaves them out', () => {
    const over = { mode: 'test' as const, expiresAt: daysFrom(NOW, 3), expirySource: 'user' as const };
    const lower = candidatesOf([over]).candidates;
    expect(planWarnings(lower, emptyNotificationState(), NOW).due.map((d) => d.severity)).toEqual(['warning']);
    const w20 = candidatesOf([{ ...over, expiresAt: daysFrom(NOW, 20) }]).candidates;
    expect(planWarnings(w20, emptyNotificationState(), NOW).due.map((d) => d.severity)).toEqual(['info']);
    expect(candidatesOf([over], { expiry: { warnTestTokens: 'off' } }).candidates).toEqual([]);
  });

  it('a changed expiry date starts fresh', () => {
    const first = candidatesOf([{ id: 'tok-1', expiresAt: daysFrom(NOW, 5), expirySource: 'user' }]).candidates;
    const sent = markSent(emptyNotificationState(), first[0]!.key, 7, NOW);
    const moved = candidatesOf([{ id: 'tok-1', expiresAt: daysFrom(NOW, 6), expirySource: 'user' }]).candidates;
    expect(planWarnings(moved, sent, NOW).due.map((d) => d.threshold)).toEqual([7]);
  });

  it('holds a snoozed warning back, wakes when the snooze ends and reminds once; expiry breaks through', () => {
    const { candidates } = candidatesOf([{ expiresAt: daysFrom(NOW, 5), expirySource: 'user' }]);
    const key = candidates[0]!.key;
    const snoozed = setSnooze(markSent(emptyNotificationState(), key, 7, NOW), key, at(1));
    const plan = planWarnings(candidates, snoozed, NOW);
    expect(plan.due).toEqual([]);
    expect(plan.nextAt).toEqual(at(1));
    expect(planWarnings(candidates, snoozed, at(1)).due.map((d) => [d.threshold, d.reminder])).toEqual([[7, true]]);
    const long = setSnooze(snoozed, key, at(30));
    expect(planWarnings(candidates, long, at(4.5)).due.map((d) => d.threshold)).toEqual([]);
    expect(planWarnings(candidates, long, at(5)).due.map((d) => [d.threshold, d.reminder])).toEqual([[0, false]]);
  });

  it('acknowledging quiets a token in the attention count until the next threshold', () => {
    const { candidates } = candidatesOf([{ expiresAt: daysFrom(NOW, 10), expirySource: 'user' }]);
    const key = candidates[0]!.key;
    expect(attentionSummary(candidates, emptyNotificationState(), NOW).count).toBe(1);
    const acked = setAcknowledged(emptyNotificationState(), key, 14, NOW);
    expect(attentionSummary(candidates, acked, NOW)).toMatchObject({ count: 0, quieted: 1 });
    expect(planWarnings(candidates, acked, NOW).due).toEqual([]);
    expect(attentionSummary(candidates, acked, at(3)).count).toBe(1);
    expect(planWarnings(candidates, acked, at(3)).due.map((d) => d.threshold)).toEqual([7]);
  });
});
