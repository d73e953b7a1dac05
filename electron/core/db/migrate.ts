import { AppError } from '../errors';
import type { Database } from './sqlite';
import initial from './migrations/0001-initial';

/** The schema, in order: migration N brings user_version from N-1 to N. Never edit a shipped one; add the next. */
export const MIGRATIONS: readonly string[] = [initial];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Refuses a database from a newer Keyward (vault_unavailable); reads only. */
export function refuseNewer(db: Database, location: string): void {
  const version = db.userVersion;
  if (version > SCHEMA_VERSION) {
    throw new AppError(
      'vault_unavailable',
      `The database ${location} has schema ${version}, newer than this Keyward's ${SCHEMA_VERSION}; Keyward opened nothing and left it untouched. To go on, update Keyward.`,
    );
  }
}

/**
 * Brings the database to SCHEMA_VERSION, each step in its own transaction with its version bump. A database
 * from a newer Keyward is refused, untouched.
 */
export function migrateDatabase(db: Database, location: string): { from: number; to: number } {
  refuseNewer(db, location);
  const from = db.userVersion;
  for (let version = from + 1; version <= SCHEMA_VERSION; version++) {
    db.writeSync(() => {
      db.exec(MIGRATIONS[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
    });
  }
  return { from, to: SCHEMA_VERSION };
}
