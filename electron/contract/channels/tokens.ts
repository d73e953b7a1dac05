// Tokens: the inventory, one token's page, its lifecycle and its secret.
import { z } from 'zod';
import { INVENTORY_MAX_IDS, InventoryPage, InventoryQuery } from '../inventory';
import { CheckResult, Token, TokenMode, TokenStatus } from '../model';
import { DateInput, FieldValues, Id, Label, Notes, SecretValue } from '../primitives';
import { Recognition } from '../recognition';
import { READ_TOPICS } from '../topics';
import { TokenView } from '../views';
import { ById, type ChannelSpec, CreateStoreInput, CreateTokenInput, Deleted } from './shared';

export const tokensChannels = {
  /** One token, its store, client and provider names, and its check history newest first. */
  getToken: {
    access: 'read',
    topics: READ_TOPICS.getToken,
    input: ById,
    output: TokenView,
  },
  /** One page of the inventory table, filtered and sorted in main. */
  queryInventory: { access: 'read', topics: READ_TOPICS.queryInventory, input: InventoryQuery, output: InventoryPage },
  createToken: { access: 'write', input: CreateTokenInput, output: Token },
  updateToken: {
    access: 'write',
    input: z
      .object({
        id: Id,
        name: Label.optional(),
        mode: TokenMode.nullable().optional(),
        scopes: z.array(z.string().trim().min(1).max(80)).max(128).optional(),
        settings: FieldValues.optional(),
        status: TokenStatus.optional(),
        createdAt: DateInput.nullable().optional(),
        expiresAt: DateInput.nullable().optional(),
        notes: Notes.optional(),
      })
      .strict(),
    output: Token,
  },
  setTokenSecret: { access: 'write', input: z.object({ id: Id, secret: SecretValue }).strict(), output: Token },
  /** A token plus, when missing, its client (by name) and store (by provider + label), as one change. */
  addToken: {
    access: 'write',
    input: z
      .object({
        client: Label.nullable().optional(),
        store: CreateStoreInput.omit({ clientId: true }),
        token: CreateTokenInput.omit({ storeId: true }),
      })
      .strict(),
    output: Token,
  },
  /** Deletes the token's metadata and its keychain entry. */
  deleteToken: { access: 'write', input: ById, output: Deleted },

  /** Offline: what a pasted secret looks like (provider, kind, mode, expiry, scopes). Nothing is saved. */
  /** Bulk "Deactivate selected": active tokens become inactive in one change; the others are named as skipped. */
  deactivateTokens: {
    access: 'write',
    input: z.object({ ids: z.array(Id).min(1).max(INVENTORY_MAX_IDS) }).strict(),
    output: z.object({
      deactivated: z.number().int().nonnegative(),
      skipped: z.array(z.object({ id: Id, reason: z.string().max(120) })).max(INVENTORY_MAX_IDS),
    }),
  },
  recognizeSecret: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ secret: SecretValue }).strict(),
    output: z.array(Recognition).max(40),
  },
  copySecret: {
    access: 'act',
    input: z.object({ tokenId: Id }).strict(),
    output: z.object({ tokenId: Id, clearsInSeconds: z.number().int().min(0).max(3600) }),
  },
  /**
   * Guided rotation: stores the new secret as a new token in the same store, checks it at the provider,
   * and only when it is not refused (401) marks the old token rotated (lineage kept both ways). The old
   * token stays "rotated" until a check confirms it is dead at the provider.
   */
  rotateToken: {
    access: 'write',
    input: z
      .object({
        tokenId: Id,
        secret: SecretValue,
        name: Label.optional(),
        expiresAt: DateInput.nullable().optional(),
        /** Skip the provider check (offline); the old token is still marked rotated. */
        skipCheck: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ oldToken: Token, newToken: Token, check: CheckResult.nullable() }),
  },
} as const satisfies Record<string, ChannelSpec>;
