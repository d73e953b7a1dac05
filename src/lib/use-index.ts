import type { Finding, ProviderDescriptor, VaultSnapshot } from '../../electron/contract';
import { useVault } from '../state/vault-store';
import { buildIndex, type InventoryIndex } from './inventory';

let cache: { snapshot: VaultSnapshot; providers: readonly ProviderDescriptor[]; findings: readonly Finding[]; index: InventoryIndex } | null = null;

/** The inventory rows and search index, rebuilt only when the vault, catalog or findings change (not per keystroke). */
export function useInventoryIndex(): InventoryIndex | null {
  const snapshot = useVault((s) => s.snapshot);
  const providers = useVault((s) => s.providers);
  const findings = useVault((s) => s.findings);
  if (!snapshot) return null;
  if (!cache || cache.snapshot !== snapshot || cache.providers !== providers || cache.findings !== findings) {
    cache = { snapshot, providers, findings, index: buildIndex(snapshot, providers, findings) };
  }
  return cache.index;
}
