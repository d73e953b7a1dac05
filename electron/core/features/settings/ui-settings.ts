import { UiSettings } from '../../../contract';

const DEFAULTS: UiSettings = { clipboardClearSeconds: 30, navCollapsed: false };

/** vault.settings.ui with defaults for anything missing or unreadable. */
export function readUiSettings(settings: Record<string, unknown>): UiSettings {
  const parsed = UiSettings.partial().safeParse(settings.ui ?? {});
  return { ...DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}
