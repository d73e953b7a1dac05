import type { InventoryService } from '../core/inventory/inventory-service';
import type { Clock } from '../core/ports';
import type { StatusCheckService } from '../core/status/status-check-service';
import type { SecretCopier } from '../core/secrets/copy-secret';
import type { TransferService } from '../core/transfer/transfer-service';
import { readSupportMode, supportModeOn, switchSupportMode } from '../core/settings/support-mode';
import { readUiSettings } from '../core/settings/ui-settings';
import { rotateWithCheck } from '../core/status/rotation';
import { AppError } from '../core/errors';
import { accountOf } from '../core/secrets/accounts';
import { buildIcs, expiryTimeline, resolveExpirySettings, type ExpiryScheduler } from '../core/expiry';
import { allowedInStatusOnly, channelNames, type EventName, type EventPayload } from '../contract';
import { recognizeSecret } from '../core/recognition/recognize';
import { computeFindings, createIncrementalFindings, resolveFindingSettings } from '../core/rules';
import { createFindingsCache } from '../core/rules/findings-cache';
import { createInventoryQueries } from '../core/inventory/inventory-query';
import type { Catalog } from '../core/providers/catalog';
import type { Dispatch, Handlers } from './dispatch';
import { createReadHandlers } from './read-handlers';
import type { VaultDatabase } from '../core/vault/vault-database';

