// What every feature's channel map shares: small schemas and the shape of a channel's declaration.
import { z } from 'zod';
import { CheckOutcome, Environment, TokenKind, TokenMode } from '../model';
import { DateInput, FieldValues, Id, Label, Notes, ProviderId, SecretValue } from '../primitives';
import { AppErrorShape } from '../result';
import { VAULT_TOPICS } from '../topics';
export const NoInput = z.object({}).strict();
/** An inner call's Result: its value was already parsed by its own channel's output schema. */
export const AnyResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorShape }),
]);

const ColumnId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/);
/** One table's remembered layout: column widths in CSS pixels and the columns the user hid. */
export const TableLayout = z
  .object({
    widths: z.record(ColumnId, z.number().int().min(32).max(2000)).refine((w) => Object.keys(w).length <= 40),
    hidden: z.array(ColumnId).max(40),
  })
  .strict();
export type TableLayout = z.infer<typeof TableLayout>;

/** App preferences kept in vault.settings.ui. */
export const UiSettings = z.object({
  /** Seconds before main clears a copied secret from the clipboard (0 = never). */
  clipboardClearSeconds: z.number().int().min(0).max(3600),
  /** The left navigation shows icons only. */
  navCollapsed: z.boolean(),
  /** Table layouts by table id (inventory, store tokens, audit…). */
  tables: z
    .record(ColumnId, TableLayout)
    .refine((t) => Object.keys(t).length <= 20)
    .optional(),
});
export type UiSettings = z.infer<typeof UiSettings>;
export const OutcomeCounts = z.record(CheckOutcome, z.number().int().nonnegative());

/** A bulk check's end: counts per outcome and one line per checked token (no secrets, no bodies). */
export const CheckRunSummary = z.object({
  runId: Id,
  total: z.number().int().nonnegative(),
  /** Selected tokens left out as revoked, rotated or expired. */
  leftOut: z.object({
    revoked: z.number().int().nonnegative(),
    rotated: z.number().int().nonnegative(),
    expired: z.number().int().nonnegative(),
  }),
  checked: z.number().int().nonnegative(),
  withoutSecret: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  counts: OutcomeCounts,
  results: z.array(z.object({ tokenId: Id, outcome: CheckOutcome, detail: z.string().max(500) })).max(50_000),
});
export type CheckRunSummary = z.infer<typeof CheckRunSummary>;
export const ById = z.object({ id: Id }).strict();
export const Deleted = z.object({ id: Id, deleted: z.literal(true) });

export const CreateStoreInput = z
  .object({
    provider: ProviderId,
    label: Label,
    clientId: Id.nullable().optional(),
    identifiers: FieldValues.optional(),
    environment: Environment.optional(),
    notes: Notes.optional(),
  })
  .strict();

export const CreateTokenInput = z
  .object({
    storeId: Id,
    name: Label,
    kind: TokenKind.optional(),
    mode: TokenMode.nullable().optional(),
    scopes: z.array(z.string().trim().min(1).max(80)).max(128).optional(),
    settings: FieldValues.optional(),
    createdAt: DateInput.nullable().optional(),
    expiresAt: DateInput.nullable().optional(),
    notes: Notes.optional(),
    /** Sent once, when the user pastes it; stored in the OS keychain, never returned. */
    secret: SecretValue.optional(),
  })
  .strict();

export const VaultTopic = z.enum(VAULT_TOPICS);
export type VaultTopic = z.infer<typeof VaultTopic>;

/**
 * How a channel acts. `read` answers a query and changes nothing (the window caches it and asks again when a
 * topic it depends on changes); `write` changes the vault; `act` does something outside it (a file, the
 * clipboard, a check that saves nothing). Status-only mode refuses every write and act unless it is `allowed`.
 */
export type ChannelSpec =
  | { access: 'read'; topics: readonly VaultTopic[]; input: z.ZodType; output: z.ZodType }
  | { access: 'write' | 'act'; statusOnly?: 'allowed'; input: z.ZodType; output: z.ZodType };
