import { z } from 'zod';
import {
  CheckOutcome,
  Client,
  KeychainState,
  Notice,
  StoreProfile,
  Token,
  TokenKind,
  TokenMode,
  TokenStatus,
  TokenSummary,
} from './model';
import { Id, IsoDateTime } from './primitives';
import { INVENTORY_MAX_IDS } from './inventory';
import { MAX_NAMES } from './topics';

// What each view shows, answered by SQL in main: the window asks for what is on screen, never the whole vault.

/** Most stores or clients one answer lists: the biggest vault we plan for. */
const MAX_LIST = INVENTORY_MAX_IDS;
const Name = z.string().max(120);

/** The keychain pill and the notice bar. */
export const VaultStatus = z.object({ keychain: KeychainState, notices: z.array(Notice).max(50) });
export type VaultStatus = z.infer<typeof VaultStatus>;

/** One store as lists show it: label, provider name and token count. */
export const StoreEntry = z.object({
  id: Id,
  clientId: Id.nullable(),
  provider: z.string().max(64),
  providerName: Name,
  label: Name,
  environment: StoreProfile.shape.environment,
  tokenCount: z.number().int().nonnegative(),
});
export type StoreEntry = z.infer<typeof StoreEntry>;

/** The sidebar's tree and the client menus: every client and store in vault order, with counts. */
export const Navigation = z.object({
  clients: z.array(z.object({ id: Id, name: Name })).max(MAX_LIST),
  stores: z.array(StoreEntry).max(MAX_LIST),
  tokenCount: z.number().int().nonnegative(),
});
export type Navigation = z.infer<typeof Navigation>;

/** One token with its store, client and provider names and its check history (newest first). */
export const TokenView = z.object({
  token: Token,
  storeLabel: Name.nullable(),
  providerId: z.string().max(64),
  providerName: Name,
  clientId: Id.nullable(),
  clientName: Name.nullable(),
});
export type TokenView = z.infer<typeof TokenView>;

/** One slot limit as the provider counts it for the store's account (core rules/slots.ts slotUsage). */
export const SlotView = z.object({
  kind: TokenKind,
  mode: TokenMode.nullable(),
  maxActive: z.number().int().min(1),
  held: z.number().int().nonnegative(),
  /** Held tokens whose mode is unknown, counted against every mode. */
  unknownMode: z.number().int().nonnegative(),
  text: z.string().max(200),
  account: z.object({
    label: z.string().max(300),
    source: z.enum(['store-field', 'check', 'store-profile']),
    stores: z.number().int().min(1),
  }),
});
export type SlotView = z.infer<typeof SlotView>;

/** One store with its client and its tokens (vault order, no histories). */
export const StoreView = z.object({
  store: StoreProfile,
  client: z.object({ id: Id, name: Name }).nullable(),
  tokens: z.array(TokenSummary).max(MAX_LIST),
  slots: z.array(SlotView).max(16).default([]),
});
export type StoreView = z.infer<typeof StoreView>;

/** One client with its stores. */
export const ClientView = z.object({ client: Client, stores: z.array(StoreEntry).max(MAX_LIST) });
export type ClientView = z.infer<typeof ClientView>;

/** A token named where ids alone cross IPC (expiry lists, audit, findings). */
export const TokenName = z.object({
  id: Id,
  name: Name,
  status: TokenStatus,
  expiresAt: IsoDateTime.nullable(),
  storeId: Id,
  storeLabel: Name.nullable(),
  clientName: Name.nullable(),
  providerId: z.string().max(64),
  providerName: Name,
});
export type TokenName = z.infer<typeof TokenName>;
export const Names = z.object({
  tokens: z.array(TokenName).max(MAX_NAMES),
  stores: z.array(z.object({ id: Id, label: Name })).max(MAX_NAMES),
  clients: z.array(z.object({ id: Id, name: Name })).max(MAX_NAMES),
});
export type Names = z.infer<typeof Names>;

/** The dashboard's counts over every token, and what is overdue or upcoming, by client: a few per group. */
export const DASHBOARD_UPCOMING = 5;
/** Client groups the dashboard lists in each of overdue and upcoming (the rest are counted). */
export const DASHBOARD_GROUPS = 12;
const Count = z.number().int().nonnegative();
const TriageItem = z.object({
  id: Id,
  name: Name,
  providerName: Name,
  expiresAt: IsoDateTime.nullable(),
  /** Why an overdue token is there: past its expiry, or its last check said invalid. */
  reason: z.enum(['expired', 'failing', 'expiring']),
});
/** Tokens grouped by client (null: stores without one), the largest groups first, each with its first few. */
const TriageGroups = z.object({
  count: Count,
  groups: z
    .array(
      z.object({
        clientId: Id.nullable(),
        clientName: Name.nullable(),
        count: Count,
        items: z.array(TriageItem).max(DASHBOARD_UPCOMING),
      }),
    )
    .max(DASHBOARD_GROUPS),
});

export const Dashboard = z.object({
  tokenCount: z.number().int().nonnegative(),
  storeCount: z.number().int().nonnegative(),
  byStatus: z.partialRecord(TokenStatus, z.number().int().nonnegative()),
  byProvider: z
    .array(
      z.object({
        id: z.string().max(64),
        name: Name,
        total: z.number().int().nonnegative(),
        active: z.number().int().nonnegative(),
        invalid: z.number().int().nonnegative(),
      }),
    )
    .max(500),
  outcomes: z.partialRecord(CheckOutcome, z.number().int().nonnegative()),
  never: z.number().int().nonnegative(),
  /** Overdue: active tokens past their expiry or whose last check said invalid, grouped by client. */
  overdue: TriageGroups,
  /** Upcoming: active tokens expiring in the next 30 days, grouped by client. */
  upcoming: TriageGroups,
});
export type Dashboard = z.infer<typeof Dashboard>;
