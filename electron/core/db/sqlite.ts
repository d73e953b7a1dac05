import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, fsyncSync, openSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { AppError } from '../errors';

/** The one module that knows the SQLite driver (node:sqlite): swapping to better-sqlite3 changes this file only. */
export type SqlValue = SQLInputValue;
export type Row = Record<string, SqlValue>;

export interface Statement {
  run(...params: SqlValue[]): { changes: number };
  get<T = Row>(...params: SqlValue[]): T | undefined;
  all<T = Row>(...params: SqlValue[]): T[];
  /** Rows one at a time: a listing never holds the whole table. */
  iterate<T = Row>(...params: SqlValue[]): IterableIterator<T>;
}

/** How long a writer waits for another process's transaction before SQLITE_BUSY (the app and the CLI share the file). */
export const BUSY_TIMEOUT_MS = 5_000;
const SQLITE_BUSY = 5;

const wrap = (statement: StatementSync): Statement => ({
  run: (...params) => ({ changes: Number(statement.run(...params).changes) }),
  get: <T>(...params: SqlValue[]) => statement.get(...params) as T | undefined,
  all: <T>(...params: SqlValue[]) => statement.all(...params) as T[],
  iterate: <T>(...params: SqlValue[]) => statement.iterate(...params) as IterableIterator<T>,
});

/**
 * One connection: WAL (readers never wait for the writer), foreign keys, a busy timeout, NORMAL sync (a
 * commit survives a killed process; only a power cut may drop the last ones). Writes are serialised in this
 * process and take SQLite's write lock up front (BEGIN IMMEDIATE), so two processes never deadlock.
 */
export class Database {
  private readonly statements = new Map<string, Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inWrite = new AsyncLocalStorage<true>();

  private constructor(private readonly db: DatabaseSync) {}

  /**
   * `asIs`: change nothing of the file (no switch to WAL, no mode), to look at it before using it.
   * `scratch`: a database being built aside that nothing else opens until it is complete (an import): no
   * journal and no syncs while it fills; `finishScratch` then makes it a WAL database and flushes it to disk.
   */
  static open(path: string, options: { readOnly?: boolean; asIs?: boolean; scratch?: boolean } = {}): Database {
    const db = new DatabaseSync(path, {
      readOnly: options.readOnly ?? false,
      enableForeignKeyConstraints: true,
      timeout: BUSY_TIMEOUT_MS,
    });
    if (options.asIs || options.readOnly) return new Database(db);
    if (options.scratch) {
      db.exec('PRAGMA journal_mode = OFF');
      db.exec('PRAGMA synchronous = OFF');
    } else {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
    }
    if (path !== ':memory:') chmodSync(path, 0o600);
    return new Database(db);
  }

  /** Ends a scratch database: WAL from now on, closed, and its file on disk (fsync) before anyone renames it. */
  finishScratch(path: string): void {
    this.db.exec('PRAGMA journal_mode = WAL');
    this.close();
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = wrap(this.db.prepare(sql))));
    return statement;
  }

  /** Changes whenever another connection commits: the cheap way to know a cached reading is stale. */
  dataVersion(): number {
    return Number((this.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  get userVersion(): number {
    return Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  }

  /**
   * Runs `work` in one write transaction (committed when it resolves, rolled back when it throws). Writes
   * from this process wait their turn; a write started inside `work` joins it.
   */
  write<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.inWrite.getStore()) return Promise.resolve().then(work);
    const run = () =>
      this.inWrite.run(true, async () => {
        this.begin();
        try {
          const result = await work();
          this.db.exec('COMMIT');
          return result;
        } catch (err) {
          if (this.db.isTransaction) this.db.exec('ROLLBACK');
          throw err;
        }
      });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `work` once this process's writes queued so far have ended: a read never sees a transaction that is
   * still open (and may yet roll back). Inside a write it runs at once.
   */
  read<T>(work: () => T): Promise<T> {
    if (this.inWrite.getStore()) return Promise.resolve().then(work);
    return this.queue.then(work);
  }

  /** A synchronous write transaction, for work that never awaits (migrations, imports). */
  writeSync<T>(work: () => T): T {
    this.begin();
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Takes the write lock, waiting up to BUSY_TIMEOUT_MS for another process's transaction to end. */
  private begin(): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if ((err as { errcode?: number }).errcode === SQLITE_BUSY) {
        throw new AppError(
          'vault_locked',
          `Another Keyward process kept the vault busy for ${BUSY_TIMEOUT_MS / 1000} s; nothing was changed. Try again in a moment.`,
        );
      }
      throw err;
    }
  }

  get isOpen(): boolean {
    return this.db.isOpen;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
