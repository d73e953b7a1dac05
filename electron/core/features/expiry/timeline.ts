import type { FindingSeverity, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { day } from '../../rules/expiry';
import { startOfDay } from '../../time';
import { expiryCandidates, reachedThreshold, severityOf } from './candidates';
import type { ExpirySettings } from './expiry-settings';
import type { NotificationState } from './notification-state';
import { attentionSummary, type AttentionSummary } from './planner';

const DAY_MS = 86_400_000;
const addCalendarDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** One week of the timeline: how many tokens expire in it, by their severity today. */
export interface TimelineWeek {
  /** First day (YYYY-MM-DD in the reader's zone) and the day after the last. */
  start: string;
  end: string;
  counts: Record<FindingSeverity, number>;
  /** The same tokens counted by provider id. */
  byProvider: Record<string, number>;
  tokenIds: string[];
  /** The providers' own expiry notices due this week (Thinkific emails 10 days before), beside Keyward's. */
  notices: { tokenId: string; at: string; providerName: string; days: number }[];
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
  // Weeks are calendar days in the reader's zone; their bounds are local midnights, so a DST change moves none.
  const today = day(now);
  const dates = Array.from({ length: weeks + 1 }, (_, i) => addCalendarDays(today, i * 7));
  const bounds = dates.map((d) => startOfDay(d).getTime());
  const out: TimelineWeek[] = Array.from({ length: weeks }, (_, i) => ({
    start: dates[i]!,
    end: dates[i + 1]!,
    counts: { critical: 0, warning: 0, info: 0 },
    byProvider: {},
    tokenIds: [],
    notices: [],
  }));
  const weekOf = (at: number) => out[bounds.findIndex((b, i) => i < weeks && at >= b && at < bounds[i + 1]!)];
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
    const notice = c.providerNotice;
    if (notice && notice.at.getTime() > now.getTime())
      weekOf(notice.at.getTime())?.notices.push({
        tokenId: c.token.id,
        at: notice.at.toISOString(),
        providerName: c.providerName,
        days: notice.days,
      });
    const week = weekOf(c.expiresAt.getTime());
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
