import type { ProbeSpec } from '../probe-spec';
import { classifyAnswer, isRecord, joinUrl } from './classify';

// Sources: https://docs.printago.io/docs/api/authentication-and-quotas (both headers, 401/403/429, Retry-After).
export const PRINTAGO_BASE_URL = 'https://api.printago.io';

export const printagoProbe: ProbeSpec = {
  request: (target) => ({
    url: joinUrl(target.baseUrl ?? PRINTAGO_BASE_URL, '/v1/printers?limit=1'),
    headers: {
      authorization: `ApiKey ${target.secret}`,
      'x-printago-storeid': String(target.identifiers.storeId ?? ''),
    },
  }),
  classify: (res, context) =>
    classifyAnswer(res, context, {
      provider: 'Printago',
      credential: 'API key',
      expected: 'a list of printers',
      valid: (body) => {
        // The spec pages lists; accept a bare array or an object holding one.
        const list = Array.isArray(body) ? body : isRecord(body) ? Object.values(body).find(Array.isArray) : undefined;
        if (!list) return undefined;
        return {
          outcome: 'valid',
          detail: 'Printago accepts this API key for this store.',
          context: { storeId: String(context.identifiers.storeId ?? '') },
        };
      },
      invalid: () =>
        'Printago does not accept this API key with this store id (401): the key is wrong, inactive, deleted or expired, or the store id is not its store.',
      restricted: () =>
        "Printago knows this API key but refused to list printers (403): either the key lacks the permission to read printers, or this computer's IP address is not on the key's IP allowlist; Printago does not say which. The key is alive.",
    }),
};
