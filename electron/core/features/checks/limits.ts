import type { BuiltinProvider } from './base-url';
import type { RateWindow } from './rate-limiter';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How Keyward paces and gives up on one provider account. */
export interface AccountLimits {
  /** Published rate limits; every one must hold in any window. */
  windows: RateWindow[];
  /** Extra width per window for clock granularity and skew (requests already count from their answer). */
  marginMs: number;
  /** Share of failed requests (429, 5xx, network faults) past which Keyward stops sending to the account. */
  maxErrorShare: number;
  /** Failures tolerated before the share applies, so a few bad answers cannot stop a small account. */
  minFailuresToStop: number;
  /** Retries of one token after a 429. */
  maxRetries: number;
  /** A 429 asking for a longer wait than this is reported rather than waited for. */
  maxRetryWaitMs: number;
}

const BASE = { marginMs: 250, maxErrorShare: 0.2, minFailuresToStop: 3, maxRetries: 2, maxRetryWaitMs: 2 * MINUTE };

/** Where a token sits, for choosing its limits and the bucket it shares. */
export interface AccountOf {
  provider: BuiltinProvider | `custom:${string}`;
  /** The store profile's id in the vault (Printify and Shippo accounts are one profile each). */
  storeProfileId: string;
  tokenId: string;
  identifiers: Record<string, unknown>;
  mode: 'live' | 'test' | null;
  /** Token settings; PixlPay's `rateLimit` is per token. */
  settings?: Record<string, unknown>;
}

/** Limits each provider publishes (see each provider module's sources); PixlPay-style stores use the token's own limit, default 60/min. */
export function publishedLimits(of: AccountOf): AccountLimits {
  switch (of.provider) {
    case 'printify':
      return { ...BASE, windows: [{ limit: 600, windowMs: MINUTE }], maxErrorShare: 0.05 };
    case 'shippo':
      // Test keys have the lower list-endpoint limit; an unknown mode is treated as test to stay safe.
      return { ...BASE, windows: [{ limit: of.mode === 'live' ? 50 : 10, windowMs: MINUTE }] };
    case 'printago':
      return {
        ...BASE,
        windows: [
          { limit: 60, windowMs: MINUTE },
          { limit: 600, windowMs: HOUR },
        ],
      };
    case 'thinkific':
      return { ...BASE, windows: [{ limit: 120, windowMs: MINUTE }] };
    default: {
      const raw = Number(of.settings?.rateLimit);
      const limit = Number.isInteger(raw) && raw >= 1 && raw <= 1000 ? raw : 60;
      return { ...BASE, windows: [{ limit, windowMs: MINUTE }] };
    }
  }
}

const lower = (v: unknown): string =>
  String(v ?? '')
    .trim()
    .toLowerCase();

/** The bucket a token's requests count against: the provider's unit of rate limiting. */
export function accountKeyFor(of: AccountOf): string {
  switch (of.provider) {
    case 'printify':
      return `printify:${of.storeProfileId}`;
    case 'shippo':
      // Live and test keys are limited separately.
      return `shippo:${of.storeProfileId}:${of.mode ?? 'test'}`;
    case 'printago':
      return `printago:${lower(of.identifiers.storeId) || of.storeProfileId}`;
    case 'thinkific':
      return `thinkific:${lower(of.identifiers.subdomain) || of.storeProfileId}`;
    default:
      return `${of.provider}:token:${of.tokenId}`;
  }
}

/** Divides every window by `factor` (for benchmarks against scaled-down fakes); limits stay the same. */
export function scaleLimits(limits: AccountLimits, factor: number): AccountLimits {
  return { ...limits, windows: limits.windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs / factor })) };
}
