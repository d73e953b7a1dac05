import { z } from 'zod';
import { FieldKey, ProviderId } from './primitives';
import { TokenKind, TokenMode } from './model';
import { templateProblem } from './url-template';

/** A form field the catalog asks for; the renderer draws forms from these, main validates with the catalog. */
export const FieldDescriptor = z.object({
  key: FieldKey,
  label: z.string().max(80),
  type: z.enum(['text', 'number', 'select', 'multiselect', 'lines', 'date', 'email']),
  required: z.boolean(),
  help: z.string().max(300),
  placeholder: z.string().max(120).optional(),
  /** For text fields: a regular expression the whole value must match, and what to say when it does not. */
  pattern: z.string().max(300).optional(),
  patternMessage: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z
    .array(z.object({ value: z.string().max(80), label: z.string().max(120) }))
    .max(64)
    .optional(),
});
export type FieldDescriptor = z.infer<typeof FieldDescriptor>;

// Declarative provider rules. Plain data, so the UI can show them and core functions interpret them.

/** A token format: a whole-value pattern (regex source) and what to tell people when a value does not match. */
export const TokenFormat = z.object({
  pattern: z.string().max(300),
  /** Said when a pasted value does not match; describes the shape, never quotes the value. */
  description: z.string().max(200),
  /** False when no primary source confirms the shape: a mismatch is then only a hint. */
  confirmed: z.boolean(),
  /** A looser pattern that still points at this provider (a known prefix), for recognition. */
  hint: z.string().max(120).optional(),
  /** How sure recognition may be when `pattern` matches (0..1). */
  confidence: z.number().min(0).max(1),
  /** Prefixes that name the mode; a public part of the value. */
  modePrefixes: z
    .object({ live: z.string().max(40), test: z.string().max(40) })
    .partial()
    .optional(),
  /** Regex source for the part of the value the provider itself shows (safe in a masked form). */
  publicPrefix: z.string().max(120).optional(),
  /** The value is a JWT whose payload may carry exp, iat and scopes (read for display, never trusted). */
  jwt: z.boolean().optional(),
  /** The dashboard shows the first N characters as the Key ID. */
  keyIdLength: z.number().int().min(1).max(64).optional(),
});
export type TokenFormat = z.infer<typeof TokenFormat>;

export const ExpiryPolicy = z.object({
  /** none: never expires; optional/required: a date set at creation; from-token: read from the token, else created + fallbackDays. */
  kind: z.enum(['none', 'optional', 'required', 'from-token']),
  fallbackDays: z.number().int().min(1).max(3650).optional(),
  /** The provider's own advice to rotate every N days. */
  rotationDays: z.number().int().min(1).max(3650).optional(),
  /** The provider warns this many days before expiry itself (Thinkific emails 10 days before). */
  providerNoticeDays: z.number().int().min(1).max(365).optional(),
  text: z.string().max(300),
});
export type ExpiryPolicy = z.infer<typeof ExpiryPolicy>;

/** At most `maxActive` tokens of a mode (null = any mode) held at once per account (see SlotAccountPolicy). */
export const SlotLimit = z.object({
  mode: TokenMode.nullable(),
  maxActive: z.number().int().min(1).max(1000),
  text: z.string().max(200),
});
export type SlotLimit = z.infer<typeof SlotLimit>;

/**
 * Whose slots a limit counts: the provider account, named by a store field or learned from a check's context;
 * store profiles with the same identity share the slots. Without it, each store profile counts on its own.
 */
export const SlotAccountPolicy = z.object({
  /** How the provider names the account, e.g. "Shippo account". */
  name: z.string().max(60),
  identifierKey: z.string().max(40).optional(),
  checkContextKey: z.string().max(40).optional(),
});
export type SlotAccountPolicy = z.infer<typeof SlotAccountPolicy>;

/** A published request limit, as data for the status-check scheduler and for display. */
export const RateLimit = z.object({
  requests: z.number().int().min(1),
  windowSeconds: z.number().int().min(1),
  per: z.enum(['account', 'site', 'store', 'token', 'endpoint']),
  /** Narrower scope, e.g. "list endpoints" or "catalog". */
  appliesTo: z.string().max(80).optional(),
  mode: TokenMode.optional(),
  confirmed: z.boolean(),
});
export type RateLimit = z.infer<typeof RateLimit>;

/** A per-token rate limit chosen by the user (PixlPay), bounded by the provider and capped by the store's plan. */
export const TokenRateLimitPolicy = z.object({
  settingKey: z.string().max(40),
  min: z.number().int().min(1),
  max: z.number().int().min(1),
  default: z.number().int().min(1),
  /** Store identifier that holds the plan, and the cap per plan. */
  planKey: z.string().max(40).optional(),
  planCaps: z.record(z.string().max(40), z.number().int().min(1)).optional(),
  /** What the provider's own sources say about a plan when they disagree, shown wherever the plan matters. */
  planNotes: z.record(z.string().max(40), z.string().max(300)).optional(),
});
export type TokenRateLimitPolicy = z.infer<typeof TokenRateLimitPolicy>;

