import type { TokenFormat } from '../../contract';
import type { Catalog } from './catalog';
import { type CredentialKind, formatsOf } from './provider-module';

/** The first declared format the whole value matches, if any. */
export function matchingFormat(formats: readonly TokenFormat[], secret: string): TokenFormat | undefined {
  return formats.find((f) => new RegExp(f.pattern).test(secret));
}

/**
 * Null when the value fits the provider's declared format (or none is declared); otherwise a message that
 * describes the expected shape. The value itself is never quoted.
 */
export function validateSecretFormat(
  catalog: Catalog,
  providerId: string,
  kind: CredentialKind,
  secret: string,
): string | null {
  const formats = formatsOf(catalog.get(providerId), kind);
  if (formats.length === 0 || matchingFormat(formats, secret)) return null;
  const name = catalog.get(providerId).descriptor.name;
  const hinted = formats.find((f) => f.hint && new RegExp(f.hint).test(secret));
  const lead = hinted
    ? `This looks like a ${name} token, but the rest of it does not fit. `
    : `This does not look like a ${name} token. `;
  const unsure = formats.every((f) => !f.confirmed)
    ? ` (the provider does not publish the exact shape, so this is only a hint)`
    : '';
  return `${lead}${formats.map((f) => f.description).join('; or ')}${unsure}.`;
}

/** The mode a value's prefix names, when the format declares mode prefixes; the longest matching prefix wins. */
export function modeFromPrefix(format: TokenFormat | undefined, secret: string): 'live' | 'test' | null {
  const prefixes = format?.modePrefixes;
  const candidates = (['live', 'test'] as const)
    .map((mode) => ({ mode, prefix: prefixes?.[mode] }))
    .filter((c): c is { mode: 'live' | 'test'; prefix: string } => !!c.prefix && secret.startsWith(c.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return candidates[0]?.mode ?? null;
}
