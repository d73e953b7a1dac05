import { ExpiryScheduler } from '../../../electron/core/features/expiry/expiry-scheduler';
import { SqliteWarningStore } from '../../../electron/core/features/expiry/sqlite-warning-store';
import { silentLogger } from '../../../electron/core/ports';
import { VaultDatabase } from '../../../electron/core/vault/vault-database';
import { type FakeWorld, type MemorySource, RecordingIndicator, RecordingNotifier } from './fakes';

/**
 * One app run: a scheduler over the shared world and vault, keeping its warning state in the data folder's
 * database (its own connection, as a new process has), with its own notifier and tray. `close` ends the run.
 */
export function startApp(world: FakeWorld, source: MemorySource, dir: string) {
  const notifier = new RecordingNotifier();
  const indicator = new RecordingIndicator();
  const database = new VaultDatabase(dir, world, silentLogger);
  const state = new SqliteWarningStore(database);
  const scheduler = new ExpiryScheduler({
    clock: world,
    timers: world,
    source,
    state,
    notifier,
    indicator,
    logger: silentLogger,
  });
  const advance = (ms: number) => world.advance(ms, () => scheduler.settled());
  const close = () => {
    scheduler.stop();
    database.close();
  };
  return { scheduler, notifier, indicator, advance, close, started: scheduler.start() };
}
