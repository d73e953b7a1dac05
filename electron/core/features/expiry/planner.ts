import type { FindingSeverity } from '../../../contract';
import {
  EXPIRED,
  type ExpiryCandidate,
  nextThresholdMoment,
  reachedThreshold,
  severityOf,
  type Threshold,
} from './candidates';
import { acknowledgedThrough, mostUrgentSent, type NotificationState, snoozedUntil } from './notification-state';

/** A warning to send now for one token. */
export interface DueWarning {
  candidate: ExpiryCandidate;
  threshold: Threshold;
  severity: FindingSeverity;
  /** A warning already sent once, coming back because its snooze ended. */
  reminder: boolean;
}

export interface WarningPlan {
  due: DueWarning[];
  /** When something next becomes due (a threshold or the end of a snooze), or null when nothing ever will. */
  nextAt: Date | null;
}

/**
 * Pure: what to send at `now` and when to wake next. Per token only the most urgent threshold reached is sent,
 * once, so a missed 30-day warning is not sent after the 14-day one. A snooze holds warnings back until it ends,
 * except "expired", which breaks through because the integration is already broken.
 */
export function planWarnings(candidates: readonly ExpiryCandidate[], state: NotificationState, now: Date): WarningPlan {
  const due: DueWarning[] = [];
  let next: number | null = null;
  const wake = (at: Date | null) => {
    if (at && at.getTime() > now.getTime() && (next === null || at.getTime() < next)) next = at.getTime();
  };
  for (const c of candidates) {
    wake(nextThresholdMoment(c, now));
    const reached = reachedThreshold(c, now);
    if (reached === null) continue;
    const sent = mostUrgentSent(state, c.key);
    const fresh = sent === null || reached < sent;
    const snooze = snoozedUntil(state, c.key);
    const snoozing = snooze !== null && snooze.getTime() > now.getTime();
    wake(snoozing ? snooze : null);
    const severity = severityOf(reached, c.test);
    if (fresh && (!snoozing || reached === EXPIRED))
      due.push({ candidate: c, threshold: reached, severity, reminder: false });
    else if (!fresh && snooze !== null && !snoozing)
      due.push({ candidate: c, threshold: reached, severity, reminder: true });
  }
  return { due, nextAt: next === null ? null : new Date(next) };
}

/** A token that needs the user's attention for its expiry: a threshold reached and not snoozed or acknowledged. */
export interface AttentionItem {
  tokenId: string;
  storeId: string;
  clientId: string | null;
  providerId: string;
  threshold: Threshold;
  severity: FindingSeverity;
  expiresAt: string;
  estimated: boolean;
  test: boolean;
}

export interface AttentionSummary {
  /** For the tray badge. */
  count: number;
  items: AttentionItem[];
  /** Tokens hidden by a snooze or an acknowledgement, so the panel can say so. */
  quieted: number;
  /** Those tokens, soonest expiry first, with how and until when they are quiet, so they can be woken. */
  quietedItems: (AttentionItem & { quiet: 'snoozed' | 'acknowledged'; until: string | null })[];
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** What the "Needs attention" panel and the tray count show, most urgent first. */
export function attentionSummary(
  candidates: readonly ExpiryCandidate[],
  state: NotificationState,
  now: Date,
): AttentionSummary {
  const items: AttentionItem[] = [];
  const quietedItems: AttentionSummary['quietedItems'] = [];
  for (const c of candidates) {
    const reached = reachedThreshold(c, now);
    if (reached === null) continue;
    const ack = acknowledgedThrough(state, c.key);
    const snooze = snoozedUntil(state, c.key);
    const item: AttentionItem = {
      tokenId: c.token.id,
      storeId: c.store.id,
      clientId: c.store.clientId,
      providerId: c.store.provider,
      threshold: reached,
      severity: severityOf(reached, c.test),
      expiresAt: c.expiresAt.toISOString(),
      estimated: c.estimated,
      test: c.test,
    };
    if (ack !== null && reached >= ack) quietedItems.push({ ...item, quiet: 'acknowledged', until: null });
    else if (snooze !== null && snooze.getTime() > now.getTime() && reached !== EXPIRED)
      quietedItems.push({ ...item, quiet: 'snoozed', until: snooze.toISOString() });
    else items.push(item);
  }
  quietedItems.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.tokenId.localeCompare(b.tokenId));
  const quieted = quietedItems.length;
  items.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.expiresAt.localeCompare(b.expiresAt) ||
      a.tokenId.localeCompare(b.tokenId),
  );
  return { count: items.length, items, quieted, quietedItems };
}
