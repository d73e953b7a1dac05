import { ExpiryNotificationSettings, type FindingSettings } from '../../../contract';

export { ExpiryNotificationSettings };
import { resolveFindingSettings } from '../../rules/finding-settings';

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
