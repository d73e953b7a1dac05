import { ExpiryScheduler } from '../../../electron/core/expiry/expiry-scheduler';
import type { NotificationStateStore } from '../../../electron/core/expiry/expiry-ports';
import { FileNotificationStateStore } from '../../../electron/core/expiry/notification-state-file';
import { silentLogger } from '../../../electron/core/ports';
import { type FakeWorld, type MemorySource, RecordingIndicator, RecordingNotifier } from './fakes';

/** One app run: a scheduler over the shared world, vault and data folder, with its own notifier and tray. */
export function startApp(world: FakeWorld, source: MemorySource, dir: string) {
  const notifier = new RecordingNotifier();
  const indicator = new RecordingIndicator();
  const state: NotificationStateStore = new FileNotificationStateStore(dir, world, silentLogger);
  const scheduler = new ExpiryScheduler({ clock: world, timers: world, source, state, notifier, indicator, logger: silentLogger });
  const advance = (ms: number) => world.advance(ms, () => scheduler.settled());
  return { scheduler, notifier, indicator, advance, started: scheduler.start() };
}
