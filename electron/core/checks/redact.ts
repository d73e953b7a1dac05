import type { CheckResult } from '../../contract';

const MASK = '[redacted]';

/** Removes any trace of the secret from a result's words (a provider could echo it back). */
export function redactResult(result: CheckResult, secret: string): CheckResult {
  if (secret.length === 0) return result;
  const clean = (s: string) => (s.includes(secret) ? s.split(secret).join(MASK) : s);
  const out: CheckResult = { ...result, detail: clean(result.detail).slice(0, 500) };
  if (result.context) {
    out.context = Object.fromEntries(Object.entries(result.context).map(([k, v]) => [k, typeof v === 'string' ? clean(v).slice(0, 500) : v]));
  }
  return out;
}
