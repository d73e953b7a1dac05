import type { CredentialPolicy, Token } from '../../contract';
import { localDate } from '../time';

const DAY_MS = 86_400_000;

/**
 * When a token stops working, from metadata alone; `estimated` when it comes from a provider rule, not a date
 * (a Printify token whose expiry could not be read: its created date, else when it was stored, plus one year).
 */
export function effectiveExpiry(token: Token, policy: CredentialPolicy): { at: Date; estimated: boolean } | null {
  const expiry = policy.expiry;
  const rule = expiry?.kind === 'from-token' && expiry.fallbackDays ? expiry.fallbackDays : null;
  // An estimate follows the created date when one is known (it may have been set after the estimate was stored).
  if (token.expiresAt && !(token.expirySource === 'provider-rule' && rule && token.createdAt))
    return { at: new Date(token.expiresAt), estimated: token.expirySource === 'provider-rule' };
  if (!rule) return null;
  const base = token.createdAt ?? token.secret?.setAt ?? token.addedAt;
  return { at: new Date(Date.parse(base) + rule * DAY_MS), estimated: true };
}

/** Where a rotation age counts from: the last new value of the token, else the provider's creation date, else when it was stored. */
export function secretAge(token: Token): Date {
  // A new value for the same token (PixlPay's Rotate) starts the value's age again.
  const replaced = token.previousSecrets?.[0]?.replacedAt;
  if (replaced) return new Date(replaced);
  if (token.createdAt) return new Date(token.createdAt);
  return new Date(token.secret?.setAt ?? token.addedAt);
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);
/** The calendar date shown for an instant: the date in the zone of the person reading it (this process's). */
export const day = (at: Date): string => localDate(at);
