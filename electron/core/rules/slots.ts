import type { CredentialPolicy, SlotAccountPolicy, SlotLimit, StoreProfile, Token } from '../../contract';
import type { Catalog } from '../providers/catalog';
import { policyOf } from '../providers/provider-module';

type VaultPart = { stores: readonly StoreProfile[]; tokens: readonly Token[] };

/** Whose slots a store's tokens take: the provider account when one is known, else the store profile itself. */
export interface SlotAccount {
  /** Stable key for grouping: `<provider>:<identity>` or `store:<id>`. */
  key: string;
  /** How the account is named to the user, e.g. `Shippo account ops@acme.test`. */
  label: string;
  /** Where the identity came from: the store's field, a status check, or none yet (the store profile). */
  source: 'store-field' | 'check' | 'store-profile';
  /** Store profiles that share the account (the one asked about first). */
  storeIds: string[];
}

/** One slot limit as the provider counts it, for one account. */
export interface SlotUsage {
  kind: Token['kind'];
  limit: SlotLimit;
  account: SlotAccount;
  /** Tokens that take a slot, oldest first. */
  occupying: Token[];
  /** Of those, the ones whose mode is unknown: counted against every mode until it is known. */
  unknownMode: Token[];
  free: number;
}

/**
 * The mode a token counts in: the one its secret's prefix names (a prefix always wins over a picked mode),
 * else the mode recorded, else null (unknown).
 */
export function slotMode(token: Token, policy: CredentialPolicy): 'live' | 'test' | null {
  const masked = token.secret?.masked;
  if (masked) {
    const named = modeFromPrefixes(policy, masked);
    if (named) return named;
  }
  return token.mode;
}

/** Mode named by the longest declared prefix the text starts with (sk_test_live_ is not read as sk_test_). */
export function modeFromPrefixes(policy: CredentialPolicy, text: string): 'live' | 'test' | null {
  let best: { mode: 'live' | 'test'; length: number } | null = null;
  for (const f of policy.formats ?? [])
    for (const mode of ['live', 'test'] as const) {
      const prefix = f.modePrefixes?.[mode];
      if (prefix && text.startsWith(prefix) && (!best || prefix.length > best.length))
        best = { mode, length: prefix.length };
    }
  return best?.mode ?? null;
}

/** Whether a token takes a slot of `limit`: anything the provider still holds (only revoked or expired frees it). */
export function occupies(token: Token, limit: SlotLimit, policy: CredentialPolicy = {}): boolean {
  if (token.status === 'revoked' || token.status === 'expired') return false;
  if (limit.mode === null) return true;
  const mode = slotMode(token, policy);
  return mode === null || mode === limit.mode;
}

/** The account a store's tokens count against (see SlotAccount), from the store's field or its tokens' checks. */
export function accountOf(
  store: StoreProfile,
  storeTokens: readonly Token[],
  account: SlotAccountPolicy | undefined,
  providerName: string,
): Omit<SlotAccount, 'storeIds'> {
  const field = account?.identifierKey ? store.identifiers[account.identifierKey] : undefined;
  if (account && typeof field === 'string' && field.trim()) return identity(store, account, field, 'store-field');
  if (account?.checkContextKey) {
    let seen: { at: string; value: string } | null = null;
    for (const t of storeTokens) {
      const value = t.lastCheck?.context?.[account.checkContextKey];
      if (typeof value === 'string' && value.trim() && (!seen || t.lastCheck!.checkedAt > seen.at))
        seen = { at: t.lastCheck!.checkedAt, value };
    }
    if (seen) return identity(store, account, seen.value, 'check');
  }
  return {
    key: `store:${store.id}`,
    label: account ? `store profile ${store.label} (its ${providerName} account is not known yet)` : store.label,
    source: 'store-profile',
  };
}

function identity(
  store: StoreProfile,
  account: SlotAccountPolicy,
  value: string,
  source: 'store-field' | 'check',
): Omit<SlotAccount, 'storeIds'> {
  const id = value.trim().toLowerCase();
  return { key: `${store.provider}:${id}`, label: `${account.name} ${id}`, source };
}

/**
 * Slot usage for every limit of a store's credential kinds, counted over the whole account the store belongs
 * to (every store profile of the same provider with the same account identity). `except` leaves one token out,
 * for judging a write of it. This is the one place slots are counted: findings, write rules and rotation ask here.
 */
export function slotUsage(
  vault: VaultPart,
  storeId: string,
  catalog: Catalog,
  options: { kind?: Token['kind']; except?: string } = {},
): SlotUsage[] {
  const store = vault.stores.find((s) => s.id === storeId);
  const module = store ? catalog.find(store.provider) : undefined;
  if (!store || !module) return [];
  const tokensOf = groupTokens(vault.tokens);
  return module.descriptor.credentials
    .filter((c) => c.policy?.slotLimits?.length && (!options.kind || c.kind === options.kind))
    .flatMap((credential) => {
      const policy = policyOf(module, credential.kind);
      const keyOf = accountKeys(tokensOf, policy, module.descriptor.name);
      const account = accountGroup(vault.stores, store, keyOf);
      const tokens = account.storeIds
        .flatMap((id) => tokensOf.get(id) ?? [])
        .filter((t) => t.kind === credential.kind && t.id !== options.except);
      return (policy.slotLimits ?? []).map((limit) => usageOf(credential.kind, limit, account, tokens, policy));
    });
}

