// FROZEN REFERENCE: the findings engine as it was before the performance work (commit 13d187f), kept only so
// tests/unit/rules/findings-equivalence.test.ts can prove the faster engine gives identical output. Do not edit.
import type { Finding } from '../../../../electron/contract';
import { addDays, day, daysBetween, effectiveExpiry, secretAge } from './expiry';
import { leadTimesFor, rotationDaysFor } from './finding-settings';
import { describe, type FindingContext, isLive, tokenSubject, type TokenView } from './context';

/** Expired, expiring within a lead time, or due for rotation. Metadata only: no secret is read. */
export function expiryFindings(v: TokenView, ctx: FindingContext): Finding[] {
  const { token } = v;
  const out: Finding[] = [];
  const replace = replaceAction(v);
  const expiry = effectiveExpiry(token, v.policy);
  const markedExpired = token.status === 'expired' && !token.rotatedTo;
  if (!isLive(token) && !markedExpired) return out;

  if (expiry && expiry.at.getTime() <= ctx.now.getTime()) {
    out.push({
      id: `expired:${token.id}`,
      kind: 'expired',
      severity: 'critical',
      subject: tokenSubject(v),
      dueAt: expiry.at.toISOString(),
      message: `${describe(v)} expired on ${day(expiry.at)}${expiry.estimated ? " (estimated from the provider's rule)" : ''}: integrations using it no longer work.`,
      action: replace,
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
      action: replace,
    });
    return out;
  }
  if (expiry) {
    const remaining = daysBetween(ctx.now, expiry.at);
    const leads = leadTimesFor(ctx.settings, v.store.provider);
    const within = leads.filter((l) => remaining <= l);
    if (within.length) {
      const leadDays = Math.min(...within);
      const whole = Math.max(0, Math.ceil(remaining));
      out.push({
        id: `expiring:${token.id}`,
        kind: 'expiring',
        severity: remaining <= 7 ? 'critical' : 'warning',
        subject: tokenSubject(v),
        dueAt: expiry.at.toISOString(),
        leadDays,
        message: `${describe(v)} expires ${whole <= 1 ? 'within a day' : `in ${whole} days`}, on ${day(expiry.at)}${expiry.estimated ? " (estimated from the provider's rule)" : ''}.`,
        action: replace,
      });
    }
  }
  const rotationDays = rotationDaysFor(ctx.settings, v.store.provider, v.policy);
  if (rotationDays) {
    const due = addDays(secretAge(token), rotationDays);
    if (due.getTime() <= ctx.now.getTime()) {
      out.push({
        id: `rotation_due:${token.id}`,
        kind: 'rotation_due',
        severity: 'warning',
        subject: tokenSubject(v),
        dueAt: due.toISOString(),
        message: `${describe(v)} has had the same value since ${day(secretAge(token))}; ${v.providerName} advises rotating every ${rotationDays} days.`,
        action: `Rotate it at ${v.providerName}${v.module ? ` (${v.module.descriptor.tokenPageUrl})` : ''}, update the integrations, then paste the new value into Keyward.`,
      });
    }
  }
  return out;
}

function replaceAction(v: TokenView): string {
  const where = v.module ? ` (${v.module.descriptor.tokenPageUrl})` : '';
  return `Create a new token at ${v.providerName}${where}, update the integrations, paste it into Keyward and mark this one rotated.`;
}
