import { type CredentialPolicy, type Finding, type FindingSettingsInput, FindingSettings, ProviderId, type Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { policyOf, type ProviderModule } from '../../providers/provider-module';
import type { VaultData } from '../../vault/vault-data';
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
  // A provider's module and a credential's policy, looked up once per provider and kind rather than per token.
  const modules = new Map<string, ProviderModule | undefined>();
  const moduleOf = (provider: string): ProviderModule | undefined => {
    if (!modules.has(provider)) modules.set(provider, catalog.find(provider));
    return modules.get(provider);
  };
  const policies = new Map<ProviderModule, Map<string, CredentialPolicy>>();
  const views: TokenView[] = [];
  for (const token of vault.tokens) {
    const store = stores.get(token.storeId);
    if (!store) continue;
    const module = moduleOf(store.provider);
    let policy: CredentialPolicy = {};
    if (module) {
      let byKind = policies.get(module);
      if (!byKind) policies.set(module, (byKind = new Map()));
      const known = byKind.get(token.kind);
      if (known) policy = known;
      else byKind.set(token.kind, (policy = policyOf(module, token.kind)));
    }
    views.push({ token, store, module, policy, providerName: module?.descriptor.name ?? store.provider });
  }
  const findings: Finding[] = [];
  for (const v of views) {
    expiryFindings(v, ctx, findings);
    tokenFindings(v, ctx, findings);
  }
  for (const s of vault.stores) {
    const module = moduleOf(s.provider);
    if (module) for (const f of slotFindings(s, module, tokensByStore.get(s.id) ?? [])) findings.push(f);
  }
  for (const f of duplicateFindings(views)) findings.push(f);
  if (keychainAccounts) for (const f of keychainFindings(views, keychainAccounts)) findings.push(f);
  for (const r of catalog.rejected()) {
    findings.push({
      id: `custom_provider_invalid:${r.id ?? `#${r.index}`}`, kind: 'custom_provider_invalid', severity: 'warning',
      subject: ProviderId.safeParse(`custom:${r.id}`).success ? { providerId: `custom:${r.id}` } : {},
      message: `The custom provider ${r.id ? `"${r.id}"` : `number ${r.index + 1}`} could not be loaded: ${r.problem}`,
      action: 'Open Settings → Custom providers and fix or remove this definition; its stores are not checked until then.',
    });
  }
  return sortFindings(findings);
}

/** The form Date.prototype.toISOString gives (years 0000-9999): digits in fixed places, the same punctuation in all. */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ$/;

/**
 * Most severe first, then by due date, then by id, each compared with localeCompare as before. Two due dates
 * in toISOString's form first differ at a digit, with everything before it equal; any collation orders digits
 * 0-9 as code units do and has no contraction over these characters, so such pairs are ordered by their time
 * (the same answer as comparing them as code units, without ICU). Severity splits the list into three runs
 * first; the stable sort keeps equal findings in their order, as the single three-key sort did.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  type Keyed = { f: Finding; due: string; at: number };
  const runs: Keyed[][] = [[], [], []];
  for (const f of findings) {
    const due = f.dueAt ?? '';
    runs[SEVERITY_ORDER[f.severity]]!.push({ f, due, at: CANONICAL_ISO.test(due) ? Date.parse(due) : NaN });
  }
  const byDue = (a: Keyed, b: Keyed): number => {
    if (a.due === b.due) return 0;
    if (a.at === a.at && b.at === b.at) return a.at - b.at; // Both canonical (NaN !== NaN otherwise).
    return a.due.localeCompare(b.due);
  };
  let i = 0;
  for (const run of runs) {
    run.sort((a, b) => byDue(a, b) || (a.f.id === b.f.id ? 0 : a.f.id.localeCompare(b.f.id)));
    for (const k of run) findings[i++] = k.f;
  }
  return findings;
}
