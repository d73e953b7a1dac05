import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { planCheck } from '../../../electron/core/features/checks/check-plan';
import { createCatalog } from '../../../electron/core/providers/catalog';
import type { StoreProfile, Token } from '../../../electron/contract';

const hex = (c: string) => c.repeat(20);
const ACTIVE = `shippo_live_${hex('a1')}`;
const REVOKED = `shippo_live_${hex('b2')}`;
const ROTATED = `shippo_test_${hex('c3')}`;
const EXPIRED = `shippo_test_${hex('d4')}`;

let fakes: FakeProviders;
let fx: Awaited<ReturnType<typeof dispatchFixture>>;
beforeAll(async () => {
  fakes = await startFakeProviders({
    tokens: {
      shippo: Object.fromEntries([ACTIVE, REVOKED, ROTATED, EXPIRED].map((s) => [s, { owner: 'ops@acme.test' }])),
    },
  });
});
afterAll(() => fakes.stop());
afterEach(() => fx?.cleanup());

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

describe('a bulk check shows what it would send, and leaves retired tokens out unless asked', () => {
  it('plans per provider, sends nothing while planning, then checks only the live tokens by default', async () => {
    fx = await dispatchFixture({ env: { KEYWARD_BASE_URL_SHIPPO: fakes.baseUrls.shippo } });
    const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'Acme shipping' });
    const add = (name: string, secret: string) =>
      ok<{ id: string }>('createToken', { storeId: store.id, name, secret });
    await add('Active', ACTIVE);
    const revoked = await add('Revoked', REVOKED);
    const rotated = await add('Rotated', ROTATED);
    const expired = await add('Expired', EXPIRED);
    await ok('updateToken', { id: revoked.id, status: 'revoked' });
    await ok('updateToken', { id: rotated.id, status: 'rotated' });
    await ok('updateToken', { id: expired.id, expiresAt: '2020-01-01T00:00:00.000Z' });
    const before = fakes.servers.shippo.requests.length;

    const plan = await ok<{ requests: number; leftOut: object; providers: { name: string; requests: number }[] }>(
      'planCheck',
      { selection: { all: true } },
    );
    expect(plan).toMatchObject({ requests: 1, leftOut: { revoked: 1, rotated: 1, expired: 1 } });
    expect(plan.providers).toEqual([expect.objectContaining({ name: 'Shippo', requests: 1, accounts: 1 })]);
    expect(fakes.servers.shippo.requests.length).toBe(before);

    const summary = await ok<{ checked: number; leftOut: object }>('checkTokens', {
      runId: randomUUID(),
      selection: { all: true },
    });
    expect(summary).toMatchObject({ checked: 1, leftOut: { revoked: 1, rotated: 1, expired: 1 } });
    expect(fakes.servers.shippo.requests.length).toBe(before + 1);

    const all = await ok<{ requests: number }>('planCheck', { selection: { all: true }, includeRetired: true });
    expect(all.requests).toBe(4);
    const included = await ok<{ checked: number }>('checkTokens', {
      runId: randomUUID(),
      selection: { all: true },
      includeRetired: true,
    });
    expect(included.checked).toBe(4);
  });

  it('takes the time from the published limits: Shippo test keys allow 10 a minute per account', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const store = { id: 's1', provider: 'shippo', identifiers: {} } as unknown as StoreProfile;
    const token = (i: number, mode: 'live' | 'test'): Token =>
      ({
        id: `t${mode}${i}`,
        storeId: 's1',
        mode,
        status: 'active',
        expiresAt: null,
        settings: {},
        secret: { fingerprint: `f${i}` },
      }) as unknown as Token;
    const tokens = [...Array.from({ length: 25 }, (_, i) => token(i, 'test')), token(99, 'live')];
    const plan = planCheck({ stores: [store], tokens }, createCatalog(), { all: true }, now);
    // 25 requests at 10 a minute: the first 10 at once, then two more minutes. The live key has its own bucket.
    expect(plan).toMatchObject({ requests: 26, seconds: 120 });
    expect(plan.providers).toEqual([{ provider: 'shippo', name: 'Shippo', requests: 26, accounts: 2, seconds: 120 }]);
  });
});
