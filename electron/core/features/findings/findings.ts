import { createInventoryQueries } from '../../inventory/inventory-query';
import { computeFindings, createIncrementalFindings, resolveFindingSettings } from '../../rules';
import { createFindingsCache } from '../../rules/findings-cache';
import type { Session } from '../../session/session';
import { thawed } from '../../vault/plain-data';
import type { HandlersFor } from '../handler-map';
import { providerNames } from '../providers/providers';
import type { SecretsFeature } from '../secrets/recovery';

/** Findings for the current vault, computed once per revision, keychain content and minute. */
export function findingsOf(session: Session, secrets: Pick<SecretsFeature, 'accounts'>) {
  const findingsFor = createFindingsCache();
  // Judges again only what an edit or the passing time can change (the same answer as computeFindings).
  const incremental = createIncrementalFindings();
  // Its first answer costs about twice a plain computation (it records what to compare next time), and the
  // first screen waits for the first findings: those are computed plainly, the engine starts on the next.
  let judgedOnce = false;
  const judge: typeof incremental = (...args) => {
    if (judgedOnce) return incremental(...args);
    judgedOnce = true;
    return computeFindings(...args);
  };
  return async () => {
    const [{ vault, catalog }, accounts] = await Promise.all([session.read(), secrets.accounts()]);
    const now = session.clock.now();
    return findingsFor({ revision: vault.revision, accounts, now }, () =>
      judge(thawed(vault), resolveFindingSettings(vault.settings.findings), now, catalog, accounts),
    );
  };
}

export function findingHandlers(
  session: Session,
  findings: ReturnType<typeof findingsOf>,
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void,
): HandlersFor<'getFindings' | 'getFindingCounts' | 'queryInventory'> {
  const answerInventory = createInventoryQueries();
  return {
    getFindings: async ({ rescanKeychain, storeIds, tokenId, severities, limit }) => {
      if (rescanKeychain) forgetKeychainListing?.();
      let list = await findings();
      if (storeIds || tokenId) {
        const stores = new Set(storeIds);
        list = list.filter(
          (f) =>
            (f.subject.storeId !== undefined && stores.has(f.subject.storeId)) ||
            (tokenId !== undefined && f.subject.tokenId === tokenId),
        );
      }
      if (severities) list = list.filter((f) => severities.includes(f.severity));
      return limit === undefined ? list : list.slice(0, limit);
    },
    getFindingCounts: async () => {
      const counts = { critical: 0, warning: 0, info: 0 };
      for (const f of await findings()) counts[f.severity] += 1;
      return counts;
    },
    queryInventory: async (query) => {
      const [{ vault, catalog }, current] = await Promise.all([session.read(), findings()]);
      return answerInventory(thawed(vault), providerNames(catalog), current, query);
    },
  };
}
