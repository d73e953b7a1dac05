import type { Clock, Logger, Notifier } from '../../ports';
import { silentLogger } from '../../ports';
import { type ExpiryCandidate, expiryCandidates, reachedThreshold } from './candidates';
import type {
  AttentionIndicator,
  ExpiryVaultSource,
  NotificationStateStore,
  TimerHandle,
  Timers,
} from './expiry-ports';
import { resolveExpirySettings } from './expiry-settings';
import { groupWarnings } from './messages';
import {
  markSent,
  type NotificationState,
  pruneState,
  setAcknowledged,
  setWoken,
  setSnooze,
} from './notification-state';
import { attentionSummary, type AttentionSummary, planWarnings } from './planner';

/**
 * Timers run on monotonic time and never see the wall clock jump, so the scheduler wakes at least this often and
 * compares wall-clock against monotonic elapsed time: a jump either way is caught within 10 minutes, for one cheap no-op wake.
 */
export const SANITY_INTERVAL_MS = 10 * 60_000;
/** Wall and monotonic time may disagree by this much before it counts as a clock jump (timer lateness, not a jump). */
export const JUMP_TOLERANCE_MS = 60_000;
/** setTimeout overflows past 2^31-1 ms (~24.8 days) and fires at once; every sleep stays far below. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface ExpirySchedulerDeps {
  clock: Clock;
  timers: Timers;
  source: ExpiryVaultSource;
  state: NotificationStateStore;
  notifier: Notifier;
  indicator?: AttentionIndicator;
  logger?: Logger;
}

export const SNOOZE_MS = { '1d': 86_400_000, '1w': 7 * 86_400_000 } as const;
export type SnoozeLength = keyof typeof SNOOZE_MS;

interface Armed {
  handle: TimerHandle;
  wallAt: number;
  monoAt: number;
  target: number | null;
}

/**
 * Sends expiry warnings when they fall due, also with the window closed: sleeps until the next threshold or snooze end,
 * and re-plans on vault or settings changes, on resume from sleep and on clock jumps. What was sent is persisted first,
 * so a crash can lose a warning's display but never repeat it.
 */
export class ExpiryScheduler {
  private state: NotificationState | null = null;
  private armed: Armed | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = false;
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private readonly logger: Logger;

