import { type Finding, type FindingSettings, tokenPageFor, tokenPageText } from '../../../contract';
import { addDays, day, daysBetween, effectiveExpiry, secretAge } from '../expiry';
import { leadTimesFor, rotationDaysFor } from '../finding-settings';
import { describe, type FindingContext, isLive, tokenSubject, type TokenView } from './context';

/** Lead times per provider for one settings object (computeFindings parses settings once per run). */
const leadTimesCache = new WeakMap<FindingSettings, Map<string, number[]>>();
export function leadTimes(settings: FindingSettings, providerId: string): number[] {
  let byProvider = leadTimesCache.get(settings);
  if (!byProvider) leadTimesCache.set(settings, (byProvider = new Map()));
  let leads = byProvider.get(providerId);
  if (!leads) byProvider.set(providerId, (leads = leadTimesFor(settings, providerId)));
  return leads;
}

/** Expired, expiring within a lead time, or due for rotation. Metadata only: no secret is read. Appends to `out` when given. */
export function expiryFindings(v: TokenView, ctx: FindingContext, out: Finding[] = []): Finding[] {
  const { token } = v;
  const markedExpired = token.status === 'expired' && !token.rotatedTo;
  if (!isLive(token) && !markedExpired) return out;
  const expiry = effectiveExpiry(token, v.policy);
  const nowMs = ctx.now.getTime();

  if (expiry && expiry.at.getTime() <= nowMs) {
    const iso = expiry.at.toISOString();
    out.push({
      id: `expired:${token.id}`,
      kind: 'expired',
      severity: 'critical',
      subject: tokenSubject(v),
      dueAt: iso,
      message: `${describe(v)} expired on ${day(expiry.at)}${expiry.estimated ? " (estimated from the provider's rule)" : ''}: integrations using it no longer work.`,
      action: replaceAction(v),
    });
    return out;
  }
  if (markedExpired) {
    out.push({
      id: `expired:${token.id}`,
      kind: 'expired',
      severity: 'critical',
      subject: tokenSubject(v),
      message: `${describe(v)} is marked expired and has no replacement.`,
      action: replaceAction(v),
    });
    return out;
  }
  if (expiry) {
    const remaining = daysBetween(ctx.now, expiry.at);
    const leads = leadTimes(ctx.settings, v.store.provider);
    // The smallest lead time that `remaining` is within (leads are distinct, largest first).
    let leadDays: number | null = null;
    for (const l of leads) if (remaining <= l && (leadDays === null || l < leadDays)) leadDays = l;
    if (leadDays !== null) {
      const whole = Math.max(0, Math.ceil(remaining));
      const iso = expiry.at.toISOString();
      out.push({
        id: `expiring:${token.id}`,
        kind: 'expiring',
        severity: remaining <= 7 ? 'critical' : 'warning',
        subject: tokenSubject(v),
        dueAt: iso,
        leadDays,
        message: `${describe(v)} expires ${whole <= 1 ? 'within a day' : `in ${whole} days`}, on ${day(expiry.at)}${expiry.estimated ? " (estimated from the provider's rule)" : ''}.`,
        action: replaceAction(v),
      });
    }
  }
  const rotationDays = rotationDaysFor(ctx.settings, v.store.provider, v.policy);
  if (rotationDays) {
    const since = secretAge(token);
    const due = addDays(since, rotationDays);
    if (due.getTime() <= nowMs) {
      out.push({
        id: `rotation_due:${token.id}`,
        kind: 'rotation_due',
        severity: 'warning',
        subject: tokenSubject(v),
        dueAt: due.toISOString(),
        message: `${describe(v)} has had the same value since ${day(since)}; ${v.providerName} advises rotating every ${rotationDays} days.`,
        action: `Rotate it at ${v.providerName}${pageOf(v)}, update the integrations, then paste the new value into Keyward.`,
      });
    }
  }
  return out;
}

function replaceAction(v: TokenView): string {
  const where = pageOf(v);
  return `Create a new token at ${v.providerName}${where}, update the integrations, paste it into Keyward and mark this one rotated.`;
}

/** " (https://mystore.pixlpay.net/ (Settings > API Tokens; exact path unconfirmed))": the store's own token page. */
function pageOf(v: TokenView): string {
  if (!v.module) return '';
  const page = tokenPageFor(v.module.descriptor, v.store.identifiers);
  return page.url ? ` (${tokenPageText(page)})` : '';
}
