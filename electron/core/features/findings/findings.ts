import type { HandlersFor } from '../handler-map';
import type { StoredInventory } from './stored-inventory';

/** The inventory page, findings and their counts, answered by SQL from the findings stored per token. */
export function findingHandlers(
  stored: StoredInventory,
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void,
): HandlersFor<'getFindings' | 'getFindingCounts' | 'queryInventory'> {
  return {
    getFindings: async ({ rescanKeychain, storeIds, tokenId, severities, limit }) => {
      if (rescanKeychain) forgetKeychainListing?.();
      return stored.findings({ rescanKeychain, storeIds, tokenId, severities, limit });
    },
    getFindingCounts: () => stored.counts(),
    queryInventory: (query) => stored.queryInventory(query),
  };
}
