import type { CheckResult } from '../../../contract';
import type { Clock, HttpClient } from '../../ports';
import type { AccountLimits } from './limits';
import type { ProbeSpec, ProbeTarget } from './probe-spec';
import type { RateLimiter, Sleep } from './rate-limiter';

export type CheckOutcome = CheckResult['outcome'];
export const CHECK_OUTCOMES: readonly CheckOutcome[] = [
  'valid',
  'restricted',
  'invalid',
  'rate_limited',
  'unreachable',
  'unknown',
];

/** One token to check. Holds the secret only in `target`; nothing derived from it leaves the runner. */
export interface CheckItem {
  tokenId: string;
  /** 'printify' | 'shippo' | 'printago' | 'thinkific' | 'pixlpay' | 'custom:<id>'. */
  provider: string;
  /** The provider's name for details, e.g. 'Printify'; the id when absent. */
  providerName?: string;
  spec: ProbeSpec;
  target: ProbeTarget;
  /** The bucket its requests count against (see accountKeyFor). */
  accountKey: string;
  limits: AccountLimits;
  /** Other secrets in play (a rotated token's old secret), masked in the result like the one checked. */
  alsoRedact?: readonly string[];
  /** The published parts of those secrets (e.g. sk_live_), which Keyward's own words may name. */
  publicParts?: readonly string[];
}

export interface CheckDeps {
  http: HttpClient;
  clock: Clock;
  sleep: Sleep;
  /** e.g. 'Keyward/0.1.0'. */
  userAgent: string;
  /** Requests in flight at once, over all accounts. */
  concurrency: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Keep one limiter for the app's lifetime so separate runs and quick checks share the buckets. */
  limiter?: RateLimiter;
}

/** A token's entry in a run: checked (with its result) or cancelled before anything was sent for it. */
export type CheckRunEntry =
  | { tokenId: string; status: 'checked'; result: CheckResult; attempts: number }
  | { tokenId: string; status: 'cancelled' };

/** Plain data, safe to send to the renderer as an event. */
export interface CheckProgress {
  done: number;
  total: number;
  counts: Record<CheckOutcome, number>;
  last: { tokenId: string; result: CheckResult };
}

export interface CheckRunOptions {
  signal?: AbortSignal;
  onProgress?(progress: CheckProgress): void;
}
