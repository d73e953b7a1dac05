// Tokens: the inventory, one token's page, its lifecycle and its secret.
import { z } from 'zod';
import { INVENTORY_MAX_IDS, InventoryPage, InventoryQuery } from '../inventory';
import { CheckResult, Token, TokenMode, TokenStatus } from '../model';
import { DateInput, FieldValues, Id, Label, Notes, SecretValue } from '../primitives';
import { Recognition } from '../recognition';
import { READ_TOPICS } from '../topics';
import { KnownSecret, RotationPlan } from '../rotation';
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
        /** The store's plan, where it bounds the token (PixlPay's rate limit): saved on the store in the same change. */
        plan: z.string().trim().min(1).max(40).nullable().optional(),
        /** A re-paste of the secret: what it tells (mode, scopes, expiry, key id) wins over the fields above. */
        secret: SecretValue.optional(),
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
   * Guided rotation as the provider's module declares it: the new value is checked at the provider first (a 401
   * changes nothing); then the same token gets the new value (its earlier fingerprints kept), or a new token is
   * made beside the old one, which stays "rotated" until it is retired at the provider.
   */
  rotateToken: {
    access: 'write',
    input: z
      .object({
        tokenId: Id,
        secret: SecretValue,
        name: Label.optional(),
        expiresAt: DateInput.nullable().optional(),
        /** The suggestions the user kept or edited (side-by-side); what the new secret tells wins over them. */
        scopes: z.array(z.string().trim().min(1).max(80)).max(128).optional(),
        settings: FieldValues.optional(),
        notes: Notes.optional(),
        /** A token the user removed at the provider first to free a slot: marked revoked in the same change. */
        removedFirst: Id.optional(),
        /** Skip the provider check (offline); the old token is still marked rotated. */
        skipCheck: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ oldToken: Token, newToken: Token, check: CheckResult.nullable() }),
  },
  /** How this token is replaced at its provider, with the suggestions for its replacement and any full slot. */
  getRotationPlan: { access: 'read', topics: READ_TOPICS.getRotationPlan, input: ById, output: RotationPlan },
  /** Whether a pasted secret is, or was, the value of a token in the vault (fingerprints compared in main). */
  findSecretInVault: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ secret: SecretValue }).strict(),
    output: KnownSecret.nullable(),
  },
} as const satisfies Record<string, ChannelSpec>;