  constructor(private readonly deps: ExpirySchedulerDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  /** Loads what was sent, sends what is due (missed warnings grouped) and starts listening for vault changes. */
  start(): Promise<void> {
    if (this.running) return this.settled();
    this.running = true;
    this.unsubscribe = this.deps.source.subscribe(() => this.background('vault changed'));
    return this.replan('start');
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.disarm();
  }

  /** Plans again now. Calls arriving while one is waiting to run share it. */
  replan(reason: string): Promise<void> {
    if (!this.running) return this.settled();
    if (this.pending) return this.settled();
    this.pending = true;
    return this.enqueue(async () => {
      this.pending = false;
      if (!this.running) return;
      try {
        await this.run(reason);
      } catch (err) {
        // Try again within the sanity interval rather than never again.
        this.arm(null, this.deps.clock.now().getTime());
        throw err;
      }
    });
  }

  /** A re-plan nobody awaits; its failure is logged by the queue. */
  private background(reason: string): void {
    this.replan(reason).catch(() => undefined);
  }

  /** The machine woke from sleep: timers may have slept through thresholds. */
  resume(): Promise<void> {
    return this.replan('resume');
  }

  settingsChanged(): Promise<void> {
    return this.replan('settings changed');
  }

  /** Holds this token's warnings back until `until` (expired still breaks through), then reminds once. False when it has none. */
  snooze(tokenIds: string | readonly string[], until: Date | SnoozeLength): Promise<number> {
    return this.act(tokenIds, (state, c, now) =>
      setSnooze(state, c.key, typeof until === 'string' ? new Date(now.getTime() + SNOOZE_MS[until]) : until),
    );
  }

  /** Quiet until the next, more urgent threshold. Counts the tokens that had a warning to acknowledge. */
  acknowledge(tokenIds: string | readonly string[]): Promise<number> {
    return this.act(tokenIds, (state, c, now) => {
      const reached = reachedThreshold(c, now);
      return reached === null ? null : setAcknowledged(state, c.key, reached, now);
    });
  }

  /** Ends the snooze or acknowledgement of these tokens' warnings. */
  unquiet(tokenIds: string | readonly string[]): Promise<number> {
    return this.act(tokenIds, (state, c) => setWoken(state, c.key));
  }

  /** The "Needs attention" list and the tray count, as of now. */
  attention(): Promise<AttentionSummary> {
    return this.enqueue(async () => {
      const { candidates, state } = await this.load();
      return attentionSummary(candidates, state, this.deps.clock.now());
    });
  }

  /** Resolves when every queued plan has run: tests await it instead of waiting in real time. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Applies `change` to each token's warning in one save; answers how many tokens it changed. */
  private act(
    tokenIds: string | readonly string[],
    change: (state: NotificationState, c: ExpiryCandidate, now: Date) => NotificationState | null,
  ): Promise<number> {
    const wanted = new Set(typeof tokenIds === 'string' ? [tokenIds] : tokenIds);
    return this.enqueue(async () => {
      const { candidates, state } = await this.load();
      const now = this.deps.clock.now();
      let next = state;
      let changed = 0;
      for (const candidate of candidates) {
        if (!wanted.has(candidate.token.id) || reachedThreshold(candidate, now) === null) continue;
        const after = change(next, candidate, now);
        if (!after) continue;
        next = after;
        changed++;
      }
      if (changed === 0) return 0;
      await this.deps.state.save(next);
      this.state = next;
      if (this.running) await this.run('snooze, acknowledge or wake');
      return changed;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch((err: unknown) =>
      this.logger.error('expiry scheduler failed', { error: err instanceof Error ? err.message : String(err) }),
    );
    return result;
  }

  private async load(): Promise<{ candidates: ExpiryCandidate[]; state: NotificationState }> {
    const { vault, catalog } = await this.deps.source.read();
    const candidates = expiryCandidates(vault, catalog, resolveExpirySettings(vault.settings));
    this.state ??= await this.deps.state.load();
    return { candidates, state: pruneState(this.state, new Set(vault.tokens.map((t) => t.id)), candidates) };
  }

  private async run(reason: string): Promise<void> {
    const now = this.deps.clock.now();
    const loaded = await this.load();
    let state = loaded.state;
    const plan = planWarnings(loaded.candidates, state, now);
    for (const w of plan.due) state = markSent(state, w.candidate.key, w.threshold, now);
    if (state !== this.state) {
      await this.deps.state.save(state);
      this.state = state;
    }
    const notices = groupWarnings(plan.due, now);
    for (const notice of notices) this.deps.notifier.notify(notice);
    this.deps.indicator?.show(attentionSummary(loaded.candidates, state, now).count);
    const nextAt = planWarnings(loaded.candidates, state, now).nextAt;
    if (notices.length)
      this.logger.info('expiry warnings sent', { reason, warnings: plan.due.length, notifications: notices.length });
    this.arm(nextAt ? nextAt.getTime() : null, now.getTime());
  }

  private arm(target: number | null, wallNow: number): void {
    this.disarm();
    if (!this.running) return;
    const delay = Math.min(
      target === null ? Infinity : Math.max(0, target - wallNow),
      SANITY_INTERVAL_MS,
      MAX_TIMER_MS,
    );
    const armed: Armed = { handle: null, wallAt: wallNow, monoAt: this.deps.timers.monotonicNow(), target };
    armed.handle = this.deps.timers.set(() => this.wake(armed), delay);
    this.armed = armed;
  }

  private disarm(): void {
    if (this.armed) this.deps.timers.clear(this.armed.handle);
    this.armed = null;
  }

  private wake(armed: Armed): void {
    if (this.armed !== armed) return;
    this.armed = null;
    const wallNow = this.deps.clock.now().getTime();
    const expected = armed.wallAt + (this.deps.timers.monotonicNow() - armed.monoAt);
    const jump = wallNow - expected;
    if (Math.abs(jump) > JUMP_TOLERANCE_MS) {
      this.logger.warn('system clock jumped; re-planning', { jumpMs: Math.round(jump) });
      this.background('clock jump');
    } else if (armed.target !== null && wallNow >= armed.target) {
      this.background('due');
    } else {
      this.arm(armed.target, wallNow);
    }
  }
}