export interface HandlerContext {
  inventory: InventoryService;
  /** The vault's SQLite database, for the views' reads. */
  database: VaultDatabase;
  /** The dispatch these handlers end up behind (writeThenRead's inner calls go through it). */
  dispatch: Dispatch;
  clock: Clock;
  checks: StatusCheckService;
  scheduler: ExpiryScheduler;
  copier: SecretCopier;
  transfer: TransferService;
  /** Sends a main -> renderer event (Electron: webContents.send; test host: server-sent events). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  appInfo: { version: string; dataDir: string; host: 'electron' | 'test-host' };
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void;
}

export function createHandlers(context: HandlerContext): Handlers {
  const { inventory, clock, checks, scheduler, copier, transfer, emit, appInfo, forgetKeychainListing } = context;
  const findingsFor = createFindingsCache();
  // Judges again only what an edit or the passing time can change (the same answer as computeFindings).
  const incremental = createIncrementalFindings();
  // Its first answer costs about twice a plain computation (it records what to compare next time), and the
  // first screen waits for the first findings: those are computed plainly, the engine starts on the next.
  let judgedOnce = false;
  const judge: typeof incremental = (...args) => {
    if (judgedOnce) return incremental(...args);
    judgedOnce = true;
    return computeFindings(...args);
  };
  const answerInventory = createInventoryQueries();
  const expiryCalendar = async () => {
    const [vault, catalog] = await Promise.all([inventory.vault(), inventory.catalog()]);
    const now = clock.now();
    return {
      filename: `keyward-expiry-${now.toISOString().slice(0, 10)}.ics`,
      content: buildIcs(vault, catalog, resolveExpirySettings(vault.settings), now),
    };
  };
  const namesByCatalog = new WeakMap<Catalog, ReadonlyMap<string, string>>();
  const providerNames = (catalog: Catalog) => {
    let names = namesByCatalog.get(catalog);
    if (!names) namesByCatalog.set(catalog, (names = new Map(catalog.list().map((p) => [p.id, p.name]))));
    return names;
  };
  /** Findings for the current vault, computed once per revision, keychain content and minute. */
  const findings = async () => {
    const [vault, catalog, accounts] = await Promise.all([
      inventory.vault(),
      inventory.catalog(),
      inventory.secretAccounts(),
    ]);
    const now = clock.now();
    return findingsFor({ revision: vault.revision, accounts, now }, () =>
      judge(vault, resolveFindingSettings(vault.settings.findings), now, catalog, accounts),
    );
  };
  const handlers: Handlers = {
    ...createReadHandlers(context),
    getAppInfo: async () => appInfo,
    listProviders: async () => (await inventory.catalog()).list(),
    createClient: (input) => inventory.createClient(input),
    updateClient: (input) => inventory.updateClient(input),
    deleteClient: (input) => inventory.deleteClient(input),
    createStore: (input) => inventory.createStore(input),
    updateStore: (input) => inventory.updateStore(input),
    deleteStore: (input) => inventory.deleteStore(input),
    createToken: (input) => inventory.createToken(input),
    addToken: (input) => inventory.addToken(input),
    updateToken: (input) => inventory.updateToken(input),
    setTokenSecret: (input) => inventory.setTokenSecret(input),
    deleteToken: (input) => inventory.deleteToken(input),
    recognizeSecret: async ({ secret }) => recognizeSecret(await inventory.catalog(), secret, clock.now()),
    getFindings: async ({ rescanKeychain, storeIds, tokenId, severities, limit }) => {
      if (rescanKeychain) forgetKeychainListing?.();
      let list = await findings();
      if (storeIds || tokenId) {
        const stores = new Set(storeIds);
        list = list.filter(
          (f) =>
            (f.subject.storeId !== undefined && stores.has(f.subject.storeId)) ||
            (tokenId !== undefined && f.subject.tokenId === tokenId),
        );
      }
      if (severities) list = list.filter((f) => severities.includes(f.severity));
      return limit === undefined ? list : list.slice(0, limit);
    },
    getFindingCounts: async () => {
      const counts = { critical: 0, warning: 0, info: 0 };
      for (const f of await findings()) counts[f.severity] += 1;
      return counts;
    },
    deactivateTokens: (input) => inventory.deactivateTokens(input),
    queryInventory: async (query) => {
      const [vault, catalog, current] = await Promise.all([inventory.vault(), inventory.catalog(), findings()]);
      return answerInventory(vault, providerNames(catalog), current, query);
    },
    saveCustomProvider: ({ definition }) => inventory.saveCustomProvider(definition),
    deleteCustomProvider: (input) => inventory.deleteCustomProvider(input),
    checkTokens: ({ runId, selection }) =>
      checks.check(selection, runId, (p) =>
        emit('checkProgress', {
          runId,
          done: p.done,
          total: p.total,
          counts: p.counts,
          last: { tokenId: p.last.tokenId, outcome: p.last.result.outcome },
        }),
      ),
    cancelCheck: async ({ runId }) => ({ cancelled: checks.cancel(runId) }),
    quickCheck: (input) => checks.quick(input),
    expiryOverview: async ({ weeks }) => {
      const [vault, catalog, attention] = await Promise.all([
        inventory.vault(),
        inventory.catalog(),
        scheduler.attention(),
      ]);
      return {
        attention,
        timeline: expiryTimeline(vault, catalog, resolveExpirySettings(vault.settings), clock.now(), weeks ?? 13),
      };
    },
    expiryAttentionCount: async () => {
      const { count, quieted } = await scheduler.attention();
      return { count, quieted };
    },
    snoozeExpiryWarning: async ({ tokenId, length }) => ({ tokenId, snoozed: await scheduler.snooze(tokenId, length) }),
    acknowledgeExpiryWarning: async ({ tokenId }) => ({ tokenId, acknowledged: await scheduler.acknowledge(tokenId) }),
    exportExpiryCalendar: () => expiryCalendar(),
    saveExpiryCalendar: async () => {
      const { filename, content } = await expiryCalendar();
      return transfer.saveCalendar(filename, content);
    },
    getExpirySettings: async () => resolveExpirySettings((await inventory.vault()).settings),
    updateExpirySettings: async (input) => {
      const current = resolveExpirySettings((await inventory.vault()).settings);
      const next = {
        findings: input.findings ?? current.findings,
        expiry: { ...current.notifications, ...input.notifications },
      };
      const settings = await inventory.updateSettings(next, 'Changed expiry warning settings');
      await scheduler.settingsChanged();
      return resolveExpirySettings(settings);
    },
    getAuditLog: (input) =>
      inventory.auditLog(input.limit ?? 200, {
        ...(input.subjectId ? { subjectId: input.subjectId } : {}),
        ...(input.actionPrefix ? { actionPrefix: input.actionPrefix } : {}),
      }),
    copySecret: async ({ tokenId }) => {
      const vault = await inventory.vault();
      const token = vault.tokens.find((t) => t.id === tokenId);
      if (!token) throw new AppError('not_found', `No token with id ${tokenId}.`);
      const clearsInSeconds = readUiSettings(vault.settings).clipboardClearSeconds;
      await copier.copy(accountOf(token), clearsInSeconds);
      await inventory.recordEvent({
        action: 'token.copy',
        subject: { type: 'token', id: tokenId },
        summary: `Copied the secret of ${token.name} to the clipboard`,
      });
      return { tokenId, clearsInSeconds };
    },
    rotateToken: (input) => rotateWithCheck(inventory, checks, input),
    getSupportMode: async () => ({ enabled: supportModeOn((await inventory.vault()).settings) }),
    setSupportMode: async ({ enabled, passphrase }) => {
      const next = switchSupportMode(readSupportMode((await inventory.vault()).settings), enabled, passphrase);
      await inventory.updateSettings({ supportMode: next }, `Status-only mode turned ${enabled ? 'on' : 'off'}`);
      return { enabled: next.enabled };
    },
    importPreview: ({ format }) => transfer.previewImport(format),
    importApply: ({ planId, allOrNothing }) => transfer.applyImport(planId, allOrNothing),
    exportInventory: ({ format, clientId }) => transfer.exportInventory(format, clientId),
    clientReport: ({ clientId }) => transfer.clientReport(clientId),
    backupCreate: ({ passphrase }) => transfer.createBackup(passphrase),
    backupRestore: ({ passphrase, mode }) => transfer.restoreBackup(passphrase, mode),
    getUiSettings: async () => readUiSettings((await inventory.vault()).settings),
    updateUiSettings: async (input) => {
      const next = { ...readUiSettings((await inventory.vault()).settings), ...input };
      await inventory.updateSettings({ ui: next }, 'Changed app settings');
      return next;
    },
  };
  return guardSupportMode(handlers, inventory);
}

/** Status-only mode is enforced here, in main: the UI hiding a button is a courtesy, not the control. */
function guardSupportMode(handlers: Handlers, inventory: InventoryService): Handlers {
  const guarded = { ...handlers } as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of channelNames) {
    if (allowedInStatusOnly(name)) continue;
    const inner = guarded[name]!;
    guarded[name] = async (input) => {
      if (supportModeOn((await inventory.vault()).settings)) {
        throw new AppError(
          'forbidden',
          'Status-only mode is on: Keyward shows and checks tokens but adds, copies, rotates, edits and deletes nothing. Turn it off in Settings with its passphrase.',
        );
      }
      return inner(input);
    };
  }
  return guarded as Handlers;
}
