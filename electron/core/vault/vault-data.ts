import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Client, Id, StoreProfile, Token } from '../../contract';

export const CURRENT_SCHEMA_VERSION = 1;

/** The vault file: metadata only. Secrets live in the OS keychain. */
export const VaultData = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  /** Names this vault's keychain entries (`<vaultId>:…`), so two data folders never see each other's. */
  vaultId: Id.optional(),
  revision: z.number().int().nonnegative(),
  updatedAt: z.string(),
  clients: z.array(Client),
  stores: z.array(StoreProfile),
  tokens: z.array(Token),
  /** User-defined PixlPay-style providers and app settings (filled by later features). */
  customProviders: z.array(z.record(z.string(), z.unknown())),
  settings: z.record(z.string(), z.unknown()),
});
export type VaultData = z.infer<typeof VaultData>;

export const emptyVault = (now: Date): VaultData => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  vaultId: randomUUID(),
  revision: 0,
  updatedAt: now.toISOString(),
  clients: [],
  stores: [],
  tokens: [],
  customProviders: [],
  settings: {},
});
