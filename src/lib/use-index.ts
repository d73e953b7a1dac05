import type { ProviderDescriptor, VaultSnapshot } from '../../electron/contract';
import { useVault } from '../state/vault-store';
import { buildIndex, type InventoryIndex } from './inventory';

let cache: { snapshot: VaultSnapshot; providers: readonly ProviderDescriptor[]; index: InventoryIndex } | null = null;

/** Tokens joined with their store, client and provider, rebuilt only when the vault or catalog change. */
export function useInventoryIndex(): InventoryIndex | null {
  const snapshot = useVault((s) => s.snapshot);
  const providers = useVault((s) => s.providers);
  if (!snapshot) return null;
  if (!cache || cache.snapshot !== snapshot || cache.providers !== providers) {
    cache = { snapshot, providers, index: buildIndex(snapshot, providers) };
  }
  return cache.index;
}
