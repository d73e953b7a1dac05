import type { CheckResult } from '../../../contract';
import type { Redact } from '../../secrets/redact';
import { sentence } from './probes/classify';

/**
 * Masks every trace of the secrets in play in a result's words (a provider could echo one back, in any
 * case or encoding), then shortens each to the contract's 500 characters: masking first, so a cut can
 * never leave part of a secret that the masking would have recognised whole.
 */
export function redactResult(result: CheckResult, redact: Redact): CheckResult {
  const out: CheckResult = { ...result, detail: sentence(redact(result.detail)) };
  if (result.context) {
    out.context = Object.fromEntries(
      Object.entries(result.context).map(([k, v]) => [k, typeof v === 'string' ? sentence(redact(v)) : v]),
    );
  }
  return out;
}
