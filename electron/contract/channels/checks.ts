// Findings and status checks at the providers.
import { z } from 'zod';
import { Finding, FindingKind, FindingSeverity } from '../findings';
import { CheckResult, TokenKind, TokenMode } from '../model';
import { FieldValues, Id, ProviderId, SecretValue } from '../primitives';
import { READ_TOPICS } from '../topics';
import { type ChannelSpec, CheckRunSummary } from './shared';

const CheckSelection = z.union([
  z.object({ tokenIds: z.array(Id).min(1).max(50_000) }).strict(),
  z.object({ clientId: Id }).strict(),
  z.object({ storeId: Id }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
const Count = z.number().int().nonnegative();
const SeverityCounts = z.object({ count: Count, critical: Count, warning: Count, info: Count });
const Retired = z.object({ revoked: Count, rotated: Count, expired: Count });
const CheckPlan = z.object({
  selected: Count,
  requests: Count,
  leftOut: Retired,
  withoutSecret: Count,
  providers: z
    .array(
      z.object({
        provider: ProviderId,
        name: z.string().max(80),
        requests: Count,
        accounts: Count,
        seconds: z.number().nonnegative(),
      }),
    )
    .max(200),
  seconds: z.number().nonnegative(),
});

export const checksChannels = {
  /** Everything that needs attention, computed from metadata (and keychain entry names when available). */
  getFindings: {
    access: 'read',
    topics: READ_TOPICS.getFindings,
    /**
     * rescanKeychain: read the keychain's entries now instead of the listing kept for up to 30 s. storeIds and
     * tokenId: only the findings about those stores (their tokens' included) or that token, for a store, client
     * or token view; severities and limit: the first findings of those severities (the dashboard's few). At
     * 10,000 tokens the whole list is megabytes.
     */
    input: z
      .object({
        rescanKeychain: z.boolean().optional(),
        storeIds: z.array(Id).min(1).max(5_000).optional(),
        tokenId: Id.optional(),
        severities: z.array(FindingSeverity).min(1).max(3).optional(),
        kinds: z.array(FindingKind).min(1).max(FindingKind.options.length).optional(),
        /** Findings about this client's stores; null: stores without a client. */
        clientId: Id.nullable().optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(1_000).optional(),
      })
      .strict(),
    output: z.array(Finding).max(100_000),
  },
  /** Findings counted by kind and by client, each by severity: the findings view's groups. */
  getFindingGroups: {
    access: 'read',
    topics: READ_TOPICS.getFindingGroups,
    input: z.object({}).strict(),
    output: z.object({
      byKind: z.array(SeverityCounts.extend({ kind: FindingKind })).max(FindingKind.options.length),
      byClient: z
        .array(SeverityCounts.extend({ clientId: Id.nullable(), clientName: z.string().max(200).nullable() }))
        .max(100_000),
    }),
  },
  /** How many findings of each severity: the nav's badges, without sending the findings themselves. */
  getFindingCounts: {
    access: 'read',
    topics: READ_TOPICS.getFindingCounts,
    input: z.object({}).strict(),
    output: z
      .object({
        critical: z.number().int().nonnegative(),
        warning: z.number().int().nonnegative(),
        info: z.number().int().nonnegative(),
      })
      .strict(),
  },
  /** What a bulk check would send, per provider, and the least time the published limits allow; sends nothing. */
  planCheck: {
    access: 'read',
    topics: READ_TOPICS.planCheck,
    input: z.object({ selection: CheckSelection, includeRetired: z.boolean().optional() }).strict(),
    output: CheckPlan,
  },
  /** Checks the selection at the providers; revoked, rotated and expired tokens only with includeRetired. */
  checkTokens: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ runId: Id, selection: CheckSelection, includeRetired: z.boolean().optional() }).strict(),
    output: CheckRunSummary,
  },
  cancelCheck: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ runId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Checks a pasted secret without saving anything (support staff's quick check). */
  quickCheck: {
    access: 'act',
    statusOnly: 'allowed',
    input: z
      .object({
        provider: ProviderId,
        kind: TokenKind.optional(),
        mode: TokenMode.nullable().optional(),
        identifiers: FieldValues.optional(),
        secret: SecretValue,
      })
      .strict(),
    output: CheckResult,
  },

  /** The "Needs attention" panel and the expiry timeline (next weeks, by severity). */
} as const satisfies Record<string, ChannelSpec>;
