import type { Client, StoreProfile, Token } from '../../../contract';
import type { VaultData } from '../../vault/vault-data';
import type { BackupPayload } from './backup';

type VaultParts = Pick<VaultData, 'clients' | 'stores' | 'tokens' | 'customProviders' | 'settings'>;

/** A backup token left out of a merge, and why. */
export interface SkippedToken {
  tokenId: string;
  name: string;
  store: string;
  reason: 'same token id' | 'same secret' | 'same name in the store';
}

/** What a restore did; counts and names only. */
export interface RestoreResult {
  mode: 'merge' | 'replace';
  clientsAdded: number;
  storesAdded: number;
  tokensAdded: number;
  secretsRestored: number;
  /** Tokens whose secret the backup did not hold (the keychain had lost it when the backup was made). */
  secretsMissing: number;
  skipped: SkippedToken[];
  /** Replace: keychain entries of tokens that are no longer in the vault, removed after it was saved. */
  removedSecrets: number;
  /** Entries that could not be removed; they show up as orphan secrets in findings. */
  removeFailures: number;
}

export interface RestorePlan {
  vault: VaultParts;
  /** Backup tokens that land in the vault: their secrets are written. */
  tokensToWrite: Token[];
  /** Token ids whose keychain entries go once the vault is saved. */
  replacedIds: string[];
  skipped: SkippedToken[];
  clientsAdded: number;
  storesAdded: number;
}

/** Replace: the vault becomes the backup's; tokens only here lose their keychain entries. */
export function replacePlan(current: Readonly<VaultData>, payload: BackupPayload): RestorePlan {
  const kept = new Set(payload.vault.tokens.map((t) => t.id));
  const v = structuredClone(payload.vault);
  return {
    vault: {
      clients: v.clients,
      stores: v.stores,
      tokens: v.tokens,
      customProviders: v.customProviders,
      settings: v.settings,
    },
    tokensToWrite: v.tokens,
    replacedIds: current.tokens.filter((t) => !kept.has(t.id)).map((t) => t.id),
    skipped: [],
    clientsAdded: v.clients.length,
    storesAdded: v.stores.length,
  };
}

/**
 * Merge: everything here stays. Clients match by id, then by name; stores by id, then by provider, label
 * and client; a token with the same id, the same secret or the same name in its store is skipped.
 */
export function mergePlan(current: Readonly<VaultData>, payload: BackupPayload): RestorePlan {
  const v = structuredClone(payload.vault);
  const clients: Client[] = [...current.clients];
  const stores: StoreProfile[] = [...current.stores];
  const tokens: Token[] = [...current.tokens];
  const clientMap = new Map<string, string>();
  let clientsAdded = 0;
  for (const c of v.clients) {
    const hit =
      clients.find((x) => x.id === c.id) ??
      clients.find((x) => x.name.toLocaleLowerCase() === c.name.toLocaleLowerCase());
    if (hit) clientMap.set(c.id, hit.id);
    else {
      clients.push(c);
      clientMap.set(c.id, c.id);
      clientsAdded++;
    }
  }
  const storeMap = new Map<string, StoreProfile>();
  let storesAdded = 0;
  for (const s of v.stores) {
    const clientId = s.clientId ? (clientMap.get(s.clientId) ?? null) : null;
    const hit =
      stores.find((x) => x.id === s.id) ??
      stores.find((x) => x.provider === s.provider && x.label === s.label && x.clientId === clientId);
    if (hit) storeMap.set(s.id, hit);
    else {
      const added = { ...s, clientId };
      stores.push(added);
      storeMap.set(s.id, added);
      storesAdded++;
    }
  }
  const ids = new Set(tokens.map((t) => t.id));
  const fingerprints = new Set(tokens.flatMap((t) => (t.secret ? [t.secret.fingerprint] : [])));
  const skipped: SkippedToken[] = [];
  const added: Token[] = [];
  for (const t of v.tokens) {
    const store = storeMap.get(t.storeId);
    if (!store) continue; // The payload schema ties every token to a store it holds; a stray one is dropped.
    const skip = (reason: SkippedToken['reason']) =>
      skipped.push({ tokenId: t.id, name: t.name, store: store.label, reason });
    if (ids.has(t.id)) skip('same token id');
    else if (t.secret && fingerprints.has(t.secret.fingerprint)) skip('same secret');
    else if (tokens.some((x) => x.storeId === store.id && x.name.toLocaleLowerCase() === t.name.toLocaleLowerCase()))
      skip('same name in the store');
    else {
      const token = { ...t, storeId: store.id };
      tokens.push(token);
      added.push(token);
      ids.add(t.id);
      if (t.secret) fingerprints.add(t.secret.fingerprint);
    }
  }
  // Lineage may point at a token the merge left out: drop the link rather than keep a dangling id.
  for (const t of added) {
    if (t.rotatedFrom && !ids.has(t.rotatedFrom)) t.rotatedFrom = null;
    if (t.rotatedTo && !ids.has(t.rotatedTo)) t.rotatedTo = null;
  }
  const known = new Set(current.customProviders.map((d) => d.id));
  return {
    vault: {
      clients,
      stores,
      tokens,
      customProviders: [...current.customProviders, ...v.customProviders.filter((d) => !known.has(d.id))],
      settings: current.settings,
    },
    tokensToWrite: added,
    replacedIds: [],
    skipped,
    clientsAdded,
    storesAdded,
  };
}
