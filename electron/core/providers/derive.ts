import type { Token } from '../../contract';
import type { Catalog } from './catalog';
import { matchingFormat, modeFromPrefix, validateSecretFormat } from './formats';
import { decodeJwtClaims } from './jwt';
import { maskWithFormats } from './mask';
import { type CredentialKind, formatsOf, policyOf } from './provider-module';

const DAY_MS = 86_400_000;

/** What a pasted secret tells about its token, to pre-fill the form and store as metadata. Never the value. */
export interface TokenFacts {
  /** 'live' / 'test' when the prefix says so; null when the provider has modes but the value does not name one; undefined: no modes. */
  mode?: 'live' | 'test' | null;
  createdAt?: string;
  /** null with expirySource 'none' means "never expires"; absent means "ask the user". */
  expiresAt?: string | null;
  expirySource?: Token['expirySource'];
  scopes?: string[];
  /** Public settings read from the value, e.g. Printago's Key ID. */
  settings: Record<string, string>;
  masked: string;
  /** Null when the value fits the provider's format; otherwise what is wrong, without the value. */
  formatProblem: string | null;
}

/** Facts derived from a secret without any network call. `known.createdAt` is the creation date the user gave, if any. */
export function deriveTokenFacts(
  catalog: Catalog,
  providerId: string,
  kind: CredentialKind,
  secret: string,
  now: Date,
  known: { createdAt?: string | null } = {},
): TokenFacts {
  const module = catalog.get(providerId);
  const formats = formatsOf(module, kind);
  const policy = policyOf(module, kind);
  const format = matchingFormat(formats, secret) ?? formats.find((f) => f.hint && new RegExp(f.hint).test(secret));
  const facts: TokenFacts = {
    settings: {},
    masked: maskWithFormats(formats, secret),
    formatProblem: validateSecretFormat(catalog, providerId, kind, secret),
  };
  if (formats.some((f) => f.modePrefixes)) facts.mode = modeFromPrefix(format, secret);
  if (format?.keyIdLength && secret.length > format.keyIdLength)
    facts.settings.keyId = secret.slice(0, format.keyIdLength);

  const claims = formats.some((f) => f.jwt) ? decodeJwtClaims(secret) : null;
  if (claims?.iat !== undefined) facts.createdAt = new Date(claims.iat * 1000).toISOString();
  if (claims?.scopes) facts.scopes = claims.scopes;

  const expiry = policy.expiry;
  if (expiry?.kind === 'none') {
    facts.expiresAt = null;
    facts.expirySource = 'none';
  } else if (expiry?.kind === 'from-token') {
    if (claims?.exp !== undefined) {
      facts.expiresAt = new Date(claims.exp * 1000).toISOString();
      facts.expirySource = 'token';
    } else if (expiry.fallbackDays) {
      const base = known.createdAt ? new Date(known.createdAt) : facts.createdAt ? new Date(facts.createdAt) : now;
      facts.expiresAt = new Date(base.getTime() + expiry.fallbackDays * DAY_MS).toISOString();
      facts.expirySource = 'provider-rule';
    }
  }
  return facts;
}
