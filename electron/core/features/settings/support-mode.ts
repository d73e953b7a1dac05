import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../errors';

/** vault.settings.supportMode: on/off and a salted scrypt hash of the passphrase that turns it off. */
export const SupportModeSettings = z.object({
  enabled: z.boolean(),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SupportModeSettings = z.infer<typeof SupportModeSettings>;

const hashOf = (passphrase: string, salt: string): string =>
  scryptSync(passphrase, Buffer.from(salt, 'hex'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString(
    'hex',
  );

export function readSupportMode(settings: Record<string, unknown>): SupportModeSettings | null {
  const parsed = SupportModeSettings.safeParse(settings.supportMode);
  return parsed.success ? parsed.data : null;
}

export const supportModeOn = (settings: Record<string, unknown>): boolean =>
  readSupportMode(settings)?.enabled === true;

/** The next supportMode settings: turning on records the passphrase; turning off needs the same one. */
export function switchSupportMode(
  current: SupportModeSettings | null,
  enabled: boolean,
  passphrase: string,
): SupportModeSettings {
  if (enabled) {
    if (current?.enabled) return current;
    const salt = randomBytes(16).toString('hex');
    return { enabled: true, salt, hash: hashOf(passphrase, salt) };
  }
  if (!current?.enabled) throw new AppError('conflict', 'Status-only mode is already off.');
  const given = Buffer.from(hashOf(passphrase, current.salt), 'hex');
  if (!timingSafeEqual(given, Buffer.from(current.hash, 'hex'))) {
    throw new AppError('forbidden', 'That is not the passphrase status-only mode was turned on with.', {
      passphrase: 'wrong passphrase',
    });
  }
  return { ...current, enabled: false };
}
