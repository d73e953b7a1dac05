import { AppError } from '../errors';
import { Database } from './sqlite';
import initial from './migrations/0001-initial';
import storedFindings from './migrations/0002-stored-findings';

/** The schema, in order: migration N brings user_version from N-1 to N. Never edit a shipped one; add the next. */
export const MIGRATIONS: readonly string[] = [initial, storedFindings];
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

const couldNotOpen = (location: string, err: unknown): AppError =>
  new AppError(
    'vault_unavailable',
    `The database ${location} could not be opened (${err instanceof Error ? err.message.slice(0, 200) : String(err)}); Keyward left it untouched. To go on, restore a backup or move the file aside, then try again.`,
  );

/**
 * Opens an existing database and brings it to SCHEMA_VERSION. It is looked at as it is first: one from a
 * newer Keyward is refused before the open that sets WAL and the file's mode could change a byte of it.
 */
export function openDatabase(location: string): Database {
  let db: Database;
  try {
    const peek = Database.open(location, { asIs: true });
    try {
      refuseNewer(peek, location);
    } finally {
      peek.close();
    }
    db = Database.open(location);
  } catch (err) {
    throw err instanceof AppError ? err : couldNotOpen(location, err);
  }
  try {
    migrateDatabase(db, location);
  } catch (err) {
    db.close();
    throw err instanceof AppError ? err : couldNotOpen(location, err);
  }
  return db;
}
