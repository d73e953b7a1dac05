import type { ProbeSpec } from '../probe-spec';
import { classifyAnswer, isRecord, joinUrl, quote } from './classify';

// Sources: https://docs.goshippo.com/docs/guides_general/authentication/ (ShippoToken auth, 401 bodies).
export const SHIPPO_BASE_URL = 'https://api.goshippo.com';

export const shippoProbe: ProbeSpec = {
  request: (target) => ({
    url: joinUrl(target.baseUrl ?? SHIPPO_BASE_URL, '/carrier_accounts?results=1'),
    headers: { Authorization: `ShippoToken ${target.secret}` },
  }),
  classify: (res, context) =>
    classifyAnswer(res, context, {
      provider: 'Shippo',
      credential: 'API token',
      expected: 'a page of carrier accounts',
      valid: (body) => {
        if (!isRecord(body) || !Array.isArray(body.results)) return undefined;
        const first: unknown = body.results[0];
        const ctx: Record<string, string | boolean> = {};
        if (isRecord(first)) {
          const owner = quote(first.object_owner, 200);
          if (owner) ctx.objectOwner = owner;
          if (typeof first.test === 'boolean') ctx.test = first.test;
        }
        const whose = ctx.objectOwner ? ` (account ${String(ctx.objectOwner)})` : '';
        const mode = ctx.test === undefined ? '' : ctx.test ? ' in test mode' : ' in live mode';
        return { outcome: 'valid', detail: `Shippo accepts this API token${whose}${mode}.`, context: ctx };
      },
      invalid: (body) => {
        const said = isRecord(body) ? quote(body.detail) : undefined;
        return `Shippo does not accept this API token (401${said ? `: "${said}"` : ''}): it is wrong or was deleted.`;
      },
      restricted: (body) => {
        const said = isRecord(body) ? quote(body.detail) : undefined;
        return `Shippo knows this API token but refused to list carrier accounts (403${said ? `: "${said}"` : ''}); the token is alive (Shippo tokens have no scopes, so this is about ownership).`;
      },
    }),
};
