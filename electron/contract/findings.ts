import { z } from 'zod';
import { ProviderId } from './primitives';

export const FindingSeverity = z.enum(['critical', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const FINDING_KINDS = [
  'expired',
  'expiring',
  'rotation_due',
  'slot_limit',
  'format_mismatch',
  'rate_limit_above_plan',
  'broad_access',
  'open_allowlist',
  'duplicate_secret',
  'secret_missing',
  'orphan_secret',
  'check_failed',
  'test_in_production',
  'custom_provider_invalid',
  'revoke_pending',
] as const;
export const FindingKind = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof FindingKind>;

/** What a finding is about. Ids only; a keychain account is a token id that has no metadata. */
export const FindingSubject = z.object({
  clientId: z.string().max(64).optional(),
  storeId: z.string().max(64).optional(),
  tokenId: z.string().max(64).optional(),
  providerId: ProviderId.optional(),
  keychainAccount: z.string().max(200).optional(),
});
export type FindingSubject = z.infer<typeof FindingSubject>;

/** One thing the user should know or do. Never holds a secret value; masked forms at most. */
export const Finding = z.object({
  /** Stable across runs: kind + subject id, so the UI and notifications can remember it. */
  id: z.string().max(300),
  kind: FindingKind,
  severity: FindingSeverity,
  subject: FindingSubject,
  message: z.string().max(600),
  action: z.string().max(400),
  /** When the thing happens or happened (expiry, rotation due date), for sorting and notifications. */
  dueAt: z.string().max(40).optional(),
  /** For expiring: the smallest configured lead time (days) the remaining time falls within. */
  leadDays: z.number().int().nonnegative().optional(),
});
export type Finding = z.infer<typeof Finding>;

const LeadTimes = z.array(z.number().int().min(0).max(3650)).min(1).max(10);

/** Settings the findings engine reads; kept in vault.settings.findings. Missing values take the defaults. */
export const FindingSettings = z.object({
  leadTimesDays: LeadTimes.default([30, 14, 7, 1]),
  providers: z
    .record(
      ProviderId,
      z.object({
        leadTimesDays: LeadTimes.optional(),
        /** Rotate every N days; 0 turns rotation findings off for this provider. */
        rotationDays: z.number().int().min(0).max(3650).optional(),
      }),
    )
    .default({}),
});
export type FindingSettings = z.infer<typeof FindingSettings>;
export type FindingSettingsInput = z.input<typeof FindingSettings>;
