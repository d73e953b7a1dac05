import type { StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import type { VaultData } from '../../vault/vault-data';
import type { BuiltinProvider } from './base-url';
import { accountKeyFor, publishedLimits, type AccountOf } from './limits';
import type { RateWindow } from './rate-limiter';
import { selectTokens, type CheckSelection } from './selection';

/** Why a bulk check leaves a token out unless asked to include it: it is retired, or dead by its date. */
export type Retired = 'revoked' | 'rotated' | 'expired';

export function retiredAs(token: Pick<Token, 'status' | 'expiresAt'>, now: Date): Retired | null {
  if (token.status === 'revoked' || token.status === 'rotated' || token.status === 'expired') return token.status;
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return null;
}

export interface CheckPlanOptions {
  /** Check revoked, rotated and expired tokens too (left out by default). */
  includeRetired?: boolean;
}

/** What a bulk check would send, before it sends anything. */
export interface CheckPlan {
  selected: number;
  /** Tokens it would send a request for. */
  requests: number;
  leftOut: Record<Retired, number>;
  /** Selected tokens with no secret recorded: nothing to send. */
  withoutSecret: number;
  providers: { provider: string; name: string; requests: number; accounts: number; seconds: number }[];
  /** The least time the providers' published limits allow for the whole run (accounts run side by side). */
  seconds: number;
}

/** The tokens a bulk check sends for, and the counts of those it leaves out. */
export function checkTargets(
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  selection: CheckSelection,
  now: Date,
  options: CheckPlanOptions = {},
): { selected: number; targets: Token[]; leftOut: Record<Retired, number> } {
  const selected = selectTokens(vault, selection);
  const leftOut: Record<Retired, number> = { revoked: 0, rotated: 0, expired: 0 };
  if (options.includeRetired) return { selected: selected.length, targets: selected, leftOut };
  const targets = selected.filter((t) => {
    const retired = retiredAs(t, now);
    if (retired) leftOut[retired]++;
    return retired === null;
  });
  return { selected: selected.length, targets, leftOut };
}

/**
 * Requests per provider and the time the published limits imply: in each rate-limit bucket, `limit`
 * requests per window, so n requests take at least ⌊(n−1)/limit⌋ windows; buckets run side by side.
 */
export function planCheck(
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  catalog: Catalog,
  selection: CheckSelection,
  now: Date,
  options: CheckPlanOptions = {},
): CheckPlan {
  const { selected, targets, leftOut } = checkTargets(vault, selection, now, options);
  const stores = new Map<string, StoreProfile>(vault.stores.map((s) => [s.id, s]));
  const buckets = new Map<string, { provider: string; count: number; windows: RateWindow[] }>();
  let withoutSecret = 0;
  for (const token of targets) {
    const store = stores.get(token.storeId);
    if (!store || !token.secret) {
      withoutSecret++;
      continue;
    }
    const of: AccountOf = {
      provider: store.provider as BuiltinProvider,
      storeProfileId: store.id,
      tokenId: token.id,
      identifiers: store.identifiers,
      mode: token.mode,
      settings: token.settings,
    };
    const key = accountKeyFor(of);
    const bucket = buckets.get(key) ?? { provider: store.provider, count: 0, windows: publishedLimits(of).windows };
    bucket.count++;
    buckets.set(key, bucket);
  }
  const byProvider = new Map<string, { requests: number; accounts: number; seconds: number }>();
  for (const bucket of buckets.values()) {
    const seconds = Math.max(
      0,
      ...bucket.windows.map((w) => (Math.floor((bucket.count - 1) / w.limit) * w.windowMs) / 1000),
    );
    const p = byProvider.get(bucket.provider) ?? { requests: 0, accounts: 0, seconds: 0 };
    byProvider.set(bucket.provider, {
      requests: p.requests + bucket.count,
      accounts: p.accounts + 1,
      seconds: Math.max(p.seconds, seconds),
    });
  }
  const providers = [...byProvider.entries()]
    .map(([provider, p]) => ({ provider, name: catalog.find(provider)?.descriptor.name ?? provider, ...p }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
  return {
    selected,
    requests: providers.reduce((n, p) => n + p.requests, 0),
    leftOut,
    withoutSecret,
    providers,
    seconds: Math.max(0, ...providers.map((p) => p.seconds)),
  };
}
