import { accountOf } from '../../secrets/accounts';
import { z } from 'zod';
import { Client, Id, StoreProfile, Token } from '../../../contract';
import { AppError } from '../../errors';
import type { SecretStore } from '../../ports';
import { sha256Hex } from '../../secrets/fingerprint';
import type { VaultData } from '../../vault/vault-data';
import { type KdfParams, open, seal } from './backup-format';

/** What a backup holds once decrypted: the vault's metadata and every secret the keychain had. */
export const BackupPayload = z
  .object({
    kind: z.literal('keyward-backup'),
    createdAt: z.string().max(40),
    vault: z.object({
      schemaVersion: z.number().int(),
      clients: z.array(Client),
      stores: z.array(StoreProfile),
      tokens: z.array(Token),
      customProviders: z.array(z.record(z.string(), z.unknown())),
      settings: z.record(z.string(), z.unknown()),
    }),
    secrets: z.array(z.object({ tokenId: Id, value: z.string().min(1).max(8192) })),
  })
  .superRefine((p, ctx) => {
    const byId = new Map(p.vault.tokens.map((t) => [t.id, t]));
    for (const [i, s] of p.secrets.entries()) {
      const token = byId.get(s.tokenId);
      // Authenticated encryption already covers this; it guards against a bug on the writing side.
      if (!token?.secret || token.secret.fingerprint !== sha256Hex(s.value))
        ctx.addIssue({
          code: 'custom',
          path: ['secrets', i],
          message: 'a secret does not match its token fingerprint',
        });
    }
  });
export type BackupPayload = z.infer<typeof BackupPayload>;

/** What the user is told about a backup they made; counts only. */
export interface BackupSummary {
  clients: number;
  stores: number;
  tokens: number;
  secrets: number;
  /** Tokens whose metadata says a secret is set but the keychain had none: backed up without it. */
  secretsMissing: number;
}

/** Reads every token's secret from the keychain into a payload. Never logged, never leaves main. */
export async function collectBackup(
  vault: Readonly<VaultData>,
  secrets: SecretStore,
  now: Date,
): Promise<{ payload: BackupPayload; summary: BackupSummary }> {
  const collected: BackupPayload['secrets'] = [];
  let missing = 0;
  for (const token of vault.tokens) {
    if (!token.secret) continue;
    const value = await secrets.get(accountOf(token));
    if (value === null || sha256Hex(value) !== token.secret.fingerprint) missing++;
    else collected.push({ tokenId: token.id, value });
  }
  const payload: BackupPayload = {
    kind: 'keyward-backup',
    createdAt: now.toISOString(),
    vault: structuredClone({
      schemaVersion: vault.schemaVersion,
      clients: vault.clients,
      stores: vault.stores,
      tokens: vault.tokens,
      customProviders: vault.customProviders,
      settings: vault.settings,
    }),
    secrets: collected,
  };
  return {
    payload,
    summary: {
      clients: vault.clients.length,
      stores: vault.stores.length,
      tokens: vault.tokens.length,
      secrets: collected.length,
      secretsMissing: missing,
    },
  };
}

/** The vault and its secrets as one encrypted file (see backup-format.ts). */
export async function createBackup(
  vault: Readonly<VaultData>,
  secrets: SecretStore,
  passphrase: string,
  now: Date,
  kdf?: KdfParams,
): Promise<{ file: Buffer; summary: BackupSummary }> {
  const { payload, summary } = await collectBackup(vault, secrets, now);
  const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
  try {
    return { file: await seal(plaintext, passphrase, kdf), summary };
  } finally {
    plaintext.fill(0);
  }
}

/** Decrypts and checks a backup file. Throws AppError('invalid_input') with a specific message on any problem. */
export async function readBackup(file: Buffer, passphrase: string): Promise<BackupPayload> {
  const plaintext = await open(file, passphrase);
  let doc: unknown;
  try {
    doc = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new AppError(
      'invalid_input',
      'The backup decrypted, but its contents are not readable JSON: it was made by something other than Keyward.',
    );
  } finally {
    plaintext.fill(0);
  }
  const parsed = BackupPayload.safeParse(doc);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'invalid_input',
      `The backup decrypted, but its contents are not a Keyward vault (${first?.path.join('.') || 'root'}: ${first?.message ?? 'invalid'}).`,
    );
  }
  return parsed.data;
}