export const AccessLevel = z.object({
  value: z.string().max(40),
  label: z.string().max(80),
  /** Grants everything the owner can do: reported as broad access. */
  broad: z.boolean(),
});

/** One way the old token is retired at the provider, and the status Keyward records for it. */
export const RetireWay = z.object({
  status: z.enum(['revoked', 'inactive']),
  /** What was done at the provider, in its words, e.g. "Deleted at Printago". */
  label: z.string().max(60),
  text: z.string().max(300),
});
export type RetireWay = z.infer<typeof RetireWay>;

/**
 * How the provider replaces a token (providers.md, lifecycle facts); the rotate flow follows it, never a provider id.
 * new-value: the SAME token gets a new value and the old value stops working at once (PixlPay's Rotate, Thinkific's
 * API key reset): Keyward keeps the token with a lineage of values and never asks to revoke. side-by-side: a new
 * token is made at the provider, the integrations switch, then the old one is retired there.
 */
export const RotationPolicy = z.object({
  model: z.enum(['new-value', 'side-by-side']),
  /** The provider's word for making the replacement: "Rotate", "Reset", "Generate", "Create". */
  action: z.string().max(40),
  /** What to do at the provider, in order, in its words. */
  steps: z.array(z.string().max(300)).max(6),
  /** Said before anything switches: what breaks, and when. */
  warning: z.string().max(300).optional(),
  /** How the old token is retired at the provider (side-by-side). */
  retire: z.array(RetireWay).max(3).optional(),
  /** Settings carried to the new token as editable suggestions (access level, permissions, allowlist). */
  suggest: z.array(z.string().max(40)).max(8).optional(),
  /** New tokens of this mode need the provider's approval first: what to say and where to ask. */
  approval: z.object({ mode: TokenMode, text: z.string().max(300), url: z.string().max(300) }).optional(),
});
export type RotationPolicy = z.infer<typeof RotationPolicy>;

/** Rules for one credential kind, beside its form fields. All optional: a missing rule means "no rule". */
export const CredentialPolicy = z.object({
  formats: z.array(TokenFormat).max(4).optional(),
  expiry: ExpiryPolicy.optional(),
  slotLimits: z.array(SlotLimit).max(4).optional(),
  slotAccount: SlotAccountPolicy.optional(),
  scopes: z.array(z.string().max(80)).max(128).optional(),
  minScopes: z.number().int().min(0).max(128).optional(),
  /** Settings key of a multiselect listing scopes the user says the integration does not need. */
  unneededScopesKey: z.string().max(40).optional(),
  accessLevelKey: z.string().max(40).optional(),
  accessLevels: z.array(AccessLevel).max(8).optional(),
  /** Settings key of an IP allowlist (one address or CIDR per line). */
  ipAllowlistKey: z.string().max(40).optional(),
  /** Settings key that, when set, marks a key managed by an integration: read-only except its status. */
  managedByKey: z.string().max(40).optional(),
  /** Names must be unique among tokens of this kind in stores with the same value of this store identifier. */
  uniqueNamePerIdentifier: z.string().max(40).optional(),
  rateLimit: TokenRateLimitPolicy.optional(),
  notes: z.array(z.string().max(300)).max(8).optional(),
  rotation: RotationPolicy.optional(),
});
export type CredentialPolicy = z.infer<typeof CredentialPolicy>;

// Custom "PixlPay-style" providers, defined by the user and kept as data in the vault.

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** Headers a provider template may not set: they belong to the HTTP client. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'cookie', 'user-agent']);

/** Rejects obviously catastrophic patterns (a quantified group that is itself quantified). */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;

const compiles = (source: string): boolean => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

export const AuthHeaderTemplate = z
  .string()
  .max(200)
  .refine((t) => !/[\r\n]/.test(t), 'The header template must be one line')
  .refine((t) => /^[^:]+:\s*\S/.test(t), 'Write it as "Header-Name: value", e.g. "Authorization: Bearer {token}"')
  .refine(
    (t) => HEADER_NAME.test(t.slice(0, t.indexOf(':')).trim()),
    'The header name may hold only letters, digits and - _ . and similar token characters',
  )
  .refine(
    (t) => !RESERVED_HEADERS.has(t.slice(0, t.indexOf(':')).trim().toLowerCase()),
    'That header is set by Keyward itself',
  )
  .refine((t) => t.split('{token}').length === 2, 'The header value must contain {token} exactly once');

