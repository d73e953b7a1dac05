import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'rule_violation',
  'keychain_unavailable',
  'vault_unavailable',
  /** Another Keyward process holds the vault's write lock; trying again shortly works. */
  'vault_locked',
  'forbidden',
  /** Too many wrong tries of a passphrase: fields.retryAfterSeconds says when the next one is heard. */
  'too_many_attempts',
  'unknown_channel',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string().max(2000),
  /** Per-field messages for forms: path -> message. */
  fields: z.record(z.string().max(200), z.string().max(500)).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
