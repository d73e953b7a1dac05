import { z } from 'zod';
import type { ExpiryCandidate, Threshold } from './candidates';

const Iso = z.string().max(40);

/** What was done about one token at one expiry instant. Keyed by candidate key, so a new expiry date starts fresh. */
export const TokenNotificationState = z.object({
  /** Threshold (days before expiry, 0 = expired) -> when its warning was sent. */
  sent: z.record(z.string().regex(/^\d{1,4}$/), Iso).default({}),
  snoozedUntil: Iso.nullable().default(null),
  /** The threshold acknowledged: quiet until a more urgent one is reached. */
  acknowledged: z.number().int().min(0).max(3650).nullable().default(null),
});
export type TokenNotificationState = z.infer<typeof TokenNotificationState>;

/** notifications.json: metadata about warnings only, never a secret. */
export const NotificationState = z.object({
  version: z.literal(1),
  tokens: z.record(z.string().max(200), TokenNotificationState),
});
export type NotificationState = z.infer<typeof NotificationState>;

export const emptyNotificationState = (): NotificationState => ({ version: 1, tokens: {} });

const entryOf = (state: NotificationState, key: string): TokenNotificationState =>
  state.tokens[key] ?? { sent: {}, snoozedUntil: null, acknowledged: null };

/** The most urgent threshold already warned about for this token and expiry, or null. */
export function mostUrgentSent(state: NotificationState, key: string): Threshold | null {
  const sent = Object.keys(entryOf(state, key).sent).map(Number);
  return sent.length ? Math.min(...sent) : null;
}

export function snoozedUntil(state: NotificationState, key: string): Date | null {
  const until = entryOf(state, key).snoozedUntil;
  return until ? new Date(until) : null;
}

export function acknowledgedThrough(state: NotificationState, key: string): Threshold | null {
  return entryOf(state, key).acknowledged;
}

function update(
  state: NotificationState,
  key: string,
  change: (e: TokenNotificationState) => TokenNotificationState,
): NotificationState {
  return { ...state, tokens: { ...state.tokens, [key]: change(entryOf(state, key)) } };
}

/** Records a sent warning; any snooze is over, since this warning is the reminder. */
export const markSent = (state: NotificationState, key: string, threshold: Threshold, at: Date): NotificationState =>
  update(state, key, (e) => ({ ...e, sent: { ...e.sent, [String(threshold)]: at.toISOString() }, snoozedUntil: null }));

export const setSnooze = (state: NotificationState, key: string, until: Date): NotificationState =>
  update(state, key, (e) => ({ ...e, snoozedUntil: until.toISOString() }));

/** Quiet until a more urgent threshold: counts the current one as sent and ends any snooze. */
export const setAcknowledged = (
  state: NotificationState,
  key: string,
  threshold: Threshold,
  at: Date,
): NotificationState =>
  update(state, key, (e) => ({
    sent: String(threshold) in e.sent ? e.sent : { ...e.sent, [String(threshold)]: at.toISOString() },
    snoozedUntil: null,
    acknowledged: threshold,
  }));

/** Ends a snooze and an acknowledgement: the warning is back in "Needs attention" (what was sent stays sent). */
export const setWoken = (state: NotificationState, key: string): NotificationState =>
  update(state, key, (e) => ({ ...e, snoozedUntil: null, acknowledged: null }));

/** Drops entries for tokens that are gone or whose expiry changed, so the file stays small. Other tokens' entries are kept. */
export function pruneState(
  state: NotificationState,
  tokenIds: ReadonlySet<string>,
  candidates: readonly ExpiryCandidate[],
): NotificationState {
  const current = new Map(candidates.map((c) => [c.token.id, c.key]));
  const tokens = Object.fromEntries(
    Object.entries(state.tokens).filter(([key]) => {
      const tokenId = key.slice(0, key.lastIndexOf('@'));
      if (!tokenIds.has(tokenId)) return false;
      const now = current.get(tokenId);
      return now === undefined || now === key;
    }),
  );
  return Object.keys(tokens).length === Object.keys(state.tokens).length ? state : { ...state, tokens };
}
