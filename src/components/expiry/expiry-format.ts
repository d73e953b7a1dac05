import type { TokenName } from '../../../electron/contract';

const DAY_MS = 86_400_000;

/** "3 days left", "1 day left", "expired", "expired 2 days ago": whole days, rounded up while time remains. */
export function daysLeftText(expiresAt: string, now = Date.now()): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) {
    const ago = Math.floor(-ms / DAY_MS);
    return ago === 0 ? 'expired' : `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  const days = Math.ceil(ms / DAY_MS);
  return `${days} day${days === 1 ? '' : 's'} left`;
}

/** A day as the user's locale writes it ("Mar 4, 2026"): a date alone as that date, an instant where the user is. */
const SHORT_DATE = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const SHORT_DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
export const shortDay = (iso: string): string =>
  iso.length === 10 ? SHORT_DATE.format(new Date(`${iso}T00:00:00Z`)) : SHORT_DAY.format(new Date(iso));

/** The last day of a week whose `end` is the day after it. */
export const lastDayOf = (end: string): string =>
  new Date(Date.parse(`${end}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

export interface TokenNames {
  token: string;
  store: string;
  storeId: string | null;
  provider: string;
  client: string | null;
}

/** Names for a token id from getNames' answer (while it is on its way, or for a token gone, "Unknown"). */
export function namesFor(tokenId: string, names: ReadonlyMap<string, TokenName> | undefined): TokenNames {
  const t = names?.get(tokenId);
  return {
    token: t?.name ?? 'Unknown token',
    store: t?.storeLabel ?? 'Unknown store',
    storeId: t?.storeId ?? null,
    provider: t?.providerName ?? 'Unknown provider',
    client: t?.clientName ?? null,
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
