// What the rotate flow and the quick check learn from main about a token's replacement and a pasted value.
import { z } from 'zod';
import { FieldValues, Id, IsoDateTime, Label, Notes } from './primitives';
import { TokenMode, TokenStatus } from './model';
import { RotationPolicy } from './providers';

/** A token that holds one of a provider's slots, as the rotate flow lists it. */
export const SlotHolder = z.object({
  id: Id,
  name: Label,
  since: IsoDateTime,
  failing: z.boolean(),
});

export const RotationPlan = z.object({
  tokenId: Id,
  /** How the provider replaces it; null when it cannot be replaced here (then `why` says so). */
  rotation: RotationPolicy.nullable(),
  why: z.string().max(300).nullable(),
  /** Set for a key its integration manages: why only its status can change here. */
  managedWhy: z.string().max(300).nullable(),
  /** Carried over from the old token as editable suggestions; what the new secret tells wins over them. */
  suggestions: z.object({
    name: Label,
    scopes: z.array(z.string().max(80)).max(128),
    settings: FieldValues,
    notes: Notes,
    /** The old token's expiry: a new token asks for its own, and never drops one silently. */
    previousExpiresAt: IsoDateTime.nullable(),
  }),
  /** When the new token's mode is at its limit: who holds the slots, and which to remove first. */
  slot: z
    .object({
      text: z.string().max(300),
      mode: TokenMode.nullable(),
      holders: z.array(SlotHolder).max(50),
      suggested: Id.nullable(),
      reason: z.string().max(200),
    })
    .nullable(),
});
export type RotationPlan = z.infer<typeof RotationPlan>;

/** A pasted value found in the vault: which token, whether it is its current value, and what that means. */
export const KnownSecret = z.object({
  tokenId: Id,
  name: Label,
  status: TokenStatus,
  storeLabel: Label,
  providerId: z.string().max(48),
  kind: z.enum(['api-key', 'access-token']),
  mode: TokenMode.nullable(),
  /** False: an earlier value of the token (replaced on `replacedAt`). */
  current: z.boolean(),
  replacedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  scopes: z.array(z.string().max(80)).max(128),
  /** What the vault says about this value, in a sentence. */
  meaning: z.string().max(400),
});
export type KnownSecret = z.infer<typeof KnownSecret>;
