import { z } from 'zod';
import { FindingSettings, FindingSeverity } from './findings';
import { Id, ProviderId } from './primitives';

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

/** Everything the settings page edits about expiry warnings, in one shape. */
export const ExpirySettingsView = z.object({
  findings: FindingSettings,
  notifications: ExpiryNotificationSettings,
});
export type ExpirySettingsView = z.infer<typeof ExpirySettingsView>;

const Counts = z.object({
  critical: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});

/** The "Needs attention" panel and the expiry timeline. */
/** Tokens counted by provider id. */
const ByProvider = z.record(ProviderId, z.number().int().nonnegative());

const AttentionItem = z.object({
  tokenId: Id,
  storeId: Id,
  clientId: Id.nullable(),
  providerId: ProviderId,
  threshold: z.number().int().nonnegative(),
  severity: FindingSeverity,
  expiresAt: z.string().max(40),
  estimated: z.boolean(),
  test: z.boolean(),
});

export const ExpiryOverview = z.object({
  attention: z.object({
    count: z.number().int().nonnegative(),
    quieted: z.number().int().nonnegative(),
    items: z.array(AttentionItem).max(50_000),
    /** Snoozed or acknowledged warnings, soonest expiry first, to list and wake. */
    quietedItems: z
      .array(AttentionItem.extend({ quiet: z.enum(['snoozed', 'acknowledged']), until: z.string().max(40).nullable() }))
      .max(50_000),
  }),
  timeline: z.object({
    weeks: z
      .array(
        z.object({
          start: z.string().max(40),
          end: z.string().max(40),
          counts: Counts,
          byProvider: ByProvider,
          tokenIds: z.array(Id).max(50_000),
          /** The provider's own notice (Thinkific emails 10 days before expiry), shown as the provider's. */
          notices: z
            .array(
              z.object({
                tokenId: Id,
                at: z.string().max(40),
                providerName: z.string().max(80),
                days: z.number().int().min(1),
              }),
            )
            .max(50_000)
            .default([]),
        }),
      )
      .max(26),
    expired: z.object({
      count: z.number().int().nonnegative(),
      byProvider: ByProvider,
      tokenIds: z.array(Id).max(50_000),
    }),
  }),
});
export type ExpiryOverview = z.infer<typeof ExpiryOverview>;
