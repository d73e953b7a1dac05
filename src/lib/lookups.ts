import type {
  Client,
  Finding,
  ProviderDescriptor,
  StoreProfile,
  TokenSummary,
  VaultSnapshot,
} from '../../electron/contract';

/** Maps over one vault snapshot, built once per snapshot (a new revision is a new object) and shared by every view. */
export interface VaultLookups {
  tokensById: ReadonlyMap<string, TokenSummary>;
  storesById: ReadonlyMap<string, StoreProfile>;
  clientsById: ReadonlyMap<string, Client>;
  /** Tokens of each store, in vault order. */
  tokensByStore: ReadonlyMap<string, readonly TokenSummary[]>;
}

const NO_TOKENS: readonly TokenSummary[] = [];
const lookupCache = new WeakMap<VaultSnapshot, VaultLookups>();

export function lookups(snapshot: VaultSnapshot): VaultLookups {
  let l = lookupCache.get(snapshot);
  if (!l) {
    const tokensByStore = new Map<string, TokenSummary[]>();
    const tokensById = new Map<string, TokenSummary>();
    for (const t of snapshot.tokens) {
      tokensById.set(t.id, t);
      const list = tokensByStore.get(t.storeId);
      if (list) list.push(t);
      else tokensByStore.set(t.storeId, [t]);
    }
    l = {
      tokensById,
      storesById: new Map(snapshot.stores.map((s) => [s.id, s])),
      clientsById: new Map(snapshot.clients.map((c) => [c.id, c])),
      tokensByStore,
    };
    lookupCache.set(snapshot, l);
  }
  return l;
}

export const tokensOfStore = (snapshot: VaultSnapshot | null | undefined, storeId: string): readonly TokenSummary[] =>
  snapshot ? (lookups(snapshot).tokensByStore.get(storeId) ?? NO_TOKENS) : NO_TOKENS;

const providerCache = new WeakMap<readonly ProviderDescriptor[], ReadonlyMap<string, ProviderDescriptor>>();

/** Providers by id, built once per catalog array. */
export function providersById(providers: readonly ProviderDescriptor[]): ReadonlyMap<string, ProviderDescriptor> {
  let m = providerCache.get(providers);
  if (!m) {
    m = new Map(providers.map((p) => [p.id, p]));
    providerCache.set(providers, m);
  }
  return m;
}

const NO_FINDINGS: readonly Finding[] = [];
const findingsCache = new WeakMap<
  readonly Finding[],
  { byStore: ReadonlyMap<string, readonly Finding[]>; byToken: ReadonlyMap<string, readonly Finding[]> }
>();

function findingsIndex(findings: readonly Finding[]) {
  let ix = findingsCache.get(findings);
  if (!ix) {
    const byStore = new Map<string, Finding[]>();
    const byToken = new Map<string, Finding[]>();
    const add = (m: Map<string, Finding[]>, k: string, f: Finding) => {
      const list = m.get(k);
      if (list) list.push(f);
      else m.set(k, [f]);
    };
    for (const f of findings) {
      if (f.subject.storeId) add(byStore, f.subject.storeId, f);
      if (f.subject.tokenId) add(byToken, f.subject.tokenId, f);
    }
    ix = { byStore, byToken };
    findingsCache.set(findings, ix);
  }
  return ix;
}

/** The findings about one store (in the findings' order), from an index built once per findings array. */
export const findingsOfStore = (findings: readonly Finding[], storeId: string): readonly Finding[] =>
  findingsIndex(findings).byStore.get(storeId) ?? NO_FINDINGS;
/** The findings about one token (in the findings' order). */
export const findingsOfToken = (findings: readonly Finding[], tokenId: string): readonly Finding[] =>
  findingsIndex(findings).byToken.get(tokenId) ?? NO_FINDINGS;
