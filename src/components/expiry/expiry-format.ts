import type { ProviderDescriptor, VaultSnapshot } from '../../../electron/contract';
import { lookups, providersById } from '../../lib/lookups';

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

/** A UTC calendar day as the user's locale writes it ("Mar 4, 2026"). */
const SHORT_DAY = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
export const shortDay = (iso: string): string =>
  SHORT_DAY.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));

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

/** Names for a token id from the vault snapshot: ids only cross IPC in the overview. */
export function namesFor(
  tokenId: string,
  snapshot: VaultSnapshot | null,
  providers: readonly ProviderDescriptor[],
): TokenNames {
  // Maps built once per snapshot: the attention list asks for thousands of names at 10,000 tokens.
  const l = snapshot ? lookups(snapshot) : null;
  const token = l?.tokensById.get(tokenId);
  const store = token ? l?.storesById.get(token.storeId) : undefined;
  const client = store?.clientId ? l?.clientsById.get(store.clientId) : undefined;
  const providerId = store?.provider;
  return {
    token: token?.name ?? 'Unknown token',
    store: store?.label ?? 'Unknown store',
    storeId: store?.id ?? null,
    provider:
      (providerId !== undefined ? providersById(providers).get(providerId)?.name : undefined) ??
      providerId ??
      'Unknown provider',
    client: client?.name ?? null,
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
