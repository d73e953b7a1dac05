import type { FindingSeverity, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { day } from '../../rules/expiry';
import { expiryCandidates, reachedThreshold, severityOf } from './candidates';
import type { ExpirySettings } from './expiry-settings';
import type { NotificationState } from './notification-state';
import { attentionSummary, type AttentionSummary } from './planner';

const DAY_MS = 86_400_000;

/** One week of the timeline: how many tokens expire in it, by their severity today. */
export interface TimelineWeek {
  /** First day (UTC, YYYY-MM-DD) and the day after the last. */
  start: string;
  end: string;
  counts: Record<FindingSeverity, number>;
  /** The same tokens counted by provider id. */
  byProvider: Record<string, number>;
  tokenIds: string[];
}

export interface ExpiryTimeline {
  weeks: TimelineWeek[];
  /** Tokens whose date has passed and are not retired: shown before the first week. */
  expired: { count: number; byProvider: Record<string, number>; tokenIds: string[] };
}

type VaultPart = { stores: readonly StoreProfile[]; tokens: readonly Token[] };

/**
 * The next `weeks` weeks from today (13 weeks: the next 90 days), each with the tokens expiring in it. A token's
 * severity is the one its warning has now (critical within 7 days, warning within a lead time, info beyond; test tokens lower).
 */
export function expiryTimeline(
  vault: VaultPart,
  catalog: Catalog,
  settings: ExpirySettings,
  now: Date,
  weeks = 13,
): ExpiryTimeline {
  const today = Date.parse(`${day(now)}T00:00:00.000Z`);
  const out: TimelineWeek[] = Array.from({ length: weeks }, (_, i) => ({
    start: day(new Date(today + i * 7 * DAY_MS)),
    end: day(new Date(today + (i + 1) * 7 * DAY_MS)),
    counts: { critical: 0, warning: 0, info: 0 },
    byProvider: {},
    tokenIds: [],
  }));
  const expired: ExpiryTimeline['expired'] = { count: 0, byProvider: {}, tokenIds: [] };
  const count = (byProvider: Record<string, number>, provider: string) => {
    byProvider[provider] = (byProvider[provider] ?? 0) + 1;
  };
  for (const c of expiryCandidates({ stores: [...vault.stores], tokens: [...vault.tokens] }, catalog, settings)) {
    if (c.expiresAt.getTime() <= now.getTime()) {
      expired.count += 1;
      count(expired.byProvider, c.store.provider);
      expired.tokenIds.push(c.token.id);
      continue;
    }
    const week = out[Math.floor((c.expiresAt.getTime() - today) / (7 * DAY_MS))];
    if (!week) continue;
    const reached = reachedThreshold(c, now);
    week.counts[reached === null ? 'info' : severityOf(reached, c.test)] += 1;
    count(week.byProvider, c.store.provider);
    week.tokenIds.push(c.token.id);
  }
  return { weeks: out, expired };
}

/** The "Needs attention" panel and the tray count, from the vault and notifications.json (snoozed and acknowledged are quiet). */
export function needsAttention(
  vault: VaultPart,
  catalog: Catalog,
  settings: ExpirySettings,
  state: NotificationState,
  now: Date,
): AttentionSummary {
  return attentionSummary(
    expiryCandidates({ stores: [...vault.stores], tokens: [...vault.tokens] }, catalog, settings),
    state,
    now,
  );
}
