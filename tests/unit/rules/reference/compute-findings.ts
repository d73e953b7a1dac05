// FROZEN REFERENCE: the findings engine as it was before the performance work (commit 13d187f), kept only so
// tests/unit/rules/findings-equivalence.test.ts can prove the faster engine gives identical output. Do not edit.
import {
  type Finding,
  type FindingSettingsInput,
  FindingSettings,
  ProviderId,
  type Token,
} from '../../../../electron/contract';
import type { Catalog } from '../../../../electron/core/providers/catalog';
import { policyOf } from '../../../../electron/core/providers/provider-module';
import type { VaultData } from '../../../../electron/core/vault/vault-data';
import type { TokenView } from './context';
import { expiryFindings } from './expiry-findings';
import { duplicateFindings, keychainFindings } from './secret-findings';
import { slotFindings } from './store-findings';
import { tokenFindings } from './token-findings';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

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
  // Grouped once: slot rules look at one store's tokens, not the whole vault per store.
  const tokensByStore = new Map<string, Token[]>();
  for (const token of vault.tokens) {
    const list = tokensByStore.get(token.storeId);
    if (list) list.push(token);
    else tokensByStore.set(token.storeId, [token]);
  }
  const views: TokenView[] = vault.tokens.flatMap((token) => {
    const store = stores.get(token.storeId);
    if (!store) return [];
    const module = catalog.find(store.provider);
    return [
      {
        token,
        store,
        module,
        policy: module ? policyOf(module, token.kind) : {},
        providerName: module?.descriptor.name ?? store.provider,
      },
    ];
  });
  const findings = [
    ...views.flatMap((v) => [...expiryFindings(v, ctx), ...tokenFindings(v, ctx)]),
    ...vault.stores.flatMap((s) => slotFindings(s, catalog.find(s.provider), tokensByStore.get(s.id) ?? [])),
    ...duplicateFindings(views),
    ...(keychainAccounts ? keychainFindings(views, keychainAccounts) : []),
    ...catalog.rejected().map((r): Finding => ({
      id: `custom_provider_invalid:${r.id ?? `#${r.index}`}`,
      kind: 'custom_provider_invalid',
      severity: 'warning',
      subject: ProviderId.safeParse(`custom:${r.id}`).success ? { providerId: `custom:${r.id}` } : {},
      message: `The custom provider ${r.id ? `"${r.id}"` : `number ${r.index + 1}`} could not be loaded: ${r.problem}`,
      action:
        'Open Settings → Custom providers and fix or remove this definition; its stores are not checked until then.',
    })),
  ];
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
      a.id.localeCompare(b.id),
  );
}
