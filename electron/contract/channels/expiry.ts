// Expiry warnings: the overview, snoozes, the calendar and their settings.
import { z } from 'zod';
import { ExpiryNotificationSettings, ExpiryOverview, ExpirySettingsView } from '../expiry';
import { FindingSettings } from '../findings';
import { Id } from '../primitives';
import { READ_TOPICS } from '../topics';
import { SavedFile } from '../transfer';
import { type ChannelSpec, NoInput } from './shared';

const TokenIds = z.array(Id).min(1).max(50_000);

export const expiryChannels = {
  expiryOverview: {
    access: 'read',
    topics: READ_TOPICS.expiryOverview,
    input: z.object({ weeks: z.number().int().min(1).max(26).optional() }).strict(),
    output: ExpiryOverview,
  },
  /** How many tokens need attention (the nav's badge): a few bytes, where the overview lists every item. */
  expiryAttentionCount: {
    access: 'read',
    topics: READ_TOPICS.expiryAttentionCount,
    input: NoInput,
    output: z.object({ count: z.number().int().nonnegative(), quieted: z.number().int().nonnegative() }),
  },
  /** Snoozes the warnings of one token or a whole group; answers how many were snoozed. */
  snoozeExpiryWarning: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ tokenIds: TokenIds, length: z.enum(['1d', '1w']) }).strict(),
    output: z.object({ snoozed: z.number().int().nonnegative() }),
  },
  /** Quiets the warnings of one token or a whole group until their next threshold. */
  acknowledgeExpiryWarning: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ tokenIds: TokenIds }).strict(),
    output: z.object({ acknowledged: z.number().int().nonnegative() }),
  },
  /** Ends a snooze or acknowledgement: the warnings are back in "Needs attention". */
  wakeExpiryWarning: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ tokenIds: TokenIds }).strict(),
    output: z.object({ woken: z.number().int().nonnegative() }),
  },
  /** An ICS calendar with one event per expiring token and alarms at the lead times; no secret in it. */
  exportExpiryCalendar: {
    access: 'act',
    statusOnly: 'allowed',
    input: NoInput,
    output: z.object({ filename: z.string().max(80), content: z.string().max(5_000_000) }),
  },
  /** The same calendar, saved by main where the save dialog says (never in the data folder, never through a link). */
  saveExpiryCalendar: { access: 'act', statusOnly: 'allowed', input: NoInput, output: SavedFile },
  getExpirySettings: {
    access: 'read',
    topics: READ_TOPICS.getExpirySettings,
    input: NoInput,
    output: ExpirySettingsView,
  },
  updateExpirySettings: {
    access: 'write',
    input: z
      .object({
        findings: FindingSettings.optional(),
        notifications: ExpiryNotificationSettings.partial().strict().optional(),
      })
      .strict(),
    output: ExpirySettingsView,
  },
} as const satisfies Record<string, ChannelSpec>;
