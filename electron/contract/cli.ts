import { z } from 'zod';
import { CheckOutcome, ExpirySource, TokenMode, TokenStatus } from './model';
import { Id, IsoDateTime, ProviderId } from './primitives';

/** A token as `keyward list --json` prints it. */
export const CliTokenRow = z.object({
  id: Id,
  provider: ProviderId,
  client: z.string().nullable(),
  store: z.string(),
  name: z.string(),
  mode: TokenMode.nullable(),
  status: TokenStatus,
  expiresAt: IsoDateTime.nullable(),
  expirySource: ExpirySource,
  fingerprint: z.string().nullable(),
  lastCheck: CheckOutcome.nullable(),
  /** `expiring` only: the date is a provider rule's estimate (a Printify expiry that could not be read). */
  estimated: z.boolean().optional(),
});
export type CliTokenRow = z.infer<typeof CliTokenRow>;

/** One token's result as `keyward check --json` and `keyward quick-check --json` print it. */
export const CliCheckResult = z.object({
  tokenId: Id.optional(),
  provider: ProviderId,
  outcome: CheckOutcome,
  httpStatus: z.number().int().optional(),
  detail: z.string(),
  retryAfterMs: z.number().int().optional(),
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  checkedAt: IsoDateTime,
});
export type CliCheckResult = z.infer<typeof CliCheckResult>;
