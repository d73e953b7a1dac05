import { z } from 'zod';
import type { FindingSettings } from '../../contract';
import { resolveFindingSettings } from '../rules/finding-settings';

/** Notification settings, kept in vault.settings.expiry. Lead times are the findings engine's (vault.settings.findings). */
export const ExpiryNotificationSettings = z.object({
  /** Test tokens (Shippo test, PixlPay sk_test_) warn one severity lower, or not at all. */
  warnTestTokens: z.enum(['lower', 'off']).default('lower'),
  /** Closing the window keeps Keyward running in the tray, so warnings still arrive. */
  closeToTray: z.boolean().default(true),
  /** Start at login, hidden in the tray. */
  openAtLogin: z.boolean().default(false),
});
export type ExpiryNotificationSettings = z.infer<typeof ExpiryNotificationSettings>;

/** Everything expiry warnings read: the findings engine's lead times and the notification settings. */
export interface ExpirySettings {
  findings: FindingSettings;
  notifications: ExpiryNotificationSettings;
}

/** Reads both from the vault leniently: anything unreadable takes the defaults rather than silencing warnings. */
export function resolveExpirySettings(settings: Readonly<Record<string, unknown>>): ExpirySettings {
  const parsed = ExpiryNotificationSettings.safeParse(settings.expiry ?? {});
  return {
    findings: resolveFindingSettings(settings.findings),
    notifications: parsed.success ? parsed.data : ExpiryNotificationSettings.parse({}),
  };
}
