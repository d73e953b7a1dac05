import type { VaultDatabase } from '../../vault/vault-database';
import type { NotificationStateStore } from './expiry-ports';
import { NotificationState, type TokenNotificationState } from './notification-state';

/**
 * Sent, snoozed and acknowledged expiry warnings in the expiry_warnings table. A save writes only the
 * entries whose object changed since the state this store last read or wrote (the state functions replace
 * an entry, never edit it).
 */
export class SqliteWarningStore implements NotificationStateStore {
  private last: NotificationState | null = null;

  constructor(private readonly database: VaultDatabase) {}

  async load(): Promise<NotificationState> {
    const db = await this.database.open();
    const tokens: Record<string, TokenNotificationState> = {};
    for (const row of db.prepare('SELECT key, doc FROM expiry_warnings').iterate<{ key: string; doc: string }>())
      tokens[row.key] = JSON.parse(row.doc) as TokenNotificationState;
    this.last = { version: 1, tokens };
    return this.last;
  }

  async save(state: NotificationState): Promise<void> {
    const valid = NotificationState.parse(state);
    const db = await this.database.open();
    const before = this.last?.tokens ?? null;
    await db.write(() => {
      if (!before) db.prepare('DELETE FROM expiry_warnings').run();
      const upsert = db.prepare(
        'INSERT INTO expiry_warnings (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc',
      );
      for (const [key, entry] of Object.entries(state.tokens))
        if (!before || before[key] !== entry) upsert.run(key, JSON.stringify(valid.tokens[key]));
      if (before)
        for (const key of Object.keys(before))
          if (!(key in state.tokens)) db.prepare('DELETE FROM expiry_warnings WHERE key = ?').run(key);
    });
    this.last = state;
  }
}
