import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../src/lib/coalesce';

describe('coalesced: a burst of calls costs two runs, and every caller waits for the last', () => {
  it('runs once more after the run in flight, however many calls came during it', async () => {
    const started: number[] = [];
    let release: () => void = () => {};
    const run = coalesced(async () => {
      started.push(started.length + 1);
      await new Promise<void>((resolve) => (release = resolve));
    });
    const first = run();
    const burst = [run(), run(), run()];
    let settled = false;
    void Promise.all([first, ...burst]).then(() => (settled = true));
    expect(started).toEqual([1]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    // The second run began for the whole burst; nobody is done until it ends.
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(false);
    release();
    await Promise.all([first, ...burst]);
    expect(started).toEqual([1, 2]);
    // Idle again: the next call starts a run of its own.
    const later = run();
    expect(started).toEqual([1, 2, 3]);
    release();
    await later;
  });
});
