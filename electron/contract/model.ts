import { z } from 'zod';
import { FieldValues, Id, IsoDateTime, Label, Notes, ProviderId } from './primitives';

// Plain data shared by every process. Behaviour lives in electron/core functions that take these.
export const Client = z.object({
  id: Id,
  name: Label,
  notes: Notes,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Client = z.infer<typeof Client>;

export const Environment = z.enum(['production', 'staging', 'development']);
export const StoreProfile = z.object({
  id: Id,
  clientId: Id.nullable(),
  provider: ProviderId,
  label: Label,
  /** Provider identifiers such as a Printago store id, a Thinkific subdomain or a PixlPay host. */
  identifiers: FieldValues,
  environment: Environment,
  notes: Notes,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type StoreProfile = z.infer<typeof StoreProfile>;

export const TokenKind = z.enum(['api-key', 'access-token']);
export const TokenMode = z.enum(['live', 'test']);
export const TokenStatus = z.enum(['active', 'inactive', 'expired', 'revoked', 'rotated']);
/** Where an expiry date came from: read from the token, a provider rule, typed by the user, none, or unknown. */
export const ExpirySource = z.enum(['token', 'provider-rule', 'user', 'none', 'unknown']);

/** What Keyward keeps about a secret: never the value. */
export const SecretFacts = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  masked: z.string().max(64),
  setAt: IsoDateTime,
  /** What is wrong with the value's shape when the provider's format is unconfirmed (then it is kept, flagged). */
  formatProblem: z.string().max(400).nullable().optional(),
  /** The keychain account holding the value (`<vaultId>:<tokenId>:<nonce>`); absent on entries written before namespacing. */
  account: z.string().min(1).max(200).optional(),
});
export type SecretFacts = z.infer<typeof SecretFacts>;

export const CheckOutcome = z.enum(['valid', 'restricted', 'invalid', 'rate_limited', 'unreachable', 'unknown']);
export const CheckResult = z.object({
  outcome: CheckOutcome,
  httpStatus: z.number().int().min(100).max(599).optional(),
  detail: z.string().max(500),
  retryAfterMs: z.number().int().nonnegative().optional(),
  context: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  checkedAt: IsoDateTime,
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Token = z.object({
  id: Id,
  storeId: Id,
  name: Label,
  kind: TokenKind,
  mode: TokenMode.nullable(),
  scopes: z.array(z.string().max(80)).max(128),
  /** Provider-specific settings: PixlPay rate limit, Printago access level and allowlist, and so on. */
  settings: FieldValues,
  status: TokenStatus,
  createdAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  expirySource: ExpirySource,
  secret: SecretFacts.nullable(),
  lastCheck: CheckResult.nullable(),
  checkHistory: z.array(CheckResult).max(20),
  rotatedFrom: Id.nullable(),
  rotatedTo: Id.nullable(),
  /** Values this token had before (a provider's rotate that keeps the token), newest first: never the values. */
  previousSecrets: z
    .array(SecretFacts.pick({ fingerprint: true, masked: true, setAt: true }).extend({ replacedAt: IsoDateTime }))
    .max(20)
    .optional(),
  notes: Notes,
  addedAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Token = z.infer<typeof Token>;

/** A token without its check history (lists of tokens leave histories out; a token's own view has it). */
export const TokenSummary = Token.omit({ checkHistory: true });
export type TokenSummary = z.infer<typeof TokenSummary>;

export const KeychainState = z.object({
  available: z.boolean(),
  message: z.string().max(500),
});
export type KeychainState = z.infer<typeof KeychainState>;

export const Notice = z.object({
  id: z.string().max(64),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string().max(500),
});
export type Notice = z.infer<typeof Notice>;

export const AuditEntry = z.object({
  at: IsoDateTime,
  actor: z.string().max(40),
  action: z.string().max(60),
  subject: z.object({
    type: z.enum(['client', 'store', 'token', 'vault', 'provider', 'settings']),
    id: z.string().max(64),
  }),
  summary: z.string().max(300),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
