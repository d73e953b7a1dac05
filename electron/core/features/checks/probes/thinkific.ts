import type { ProbeRequest, ProbeSpec } from '../probe-spec';
import { classifyAnswer, isRecord, joinUrl, quote } from './classify';

// Sources: https://developers.thinkific.com/api/api-key-auth/ (headers, 401 on plans without API access).
export const THINKIFIC_BASE_URL = 'https://api.thinkific.com';

export const thinkificProbe: ProbeSpec = {
  request: (target): ProbeRequest => {
    const url = joinUrl(target.baseUrl ?? THINKIFIC_BASE_URL, '/api/public/v1/courses?limit=1');
    if (target.kind === 'access-token') return { url, headers: { Authorization: `Bearer ${target.secret}` } };
    return {
      url,
      headers: { 'X-Auth-API-Key': target.secret, 'X-Auth-Subdomain': String(target.identifiers.subdomain ?? '') },
    };
  },
  classify: (res, context) => {
    const credential = context.kind === 'access-token' ? 'access token' : 'API key';
    const site = typeof context.identifiers.subdomain === 'string' ? context.identifiers.subdomain : undefined;
    return classifyAnswer(res, context, {
      provider: 'Thinkific',
      credential,
      expected: 'a page of courses',
      valid: (body) => {
        if (!isRecord(body) || !Array.isArray(body.items)) return undefined;
        const pagination = isRecord(body.meta) && isRecord(body.meta.pagination) ? body.meta.pagination : undefined;
        const total = typeof pagination?.total_items === 'number' ? pagination.total_items : undefined;
        const ctx: Record<string, string | number> = {};
        if (site) ctx.subdomain = site;
        if (total !== undefined) ctx.totalCourses = total;
        const where = site ? ` for ${site}` : '';
        const count = total === undefined ? '' : ` (${total} course${total === 1 ? '' : 's'})`;
        return { outcome: 'valid', detail: `Thinkific accepts this ${credential}${where}${count}.`, context: ctx };
      },
      invalid: () =>
        `Thinkific does not accept this ${credential}${site ? ` for ${site}` : ''} (401): it is wrong, reset, revoked or expired, or the subdomain is not its site. A site whose plan has no API access also answers 401.`,
      restricted: (body) => {
        const said = isRecord(body) ? quote(body.error) : undefined;
        const why =
          said && /scope/i.test(said)
            ? 'it lacks the scope to read courses'
            : "the site's plan or the token's scope does not allow reading courses";
        return `Thinkific knows this ${credential} but refused (403${said ? `: "${said}"` : ''}): ${why}. The ${credential} is alive.`;
      },
    });
  },
};
