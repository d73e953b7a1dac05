import type { InventoryService } from '../inventory/inventory-service';
import type { ExpiryVaultSource } from './expiry-ports';

/** The inventory as the scheduler's vault source: settings live in the vault, so a settings change is a vault change too. */
export function inventorySource(
  inventory: Pick<InventoryService, 'vault' | 'catalog' | 'onChange'>,
): ExpiryVaultSource {
  return {
    read: async () => ({ vault: await inventory.vault(), catalog: await inventory.catalog() }),
    subscribe: (listener) => inventory.onChange(() => listener()),
  };
}
