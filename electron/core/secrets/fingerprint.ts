import { createHash } from 'node:crypto';

/** Prefixes that are public by design (they name provider and mode), so the masked form may show them. */
const PUBLIC_PREFIXES = [/^shippo_(live|test)_/, /^sk_(live|test)_/, /^eyJ/];

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * A masked form people can match against a provider dashboard: the public prefix, two characters, an
 * ellipsis and the last four. Short secrets show hash characters instead, so little of them is exposed.
 */
export function maskSecret(value: string): string {
  const prefix = PUBLIC_PREFIXES.map((p) => value.match(p)?.[0]).find(Boolean) ?? '';
  const body = value.slice(prefix.length);
  if (body.length < 20) return `${prefix}…#${sha256Hex(value).slice(0, 6)}`;
  return `${prefix}${body.slice(0, 2)}…${body.slice(-4)}`;
}
