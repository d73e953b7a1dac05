import type { CredentialPolicy, FindingSettings, FindingSubject, StoreProfile, Token } from '../../../contract';
import type { ProviderModule } from '../../providers/provider-module';

/** One token with what the rules need to judge it. `module` is missing when its provider is no longer in the catalog. */
export interface TokenView {
  token: Token;
  store: StoreProfile;
  module: ProviderModule | undefined;
  policy: CredentialPolicy;
  providerName: string;
  /** describe(view), made once per view (a token can have several findings). */
  described?: string;
}

export interface FindingContext {
  now: Date;
  settings: FindingSettings;
}

export const tokenSubject = (v: TokenView): FindingSubject =>
  v.store.clientId
    ? { clientId: v.store.clientId, storeId: v.store.id, tokenId: v.token.id, providerId: v.store.provider }
    : { storeId: v.store.id, tokenId: v.token.id, providerId: v.store.provider };

export const storeSubject = (store: StoreProfile): FindingSubject => ({
  ...(store.clientId ? { clientId: store.clientId } : {}),
  storeId: store.id,
  providerId: store.provider,
});

/** How a token is named in messages: its name and where it lives. */
export const describe = (v: TokenView): string =>
  (v.described ??= `"${v.token.name}" (${v.providerName}, ${v.store.label})`);

/** Tokens that still stand for a working credential at the provider. */
export const isLive = (t: Token): boolean => t.status === 'active';
export const isRetired = (t: Token): boolean => t.status === 'revoked' || t.status === 'rotated';
