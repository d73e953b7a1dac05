import type { CheckResult } from '../../../contract';
import type { HttpResponse } from '../../ports';

/** What a probe needs to know about the token being checked: the secret and its store's identifiers. */
export interface ProbeTarget {
  secret: string;
  identifiers: Record<string, string | number | boolean | string[]>;
  kind: 'api-key' | 'access-token';
  mode: 'live' | 'test' | null;
  /** Base URL override (setting or KEYWARD_BASE_URL_<PROVIDER>); the probe's default otherwise. */
  baseUrl?: string;
}

export interface ProbeRequest {
  url: string;
  headers: Record<string, string>;
}

/** What a classifier may know besides the answer: never the secret. */
export interface ClassifyContext {
  /** When the answer arrived: turns Retry-After dates and epoch resets into a wait. */
  now: Date;
  identifiers: ProbeTarget['identifiers'];
  kind: ProbeTarget['kind'];
  mode: ProbeTarget['mode'];
  /**
   * Masks the secrets in play in the provider's words. The runner always sets it; classifiers apply it
   * to what they read before quoting or shortening anything.
   */
  redact?: (text: string) => string;
}

/** A check's result before the runner stamps `checkedAt`. */
export type ProbeVerdict = Omit<CheckResult, 'checkedAt'>;

/** One provider's status probe: a single cheap read-only GET, and how to read its answer. */
export interface ProbeSpec {
  request(target: ProbeTarget): ProbeRequest;
  /** Turns an HTTP answer into an outcome (network faults are handled by the runner, never here). */
  classify(response: HttpResponse, context: ClassifyContext): ProbeVerdict;
}
