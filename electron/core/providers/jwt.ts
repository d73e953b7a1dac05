/** Claims Keyward reads from a JWT payload for display. The signature is never checked: nothing here is trusted. */
export interface JwtClaims {
  exp?: number;
  iat?: number;
  scopes?: string[];
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Decodes a JWT's payload (base64url JSON); null when the value is not a readable JWT. */
export function decodeJwtClaims(value: string): JwtClaims | null {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p)) || value.length > 8192) return null;
  const header = parseJson(parts[0]!);
  const payload = parseJson(parts[1]!);
  if (!isObject(header) || typeof header.alg !== 'string' || !isObject(payload)) return null;
  const claims: JwtClaims = {};
  if (isTime(payload.exp)) claims.exp = payload.exp;
  if (isTime(payload.iat)) claims.iat = payload.iat;
  if (
    Array.isArray(payload.scopes) &&
    payload.scopes.length <= 128 &&
    payload.scopes.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 80)
  ) {
    claims.scopes = [...new Set(payload.scopes as string[])];
  }
  return claims;
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Seconds since the epoch, between 2000 and 2200: anything else is not a date worth showing.
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 946_684_800 && v < 7_258_118_400;
