import type { Token } from '../../../contract';
import type { VaultData } from '../../vault/vault-data';

export type CheckSelection = { tokenIds: string[] } | { clientId: string } | { storeId: string } | { all: true };

/** The tokens a bulk check covers, in vault order. */
export function selectTokens(vault: Pick<VaultData, 'stores' | 'tokens'>, selection: CheckSelection): Token[] {
  if ('all' in selection) return vault.tokens;
  if ('tokenIds' in selection) {
    const wanted = new Set(selection.tokenIds);
    return vault.tokens.filter((t) => wanted.has(t.id));
  }
  const stores = new Set(
    vault.stores
      .filter((s) => ('storeId' in selection ? s.id === selection.storeId : s.clientId === selection.clientId))
      .map((s) => s.id),
  );
  return vault.tokens.filter((t) => stores.has(t.storeId));
}
