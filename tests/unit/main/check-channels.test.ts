import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { readVaultVia } from '../../support/read-vault';

const SHIPPO_LIVE = `shippo_live_${'a1'.repeat(20)}`;
const SHIPPO_REVOKED = `shippo_live_${'b2'.repeat(20)}`;
const PIXLPAY_NO_PRODUCTS = `sk_live_${'c3'.repeat(16)}`;
const PRINTIFY_JWT = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: '1', iat: 1767225600, exp: 1798761600, scopes: ['shops.read'] })).toString('base64url')}.${'x'.repeat(43)}`;

let fakes: FakeProviders;
let fx: Awaited<ReturnType<typeof dispatchFixture>>;
beforeAll(async () => {
  fakes = await startFakeProviders({
    tokens: {
      shippo: {
        [SHIPPO_LIVE]: { owner: 'ops@acme.test' },
        [SHIPPO_REVOKED]: { owner: 'ops@acme.test', revoked: true },
      },
      pixlpay: { [PIXLPAY_NO_PRODUCTS]: { scopes: ['orders:read'] } },
      printify: { [PRINTIFY_JWT]: { account: 'acme', shops: [{ id: 5432, title: 'Acme merch' }] } },
    },
  });
});
afterAll(() => fakes.stop());
afterEach(() => fx?.cleanup());

const env = () => ({
  KEYWARD_BASE_URL_SHIPPO: fakes.baseUrls.shippo,
  KEYWARD_BASE_URL_PIXLPAY: fakes.baseUrls.pixlpay,
  KEYWARD_BASE_URL_PRINTIFY: fakes.baseUrls.printify,
});

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

describe('status checks through IPC, against the fake providers', () => {
  it('checks every token, streams progress, keeps each result on its token and never writes to a provider', async () => {
    fx = await dispatchFixture({ env: env() });
    const shippo = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'Acme shipping' });
    const pixl = await ok<{ id: string }>('createStore', {
      provider: 'pixlpay',
      label: 'Acme shop',
      identifiers: { host: 'acme.pixlpay.net' },
    });
    const live = await ok<{ id: string }>('createToken', { storeId: shippo.id, name: 'Live', secret: SHIPPO_LIVE });
    const revoked = await ok<{ id: string }>('createToken', {
      storeId: shippo.id,
      name: 'Old',
      secret: SHIPPO_REVOKED,
    });
    const scoped = await ok<{ id: string }>('createToken', {
      storeId: pixl.id,
      name: 'Orders app',
      secret: PIXLPAY_NO_PRODUCTS,
      scopes: ['orders:read'],
    });
    // Its mode is given: a Shippo token of unknown mode would count against both modes' slots.
    await ok('createToken', { storeId: shippo.id, name: 'No secret yet', mode: 'test' });

    const summary = await ok<{
      checked: number;
      withoutSecret: number;
      counts: Record<string, number>;
      results: { tokenId: string; outcome: string }[];
    }>('checkTokens', {
      runId: randomUUID(),
      selection: { all: true },
    });
    expect(summary).toMatchObject({ checked: 3, withoutSecret: 1, counts: { valid: 1, invalid: 1, restricted: 1 } });
    const outcome = (id: string) => summary.results.find((r) => r.tokenId === id)?.outcome;
    expect([outcome(live.id), outcome(revoked.id), outcome(scoped.id)]).toEqual(['valid', 'invalid', 'restricted']);

    const progress = fx.events
      .filter((e) => e.event === 'checkProgress')
      .map((e) => e.payload as { done: number; total: number });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(progress.every((p) => p.total === 3)).toBe(true);

    const vault = await readVaultVia(fx.dispatch);
    const liveToken = vault.tokens.find((t) => t.id === live.id)!;
    expect(liveToken.lastCheck).toMatchObject({
      outcome: 'valid',
      context: { objectOwner: 'ops@acme.test', test: false },
    });
    // Lists of tokens leave histories out; the token's own view has it.
    expect(liveToken).not.toHaveProperty('checkHistory');
    const { token } = await ok<{ token: { checkHistory: { outcome: string }[] } }>('getToken', { id: live.id });
    expect(token.checkHistory).toHaveLength(1);
    expect(token.checkHistory[0]).toMatchObject({ outcome: 'valid' });
    const missing = await fx.dispatch('getToken', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(JSON.stringify(vault)).not.toContain(SHIPPO_LIVE);
    expect(fakes.writes()).toBe(0);

    const findings = await ok<{ kind: string; subject: { tokenId?: string } }[]>('getFindings', {});
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'check_failed', subject: expect.objectContaining({ tokenId: revoked.id }) }),
    );
  });

  it('quick check: a pasted Printify token is checked, the shop is named, and nothing is saved', async () => {
    fx = await dispatchFixture({ env: env() });
    const before = await fx.vault();
    const result = await ok<{ outcome: string; context?: Record<string, unknown> }>('quickCheck', {
      provider: 'printify',
      secret: PRINTIFY_JWT,
    });
    expect(result.outcome).toBe('valid');
    expect(JSON.stringify(result.context)).toContain('Acme merch');
    expect((await fx.vault()).revision).toBe(before.revision);
    expect(await fx.secrets.accounts()).toEqual([]);
    expect(fx.audit.entries).toEqual([]);
  });

  it('a provider that cannot be reached is "unreachable", never "invalid"', async () => {
    fx = await dispatchFixture({ env: { KEYWARD_BASE_URL_SHIPPO: 'http://127.0.0.1:9' } });
    const result = await ok<{ outcome: string; detail: string }>('quickCheck', {
      provider: 'shippo',
      secret: SHIPPO_LIVE,
    });
    expect(result.outcome).toBe('unreachable');
    expect(result.detail).not.toContain(SHIPPO_LIVE);
  });

  it('refuses a base URL override that is not https or loopback, with a clear error', async () => {
    fx = await dispatchFixture({ env: { KEYWARD_BASE_URL_SHIPPO: 'http://example.com' } });
    const result = await fx.dispatch('quickCheck', { provider: 'shippo', secret: SHIPPO_LIVE });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/https/) },
    });
  });
});
