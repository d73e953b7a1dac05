import type { StoreProfile, Token } from '../../../electron/contract';
import type {
  AttentionIndicator,
  ExpiryVaultSource,
  TimerHandle,
  Timers,
} from '../../../electron/core/features/expiry/expiry-ports';
import type { ExpiryNotice } from '../../../electron/core/features/expiry/messages';
import type { Clock, Notifier } from '../../../electron/core/ports';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { NOW } from '../rules/builders';

/** Wall clock, monotonic clock and timers under the test's control: no real waiting. */
export class FakeWorld implements Clock, Timers {
  wall = NOW.getTime();
  mono = 1_000;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  /** Every delay the code asked for, to prove it never overflows setTimeout. */
  readonly delays: number[] = [];

  now(): Date {
    return new Date(this.wall);
  }
  monotonicNow(): number {
    return this.mono;
  }
  set(callback: () => void, ms: number): TimerHandle {
    this.delays.push(ms);
    const id = this.nextId++;
    this.timers.set(id, { at: this.mono + ms, callback });
    return id;
  }
  clear(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }
  pending(): number {
    return this.timers.size;
  }

  /** Real time passes: both clocks move, and each timer fires at its moment; `settle` lets async work finish between. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      const [id, t] = next;
      this.wall += t.at - this.mono;
      this.mono = t.at;
      this.timers.delete(id);
      t.callback();
      await settle();
    }
    this.wall += end - this.mono;
    this.mono = end;
    await settle();
  }

  /** The user (or NTP) sets the wall clock: monotonic time does not move. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }
}

/** Records what reached the Notifier port; the scheduler hands it ExpiryNotice objects (a superset of the port's shape). */
export class RecordingNotifier implements Notifier {
  readonly sent: ExpiryNotice[] = [];
  notify(notice: Parameters<Notifier['notify']>[0]): void {
    this.sent.push(notice as ExpiryNotice);
  }
}

export class RecordingIndicator implements AttentionIndicator {
  readonly counts: number[] = [];
  show(count: number): void {
    this.counts.push(count);
  }
  get last(): number | undefined {
    return this.counts.at(-1);
  }
}

/** An in-memory vault the test edits; `change()` tells subscribers, as Session.onCommit does. */
export class MemorySource implements ExpiryVaultSource {
  stores: StoreProfile[] = [];
  tokens: Token[] = [];
  settings: Record<string, unknown> = {};
  private listeners = new Set<() => void>();
  read() {
    return Promise.resolve({
      vault: { stores: this.stores, tokens: this.tokens, settings: this.settings },
      catalog: createCatalog(),
    });
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  change(): void {
    for (const l of this.listeners) l();
  }
}
