import type { Clock } from '../../ports';

/** At most `limit` requests in any window of `windowMs` (a provider's published limit). */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Waits `ms` or until `signal` aborts; resolves either way, never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * One account's request history. A request counts from the moment its answer arrives (the provider
 * counted it somewhere between send and answer), so connection set-up or network jitter can never let
 * the provider see N+1 requests in its window; while in flight it occupies the window.
 */
export interface Bucket {
  /** Answer times (ms, ascending) of settled requests. */
  sent: number[];
  inFlight: number;
  pausedUntil: number;
}

export const newBucket = (): Bucket => ({ sent: [], inFlight: 0, pausedUntil: 0 });

/** Index of the first send time greater than `t`. */
function firstAfter(sent: number[], t: number): number {
  let lo = 0;
  let hi = sent.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sent[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Milliseconds until one more request fits every window (0 = now). A window is widened by `marginMs`
 * for clock granularity. When in-flight requests alone fill a window the wait is a whole window: the
 * caller is expected to look again as soon as one of them settles.
 */
export function waitFor(bucket: Bucket, windows: RateWindow[], now: number, marginMs = 0): number {
  let wait = Math.max(0, bucket.pausedUntil - now);
  for (const w of windows) {
    const span = w.windowMs + marginMs;
    const from = firstAfter(bucket.sent, now - span);
    const settled = bucket.sent.length - from;
    const excess = settled + bucket.inFlight - w.limit;
    if (excess < 0) continue;
    wait = Math.max(wait, excess < settled ? bucket.sent[from + excess]! + span - now : span);
  }
  return wait;
}

/** Marks a request as sent: it occupies every window until it settles. */
export function take(bucket: Bucket): void {
  bucket.inFlight += 1;
}

/** Records a sent request's answer time `at` and forgets times older than every window. */
export function settle(bucket: Bucket, windows: RateWindow[], at: number, marginMs = 0): void {
  bucket.inFlight = Math.max(0, bucket.inFlight - 1);
  bucket.sent.splice(firstAfter(bucket.sent, at), 0, at);
  const longest = Math.max(0, ...windows.map((w) => w.windowMs)) + marginMs;
  const keepFrom = firstAfter(bucket.sent, at - longest);
  if (keepFrom > 0) bucket.sent.splice(0, keepFrom);
}

/** Holds every request of the bucket until `until` (a provider's Retry-After or reset). */
export function pause(bucket: Bucket, until: number): void {
  bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
}

/** Per-account buckets keyed by the caller (provider + account key). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = newBucket()));
    return b;
  }

  /** Milliseconds until `key` may send again under `windows`. */
  wait(key: string, windows: RateWindow[], marginMs = 0): number {
    return waitFor(this.bucket(key), windows, this.clock.now().getTime(), marginMs);
  }

  /** Sends now if allowed (true; call `settle` when the answer arrives), otherwise leaves the bucket untouched (false). */
  tryTake(key: string, windows: RateWindow[], marginMs = 0): boolean {
    const b = this.bucket(key);
    if (waitFor(b, windows, this.clock.now().getTime(), marginMs) > 0) return false;
    take(b);
    return true;
  }

  /** The answer to a request taken with `tryTake` arrived (or it failed): it now counts from this moment. */
  settle(key: string, windows: RateWindow[], marginMs = 0): void {
    settle(this.bucket(key), windows, this.clock.now().getTime(), marginMs);
  }

  pause(key: string, untilMs: number): void {
    pause(this.bucket(key), untilMs);
  }

  /**
   * Waits until `key` may send, then records the send as settled at once (for callers that count at send
   * time); resolves to its time (ms), or undefined when `signal` aborted first.
   */
  async acquire(key: string, windows: RateWindow[], marginMs = 0, signal?: AbortSignal): Promise<number | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const now = this.clock.now().getTime();
      if (this.tryTake(key, windows, marginMs)) {
        this.settle(key, windows, marginMs);
        return now;
      }
      await this.sleep(this.wait(key, windows, marginMs), signal);
    }
  }
}

/** Real waiting, for the app; tests pass a fake clock's sleep instead. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
