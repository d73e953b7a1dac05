import type {
  CredentialDescriptor,
  CredentialPolicy,
  CustomProviderDefinition,
  ProviderDescriptor,
  TokenFormat,
} from '../../contract';

/**
 * One provider's knowledge, declared as data. The rest of the app asks the catalog, never `provider === ...`.
 * Form fields and rules live in the descriptor (so the UI sees them too); probes are attached separately.
 */
export interface ProviderModule {
  descriptor: ProviderDescriptor;
  /** The user's definition, for custom PixlPay-style providers (the checks feature builds their probe from it). */
  custom?: CustomProviderDefinition;
}

export type CredentialKind = CredentialDescriptor['kind'];

export function credentialOf(module: ProviderModule, kind: CredentialKind): CredentialDescriptor | undefined {
  return module.descriptor.credentials.find((c) => c.kind === kind);
}

export function policyOf(module: ProviderModule, kind: CredentialKind): CredentialPolicy {
  return credentialOf(module, kind)?.policy ?? {};
}

export function formatsOf(module: ProviderModule, kind: CredentialKind): TokenFormat[] {
  return policyOf(module, kind).formats ?? [];
}
