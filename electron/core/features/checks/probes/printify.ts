import type { ProbeSpec } from '../probe-spec';
import { classifyAnswer, isRecord, joinUrl, quote } from './classify';

// Sources: https://developers.printify.com/ (GET /v1/shops.json, Bearer auth, limits).
export const PRINTIFY_BASE_URL = 'https://api.printify.com';

interface Shop {
  id: number | string;
  title: string;
}

function shops(body: unknown): Shop[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const out: Shop[] = [];
  for (const s of body) {
    if (!isRecord(s) || (typeof s.id !== 'number' && typeof s.id !== 'string')) return undefined;
    out.push({ id: s.id, title: quote(s.title, 120) ?? '' });
  }
  return out;
}

export const printifyProbe: ProbeSpec = {
  request: (target) => ({
    url: joinUrl(target.baseUrl ?? PRINTIFY_BASE_URL, '/v1/shops.json'),
    headers: { Authorization: `Bearer ${target.secret}` },
  }),
  classify: (res, context) =>
    classifyAnswer(res, context, {
      provider: 'Printify',
      credential: 'token',
      expected: 'a list of shops',
      valid: (body) => {
        const list = shops(body);
        if (!list) return undefined;
        const named = list.map((s) => `${s.id} ${s.title}`.trim()).join('; ');
        const context: Record<string, string | number> = { shopCount: list.length };
        if (list[0]) {
          context.shopId = String(list[0].id);
          context.shopTitle = list[0].title;
          context.shopIds = list
            .map((s) => String(s.id))
            .join(',')
            .slice(0, 500);
          context.shops = named.slice(0, 500);
          context.shopChoices = choicesJson(list);
        }
        const detail =
          list.length === 0
            ? 'Printify accepts this token; the account has no shops yet.'
            : `Printify accepts this token; it sees ${list.length} shop${list.length === 1 ? '' : 's'}: ${named}.`;
        return { outcome: 'valid', detail, context };
      },
      restricted: () =>
        'Printify knows this token but refused to list shops (403): it is alive but lacks the shops.read scope (tokens made before a scope existed never gain it).',
    }),
};

/** The shops as JSON [{id, title}], as many whole entries as fit the contract's 500 characters. */
function choicesJson(list: readonly Shop[]): string {
  const out: Shop[] = [];
  for (const s of list) {
    const next = JSON.stringify([...out, { id: String(s.id), title: s.title }]);
    if (next.length > 500) break;
    out.push({ id: String(s.id), title: s.title });
  }
  return JSON.stringify(out);
}
