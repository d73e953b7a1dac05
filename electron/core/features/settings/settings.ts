import { resolveExpirySettings } from '../expiry';
import type { Session } from '../../session/session';
import { AppError } from '../../errors';
import { PassphraseBackoff } from './passphrase-backoff';
import { readSupportMode, supportModeOn, switchSupportMode } from './support-mode';
import { readUiSettings } from './ui-settings';
import type { HandlersFor } from '../handler-map';

export type SettingsFeature = ReturnType<typeof settingsFeature>;

export function settingsFeature(session: Session) {
  return {
    /** Replaces named sections of vault.settings (e.g. findings lead times, expiry notifications). */
    update(sections: Record<string, unknown>, summary: string): Promise<Record<string, unknown>> {
      return session.transaction((data) => {
        data.settings = { ...data.settings, ...structuredClone(sections) };
        return {
          result: data.settings as Record<string, unknown>,
          change: {
            action: 'settings.update',
            subject: { type: 'settings', id: Object.keys(sections).join(',').slice(0, 64) },
            summary,
          },
        };
      });
    },

    /** Whether status-only mode is on: every write and act not declared allowed is refused then. */
    async supportModeOn(): Promise<boolean> {
      return supportModeOn((await session.vault()).settings);
    },
  };
}

type SettingsChannels =
  | 'getAppInfo'
  | 'getAuditLog'
  | 'getExpirySettings'
  | 'updateExpirySettings'
  | 'getSupportMode'
  | 'setSupportMode'
  | 'getUiSettings'
  | 'updateUiSettings'
  | 'openDataFolder';

export function settingsHandlers(
  session: Session,
  settings: SettingsFeature,
  deps: {
    appInfo: { version: string; dataDir: string; host: 'electron' | 'test-host' };
    /** Tells the expiry scheduler its settings changed, so it plans again. */
    expirySettingsChanged(): Promise<void>;
    /** Shows a folder in the OS file manager (Electron); absent where there is none. */
    openFolder?: (path: string) => Promise<boolean>;
  },
): HandlersFor<SettingsChannels> {
  const current = async () => (await session.vault()).settings;
  const backoff = new PassphraseBackoff(session.clock);
  return {
    getAppInfo: async () => deps.appInfo,
    getAuditLog: (input) =>
      session.auditLog(input.limit ?? 200, {
        ...(input.subjectId ? { subjectId: input.subjectId } : {}),
        ...(input.actionPrefix ? { actionPrefix: input.actionPrefix } : {}),
      }),
    getExpirySettings: async () => resolveExpirySettings(await current()),
    updateExpirySettings: async (input) => {
      const was = resolveExpirySettings(await current());
      const next = {
        findings: input.findings ?? was.findings,
        expiry: { ...was.notifications, ...input.notifications },
      };
      const saved = await settings.update(next, 'Changed expiry warning settings');
      await deps.expirySettingsChanged();
      return resolveExpirySettings(saved);
    },
    getSupportMode: async () => ({ enabled: await settings.supportModeOn() }),
    setSupportMode: async ({ enabled, passphrase }) => {
      if (!enabled) backoff.check();
      let next;
      try {
        next = switchSupportMode(readSupportMode(await current()), enabled, passphrase);
      } catch (err) {
        if (!(err instanceof AppError) || err.fields?.passphrase === undefined) throw err;
        const seconds = backoff.failed();
        throw new AppError('forbidden', `${err.message} Try again in ${seconds} s.`, {
          passphrase: `Wrong passphrase. Try again in ${seconds} s.`,
          retryAfterSeconds: String(seconds),
        });
      }
      if (!enabled) backoff.succeeded();
      await settings.update({ supportMode: next }, `Status-only mode turned ${enabled ? 'on' : 'off'}`);
      return { enabled: next.enabled };
    },
    getUiSettings: async () => readUiSettings(await current()),
    updateUiSettings: async (input) => {
      const next = { ...readUiSettings(await current()), ...input };
      await settings.update({ ui: next }, 'Changed app settings');
      return next;
    },
    openDataFolder: async () => ({ opened: deps.openFolder ? await deps.openFolder(deps.appInfo.dataDir) : false }),
  };
}
