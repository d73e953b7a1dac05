import type { ProbeSpec, ProbeTarget } from '../probe-spec';
import { classifyAnswer, isRecord, joinUrl, quote, type ProviderWording } from './classify';

// Sources: https://docs.pixlpay.net/getting-started/authentication.html (Bearer auth, 401 and 403 bodies).
export const PIXLPAY_PROBE_PATH = '/api/external/v1/products?per_page=1';

/** The store's own origin; a base URL override replaces `https://<store>.pixlpay.net`. */
export function pixlpayOrigin(target: ProbeTarget): string {
  if (target.baseUrl) return target.baseUrl;
  const host = String(target.identifiers.host ?? '')
    .trim()
    .toLowerCase();
  if (!/^[a-z0-9][a-z0-9.-]{0,252}$/.test(host)) throw new Error('The PixlPay store host is missing or malformed.');
  return `https://${host}`;
}

const hostContext = (host: string | undefined): Record<string, string> => (host ? { host } : {});

/** PixlPay's answers, shared with user-defined PixlPay-style stores. */
export function pixlpayWording(provider: string, host: string | undefined): ProviderWording {
  return {
    provider,
    credential: 'API token',
    expected: 'a page of products',
    valid: (body) => {
      if (!isRecord(body)) return undefined;
      const list = Array.isArray(body.data) ? body.data : Array.isArray(body.products) ? body.products : undefined;
      if (!list && body.success !== true) return undefined;
      return {
        outcome: 'valid',
        detail: `${provider} accepts this API token${host ? ` for ${host}` : ''}.`,
        context: hostContext(host),
      };
    },
    invalid: (body) => {
      const said = isRecord(body) ? quote(body.message) : undefined;
      return `${provider} does not accept this API token (401${said ? `: "${said}"` : ''}): it is wrong, revoked, rotated or expired, or has the wrong prefix (sk_live_ / sk_test_).`;
    },
    restricted: (body) => {
      const said = isRecord(body) ? quote(body.message) : undefined;
      const scope = namedScope(said);
      // A 403 that names no scope may be the plan or the store as well: say so, and name none.
      const why = scope ? `it lacks the ${scope} scope` : 'refused: scope, plan or store (the answer names no scope)';
      return {
        outcome: 'restricted',
        detail: `${provider} knows this API token but refused to list products (403${said ? `: "${said}"` : ''}): ${why}. The token is alive.`,
        context: { ...(scope ? { missingScope: scope } : {}), ...hostContext(host) },
      };
    },
  };
}

/** The scope a 403 message names ("Token does not have the required scope: orders:write"), if any; never a guess. */
export function namedScope(message: string | undefined): string | undefined {
  return message?.match(/scope:?\s*["'`]?([A-Za-z0-9_-]+[:.][A-Za-z0-9_-]+)/i)?.[1];
}

export const pixlpayProbe: ProbeSpec = {
  request: (target) => ({
    url: joinUrl(pixlpayOrigin(target), PIXLPAY_PROBE_PATH),
    headers: { Authorization: `Bearer ${target.secret}`, Accept: 'application/json' },
  }),
  classify: (res, context) => {
    const host = typeof context.identifiers.host === 'string' ? context.identifiers.host : undefined;
    return classifyAnswer(res, context, pixlpayWording('PixlPay', host));
  },
};
