import { allowedInStatusOnly, channelNames } from '../contract';
import { AppError } from '../core/errors';
import type { ExpiryScheduler } from '../core/features/expiry';
import { checkHandlers } from '../core/features/checks/checks';
import { clientHandlers } from '../core/features/clients/clients';
import type { EmitEvent } from '../core/features/deps';
import { expiryHandlers } from '../core/features/expiry/expiry';
import { findingHandlers } from '../core/features/findings/findings';
import type { StoredInventory } from '../core/features/findings/stored-inventory';
import type { Features } from '../core/features';
import { providerHandlers } from '../core/features/providers/providers';
import { rotationHandlers } from '../core/features/rotation/rotate-with-check';
import { settingsHandlers } from '../core/features/settings/settings';
import { storeHandlers } from '../core/features/stores/stores';
import { tokenHandlers } from '../core/features/tokens/handlers';
import { transferHandlers } from '../core/features/transfer/handlers';
import type { SecretCopier } from '../core/secrets/copy-secret';
import type { VaultStatus } from '../core/session/vault-status';
import type { Session } from '../core/session/session';
import type { StatusCheckService } from '../core/features/checks/status-check-service';
import type { TransferService } from '../core/features/transfer/transfer-service';
import type { VaultDatabase } from '../core/vault/vault-database';
import type { Dispatch, Handlers } from './dispatch';
import { createReadHandlers } from './read-handlers';

export interface HandlerContext {
  session: Session;
  features: Features;
  /** The keychain's state and the notices of the vault's reading (the notices and the navigation's foot). */
  status: VaultStatus;
  /** The vault's SQLite database, for the views' reads. */
  database: VaultDatabase;
  /** The dispatch these handlers end up behind (writeThenRead's inner calls go through it). */
  dispatch: Dispatch;
  checks: StatusCheckService;
  scheduler: ExpiryScheduler;
  copier: SecretCopier;
  transfer: TransferService;
  /** The inventory, findings and counts answered by SQL. */
  stored: StoredInventory;
  /** Sends a main -> renderer event (Electron: webContents.send; test host: server-sent events). */
  emit: EmitEvent;
  appInfo: { version: string; dataDir: string; host: 'electron' | 'test-host' };
  /** Shows a folder in the OS file manager (Electron only). */
  openFolder?: (path: string) => Promise<boolean>;
  /** Drops the cached keychain listing (see CachedAccountsSecretStore), when there is one. */
  forgetKeychainListing?: () => void;
}

/** The root: every feature's handlers merged (a channel none of them answers does not compile), then guarded. */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { session, features } = ctx;
  const handlers: Handlers = {
    ...createReadHandlers(ctx),
    ...clientHandlers(features.clients),
    ...storeHandlers(features.stores),
    ...tokenHandlers(session, features.tokens, ctx.copier),
    ...rotationHandlers(session, features.rotation, ctx.checks),
    ...checkHandlers(ctx.checks, ctx.emit),
    ...findingHandlers(ctx.stored, ctx.forgetKeychainListing),
    ...expiryHandlers(session, ctx.scheduler, ctx.transfer),
    ...transferHandlers(ctx.transfer),
    ...providerHandlers(session, features.providers),
    ...settingsHandlers(session, features.settings, {
      appInfo: ctx.appInfo,
      expirySettingsChanged: () => ctx.scheduler.settingsChanged(),
      ...(ctx.openFolder ? { openFolder: ctx.openFolder } : {}),
    }),
  };
  return guardSupportMode(handlers, () => features.settings.supportModeOn());
}

/** Status-only mode is enforced here, in main: the UI hiding a button is a courtesy, not the control. */
export function guardSupportMode(handlers: Handlers, supportModeOn: () => Promise<boolean>): Handlers {
  const guarded = { ...handlers } as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of channelNames) {
    if (allowedInStatusOnly(name)) continue;
    const inner = guarded[name]!;
    guarded[name] = async (input) => {
      if (await supportModeOn()) {
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
