import type { Catalog } from '../../providers/catalog';
import type { FrozenVault } from '../../vault/plain-data';
import type { VaultData } from '../../vault/vault-data';
import type { ExpiryVaultSource } from './expiry-ports';

/** The session as the scheduler's vault source: settings live in the vault, so a settings change is a vault change too. */
export function inventorySource(session: {
  vault(): Promise<FrozenVault>;
  catalog(): Promise<Catalog>;
  onCommit(listener: () => void): () => void;
}): ExpiryVaultSource {
  return {
    read: async () => ({ vault: (await session.vault()) as VaultData, catalog: await session.catalog() }),
    subscribe: (listener) => session.onCommit(() => listener()),
  };
}
