import type { KnownSecret, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { sha256Hex } from '../../secrets/fingerprint';
import type { Frozen } from '../../vault/plain-data';

type VaultView = { readonly stores: readonly Frozen<StoreProfile>[]; readonly tokens: readonly Frozen<Token>[] };

/**
 * Which token of the vault a pasted value is, or was (an earlier value kept in its lineage), and what that
 * means for the user. Fingerprints are compared here, in main; the answer holds no secret.
 */
export function knownSecret(vault: VaultView, catalog: Catalog, secret: string): KnownSecret | null {
  const fingerprint = sha256Hex(secret.trim());
  let token = vault.tokens.find((t) => t.secret?.fingerprint === fingerprint);
  let earlier: { replacedAt: string } | undefined;
  if (!token) {
    for (const t of vault.tokens) {
      earlier = t.previousSecrets?.find((p) => p.fingerprint === fingerprint);
      if (earlier) {
        token = t;
        break;
      }
    }
  }
  if (!token) return null;
  const store = vault.stores.find((s) => s.id === token.storeId);
  const provider = store ? (catalog.find(store.provider)?.descriptor.name ?? store.provider) : 'its provider';
  return {
    tokenId: token.id,
    name: token.name,
    status: token.status,
    storeLabel: store?.label ?? 'no store',
    providerId: store?.provider ?? '',
    kind: token.kind,
    mode: token.mode,
    current: !earlier,
    replacedAt: earlier?.replacedAt ?? null,
    expiresAt: earlier ? null : token.expiresAt,
    scopes: earlier ? [] : [...token.scopes],
    meaning: meaning(token, provider, earlier?.replacedAt),
  };
}

function meaning(token: Frozen<Token>, provider: string, replacedAt: string | undefined): string {
  if (replacedAt)
    return `An earlier value of ${token.name}, replaced on ${replacedAt.slice(0, 10)}: ${provider} stopped accepting it then. If it still works, the rotate did not happen.`;
  switch (token.status) {
    case 'rotated':
      return `${token.name} was rotated: it should be retired at ${provider}. If it still works, retire it there.`;
    case 'revoked':
      return `${token.name} is marked revoked. If it still works, the revoke did not happen at ${provider}.`;
    case 'inactive':
      return `${token.name} is marked inactive in Keyward; it may still work at ${provider}.`;
    case 'expired':
      return `${token.name} is marked expired.`;
    default:
      return `${token.name} is in use (active).`;
  }
}
