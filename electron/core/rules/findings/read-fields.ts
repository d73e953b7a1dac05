import type { StoreProfile, Token } from '../../../contract';

// The fields the finding rules read. Two tokens (or stores) equal on these get the same findings, whatever
// else differs (notes, updatedAt, check history). Nested values compare by identity: vault edits replace
// them, never edit them in place (see draftOf). tests/unit/rules/read-fields.test.ts holds every field of
// Token and StoreProfile to these lists, so a rule that starts reading another field must be added here.

export const TOKEN_FIELDS_READ = [
  'id',
  'storeId',
  'name',
  'kind',
  'mode',
  'scopes',
  'settings',
  'status',
  'createdAt',
  'expiresAt',
  'expirySource',
  'secret',
  'lastCheck',
  'rotatedTo',
  'addedAt',
] as const satisfies readonly (keyof Token)[];
export const STORE_FIELDS_READ = [
  'id',
  'clientId',
  'provider',
  'label',
  'identifiers',
  'environment',
] as const satisfies readonly (keyof StoreProfile)[];

/** Written out field by field: at 10,000 tokens a loop over the names (keyed loads) costs several times more. */
export function sameTokenReads(a: Token, b: Token): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.storeId === b.storeId &&
      a.name === b.name &&
      a.kind === b.kind &&
      a.mode === b.mode &&
      a.scopes === b.scopes &&
      a.settings === b.settings &&
      a.status === b.status &&
      a.createdAt === b.createdAt &&
      a.expiresAt === b.expiresAt &&
      a.expirySource === b.expirySource &&
      a.secret === b.secret &&
      a.lastCheck === b.lastCheck &&
      a.rotatedTo === b.rotatedTo &&
      a.addedAt === b.addedAt)
  );
}

export function sameStoreReads(a: StoreProfile, b: StoreProfile): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.clientId === b.clientId &&
      a.provider === b.provider &&
      a.label === b.label &&
      a.identifiers === b.identifiers &&
      a.environment === b.environment)
  );
}
