import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Logger } from '../ports';
import { writeFileAtomic } from '../vault/atomic-file';
import type { NotificationStateStore } from './expiry-ports';
import { emptyNotificationState, NotificationState } from './notification-state';

export const NOTIFICATIONS_FILE = 'notifications.json';

/** notifications.json in the data folder, written atomically. An unreadable file is moved aside and Keyward starts fresh. */
export class FileNotificationStateStore implements NotificationStateStore {
  readonly location: string;

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.location = join(dir, NOTIFICATIONS_FILE);
  }

  async load(): Promise<NotificationState> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyNotificationState();
      throw err;
    }
    try {
      return NotificationState.parse(JSON.parse(text));
    } catch {
      // Starting fresh may repeat one warning per token; that beats never warning again.
      const to = join(this.dir, `notifications.unreadable-${this.clock.now().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(this.location, to);
      this.logger.warn('notification state unreadable; moved aside', { movedTo: to });
      return emptyNotificationState();
    }
  }

  async save(state: NotificationState): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.location, `${JSON.stringify(NotificationState.parse(state), null, 1)}\n`);
  }
}

/** For the test host and tests: state that lives as long as the process. */
export class MemoryNotificationStateStore implements NotificationStateStore {
  private state = emptyNotificationState();
  load(): Promise<NotificationState> {
    return Promise.resolve(structuredClone(this.state));
  }
  save(state: NotificationState): Promise<void> {
    this.state = structuredClone(state);
    return Promise.resolve();
  }
}
