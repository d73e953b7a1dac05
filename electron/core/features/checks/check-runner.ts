import type { CheckResult } from '../../../contract';
import { classifyFault } from './network-fault';
import type { ProbeVerdict } from './probe-spec';
import { RateLimiter } from './rate-limiter';
import { redactResult } from './redact';
import { secretRedactor, type Redact } from '../../secrets/redact';
import {
  CHECK_OUTCOMES,
  type CheckDeps,
  type CheckItem,
  type CheckOutcome,
  type CheckProgress,
  type CheckRunEntry,
  type CheckRunOptions,
} from './check-types';

interface Account {
  key: string;
  name: string;
  limits: CheckItem['limits'];
  /** Item indexes waiting to be sent, in input order (a retry goes back to the front). */
  queue: number[];
  sent: number;
  failures: number;
  /** Why Keyward stopped sending to this account, once it has. */
  stopped?: string;
  /** Masks every secret of the account's tokens in this run, so one token's answer cannot show another's. */
  redact: Redact;
}

const isFailure = (v: ProbeVerdict) => v.outcome === 'rate_limited' || v.outcome === 'unreachable';

/** True when the account has used its tolerated failures and one more would take it past its error share. */
function wouldExceedBudget(a: Account): boolean {
  return a.failures >= a.limits.minFailuresToStop && (a.failures + 1) / (a.sent + 1) > a.limits.maxErrorShare;
}

function stopReason(a: Account): string {
  const share = Math.round(a.limits.maxErrorShare * 100);
  return `Not checked: Keyward stopped sending to this ${a.name} account after ${a.failures} of ${a.sent} requests failed (rate limits, server errors or network faults), to keep failed requests under ${share}%. Try again later.`;
}

/** A wait a 429 did not specify: one window slot, doubled per attempt. */
function fallbackWait(item: CheckItem, attempt: number): number {
  const w = item.limits.windows[0];
  const slot = w ? w.windowMs / w.limit : 1000;
  return Math.max(1000, slot) * 2 ** (attempt - 1);
}

/**
 * Checks tokens with one read-only GET each: per-account rate limits, bounded concurrency, 429 waits
 * honoured with bounded retries, an error budget per account, cancellation. Results come back in input
 * order; a token cancelled before its request was sent is marked 'cancelled'.
 */
