import type { Catalog } from '../../providers/catalog';
import type { VaultData } from '../../vault/vault-data';
import type { NotificationState } from './notification-state';

export type TimerHandle = unknown;

/** setTimeout and a monotonic clock: real ones in main, fakes in tests. Monotonic time does not jump with the wall clock. */
export interface Timers {
  set(callback: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
  /** Milliseconds from an arbitrary origin that only moves forward (performance.now). */
  monotonicNow(): number;
}

export const systemTimers: Timers = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending warning must not keep a test host or CLI alive.
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  monotonicNow: () => performance.now(),
};

/** The tray badge, or anything else that shows how many tokens need attention. */
export interface AttentionIndicator {
  show(count: number): void;
}

/** Where sent, snoozed and acknowledged warnings are kept between runs. */
export interface NotificationStateStore {
  load(): Promise<NotificationState>;
  save(state: NotificationState): Promise<void>;
}

/** The vault as the scheduler sees it; `subscribe` calls back on every change (vault or settings) and returns an unsubscribe. */
export interface ExpiryVaultSource {
  read(): Promise<{ vault: Readonly<Pick<VaultData, 'stores' | 'tokens' | 'settings'>>; catalog: Catalog }>;
  subscribe(listener: () => void): () => void;
}
