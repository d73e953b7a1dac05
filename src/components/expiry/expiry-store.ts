import { create } from 'zustand';
import type { AppErrorShape, ChannelInput, ExpiryOverview, ExpirySettingsView } from '../../../electron/contract';
import { call } from '../../lib/api';
import { coalesced } from '../../lib/coalesce';
import { afterFirstView } from '../../lib/startup';

type SettingsInput = ChannelInput<'updateExpirySettings'>;

type AttentionCount = { count: number; quieted: number };

interface ExpiryState {
  /**
   * Every item and the timeline: fetched while a view that shows them is open (see want); at 10,000 tokens it
   * is most of a megabyte, and the nav needs only `attention`.
   */
  overview: ExpiryOverview | null;
  /** How many tokens need attention, kept fresh always (the nav's badge). */
  attention: AttentionCount | null;
  error: AppErrorShape | null;
  settings: ExpirySettingsView | null;
  /** Re-reads the "Needs attention" items and the timeline (after a vault, settings, snooze or acknowledge change). */
  load(): Promise<void>;
  /** A view that shows the overview is open until the returned function is called; loads it now. */
  want(): () => void;
  /** After a change: the count, and the overview too while a view shows it. */
  refresh(): void;
  loadAttention(): Promise<void>;
  snooze(tokenId: string, length: '1d' | '1w'): Promise<void>;
  acknowledge(tokenId: string): Promise<void>;
  loadSettings(): Promise<void>;
  /** Saves settings; returns the server's error (shown by the form), or null when saved. */
  saveSettings(input: SettingsInput): Promise<AppErrorShape | null>;
}

let wanted = 0;
/** When the overview held was asked, and whether the vault changed since while no view showed it. */
let overviewAskedAt = 0;
let overviewStale = false;
/** Days left move with the clock: an overview older than this is not shown again when a view opens. */
const OVERVIEW_FRESH_MS = 60_000;
/** Both the count and the overview carry the count: only the latest request's answer sets it. */
let countAsked = 0;
let countShown = 0;

/** Expiry warnings as main computes them: the renderer never works out severities or thresholds itself. */
export const useExpiry = create<ExpiryState>((set, get) => ({
  overview: null,
  attention: null,
  error: null,
  settings: null,
  // One request at a time; a change during a request asks for one more, so the last answer is never stale.
  load: coalesced(async () => {
    await afterFirstView();
    const asked = ++countAsked;
    overviewAskedAt = Date.now();
    overviewStale = false;
    const result = await call('expiryOverview', { weeks: 13 });
    if (result.ok) set({ overview: result.value, error: null, ...latestCount(asked, result.value.attention) });
    else set({ error: result.error });
  }),
  want() {
    wanted += 1;
    // A view opening again says "Loading" rather than show warnings that may have changed since.
    if (get().overview && (overviewStale || Date.now() - overviewAskedAt > OVERVIEW_FRESH_MS)) set({ overview: null });
    void get().load();
    return () => {
      wanted -= 1;
    };
  },
  refresh() {
    if (wanted > 0) void get().load();
    else {
      overviewStale = true;
      void get().loadAttention();
    }
  },
  loadAttention: coalesced(async () => {
    await afterFirstView();
    const asked = ++countAsked;
    const result = await call('expiryAttentionCount', {});
    if (result.ok) set(latestCount(asked, result.value));
  }),
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

function latestCount(asked: number, attention: AttentionCount): { attention?: AttentionCount } {
  if (asked < countShown) return {};
  countShown = asked;
  return { attention: { count: attention.count, quieted: attention.quieted } };
}