export async function runChecks(
  items: CheckItem[],
  deps: CheckDeps,
  options: CheckRunOptions = {},
): Promise<CheckRunEntry[]> {
  const { signal, onProgress } = options;
  const limiter = deps.limiter ?? new RateLimiter(deps.clock, deps.sleep);
  const concurrency = Math.max(1, Math.floor(deps.concurrency));
  const entries: (CheckRunEntry | undefined)[] = new Array(items.length);
  const attempts = new Array<number>(items.length).fill(0);
  const lastVerdict: (ProbeVerdict | undefined)[] = new Array(items.length);
  const counts = Object.fromEntries(CHECK_OUTCOMES.map((o) => [o, 0])) as Record<CheckOutcome, number>;
  let done = 0;

  const inPlay = new Map<string, { secrets: Set<string>; publicParts: Set<string> }>();
  for (const item of items) {
    let p = inPlay.get(item.accountKey);
    if (!p) inPlay.set(item.accountKey, (p = { secrets: new Set(), publicParts: new Set() }));
    for (const s of [item.target.secret, ...(item.alsoRedact ?? [])]) p.secrets.add(s);
    for (const s of item.publicParts ?? []) p.publicParts.add(s);
  }
  const accounts = new Map<string, Account>();
  items.forEach((item, i) => {
    let a = accounts.get(item.accountKey);
    if (!a) {
      const p = inPlay.get(item.accountKey)!;
      const redact = secretRedactor([...p.secrets], { publicParts: [...p.publicParts] });
      accounts.set(
        item.accountKey,
        (a = {
          key: item.accountKey,
          name: item.providerName ?? item.provider,
          limits: item.limits,
          queue: [],
          sent: 0,
          failures: 0,
          redact,
        }),
      );
    }
    a.queue.push(i);
  });
  const order = [...accounts.values()];
  const redactorOf = (item: CheckItem): Redact => accounts.get(item.accountKey)!.redact;

  const finish = (i: number, verdict: ProbeVerdict) => {
    const item = items[i]!;
    const result = redactResult(
      { ...verdict, checkedAt: deps.clock.now().toISOString() } as CheckResult,
      redactorOf(item),
    );
    entries[i] = { tokenId: item.tokenId, status: 'checked', result, attempts: attempts[i]! };
    done += 1;
    counts[result.outcome] += 1;
    try {
      onProgress?.({
        done,
        total: items.length,
        counts: { ...counts },
        last: { tokenId: item.tokenId, result },
      } satisfies CheckProgress);
    } catch {
      // A listener's failure must not stop the run.
    }
  };

  const stopAccount = (a: Account) => {
    a.stopped ??= stopReason(a);
    for (const i of a.queue.splice(0)) finish(i, lastVerdict[i] ?? { outcome: 'unknown', detail: a.stopped });
  };

  const probe = async (i: number, a: Account): Promise<void> => {
    const item = items[i]!;
    attempts[i]! += 1;
    let verdict: ProbeVerdict;
    let request;
    try {
      request = item.spec.request(item.target);
    } catch (e) {
      // Our own messages (a malformed host or setting), never the secret.
      const why = e instanceof Error ? e.message : 'the request could not be built';
      limiter.settle(a.key, a.limits.windows, a.limits.marginMs);
      finish(i, { outcome: 'unknown', detail: `Not checked: ${why}` });
      return;
    }
    a.sent += 1;
    try {
      const res = await deps.http.request({
        method: 'GET',
        url: request.url,
        headers: { ...request.headers, 'User-Agent': deps.userAgent },
        timeoutMs: deps.timeoutMs,
        maxBodyBytes: deps.maxBodyBytes,
      });
      const { identifiers, kind, mode } = item.target;
      verdict = item.spec.classify(res, { now: deps.clock.now(), identifiers, kind, mode, redact: a.redact });
    } catch (e) {
      verdict = classifyFault(e, a.name);
    }
    limiter.settle(a.key, a.limits.windows, a.limits.marginMs);
    lastVerdict[i] = verdict;
    if (isFailure(verdict)) a.failures += 1;
    if (verdict.outcome === 'rate_limited') {
      const wait = verdict.retryAfterMs ?? fallbackWait(item, attempts[i]!);
      limiter.pause(a.key, deps.clock.now().getTime() + wait);
      const retry = attempts[i]! <= item.limits.maxRetries && wait <= item.limits.maxRetryWaitMs && !signal?.aborted;
      if (retry && !a.stopped) {
        a.queue.unshift(i);
        return;
      }
    }
    finish(i, verdict);
  };

  let inFlight = 0;
  let wake: () => void = () => {};
  let woken = new Promise<void>((r) => (wake = r));
  const nudge = () => {
    wake();
    woken = new Promise<void>((r) => (wake = r));
  };
  let turn = 0;

  for (;;) {
    if (signal?.aborted) break;
    for (const a of order) if (a.queue.length > 0 && !a.stopped && wouldExceedBudget(a)) stopAccount(a);
    const waiting = order.filter((a) => a.queue.length > 0);
    if (waiting.length === 0 && inFlight === 0) break;
    if (waiting.length === 0 || inFlight >= concurrency) {
      await woken;
      continue;
    }
    // Round robin over accounts that may send now, so one slow account never holds up the rest.
    let chosen: Account | undefined;
    let soonest = Infinity;
    for (let k = 0; k < waiting.length; k++) {
      const a = waiting[(turn + k) % waiting.length]!;
      const wait = limiter.wait(a.key, a.limits.windows, a.limits.marginMs);
      if (wait === 0) {
        chosen = a;
        turn = (turn + k + 1) % Math.max(1, waiting.length);
        break;
      }
      soonest = Math.min(soonest, wait);
    }
    if (chosen) {
      limiter.tryTake(chosen.key, chosen.limits.windows, chosen.limits.marginMs);
      const i = chosen.queue.shift()!;
      inFlight += 1;
      void probe(i, chosen).finally(() => {
        inFlight -= 1;
        nudge();
      });
      continue;
    }
    const stop = new AbortController();
    const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    await Promise.race([deps.sleep(soonest, both), woken]);
    stop.abort();
  }
  while (inFlight > 0) await woken;

  return items.map((item, i) => {
    const entry = entries[i];
    if (entry) return entry;
    const v = lastVerdict[i];
    if (v)
      return {
        tokenId: item.tokenId,
        status: 'checked',
        attempts: attempts[i]!,
        result: redactResult({ ...v, checkedAt: deps.clock.now().toISOString() } as CheckResult, redactorOf(item)),
      };
    return { tokenId: item.tokenId, status: 'cancelled' };
  });
}

/** One token, nothing saved: the quick check. Uses the same limiter as bulk runs when deps.limiter is set. */
export async function quickCheck(item: CheckItem, deps: CheckDeps, signal?: AbortSignal): Promise<CheckRunEntry> {
  const [entry] = await runChecks([item], deps, signal ? { signal } : {});
  return entry!;
}
