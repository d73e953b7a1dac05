import { fillTemplate, templateProblem } from '../../../../contract';
import type { ProbeSpec, ProbeTarget } from '../probe-spec';
import { checkBaseUrl } from '../base-url';
import { classifyAnswer, isRecord, joinUrl, quote, type ProviderWording } from './classify';
import { namedScope } from './pixlpay';

/** A user-defined PixlPay-style store, described by settings rather than code. */
export interface CustomProviderProbe {
  /** Shown in details, e.g. 'Acme Shop'. */
  name?: string;
  /** An https address; {field} placeholders are filled from the store's identifiers (e.g. https://{host}/api). */
  baseUrl: string;
  /** One header line with a `{token}` placeholder, e.g. `Authorization: Bearer {token}`. */
  authHeaderTemplate: string;
  /** Path (and query) of a cheap read-only GET, e.g. `/api/external/v1/products?per_page=1`. */
  probePath: string;
  /** The definition's own words for its messages: its mode prefixes and scopes. */
  modePrefixes?: { live?: string; test?: string };
  scopes?: readonly string[];
}

/** Splits `Name: value {token}` into a header name and a value template; throws on anything else. */
export function parseAuthHeaderTemplate(template: string): { name: string; value: string } {
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*?)\s*$/.exec(template);
  if (!m || !m[2]!.includes('{token}'))
    throw new Error('The auth header template must look like "Authorization: Bearer {token}".');
  if (/[\r\n]/.test(m[2]!)) throw new Error('The auth header template must be one line.');
  return { name: m[1]!, value: m[2]! };
}

/** The store's base address: the template filled from its identifiers, checked like any base URL. */
function storeBase(def: CustomProviderProbe, target: Pick<ProbeTarget, 'identifiers' | 'baseUrl'>): string {
  if (target.baseUrl) return target.baseUrl;
  return checkBaseUrl(fillTemplate(def.baseUrl, target.identifiers));
}

export function probeForCustomProvider(def: CustomProviderProbe): ProbeSpec {
  // A fixed address may be a local one (http on 127.0.0.1); a template is always https.
  if (def.baseUrl.includes('{')) {
    const problem = templateProblem(def.baseUrl);
    if (problem) throw new Error(`${problem}.`);
  } else checkBaseUrl(def.baseUrl);
  const auth = parseAuthHeaderTemplate(def.authHeaderTemplate);
  if (!def.probePath.startsWith('/') || /[\s#]/.test(def.probePath))
    throw new Error('The probe path must start with "/" and hold no spaces.');
  return {
    request: (target) => ({
      url: joinUrl(storeBase(def, target), def.probePath),
      headers: { [auth.name]: auth.value.split('{token}').join(target.secret), Accept: 'application/json' },
    }),
    classify: (res, context) => {
      let host: string | undefined;
      try {
        host = new URL(storeBase(def, { identifiers: context.identifiers })).host;
      } catch {
        host = undefined;
      }
      return classifyAnswer(res, context, customWording(def, host));
    },
  };
}

/** A custom provider's answers in its own words: its name, prefixes, scopes and probe path; never PixlPay's. */
export function customWording(def: CustomProviderProbe, host: string | undefined): ProviderWording {
  const name = def.name?.trim() || host || 'The provider';
  const at = host ? ` for ${host}` : '';
  const prefixes = [def.modePrefixes?.live, def.modePrefixes?.test].filter((p): p is string => !!p);
  const path = def.probePath.split('?')[0];
  return {
    provider: name,
    credential: 'API token',
    // The shape of a custom store's answer is unknown: any JSON from a 2xx means the token was accepted.
    expected: 'a JSON body',
    valid: () => ({
      outcome: 'valid',
      detail: `${name} accepts this API token${at}.`,
      ...(host ? { context: { host } } : {}),
    }),
    invalid: (body) => {
      const said = isRecord(body) ? quote(body.message ?? body.error) : undefined;
      const prefix = prefixes.length ? `, or does not start with ${prefixes.join(' or ')}` : '';
      return `${name} does not accept this API token (401${said ? `: "${said}"` : ''}): it is wrong, revoked or expired${prefix}.`;
    },
    restricted: (body) => {
      const said = isRecord(body) ? quote(body.message ?? body.error) : undefined;
      const scope = namedScope(said);
      const why = scope ? `it lacks the ${scope} scope` : 'refused: scope, plan or store (the answer names no scope)';
      return {
        outcome: 'restricted',
        detail: `${name} knows this API token but refused GET ${path} (403${said ? `: "${said}"` : ''}): ${why}. The token is alive.`,
        context: { ...(scope ? { missingScope: scope } : {}), ...(host ? { host } : {}) },
      };
    },
  };
}
