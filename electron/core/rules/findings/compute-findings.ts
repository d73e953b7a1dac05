import { type Finding, type FindingSettingsInput, FindingSettings } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import type { ProviderModule } from '../../providers/provider-module';
import type { VaultData } from '../../vault/vault-data';
import type { TokenView } from './context';
import { rejectedProviderFindings } from './catalog-findings';
import { expiryFindings } from './expiry-findings';
import { duplicateFindings, keychainFindings } from './secret-findings';
import { sortFindings } from './sort-findings';
import { allSlotUsage } from '../slots';
import { slotFindings } from './store-findings';
import { tokenFindings } from './token-findings';
import { viewOf } from './views';

export { sortFindings } from './sort-findings';

/**
 * Everything the user should know about the vault at `now`, most severe first. Pure: reads metadata only,
 * never a secret. Keychain findings appear only when `keychainAccounts` (the keychain's account names) is given.
 */
export function computeFindings(
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  settings: FindingSettingsInput | FindingSettings,
  now: Date,
  catalog: Catalog,
  keychainAccounts?: readonly string[] | null,
): Finding[] {
  const ctx = { now, settings: FindingSettings.parse(settings) };
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  // A provider's module looked up once per provider rather than per token.
  const modules = new Map<string, ProviderModule | undefined>();
  const moduleOf = (provider: string): ProviderModule | undefined => {
    if (!modules.has(provider)) modules.set(provider, catalog.find(provider));
    return modules.get(provider);
  };
  const views: TokenView[] = [];
  for (const token of vault.tokens) {
    const store = stores.get(token.storeId);
    if (store) views.push(viewOf(token, store, moduleOf(store.provider)));
  }
  const findings: Finding[] = [];
  for (const v of views) {
    expiryFindings(v, ctx, findings);
    tokenFindings(v, ctx, findings);
  }
  for (const usage of allSlotUsage(vault, catalog)) {
    const first = stores.get(usage.account.storeIds[0]!);
    const name = first ? (moduleOf(first.provider)?.descriptor.name ?? first.provider) : '';
    for (const f of slotFindings(usage, stores, name)) findings.push(f);
  }
  for (const f of duplicateFindings(views)) findings.push(f);
  if (keychainAccounts) for (const f of keychainFindings(views, keychainAccounts)) findings.push(f);
  for (const f of rejectedProviderFindings(catalog)) findings.push(f);
  return sortFindings(findings);
}
