import { authValue, startFakeServer, type FakeReply, type FakeRequest, type FakeServer } from './fake-server';

/** What a hostile provider sends back for one secret: a status and text derived from the secret. */
export interface EchoPlan {
  status: 200 | 302 | 401 | 403;
  /** The text put where the provider's words go (owner, shop title, error message, redirect target). */
  echo: string;
  /** Writes every character of the JSON body as a \uXXXX escape, so only a JSON parser sees the text. */
  jsonEscaped?: boolean;
}

export type EchoProvider = 'shippo' | 'printify' | 'pixlpay' | 'thinkific';

/** Which field each provider's answer carries the echo in, by status (what Keyward quotes). */
function replyFor(provider: EchoProvider, plan: EchoPlan): { status: number; json: unknown } {
  const { status, echo } = plan;
  switch (provider) {
    case 'shippo':
      return status === 200
        ? { status, json: { results: [{ object_owner: echo, test: false }] } }
        : { status, json: { detail: echo } };
    case 'printify':
      return { status, json: status === 200 ? [{ id: 7, title: echo }] : { error: echo } };
    case 'pixlpay':
      return { status, json: status === 200 ? { data: [], note: echo } : { message: echo } };
    case 'thinkific':
      return { status, json: status === 200 ? { items: [], meta: { note: echo } } : { error: echo } };
  }
}

const PATHS: Record<string, EchoProvider> = {
  '/carrier_accounts': 'shippo',
  '/v1/shops.json': 'printify',
  '/api/external/v1/products': 'pixlpay',
  '/api/public/v1/courses': 'thinkific',
};

function secretOf(provider: EchoProvider, req: FakeRequest): string | undefined {
  if (provider === 'shippo') return authValue(req.headers, 'ShippoToken');
  if (provider === 'thinkific') return req.headers['x-auth-api-key'] ?? authValue(req.headers, 'Bearer');
  return authValue(req.headers, 'Bearer');
}

const escapeAll = (json: string): string =>
  json.replace(
    /"((?:[^"\\]|\\.)*)"/g,
    (_, inner: string) =>
      `"${[...(JSON.parse(`"${inner}"`) as string)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
  );

/**
 * One server on 127.0.0.1 that answers as Shippo, Printify, PixlPay or Thinkific (by path) and puts
 * text derived from the secret it was sent into its answer; `plan` decides that text per secret.
 */
export async function startEchoProvider(
  plan: (secret: string, provider: EchoProvider) => EchoPlan | undefined,
): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    const provider = PATHS[req.path];
    if (!provider) return { status: 404, json: { error: 'Not Found' } };
    const secret = secretOf(provider, req);
    const p = secret ? plan(secret, provider) : undefined;
    if (!p) return { status: 401, json: { error: 'no token' } };
    if (p.status === 302)
      return { status: 302, headers: { location: `http://127.0.0.1:9/login?next=${p.echo}` }, body: '' };
    const { status, json } = replyFor(provider, p);
    const body = JSON.stringify(json);
    return { status, body: p.jsonEscaped ? escapeAll(body) : body };
  });
}