/**
 * The stores a write's slot rule must see: those of the same provider account as `store`, named by its field or
 * a check (rules/slots accountOf). A store whose account is not known yet is its own account, so it sees itself
 * alone; only then is nothing scanned.
 */
export function accountPeers(
  stores: Iterable<StoreProfile>,
  store: StoreProfile,
  policy: CredentialPolicy,
  tokensOf: (storeId: string) => readonly Token[],
  providerName = store.provider,
): StoreProfile[] {
  const field = policy.slotAccount?.identifierKey;
  // A store's own field names its account before any check does: its tokens are read only when it has none.
  const named = (s: StoreProfile) =>
    field !== undefined && typeof s.identifiers[field] === 'string' && !!s.identifiers[field].trim();
  const keyOf = (s: StoreProfile) => accountOf(s, named(s) ? [] : tokensOf(s.id), policy.slotAccount, providerName).key;
  const own = keyOf(store);
  if (own.startsWith('store:')) return [store];
  const out: StoreProfile[] = [];
  for (const s of stores) if (s.provider === store.provider && (s.id === store.id || keyOf(s) === own)) out.push(s);
  if (!out.includes(store)) out.push(store);
  return out;
}

/** Slot usage of every account in the vault, each account once (for findings over the whole vault). */
export function allSlotUsage(vault: VaultPart, catalog: Catalog): SlotUsage[] {
  const tokensOf = groupTokens(vault.tokens);
  const seen = new Set<string>();
  const keysByCredential = new Map<string, KeyOf>();
  const out: SlotUsage[] = [];
  for (const store of vault.stores) {
    const module = catalog.find(store.provider);
    for (const credential of module?.descriptor.credentials ?? []) {
      if (!module || !credential.policy?.slotLimits?.length) continue;
      const policy = policyOf(module, credential.kind);
      const id = `${store.provider}#${credential.kind}`;
      let keyOf = keysByCredential.get(id);
      if (!keyOf) keysByCredential.set(id, (keyOf = accountKeys(tokensOf, policy, module.descriptor.name)));
      const account = accountGroup(vault.stores, store, keyOf);
      if (seen.has(`${account.key}#${credential.kind}`)) continue;
      seen.add(`${account.key}#${credential.kind}`);
      const tokens = account.storeIds.flatMap((id) => tokensOf.get(id) ?? []).filter((t) => t.kind === credential.kind);
      for (const limit of policy.slotLimits ?? []) out.push(usageOf(credential.kind, limit, account, tokens, policy));
    }
  }
  return out;
}

function usageOf(
  kind: Token['kind'],
  limit: SlotLimit,
  account: SlotAccount,
  tokens: readonly Token[],
  policy: CredentialPolicy,
): SlotUsage {
  const occupying = tokens.filter((t) => occupies(t, limit, policy)).sort((a, b) => startedAt(a) - startedAt(b));
  const unknownMode = limit.mode === null ? [] : occupying.filter((t) => slotMode(t, policy) === null);
  return { kind, limit, account, occupying, unknownMode, free: Math.max(0, limit.maxActive - occupying.length) };
}

type KeyOf = (store: StoreProfile) => Omit<SlotAccount, 'storeIds'>;

/** Account identities computed once per count (a store's identity depends on its tokens' last checks). */
function accountKeys(tokensOf: Map<string, Token[]>, policy: CredentialPolicy, providerName: string): KeyOf {
  const keys = new Map<string, Omit<SlotAccount, 'storeIds'>>();
  return (s) => {
    let found = keys.get(s.id);
    if (!found) keys.set(s.id, (found = accountOf(s, tokensOf.get(s.id) ?? [], policy.slotAccount, providerName)));
    return found;
  };
}

function accountGroup(stores: readonly StoreProfile[], store: StoreProfile, keyOf: KeyOf): SlotAccount {
  const own = keyOf(store);
  if (own.source === 'store-profile') return { ...own, storeIds: [store.id] };
  const others = stores.filter((s) => s.id !== store.id && s.provider === store.provider && keyOf(s).key === own.key);
  return { ...own, storeIds: [store.id, ...others.map((s) => s.id)] };
}

function groupTokens(tokens: readonly Token[]): Map<string, Token[]> {
  const out = new Map<string, Token[]>();
  for (const t of tokens) {
    const list = out.get(t.storeId);
    if (list) list.push(t);
    else out.set(t.storeId, [t]);
  }
  return out;
}

/** Tokens of one store that take a slot of `limit` (the store alone, not its account: see slotUsage). */
export function occupying(
  tokens: readonly Token[],
  storeId: string,
  limit: SlotLimit,
  policy: CredentialPolicy = {},
): Token[] {
  return tokens.filter((t) => t.storeId === storeId && occupies(t, limit, policy));
}

/** Which of the occupying tokens to retire first: one whose last check said invalid, else the oldest. */
export function retireFirst(tokens: readonly Token[]): Token | undefined {
  const failed = tokens.find((t) => t.lastCheck?.outcome === 'invalid');
  if (failed) return failed;
  return [...tokens].sort((a, b) => startedAt(a) - startedAt(b))[0];
}

/** When a token began, in ms: its creation date at the provider, else when it was added to Keyward. */
export const startedAt = (t: Token): number => Date.parse(t.createdAt ?? t.addedAt);

export const slotLabel = (providerName: string, limit: SlotLimit): string =>
  `${providerName}${limit.mode ? ` ${limit.mode}` : ''} tokens`;
