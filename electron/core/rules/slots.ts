import type { SlotLimit, Token } from '../../contract';

/** Tokens that occupy a slot: ACTIVE ones of the limit's mode (any mode when the limit has none) in one store. */
export function occupying(tokens: readonly Token[], storeId: string, limit: SlotLimit): Token[] {
  return tokens.filter(
    (t) => t.storeId === storeId && t.status === 'active' && (limit.mode === null || t.mode === limit.mode),
  );
}

export const occupies = (token: Token, limit: SlotLimit): boolean =>
  token.status === 'active' && (limit.mode === null || token.mode === limit.mode);

/** Which of the occupying tokens to retire first: one whose last check said invalid, else the oldest. */
export function retireFirst(tokens: readonly Token[]): Token | undefined {
  const failed = tokens.find((t) => t.lastCheck?.outcome === 'invalid');
  if (failed) return failed;
  return [...tokens].sort((a, b) => startedAt(a) - startedAt(b))[0];
}

/** When a token began, in ms: its creation date at the provider, else when it was added to Keyward. */
export const startedAt = (t: Token): number => Date.parse(t.createdAt ?? t.addedAt);

export const slotLabel = (providerName: string, limit: SlotLimit): string =>
  `${providerName}${limit.mode ? ` ${limit.mode}` : ''} tokens`;
