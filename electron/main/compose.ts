import { EMPTY_INVENTORY_FILTERS, VAULT_TOPICS, type EventName, type EventPayload } from '../contract';
import { SqliteAuditLog } from '../core/audit/sqlite-audit-log';
import { removeStaleTempFiles } from '../core/files/stale-temp';
import {
  ExpiryScheduler,
  inventorySource,
  SqliteWarningStore,
  systemTimers,
  type AttentionIndicator,
} from '../core/expiry';
import { InventoryService } from '../core/inventory/inventory-service';
import type { Clipboard, Clock, FileDialogs, HttpClient, Logger, Notifier, SecretStore } from '../core/ports';
import { TransferService } from '../core/transfer/transfer-service';
import { MemoryClipboard, SecretCopier } from '../core/secrets/copy-secret';
import { StatusCheckService } from '../core/status/status-check-service';
import { SqliteVaultRepository } from '../core/vault/sqlite-vault-repository';
import { VaultDatabase } from '../core/vault/vault-database';
import { CachedAccountsSecretStore } from '../core/secrets/cached-accounts';
import { FileSecretIntents } from '../core/secrets/secret-intents';
import { createUndiciHttpClient } from './adapters/undici-http-client';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';

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
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Composed {
  dispatch: Dispatch;
  inventory: InventoryService;
  checks: StatusCheckService;
  /** Expiry warnings; the caller starts it (the app and test host do, the CLI does not). */
  scheduler: ExpiryScheduler;
  /** Main -> renderer events (vault changes, check progress) for the transport to forward. */
  onEvent(listener: EventListener): () => void;
  /** Sends a main -> renderer event (notification clicks and the tray use it). */
  emit: EventListener;
  /**
   * Reads the vault and prepares findings and the inventory index while the window is still loading, so the
   * first inventory page is answered from memory. Failures are left for the first real call to report.
   */
  warmUp(): Promise<void>;
  /** Settles what crashed actions left in the keychain and namespaces old entries (warmUp runs it; the CLI calls it). */
  recover(): Promise<void>;
  /** Closes the database (the test host and tests between runs; a process that exits needs nothing). */
  close(): void;
}

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
  const inventory = new InventoryService({
    repo: new SqliteVaultRepository(database),
    secrets,
    intents: new FileSecretIntents(options.dataDir),
    audit: new SqliteAuditLog(database),
    clock: options.clock,
    logger: options.logger,
    actor: options.actor,
  });
  inventory.onChange((revision) => emit('vaultChanged', { revision, topics: [...VAULT_TOPICS] }));
  const checks = new StatusCheckService({
    inventory,
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
    source: inventorySource(inventory),
    state: new SqliteWarningStore(database),
    notifier: options.notifier ?? { notify: () => {} },
    ...(options.indicator ? { indicator: options.indicator } : {}),
    logger: options.logger,
  });
  // writeThenRead's inner calls go through the dispatch built from these handlers.
  let dispatch: Dispatch = () => Promise.reject(new Error('dispatch is not ready'));
  const handlers = createHandlers({
    inventory,
    database,
    dispatch: (channel, raw) => dispatch(channel, raw),
    clock: options.clock,
    checks,
    scheduler,
    forgetKeychainListing: () => secrets.forget(),
    copier: new SecretCopier(secrets, options.clipboard ?? new MemoryClipboard()),
    transfer: new TransferService({
      inventory,
      secrets,
      clock: options.clock,
      dataDir: options.dataDir,
      dialogs: options.dialogs ?? { open: async () => null, save: async () => null },
    }),
    emit,
    appInfo: { version: options.version, dataDir: options.dataDir, host: options.host },
  });
  dispatch = createDispatch(handlers, options.logger);
  /** Settles what crashed processes left: temp files, and keychain entries in flight (a locked keychain waits for the next start). */
  const recover = async () => {
    await removeStaleTempFiles(options.dataDir, options.logger);
    const done = await inventory.recoverSecrets().catch((err: unknown) => {
      options.logger.warn('keychain recovery postponed', { error: err instanceof Error ? err.message : 'unknown' });
      return null;
    });
    if (done && (done.settled || done.adopted)) options.logger.info('keychain recovered', done);
  };
  return {
    dispatch,
    recover,
    close: () => database.close(),
    async warmUp() {
      await recover();
      await dispatch('queryInventory', { filters: EMPTY_INVENTORY_FILTERS, sort: 'name', offset: 0, limit: 0 });
    },
    inventory,
    checks,
    scheduler,
    emit,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
