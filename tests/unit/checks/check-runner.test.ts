import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../electron/core/features/checks/check-runner';
import type { CheckDeps, CheckProgress } from '../../../electron/core/features/checks/check-types';
import { publishedLimits } from '../../../electron/core/features/checks/limits';
import type { HttpRequest, HttpResponse } from '../../../electron/core/ports';
import { fakeClock, item, USER_AGENT } from './helpers';

const SECRET = 'sk_live_runnersecret0000000001';
const ok: HttpResponse = { status: 200, headers: {}, body: '{"success":true,"data":[]}' };

/** An in-memory HttpClient: answers from `reply`, records fake-clock send times. */
function stub(
  clock: ReturnType<typeof fakeClock>,
  reply: (req: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>,
) {
  const sent: { at: number; req: HttpRequest }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const http = {
    request: async (req: HttpRequest) => {
      sent.push({ at: clock.now(), req });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setImmediate(r));
        return await reply(req, sent.length);
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { http, sent, maxInFlight: () => maxInFlight };
}

function deps(clock: ReturnType<typeof fakeClock>, http: CheckDeps['http'], concurrency = 4): CheckDeps {
  return {
    http,
    clock: clock.clock,
    sleep: clock.sleep,
    userAgent: USER_AGENT,
    concurrency,
    timeoutMs: 1_000,
    maxBodyBytes: 10_000,
  };
}

const target = {
  secret: SECRET,
  identifiers: { host: 'shop.pixlpay.net', subdomain: 'acme', storeId: 'abcdefghijklmnopqrstuvwx' },
  kind: 'access-token' as const,
  mode: 'live' as const,
  baseUrl: 'https://shop.example',
};

describe('runChecks', () => {
  it('honours Retry-After on 429: pauses the account, retries, then succeeds', async () => {
    const c = fakeClock();
    const s = stub(c, (_r, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '7' }, body: '{}' } : ok));
    const [e] = await runChecks([item({ provider: 'pixlpay', target })], deps(c, s.http));
    expect(e).toMatchObject({ status: 'checked', attempts: 2, result: { outcome: 'valid' } });
    expect(s.sent[1]!.at - s.sent[0]!.at).toBeGreaterThanOrEqual(7_000);
  });

  it('honours Thinkific RateLimit-Reset as epoch seconds and as milliseconds', async () => {
    const c = fakeClock();
    const s = stub(c, (_r, n): HttpResponse =>
      n === 1
        ? { status: 429, headers: { 'RateLimit-Reset': String(Math.ceil((c.now() + 9_000) / 1000)) }, body: '{}' }
        : n === 2
          ? { status: 429, headers: { 'RateLimit-Reset': '4000' }, body: '{}' }
          : { status: 200, headers: {}, body: '{"items":[],"meta":{"pagination":{"total_items":0}}}' },
    );
    const [e] = await runChecks([item({ provider: 'thinkific', target })], deps(c, s.http));
    expect(e).toMatchObject({ status: 'checked', attempts: 3, result: { outcome: 'valid' } });
    expect(s.sent[1]!.at - s.sent[0]!.at).toBeGreaterThanOrEqual(8_000);
    expect(s.sent[2]!.at - s.sent[1]!.at).toBeGreaterThanOrEqual(4_000);
    expect(s.sent[2]!.at - s.sent[1]!.at).toBeLessThan(5_000);
  });

  it('gives up after the retry bound and reports rate_limited with the wait', async () => {
    const c = fakeClock();
    const s = stub(c, () => ({ status: 429, headers: { 'Retry-After': '3' }, body: '{}' }));
    const i = item({ provider: 'pixlpay', target });
    const [e] = await runChecks([i], deps(c, s.http));
    expect(s.sent).toHaveLength(i.limits.maxRetries + 1);
    expect(e).toMatchObject({ status: 'checked', result: { outcome: 'rate_limited', retryAfterMs: 3_000 } });
  });

  it('does not wait for a 429 that asks for longer than the bound', async () => {
    const c = fakeClock();
    const s = stub(c, () => ({ status: 429, headers: { 'Retry-After': '3600' }, body: '{}' }));
    const [e] = await runChecks([item({ provider: 'pixlpay', target })], deps(c, s.http));
    expect(s.sent).toHaveLength(1);
    expect(e).toMatchObject({ result: { outcome: 'rate_limited', retryAfterMs: 3_600_000 } });
  });

  it('stops an account past its error budget (Printify 5%) and reports the rest as unknown', async () => {
    const c = fakeClock();
    const s = stub(c, () => ({ status: 503, headers: {}, body: '' }));
    const items = Array.from({ length: 50 }, (_, k) =>
      item({ provider: 'printify', storeProfileId: 'acct', tokenId: `t${k}`, target }),
    );
    const out = await runChecks(items, deps(c, s.http, 1));
    // Three failures are tolerated; a fourth would be far past 5% of requests.
    expect(s.sent.length).toBe(3);
    const outcomes = out.map((e) => (e.status === 'checked' ? e.result.outcome : 'cancelled'));
    expect(outcomes.slice(0, 3)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(outcomes.slice(3).every((o) => o === 'unknown')).toBe(true);
    const last = out[49]!;
    expect(last.status === 'checked' && last.result.detail).toMatch(/stopped sending to this Printify account/);
  });

  it('keeps going when failures stay under the budget', async () => {
    const c = fakeClock();
    const s = stub(c, (_r, n) =>
      n === 10 ? { status: 500, headers: {}, body: '' } : { status: 200, headers: {}, body: '[]' },
    );
    const items = Array.from({ length: 40 }, () => item({ provider: 'printify', storeProfileId: 'acct2', target }));
    const out = await runChecks(items, deps(c, s.http));
    expect(s.sent).toHaveLength(40);
    expect(out.filter((e) => e.status === 'checked' && e.result.outcome === 'valid')).toHaveLength(39);
  });

  it('bounds concurrency, reports progress, returns input order and sends the User-Agent', async () => {
    const c = fakeClock();
    const s = stub(c, () => ok);
    const items = Array.from({ length: 30 }, (_, k) => item({ provider: 'pixlpay', tokenId: `p${k}`, target }));
    const progress: CheckProgress[] = [];
    const out = await runChecks(items, deps(c, s.http, 3), { onProgress: (p) => progress.push(p) });
    expect(s.maxInFlight()).toBeLessThanOrEqual(3);
    expect(out.map((e) => e.tokenId)).toEqual(items.map((i) => i.tokenId));
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect(progress.at(-1)!.counts.valid).toBe(30);
    expect(JSON.parse(JSON.stringify(progress.at(-1)))).toEqual(progress.at(-1));
    expect(s.sent.every((x) => x.req.headers['User-Agent'] === USER_AGENT && x.req.method === 'GET')).toBe(true);
  });

  it('is cancellable: nothing more is sent, the rest are marked cancelled', async () => {
    const c = fakeClock();
    const s = stub(c, () => ok);
    const ctl = new AbortController();
    const items = Array.from({ length: 20 }, () => item({ provider: 'pixlpay', target }));
    const out = await runChecks(items, deps(c, s.http, 1), {
      signal: ctl.signal,
      onProgress: (p) => p.done === 5 && ctl.abort(),
    });
    expect(s.sent).toHaveLength(5);
    expect(out.filter((e) => e.status === 'cancelled')).toHaveLength(15);
  });

  it('paces one account to its published limit (Shippo live 50/min) on a fake clock', async () => {
    const c = fakeClock();
    const s = stub(c, () => ({ status: 200, headers: {}, body: '{"results":[]}' }));
    const items = Array.from({ length: 120 }, () => item({ provider: 'shippo', storeProfileId: 'acct3', target }));
    await runChecks(items, deps(c, s.http, 8));
    const times = s.sent.map((x) => x.at);
    const { windows } = publishedLimits({
      provider: 'shippo',
      storeProfileId: 'x',
      tokenId: 'x',
      identifiers: {},
      mode: 'live',
    });
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + windows[0]!.windowMs).length).toBeLessThanOrEqual(50);
    expect(times.at(-1)! - times[0]!).toBeLessThan(2 * 60_000 + 2_000);
  });

  it('never puts the secret in a result, even when the provider echoes it', async () => {
    const c = fakeClock();
    const s = stub(c, () => ({
      status: 401,
      headers: {},
      body: JSON.stringify({ success: false, message: `bad token ${SECRET}` }),
    }));
    const out = await runChecks([item({ provider: 'pixlpay', target })], deps(c, s.http));
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out[0]).toMatchObject({ result: { outcome: 'invalid' } });
  });
});
