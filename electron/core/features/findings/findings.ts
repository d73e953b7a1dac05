import type { HandlersFor } from '../handler-map';
import type { StoredInventory } from './stored-inventory';

/** The inventory page, findings and their counts, answered by SQL from the findings stored per token. */
export function findingHandlers(
  stored: StoredInventory,
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void,
): HandlersFor<'getFindings' | 'getFindingCounts' | 'getFindingGroups' | 'queryInventory'> {
  return {
    getFindings: async ({ rescanKeychain, ...filter }) => {
      if (rescanKeychain) forgetKeychainListing?.();
      return stored.findings({ rescanKeychain, ...filter });
    },
    getFindingCounts: () => stored.counts(),
    getFindingGroups: () => stored.groups(),
    queryInventory: (query) => stored.queryInventory(query),
  };
}
