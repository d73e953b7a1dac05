import { sha256Hex } from '../secrets/fingerprint';
import type { TokenFormat } from '../../contract';

/**
 * The masked form with the provider's own public prefix (e.g. shippo_live_, sk_test_, a custom prefix):
 * prefix, two characters, an ellipsis and the last four; short bodies show hash characters instead.
 */
export function maskWithFormats(formats: readonly TokenFormat[], secret: string): string {
  const prefix = publicPrefixOf(formats, secret);
  const body = secret.slice(prefix.length);
  if (body.length < 20) return `${prefix}…#${sha256Hex(secret).slice(0, 6)}`;
  return `${prefix}${body.slice(0, 2)}…${body.slice(-4)}`;
}

/** The part of a secret its provider publishes (shippo_live_, sk_test_), or '' when its formats name none. */
export function publicPrefixOf(formats: readonly TokenFormat[], secret: string): string {
  return (
    formats.map((f) => (f.publicPrefix ? secret.match(new RegExp(f.publicPrefix))?.[0] : undefined)).find(Boolean) ?? ''
  );
}
