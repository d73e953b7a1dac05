import { randomBytes } from 'node:crypto';
import type { Token } from '../../contract';

/** The keychain account holding a token's value: its recorded account, or the token id for entries made before namespacing. */
export const accountOf = (token: Pick<Token, 'id' | 'secret'>): string => token.secret?.account ?? token.id;

/** A new account for a value about to be written: never an account that holds a live value (see the ordering rule). */
export const freshAccount = (vaultId: string, tokenId: string): string =>
  `${vaultId}:${tokenId}:${randomBytes(6).toString('hex')}`;

/** Whether a keychain account belongs to this vault's namespace. */
export const ownedBy = (vaultId: string, account: string): boolean => account.startsWith(`${vaultId}:`);

/** The token id inside a namespaced account, or null for any other account. */
export function tokenIdOf(account: string): string | null {
  const parts = account.split(':');
  return parts.length === 3 && parts[1] ? parts[1] : null;
}

/** Every account the vault points at: the keychain entries that must never be deleted. */
export function referencedAccounts(tokens: readonly Pick<Token, 'id' | 'secret'>[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) if (t.secret) out.add(accountOf(t));
  return out;
}
