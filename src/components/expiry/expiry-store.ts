import { create } from 'zustand';
import type { AppErrorShape, ChannelInput, ExpiryOverview, ExpirySettingsView } from '../../../electron/contract';
import { call } from '../../lib/api';
import { afterFirstView } from '../../lib/startup';

type SettingsInput = ChannelInput<'updateExpirySettings'>;

interface ExpiryState {
  overview: ExpiryOverview | null;
  error: AppErrorShape | null;
  settings: ExpirySettingsView | null;
  /** Re-reads the "Needs attention" items and the timeline (after a vault, settings, snooze or acknowledge change). */
  load(): Promise<void>;
  snooze(tokenId: string, length: '1d' | '1w'): Promise<void>;
  acknowledge(tokenId: string): Promise<void>;
  loadSettings(): Promise<void>;
  /** Saves settings; returns the server's error (shown by the form), or null when saved. */
  saveSettings(input: SettingsInput): Promise<AppErrorShape | null>;
}

let inFlight: Promise<void> | null = null;
let again = false;

/** Expiry warnings as main computes them: the renderer never works out severities or thresholds itself. */
export const useExpiry = create<ExpiryState>((set, get) => ({
  overview: null,
  error: null,
  settings: null,
  load() {
    // One request at a time; a change during a request asks for one more, so the last answer is never stale.
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      await afterFirstView();
      do {
        again = false;
        const result = await call('expiryOverview', { weeks: 13 });
        if (result.ok) set({ overview: result.value, error: null });
        else set({ error: result.error });
      } while (again);
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  },
  async snooze(tokenId, length) {
    const result = await call('snoozeExpiryWarning', { tokenId, length });
    if (!result.ok) set({ error: result.error });
    await get().load();
  },
  async acknowledge(tokenId) {
    const result = await call('acknowledgeExpiryWarning', { tokenId });
    if (!result.ok) set({ error: result.error });
    await get().load();
  },
  async loadSettings() {
    const result = await call('getExpirySettings', {});
    if (result.ok) set({ settings: result.value });
    else set({ error: result.error });
  },
  async saveSettings(input) {
    const result = await call('updateExpirySettings', input);
    if (!result.ok) return result.error;
    set({ settings: result.value });
    await get().load();
    return null;
  },
}));
