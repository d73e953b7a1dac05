/** Reads a header case-insensitively (HTTP header names are case-insensitive). */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

// Epoch seconds today are ~1.7e9; a wait of that many seconds or milliseconds would be decades or weeks.
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
const MAX_WAIT_MS = 24 * 60 * 60 * 1000;

const clampWait = (ms: number): number | undefined =>
  Number.isFinite(ms) ? Math.min(MAX_WAIT_MS, Math.max(0, Math.ceil(ms))) : undefined;

function number(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const seconds = number(value);
  if (seconds !== undefined) return clampWait(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : clampWait(at - now.getTime());
}

/** `X-RateLimit-Reset`: epoch seconds when large, otherwise seconds until the reset. */
export function parseXRateLimitReset(value: string | undefined, now: Date): number | undefined {
  const n = number(value);
  if (n === undefined) return undefined;
  return clampWait(n >= EPOCH_SECONDS_FLOOR ? n * 1000 - now.getTime() : n * 1000);
}

/** Thinkific's `RateLimit-Reset`: documented both as epoch seconds and as milliseconds until reset. */
export function parseThinkificReset(value: string | undefined, now: Date): number | undefined {
  const n = number(value);
  if (n === undefined) return undefined;
  return clampWait(n >= EPOCH_SECONDS_FLOOR ? n * 1000 - now.getTime() : n);
}

/** The wait a 429 asks for, from whichever header the provider sent; undefined when none. */
export function retryAfterMs(headers: Record<string, string>, now: Date): number | undefined {
  return (
    parseRetryAfter(header(headers, 'retry-after'), now) ??
    parseXRateLimitReset(header(headers, 'x-ratelimit-reset'), now) ??
    parseThinkificReset(header(headers, 'ratelimit-reset'), now)
  );
}
