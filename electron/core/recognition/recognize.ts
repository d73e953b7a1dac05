import type { Catalog } from '../providers/catalog';
import { deriveTokenFacts, type TokenFacts } from '../providers/derive';
import { decodeJwtClaims } from '../providers/jwt';
import type { CredentialKind } from '../providers/provider-module';

/** One guess at what a pasted secret is, for pre-filling the add-token form. */
export interface Recognition {
  provider: string;
  kind: CredentialKind;
  mode: 'live' | 'test' | null;
  /** 0..1; the UI pre-selects only a clear winner and lets the user pick otherwise. */
  confidence: number;
  facts: TokenFacts;
}

const MIN_CONFIDENCE = 0.1;

/**
 * Ranks the catalog's providers by how well a pasted secret fits their declared formats. An unrecognised
 * value gives an empty list. Pure and offline: nothing is sent anywhere.
 */
export function recognizeSecret(catalog: Catalog, secret: string, now: Date = new Date()): Recognition[] {
  const value = secret.trim();
  if (value.length < 8 || value.length > 8192) return [];
  const out: Recognition[] = [];
  for (const module of catalog.modules()) {
    for (const credential of module.descriptor.credentials) {
      let best = 0;
      for (const format of credential.policy?.formats ?? []) {
        let score = 0;
        if (new RegExp(format.pattern).test(value)) score = format.confidence;
        else if (format.hint && new RegExp(format.hint).test(value)) score = format.confidence * 0.6;
        if (score > 0 && format.jwt) score = jwtScore(value, credential.policy?.scopes ?? [], score);
        best = Math.max(best, score);
      }
      if (best < MIN_CONFIDENCE) continue;
      const facts = deriveTokenFacts(catalog, module.descriptor.id, credential.kind, value, now);
      out.push({
        provider: module.descriptor.id,
        kind: credential.kind,
        mode: facts.mode ?? null,
        confidence: round(best),
        facts,
      });
    }
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.provider.localeCompare(b.provider));
}

/** A JWT is only Printify-like when its payload reads and carries the provider's claims: known scopes lift it, none drop it. */
function jwtScore(value: string, knownScopes: readonly string[], base: number): number {
  const claims = decodeJwtClaims(value);
  if (!claims) return 0;
  const known = (claims.scopes ?? []).filter((s) => knownScopes.includes(s)).length;
  if (known > 0 && claims.exp !== undefined) return 0.95;
  if (known > 0) return 0.85;
  return claims.exp !== undefined ? base : base * 0.5;
}

const round = (n: number): number => Math.round(n * 100) / 100;
