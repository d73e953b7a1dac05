import type { ProbeSpec } from '../probe-spec';
import { checkBaseUrl } from '../base-url';
import { classifyAnswer, joinUrl } from './classify';
import { pixlpayWording } from './pixlpay';

/** A user-defined PixlPay-style store, described by settings rather than code. */
export interface CustomProviderProbe {
  /** Shown in details, e.g. 'Acme Shop'. */
  name?: string;
  baseUrl: string;
  /** One header line with a `{token}` placeholder, e.g. `Authorization: Bearer {token}`. */
  authHeaderTemplate: string;
  /** Path (and query) of a cheap read-only GET, e.g. `/api/external/v1/products?per_page=1`. */
  probePath: string;
}

/** Splits `Name: value {token}` into a header name and a value template; throws on anything else. */
export function parseAuthHeaderTemplate(template: string): { name: string; value: string } {
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*?)\s*$/.exec(template);
  if (!m || !m[2]!.includes('{token}'))
    throw new Error('The auth header template must look like "Authorization: Bearer {token}".');
  if (/[\r\n]/.test(m[2]!)) throw new Error('The auth header template must be one line.');
  return { name: m[1]!, value: m[2]! };
}

export function probeForCustomProvider(def: CustomProviderProbe): ProbeSpec {
  const base = checkBaseUrl(def.baseUrl);
  const auth = parseAuthHeaderTemplate(def.authHeaderTemplate);
  if (!def.probePath.startsWith('/') || /[\s#]/.test(def.probePath))
    throw new Error('The probe path must start with "/" and hold no spaces.');
  const name = def.name?.trim() || new URL(base).host;
  return {
    request: (target) => ({
      url: joinUrl(target.baseUrl ?? base, def.probePath),
      headers: { [auth.name]: auth.value.split('{token}').join(target.secret), Accept: 'application/json' },
    }),
    classify: (res, context) => {
      const wording = pixlpayWording(name, new URL(base).host);
      // The shape of a custom store's answer is unknown: any JSON from a 2xx means the token was accepted.
      return classifyAnswer(res, context, {
        ...wording,
        expected: 'a JSON body',
        valid: () => ({
          outcome: 'valid',
          detail: `${name} accepts this API token.`,
          context: { host: new URL(base).host },
        }),
      });
    },
  };
}
