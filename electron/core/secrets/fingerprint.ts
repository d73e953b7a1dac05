import { createHash } from 'node:crypto';

/** The fingerprint kept in metadata: equal secrets have equal fingerprints (duplicate detection). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
