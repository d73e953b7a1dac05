import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateWindow } from '../../../electron/core/features/checks/rate-limiter';
import { fakeClock } from './helpers';

/** The most sends that fall in any half-open window [t, t + span) of the given times. */
function busiest(times: number[], span: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + span) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

const windowsArb = fc.array(
  fc.record({ limit: fc.integer({ min: 1, max: 12 }), windowMs: fc.integer({ min: 1, max: 5_000 }) }),
  { minLength: 1, maxLength: 3 },
);
const arrivalsArb = fc.array(
  fc.record({
    gapMs: fc.integer({ min: 0, max: 700 }),
    key: fc.integer({ min: 0, max: 2 }),
    burst: fc.integer({ min: 1, max: 6 }),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('RateLimiter', () => {
  it('never lets more than `limit` sends into any window of the published length (property, fake clock)', async () => {
    await fc.assert(
      fc.asyncProperty(
        windowsArb,
        arrivalsArb,
        fc.integer({ min: 0, max: 50 }),
        async (windows: RateWindow[], arrivals, marginMs) => {
          const c = fakeClock();
          const limiter = new RateLimiter(c.clock, c.sleep);
          const sent = new Map<number, number[]>();
          const waits: Promise<void>[] = [];
          for (const a of arrivals) {
            c.advance(a.gapMs);
            // Bursts acquire concurrently, like the runner's workers.
            for (let b = 0; b < a.burst; b++) {
              waits.push(
                limiter.acquire(`k${a.key}`, windows, marginMs).then((at) => {
                  expect(at).toBeTypeOf('number');
                  sent.set(a.key, [...(sent.get(a.key) ?? []), at!]);
                }),
              );
            }
            await Promise.resolve();
          }
          await Promise.all(waits);
          const total = [...sent.values()].reduce((n, t) => n + t.length, 0);
          expect(total).toBe(arrivals.reduce((n, a) => n + a.burst, 0));
          for (const times of sent.values()) {
            for (const w of windows) expect(busiest(times, w.windowMs + marginMs)).toBeLessThanOrEqual(w.limit);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends without waiting while under the limit, and no sooner than the window allows after', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter(c.clock, c.sleep);
    const start = c.now();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      times.push((await limiter.acquire('a', [{ limit: 3, windowMs: 1_000 }]))! - start);
    }
    expect(times).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('holds every request of a paused bucket until the pause ends, others unaffected', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter(c.clock, c.sleep);
    limiter.pause('a', c.now() + 5_000);
    expect(limiter.wait('a', [])).toBe(5_000);
    expect(limiter.wait('b', [])).toBe(0);
  });

  it('gives up waiting when the signal aborts', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter(c.clock, c.sleep);
    await limiter.acquire('a', [{ limit: 1, windowMs: 60_000 }]);
    const ctl = new AbortController();
    ctl.abort();
    expect(await limiter.acquire('a', [{ limit: 1, windowMs: 60_000 }], 0, ctl.signal)).toBeUndefined();
  });
});
