import { EMPTY_INVENTORY_FILTERS, type EventName, type EventPayload } from '../contract';
import { SqliteAuditLog } from '../core/audit/sqlite-audit-log';
import { removeStaleTempFiles } from '../core/files/stale-temp';
import {
  ExpiryScheduler,
  inventorySource,
  SqliteWarningStore,
  systemTimers,
  type AttentionIndicator,
} from '../core/features/expiry';
import { openFeatures, type Features } from '../core/features';
import { VaultStatus } from '../core/session/vault-status';
import { Session } from '../core/session/session';
import type { Clipboard, Clock, FileDialogs, HttpClient, Logger, Notifier, SecretStore } from '../core/ports';
import { TransferService } from '../core/features/transfer/transfer-service';
import { MemoryClipboard, SecretCopier } from '../core/secrets/copy-secret';
import { StatusCheckService } from '../core/features/checks/status-check-service';
import { SqliteVaultRepository } from '../core/vault/sqlite-vault-repository';
import { VaultDatabase } from '../core/vault/vault-database';
import { thawed } from '../core/vault/plain-data';
import { CachedAccountsSecretStore } from '../core/secrets/cached-accounts';
import { FileSecretIntents } from '../core/secrets/secret-intents';
import { createUndiciHttpClient } from './adapters/undici-http-client';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { recordFindings } from '../core/features/findings/scoped-findings';
import { StoredInventory } from '../core/features/findings/stored-inventory';

