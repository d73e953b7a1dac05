import type { HttpResponse } from '../../../ports';
import type { ClassifyContext, ProbeVerdict } from '../probe-spec';
import { header, retryAfterMs } from '../retry-after';

export const MAX_DETAIL = 500;

/** Keeps a detail within the contract's 500 characters. */
export function sentence(text: string): string {
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
}

/** A provider's own words, shortened and stripped of control characters, for quoting in a detail. */
export function quote(text: unknown, max = 160): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = text.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** JSON body or undefined: a malformed body is data, not an exception. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A parsed body with every string in it masked, so what is quoted from it is masked before it is cut. */
export function redactDeep(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  // Nothing a probe reads lies this deep; a hostile body cannot make the walk overflow the stack.
  if (depth > 32) return null;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, depth + 1)]));
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How one provider words its answers; the status-code rules are the same for all (401 refused, 403 restricted, 429 throttled). */
export interface ProviderWording {
  /** The provider's name as it writes it, e.g. 'Printify'. */
  provider: string;
  /** What the provider calls the secret, e.g. 'token' or 'API key'. */
  credential: string;
  /** The shape the probe expects, for the "unexpected body" detail. */
  expected: string;
  /** A 2xx body with the expected shape → the verdict; undefined when the shape does not match. */
  valid(body: unknown, context: ClassifyContext): ProbeVerdict | undefined;
  invalid?(body: unknown, context: ClassifyContext): string;
  restricted?(body: unknown, context: ClassifyContext): ProbeVerdict | string;
}

/** The shared reading of a probe's answer: 2xx valid, 401 invalid, 403 restricted, 429 rate limited, 5xx unreachable. */
export function classifyAnswer(res: HttpResponse, context: ClassifyContext, wording: ProviderWording): ProbeVerdict {
  const { provider, credential } = wording;
  const status = res.status;
  const redact = context.redact ?? ((text: string) => text);
  const body = redactDeep(parseJson(res.body), redact);
  if (status >= 200 && status < 300) {
    const verdict = body === undefined ? undefined : wording.valid(body, context);
    if (verdict) return { ...verdict, detail: sentence(verdict.detail), httpStatus: status };
    const what = body === undefined ? 'a body that is not JSON' : 'a body of an unexpected shape';
    return {
      outcome: 'unknown',
      httpStatus: status,
      detail: sentence(
        `${provider} answered ${status} with ${what} (expected ${wording.expected}), so Keyward cannot tell whether the ${credential} works.`,
      ),
    };
  }
  if (status === 401) {
    const detail =
      wording.invalid?.(body, context) ??
      `${provider} does not accept this ${credential} (401): it is wrong, revoked or expired.`;
    return { outcome: 'invalid', httpStatus: status, detail: sentence(detail) };
  }
  if (status === 403) {
    const r =
      wording.restricted?.(body, context) ??
      `${provider} knows this ${credential} but refused the request (403): it is alive but not allowed to read this.`;
    if (typeof r === 'string') return { outcome: 'restricted', httpStatus: status, detail: sentence(r) };
    return { ...r, detail: sentence(r.detail), httpStatus: status };
  }
  if (status === 429) {
    const wait = retryAfterMs(res.headers, context.now);
    const when = wait === undefined ? 'it did not say for how long' : `it asked to wait ${Math.ceil(wait / 1000)} s`;
    const verdict: ProbeVerdict = {
      outcome: 'rate_limited',
      httpStatus: status,
      detail: sentence(
        `${provider} is throttling requests (429); this says nothing about the ${credential}, and ${when}.`,
      ),
    };
    if (wait !== undefined) verdict.retryAfterMs = wait;
    return verdict;
  }
  if (status >= 500) {
    return {
      outcome: 'unreachable',
      httpStatus: status,
      detail: sentence(
        `${provider} had a server error (${status}); the ${credential} was not judged. Try again later.`,
      ),
    };
  }
  if (status >= 300 && status < 400) {
    const location = header(res.headers, 'location');
    const to = quote(location === undefined ? undefined : redact(location), 120);
    return {
      outcome: 'unknown',
      httpStatus: status,
      detail: sentence(
        `${provider} answered with a redirect (${status}${to ? ` to ${to}` : ''}); Keyward does not follow redirects, so the ${credential} was not judged. Check the base URL.`,
      ),
    };
  }
  return {
    outcome: 'unknown',
    httpStatus: status,
    detail: sentence(`${provider} answered ${status}, which does not say whether the ${credential} works.`),
  };
}

/** Joins a base URL and a path with exactly one slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
