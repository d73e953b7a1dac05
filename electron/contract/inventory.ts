import { z } from 'zod';
import { FindingSeverity } from './findings';
import { CheckOutcome, ExpirySource, TokenKind, TokenMode, TokenStatus } from './model';
import { Id, IsoDateTime } from './primitives';

// The inventory is queried page by page from main: the renderer holds only the rows on screen, not 10,000 tokens.

/** Bounds for one query: the biggest vault we plan for, and more than a screen needs. */
export const INVENTORY_MAX_IDS = 50_000;
export const INVENTORY_MAX_PAGE = 50_000;

export const INVENTORY_SORTS = [
  'name',
  'expiry',
  'last-check-old',
  'last-check-new',
  'created-new',
  'created-old',
] as const;
export const InventorySort = z.enum(INVENTORY_SORTS);
export type InventorySort = z.infer<typeof InventorySort>;

/** Filter value for "tokens of stores without a client" and for "tokens without findings". */
export const NO_CLIENT = '__none__';
export const NO_FINDING = '__none__';

export const InventoryFilters = z
  .object({
    /** Space-separated terms; each must appear in the name, store, client, provider or masked fingerprint. */
    query: z.string().max(200),
    provider: z.string().max(64),
    status: z.union([TokenStatus, z.literal('')]),
    mode: z.enum(['', 'live', 'test', 'none']),
    /** A client id, NO_CLIENT, or '' for all. */
    client: z.string().max(64),
    severity: z.union([FindingSeverity, z.literal(''), z.literal(NO_FINDING)]),
    /** Only these tokens (a notification pointed at them, or the selection), or null. */
    ids: z.array(Id).max(INVENTORY_MAX_IDS).nullable(),
  })
  .strict();
export type InventoryFilters = z.infer<typeof InventoryFilters>;

export const EMPTY_INVENTORY_FILTERS: InventoryFilters = {
  query: '',
  provider: '',
  status: '',
  mode: '',
  client: '',
  severity: '',
  ids: null,
};

export const InventoryQuery = z
  .object({
    filters: InventoryFilters,
    sort: InventorySort,
    offset: z.number().int().min(0).max(INVENTORY_MAX_IDS),
    limit: z.number().int().min(0).max(INVENTORY_MAX_PAGE),
    /** Also answer every matching token id, in order (for "select all shown"). */
    withIds: z.boolean().optional(),
    /** Also answer how many of these ids match the filters (for "12 selected (3 shown)"). */
    countOf: z.array(Id).max(INVENTORY_MAX_IDS).optional(),
    /** Also answer the providers and clients the filter menus offer. */
    withFacets: z.boolean().optional(),
  })
  .strict();
export type InventoryQuery = z.infer<typeof InventoryQuery>;

/** One row of the inventory: what the table shows and searches, never a secret. */
export const InventoryRow = z.object({
  id: Id,
  storeId: Id,
  name: z.string().max(120),
  kind: TokenKind,
  mode: TokenMode.nullable(),
  status: TokenStatus,
  scopes: z.array(z.string().max(80)).max(128),
  /** The masked fingerprint (e.g. "shippo_live_ab…9f3c"), or null when no secret is stored. */
  masked: z.string().max(64).nullable(),
  createdAt: IsoDateTime.nullable(),
  addedAt: IsoDateTime,
  /** When a person (or an import, restore or rotation) last changed the token; checks do not count. */
  updatedAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  expirySource: ExpirySource,
  lastCheck: z.object({ outcome: CheckOutcome, detail: z.string().max(500), checkedAt: IsoDateTime }).nullable(),
  providerId: z.string().max(64),
  providerName: z.string().max(120),
  storeLabel: z.string().max(120).nullable(),
  clientId: Id.nullable(),
  clientName: z.string().max(120).nullable(),
  /** The most severe finding about this token, and how many there are. */
  worst: FindingSeverity.nullable(),
  findingCount: z.number().int().nonnegative(),
});
export type InventoryRow = z.infer<typeof InventoryRow>;

const Facet = z.object({ id: z.string().max(64), name: z.string().max(120) });

export const InventoryPage = z.object({
  /** The vault revision the rows come from. */
  revision: z.number().int().nonnegative(),
  /** Tokens matching the filters, and tokens in the vault. */
  total: z.number().int().nonnegative(),
  totalAll: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(InventoryRow).max(INVENTORY_MAX_PAGE),
  ids: z.array(Id).max(INVENTORY_MAX_IDS).optional(),
  countOf: z.number().int().nonnegative().optional(),
  facets: z.object({ providers: z.array(Facet).max(500), clients: z.array(Facet).max(INVENTORY_MAX_IDS) }).optional(),
});
export type InventoryPage = z.infer<typeof InventoryPage>;
