import type { FindingSettings } from '../../../contract';
import { addDays, effectiveExpiry, secretAge } from '../expiry';
import { rotationDaysFor } from '../finding-settings';
import { isLive, type TokenView } from './context';
import { leadTimes } from './expiry-findings';

const DAY_MS = 86_400_000;

/** The instants [from, until) around `nowMs`; from <= nowMs < until. */
export interface Window {
  from: number;
  until: number;
}

/**
 * The longest span around `nowMs` over which expiryFindings(view) gives the same findings, text included.
 * Its output changes only at these instants (all whole milliseconds, as Dates are): the expiry itself; expiry
 * minus each lead time (the lead a warning falls within, and whether there is one); while a warning shows,
 * expiry minus a whole number of days ("expires in N days", and critical from 7 days); the rotation due date.
 * Lead times and rotation periods are whole days (FindingSettings, CredentialPolicy), so "remaining <= lead"
 * in days holds exactly from expiry - lead days on. Extra instants only cost a needless recomputation.
 */
export function expiryWindow(v: TokenView, settings: FindingSettings, nowMs: number): Window {
  const w: Window = { from: -Infinity, until: Infinity };
  const mark = (at: number) => {
    if (at <= nowMs) w.from = Math.max(w.from, at);
    else if (at < w.until) w.until = at; // NaN (an unreadable date) is neither, as it changes nothing in expiryFindings.
  };
  const { token } = v;
  const markedExpired = token.status === 'expired' && !token.rotatedTo;
  if (!isLive(token) && !markedExpired) return w;
  const expiry = effectiveExpiry(token, v.policy);
  if (expiry) {
    const at = expiry.at.getTime();
    mark(at);
    if (!markedExpired && at > nowMs) {
      const remaining = (at - nowMs) / DAY_MS;
      const leads = leadTimes(settings, v.store.provider);
      for (const lead of leads) mark(at - lead * DAY_MS);
      if (leads.some((lead) => remaining <= lead)) {
        const whole = Math.ceil(remaining);
        mark(at - whole * DAY_MS);
        mark(at - (whole - 1) * DAY_MS);
      }
    }
  }
  if (!markedExpired) {
    const rotationDays = rotationDaysFor(settings, v.store.provider, v.policy);
    if (rotationDays) mark(addDays(secretAge(token), rotationDays).getTime());
  }
  return w;
}