export const TokenPatternSource = z
  .string()
  .min(1)
  .max(200)
  .refine(compiles, 'The token pattern is not a valid regular expression')
  .refine(
    (s) => !NESTED_QUANTIFIER.test(s),
    'The token pattern nests repetitions, which can make matching very slow; simplify it',
  );

const UrlTemplate = z
  .string()
  .trim()
  .max(300)
  .superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const CustomProviderDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'The id is 1-40 lowercase letters, digits and hyphens'),
    name: z.string().trim().min(1).max(80),
    /** An https address; {field} placeholders name store fields filled per store, e.g. https://{host}/api/v1. */
    baseUrl: UrlTemplate,
    authHeader: AuthHeaderTemplate,
    probePath: z
      .string()
      .max(200)
      .regex(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/, 'The probe path starts with / and holds only URL characters')
      .refine((p) => !p.includes('..'), 'The probe path must not contain ..'),
    tokenPattern: TokenPatternSource,
    /** Prefixes that name the mode, e.g. sk_live_ / sk_test_. */
    modePrefixes: z.object({ live: z.string().max(40).optional(), test: z.string().max(40).optional() }).optional(),
    scopes: z.array(z.string().trim().min(1).max(80)).max(128).default([]),
    minScopes: z.number().int().min(0).max(128).default(0),
    expiry: z.enum(['none', 'optional', 'required']).default('optional'),
    rotationDays: z.number().int().min(1).max(3650).nullable().default(null),
    slotLimits: z
      .object({
        live: z.number().int().min(1).max(1000).optional(),
        test: z.number().int().min(1).max(1000).optional(),
        any: z.number().int().min(1).max(1000).optional(),
      })
      .default({}),
    rateLimit: z
      .object({
        min: z.number().int().min(1),
        max: z.number().int().min(1).max(1_000_000),
        default: z.number().int().min(1),
      })
      .refine((r) => r.min <= r.default && r.default <= r.max, 'The rate limit range needs min ≤ default ≤ max')
      .nullable()
      .default(null),
    /** How the provider replaces a token: a new value for the same token, or a new token beside the old. */
    rotation: z.enum(['new-value', 'side-by-side']).default('side-by-side'),
    /** The provider's token page; may use the same {field} placeholders as the base URL. */
    dashboardUrl: UrlTemplate.optional(),
  })
  .strict();
export type CustomProviderDefinition = z.infer<typeof CustomProviderDefinition>;
export type CustomProviderDefinitionInput = z.input<typeof CustomProviderDefinition>;

export const CredentialDescriptor = z.object({
  kind: TokenKind,
  label: z.string().max(80),
  secretLabel: z.string().max(80),
  secretHelp: z.string().max(300),
  fields: z.array(FieldDescriptor).max(20),
  /** The provider's rules for this kind: formats, expiry, slots, scopes, access levels, limits. */
  policy: CredentialPolicy.optional(),
});
export type CredentialDescriptor = z.infer<typeof CredentialDescriptor>;

export const TokenPage = z.object({
  /** https address with {field} placeholders naming store fields, e.g. https://{subdomain}.thinkific.com/manage. */
  template: z.string().max(300),
  /** Where to go from there, in the provider's menu words, e.g. "Settings > API Tokens". */
  where: z.string().max(120).optional(),
  /** False when no source confirms the exact address: the link says so. */
  confirmed: z.boolean(),
});
export type TokenPage = z.infer<typeof TokenPage>;

/**
 * Store fields a successful check fills (Printify: the shop id and title from GET /v1/shops.json). One choice
 * is filled at once; several are kept on the check (as JSON [{id, title}] under `choicesKey`) for the store page.
 */
export const CheckFills = z.object({
  choicesKey: z.string().max(40),
  idField: FieldKey,
  titleField: FieldKey.optional(),
  /** What one choice is, in the provider's word, e.g. "shop". */
  noun: z.string().max(40),
});
export type CheckFills = z.infer<typeof CheckFills>;

export const ProviderDescriptor = z.object({
  id: ProviderId,
  name: z.string().max(80),
  builtin: z.boolean(),
  storeFields: z.array(FieldDescriptor).max(20),
  credentials: z.array(CredentialDescriptor).min(1).max(4),
  tokenPageUrl: z.string().max(300),
  /** The token page in the store's own admin, built from its fields; `tokenPageUrl` when a field is missing. */
  tokenPage: TokenPage.optional(),
  summary: z.string().max(400),
  /** Published request limits, for the status-check scheduler and the rules panel. */
  rateLimits: z.array(RateLimit).max(8).optional(),
  checkFills: CheckFills.optional(),
  /** A custom provider's definition as the user wrote it, so its form can edit it. */
  definition: CustomProviderDefinition.optional(),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;
