import type { CredentialPolicy, StoreProfile, Token } from '../../../contract';
import { policyOf, type ProviderModule } from '../../providers/provider-module';
import type { TokenView } from './context';

/** A credential's policy per module and kind, looked up once: modules are immutable, so this never goes stale. */
const policies = new WeakMap<ProviderModule, Map<string, CredentialPolicy>>();

function policyFor(module: ProviderModule, kind: Token['kind']): CredentialPolicy {
  let byKind = policies.get(module);
  if (!byKind) policies.set(module, (byKind = new Map()));
  let policy = byKind.get(kind);
  if (!policy) byKind.set(kind, (policy = policyOf(module, kind)));
  return policy;
}

/** What the rules need to judge one token of `store`; `module` is missing when the provider is not in the catalog. */
export function viewOf(token: Token, store: StoreProfile, module: ProviderModule | undefined): TokenView {
  return {
    token,
    store,
    module,
    policy: module ? policyFor(module, token.kind) : {},
    providerName: module?.descriptor.name ?? store.provider,
  };
}
