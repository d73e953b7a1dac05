import type { CredentialPolicy, Token } from '../../contract';

const DAY_MS = 86_400_000;

/** When a token stops working, from metadata alone; `estimated` when it comes from a provider rule, not a date. */
export function effectiveExpiry(token: Token, policy: CredentialPolicy): { at: Date; estimated: boolean } | null {
  if (token.expiresAt) return { at: new Date(token.expiresAt), estimated: token.expirySource === 'provider-rule' };
  const expiry = policy.expiry;
  if (expiry?.kind !== 'from-token' || !expiry.fallbackDays) return null;
  const base = token.createdAt ?? token.secret?.setAt ?? token.addedAt;
  return { at: new Date(Date.parse(base) + expiry.fallbackDays * DAY_MS), estimated: true };
}

/** When the current secret value began: its creation or the last time a new value was stored, whichever is later. */
export function secretAge(token: Token): Date {
  const created = token.createdAt ? Date.parse(token.createdAt) : null;
  const set = token.secret?.setAt ? Date.parse(token.secret.setAt) : null;
  if (created === null) return new Date(set ?? Date.parse(token.addedAt));
  return new Date(set === null ? created : Math.max(created, set));
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);
export const day = (at: Date): string => at.toISOString().slice(0, 10);
