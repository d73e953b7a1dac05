import type { CheckDeps, CheckItem } from '../../../electron/core/features/checks/check-types';
import { buildCheckItem, type CheckItemInput } from '../../../electron/core/features/checks/check-items';
import { publishedLimits, type AccountLimits } from '../../../electron/core/features/checks/limits';
import { realSleep, type Sleep } from '../../../electron/core/features/checks/rate-limiter';
import type { Clock, HttpClient } from '../../../electron/core/ports';
import { systemClock } from '../../../electron/core/ports';

export const USER_AGENT = 'Keyward/0.1.0-test';

/** A clock whose sleep moves time forward at once: no real waiting. */
export function fakeClock(start = Date.parse('2026-03-01T00:00:00.000Z')): {
  clock: Clock;
  sleep: Sleep;
  now(): number;
  advance(ms: number): void;
} {
  let t = start;
  return {
    clock: { now: () => new Date(t) },
    sleep: async (ms, signal) => {
      if (!signal?.aborted) t += Math.max(0, ms);
      await Promise.resolve();
    },
    now: () => t,
    advance: (ms) => void (t += ms),
  };
}

export function realDeps(http: HttpClient, overrides: Partial<CheckDeps> = {}): CheckDeps {
  return {
    http,
    clock: systemClock,
    sleep: realSleep,
    userAgent: USER_AGENT,
    concurrency: 8,
    timeoutMs: 2_000,
    maxBodyBytes: 256 * 1024,
    ...overrides,
  };
}

/** No pacing and no retries: one request per check, so a fake's own answer comes straight back. */
export const RAW_LIMITS: AccountLimits = {
  windows: [],
  marginMs: 0,
  maxErrorShare: 1,
  minFailuresToStop: 1_000_000,
  maxRetries: 0,
  maxRetryWaitMs: 0,
};

let n = 0;
export function item(input: Partial<CheckItemInput> & Pick<CheckItemInput, 'provider' | 'target'>): CheckItem {
  n += 1;
  const full: CheckItemInput = {
    storeProfileId: `store-${n}`,
    tokenId: `token-${n}`,
    identifiers: input.target.identifiers,
    mode: input.target.mode,
    ...input,
  };
  return buildCheckItem({ ...full, limits: input.limits ?? publishedLimits(full) });
}