export interface ComposeOptions {
  dataDir: string;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  actor: string;
  version: string;
  host: 'electron' | 'test-host';
  /** Defaults to undici; tests may pass their own. */
  http?: HttpClient;
  /** Where KEYWARD_BASE_URL_<PROVIDER> overrides come from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Where expiry warnings go (Electron: OS notifications); nowhere by default. */
  notifier?: Notifier;
  /** The tray's count of tokens needing attention. */
  indicator?: AttentionIndicator;
  /** The OS clipboard (Electron); an in-memory one elsewhere. */
  clipboard?: Clipboard;
  /** Open/save dialogs for import, export and backup; without them those channels answer "cancelled". */
  dialogs?: FileDialogs;
  /** Shows a folder in the OS file manager (Electron); without it openDataFolder answers "not opened". */
  openFolder?: (path: string) => Promise<boolean>;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Composed {
  dispatch: Dispatch;
  /** The vault for this process: read, transaction, audit, commits. */
  session: Session;
  /** Every feature's commands over the session. */
  features: Features;
  checks: StatusCheckService;
  /** Expiry warnings; the caller starts it (the app and test host do, the CLI does not). */
  scheduler: ExpiryScheduler;
  /** Main -> renderer events (vault changes, check progress) for the transport to forward. */
  onEvent(listener: EventListener): () => void;
  /** Sends a main -> renderer event (notification clicks and the tray use it). */
  emit: EventListener;
  /**
   * Opens the database and answers a first inventory page by SQL while the window is still loading; the rest
   * (keychain recovery, reading the whole vault, findings recomputed with the current time and keychain) waits
   * for the window's own first page, then runs in the background. Failures are left for the first real call.
   */
  warmUp(): Promise<void>;
  /** The background work warmUp started, settled (tests and benchmarks wait for it). */
  settled(): Promise<void>;
  /** Settles what crashed actions left in the keychain and namespaces old entries (warmUp runs it; the CLI calls it). */
  recover(): Promise<void>;
  /** Closes the database (the test host and tests between runs; a process that exits needs nothing). */
  close(): void;
}

/** How long the background work after warmUp waits for the window's first page at most. */
const BACKGROUND_AFTER_MS = 2_000;

/** Builds adapters -> services -> handlers -> dispatch. Electron-free, so the test host and CLI run the same graph. */
export function compose(options: ComposeOptions): Composed {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  // Every part shares one keychain adapter whose listing is cached (findings read it per inventory query).
  const secrets = new CachedAccountsSecretStore(options.secrets, options.clock);
  // One SQLite connection per process, opened on first use (importing a JSON vault found there, once).
  const database = new VaultDatabase(options.dataDir, options.clock, options.logger);
  const repo = new SqliteVaultRepository(database);
  const audit = new SqliteAuditLog(database);
  const session = new Session({
    repo,
    derive: ({ base, draft, catalog, now }) => recordFindings(repo, thawed(base), thawed(draft), catalog, now),
    secrets,
    intents: new FileSecretIntents(options.dataDir),
    audit,
    clock: options.clock,
    logger: options.logger,
    actor: options.actor,
  });
  const status = new VaultStatus(session, secrets);
  const features = openFeatures(session);
  session.onCommit(({ revision, topics }) => emit('vaultChanged', { revision, topics }));
  const checks = new StatusCheckService({
    session,
    record: (results, summary) => features.checks.record(results, summary),
    secrets,
    http: options.http ?? createUndiciHttpClient(),
    clock: options.clock,
    logger: options.logger,
    userAgent: `Keyward/${options.version}`,
    env: options.env ?? process.env,
  });
  const scheduler = new ExpiryScheduler({
    clock: options.clock,
    timers: systemTimers,
    source: inventorySource(session),
    state: new SqliteWarningStore(database),
    notifier: options.notifier ?? { notify: () => {} },
    ...(options.indicator ? { indicator: options.indicator } : {}),
    logger: options.logger,
  });
  const stored = new StoredInventory({
    database,
    source: {
      vault: async () => thawed(await session.vault()),
      catalog: () => session.catalog(),
      secretAccounts: () => features.secrets.accounts(),
    },
    clock: options.clock,
    logger: options.logger,
    changed: (revision, topics) => emit('vaultChanged', { revision, topics }),
  });
  session.onCommit(() => void stored.rescheduled().catch(() => undefined));
  // writeThenRead's inner calls go through the dispatch built from these handlers.
  let dispatch: Dispatch = () => Promise.reject(new Error('dispatch is not ready'));
  const handlers = createHandlers({
    session,
    features,
    status,
    database,
    dispatch: (channel, raw) => dispatch(channel, raw),
    stored,
    checks,
    scheduler,
    forgetKeychainListing: () => secrets.forget(),
    copier: new SecretCopier(secrets, options.clipboard ?? new MemoryClipboard()),
    transfer: new TransferService({
      session,
      apply: features.transfer,
      secrets,
      audit,
      clock: options.clock,
      dataDir: options.dataDir,
      dialogs: options.dialogs ?? { open: async () => null, save: async () => null },
    }),
    emit,
    appInfo: { version: options.version, dataDir: options.dataDir, host: options.host },
    ...(options.openFolder ? { openFolder: options.openFolder } : {}),
  });
  const dispatched = createDispatch(handlers, options.logger);
  // The background work starts once the window's first page is answered (or after BACKGROUND_AFTER_MS).
  let firstPageAnswered: () => void = () => {};
  const firstPage = new Promise<void>((resolve) => (firstPageAnswered = resolve));
  dispatch = async (channel, raw) => {
    const answer = await dispatched(channel, raw);
    if (channel === 'queryInventory') firstPageAnswered();
    return answer;
  };
  /** Settles what crashed processes left: temp files, and keychain entries in flight (a locked keychain waits for the next start). */
  const recover = async () => {
    await removeStaleTempFiles(options.dataDir, options.logger);
    const done = await features.secrets.recover().catch((err: unknown) => {
      options.logger.warn('keychain recovery postponed', { error: err instanceof Error ? err.message : 'unknown' });
      return null;
    });
    if (done && (done.settled || done.adopted)) options.logger.info('keychain recovered', done);
  };
  let background: Promise<void> = Promise.resolve();
  return {
    dispatch,
    recover,
    close: () => {
      stored.stop();
      database.close();
    },
    session,
    features,
    async warmUp() {
      stored.refreshInBackground();
      await removeStaleTempFiles(options.dataDir, options.logger);
      // The page the window asks first (the default sort, with its filter menus): its statements and code are ready.
      await dispatched('queryInventory', {
        filters: EMPTY_INVENTORY_FILTERS,
        sort: 'name',
        offset: 0,
        limit: 50,
        withFacets: true,
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, BACKGROUND_AFTER_MS)));
      background = Promise.race([firstPage, waited])
        // A turn of the event loop first: the window's answer leaves before the vault is read.
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(async () => {
          clearTimeout(timer);
          await recover();
          await stored.refresh();
        })
        .catch((err: unknown) =>
          options.logger.warn('findings refresh failed', { error: err instanceof Error ? err.message : 'unknown' }),
        );
    },
    settled: () => background,
    checks,
    scheduler,
    emit,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
