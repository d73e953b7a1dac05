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
import type { StoredInventory } from '../core/features/findings/stored-inventory';
import type { Handlers } from './dispatch';

export interface HandlerContext {
  inventory: InventoryService;
  clock: Clock;
  checks: StatusCheckService;
  scheduler: ExpiryScheduler;
  copier: SecretCopier;
  transfer: TransferService;
  /** The inventory, findings and counts answered by SQL. */
  stored: StoredInventory;
  /** Sends a main -> renderer event (Electron: webContents.send; test host: server-sent events). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  appInfo: { version: string; dataDir: string; host: 'electron' | 'test-host' };
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void;
}

export function createHandlers({
  inventory,
  clock,
  checks,
  scheduler,
  copier,
  transfer,
  stored,
  emit,
  appInfo,
  forgetKeychainListing,
}: HandlerContext): Handlers {
  const expiryCalendar = async () => {
    const [vault, catalog] = await Promise.all([inventory.vault(), inventory.catalog()]);
    const now = clock.now();
    return {
      filename: `keyward-expiry-${now.toISOString().slice(0, 10)}.ics`,
      content: buildIcs(vault, catalog, resolveExpirySettings(vault.settings), now),
    };
  };
  const handlers: Handlers = {
    getAppInfo: async () => appInfo,
    getVault: () => inventory.snapshot(),
    getVaultChanges: ({ since, readId }) => inventory.snapshotChangesSince(since, readId),
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
      return stored.findings({ rescanKeychain, storeIds, tokenId, severities, limit });
    },
    getFindingCounts: () => stored.counts(),
    deactivateTokens: (input) => inventory.deactivateTokens(input),
    getTokenHistory: async ({ id }) => {
      const token = (await inventory.vault()).tokens.find((t) => t.id === id);
      if (!token) throw new AppError('not_found', 'No token with this id: it may have been deleted.');
      const history = [...token.checkHistory].sort((a, b) =>
        a.checkedAt < b.checkedAt ? 1 : a.checkedAt > b.checkedAt ? -1 : 0,
      );
      return { id, history };
    },
    queryInventory: (query) => stored.queryInventory(query),
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
