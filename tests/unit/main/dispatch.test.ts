import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../../electron/contract';
import { dispatchFixture, type inventoryFixture } from '../../support/inventory-fixture';
import { vaultState } from '../../support/vault';

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

async function setup() {
  const d = await dispatchFixture();
  fx = d;
  return d.dispatch;
}

describe('dispatch', () => {
  it('answers a valid call with {ok:true,value} shaped by the output schema', async () => {
    const dispatch = await setup();
    const result = await dispatch('createStore', { provider: 'shippo', label: 'Acme' });
    expect(result.ok).toBe(true);
    expect(channels.createStore.output.safeParse(result.ok && result.value).success).toBe(true);
  });

  it.each([
    ['unknown field (strict schemas)', 'createStore', { provider: 'shippo', label: 'A', extra: 1 }],
    ['over-long label', 'createStore', { provider: 'shippo', label: 'x'.repeat(121) }],
    ['unknown provider', 'createStore', { provider: 'stripe', label: 'A' }],
    ['not an object', 'createClient', 'Acme'],
    [
      'too many scopes',
      'createToken',
      {
        storeId: '00000000-0000-4000-8000-000000000000',
        name: 'T',
        scopes: Array.from({ length: 129 }, (_, i) => `s${i}`),
      },
    ],
    [
      'secret with a space inside',
      'createToken',
      { storeId: '00000000-0000-4000-8000-000000000000', name: 'T', secret: 'shippo_live_ abc123456' },
    ],
    ['malformed id', 'deleteToken', { id: '../../etc/passwd' }],
  ])('refuses %s with invalid_input and changes nothing', async (_name, channel, raw) => {
    const dispatch = await setup();
    const before = await vaultState(fx);
    const result = await dispatch(channel, raw);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toMatch(/^Invalid input for /);
    expect(await vaultState(fx)).toEqual(before);
    expect(fx.audit.entries).toEqual([]);
  });

  it('never echoes a rejected secret in the error', async () => {
    const dispatch = await setup();
    const secret = 'sk_live_' + 'q'.repeat(9000);
    const result = await dispatch('createToken', {
      storeId: '00000000-0000-4000-8000-000000000000',
      name: 'T',
      secret,
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('qqqqqqqqqq');
  });

  it('names an unknown channel', async () => {
    const dispatch = await setup();
    expect(await dispatch('readAllSecrets', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('turns domain errors into their codes and unexpected ones into a generic internal error', async () => {
    const dispatch = await setup();
    expect(await dispatch('deleteStore', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    fx.repo.load = async () => {
      throw new Error('EACCES: /secret/path');
    };
    (fx.session as unknown as { data: null }).data = null;
    const result = await dispatch('getVaultStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
  });

  it('has a handler for every channel in the contract', async () => {
    const dispatch = await setup();
    for (const name of channelNames) {
      const result = await dispatch(name, {});
      expect(!result.ok && result.error.code === 'unknown_channel').toBe(false);
    }
  });
});
