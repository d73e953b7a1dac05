import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { answerHash } from '../../../electron/contract';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';

const SECRET = `shippo_live_${'1a'.repeat(20)}`;

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
afterEach(() => fx?.cleanup());
const ok = async <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

/** A client with a Shippo store holding two tokens, and a store without a client. */
async function vault() {
  fx = await dispatchFixture();
  const client = await ok<{ id: string }>('createClient', { name: 'Acme' });
  const store = await ok<{ id: string }>('createStore', {
    provider: 'shippo',
    label: 'Acme shipping',
    clientId: client.id,
  });
  const other = await ok<{ id: string }>('createStore', { provider: 'printify', label: 'Loose store' });
  const first = await ok<{ id: string }>('createToken', { storeId: store.id, name: 'Warehouse', secret: SECRET });
  const second = await ok<{ id: string }>('createToken', { storeId: store.id, name: 'Backup' });
  return { client, store, other, first, second };
}

describe('the views read what they show from the database', () => {
  it('a token comes with its store, client and provider names and its history newest first; no secret', async () => {
    const { first, store, client } = await vault();
    await fx.features.checks.record(
      [{ tokenId: first.id, result: { outcome: 'valid', detail: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' } }],
      'check',
    );
    await fx.features.checks.record(
      [{ tokenId: first.id, result: { outcome: 'invalid', detail: 'refused', checkedAt: '2026-02-01T00:00:00.000Z' } }],
      'check',
    );
    const view = await ok<{ token: { name: string; checkHistory: { outcome: string }[] } } & Record<string, unknown>>(
      'getToken',
      { id: first.id },
    );
    expect(view).toMatchObject({
      storeLabel: 'Acme shipping',
      providerId: 'shippo',
      providerName: 'Shippo',
      clientId: client.id,
      clientName: 'Acme',
      token: { id: first.id, storeId: store.id, name: 'Warehouse' },
    });
    expect(view.token.checkHistory.map((c) => c.outcome)).toEqual(['invalid', 'valid']);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(await fx.dispatch('getToken', { id: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a store lists its tokens in vault order; a client its stores with counts; the tree every store', async () => {
    const { store, client, other } = await vault();
    const storeView = await ok<{ tokens: { name: string }[]; client: unknown }>('getStore', { id: store.id });
    expect(storeView.tokens.map((t) => t.name)).toEqual(['Warehouse', 'Backup']);
    expect(storeView.client).toEqual({ id: client.id, name: 'Acme' });
    expect(JSON.stringify(storeView)).not.toContain('checkHistory');

    const clientView = await ok<{ stores: unknown[] }>('getClient', { id: client.id });
    expect(clientView.stores).toEqual([
      expect.objectContaining({ id: store.id, label: 'Acme shipping', providerName: 'Shippo', tokenCount: 2 }),
    ]);
    const nav = await ok<{ clients: unknown[]; stores: { id: string; tokenCount: number }[]; tokenCount: number }>(
      'getNavigation',
      {},
    );
    expect(nav.clients).toEqual([{ id: client.id, name: 'Acme' }]);
    expect(nav.stores.map((s) => [s.id, s.tokenCount])).toEqual([
      [store.id, 2],
      [other.id, 0],
    ]);
    expect(nav.tokenCount).toBe(2);
  });

  it('names ids in the order asked and leaves unknown ones out', async () => {
    const { first, second, store, client } = await vault();
    const names = await ok<{ tokens: { id: string; storeLabel: string }[]; stores: unknown[]; clients: unknown[] }>(
      'getNames',
      { tokenIds: [second.id, randomUUID(), first.id], storeIds: [store.id], clientIds: [client.id] },
    );
    expect(names.tokens.map((t) => t.id)).toEqual([second.id, first.id]);
    expect(names.tokens[0]!.storeLabel).toBe('Acme shipping');
    expect(names.stores).toEqual([{ id: store.id, label: 'Acme shipping' }]);
    expect(names.clients).toEqual([{ id: client.id, name: 'Acme' }]);
  });

  it('the dashboard counts tokens by status and provider', async () => {
    const { second } = await vault();
    await ok('updateToken', { id: second.id, status: 'inactive' });
    const dash = await ok<Record<string, unknown>>('getDashboard', {});
    expect(dash).toMatchObject({
      tokenCount: 2,
      storeCount: 2,
      byStatus: { active: 1, inactive: 1 },
      byProvider: [{ id: 'shippo', name: 'Shippo', total: 2, active: 1, invalid: 0 }],
      never: 2,
    });
  });

  it('the dashboard separates overdue (expired yet active, or failing) from upcoming, grouped by client', async () => {
    fx = await dispatchFixture();
    const day = 86_400_000;
    const at = (days: number) => new Date(fx.clock.now().getTime() + days * day).toISOString();
    const acme = await ok<{ id: string }>('createClient', { name: 'Acme' });
    const globex = await ok<{ id: string }>('createClient', { name: 'Globex' });
    const token = async (clientId: string | null, name: string, expiresAt: string) => {
      const store = await ok<{ id: string }>('createStore', {
        provider: 'thinkific',
        label: `${name} school`,
        clientId,
        identifiers: { subdomain: name.toLowerCase().replace(/\W/g, '') },
      });
      return ok<{ id: string }>('createToken', { storeId: store.id, name, kind: 'api-key', expiresAt });
    };
    await token(acme.id, 'Long dead', at(-400));
    await token(acme.id, 'Just dead', at(-1));
    await token(globex.id, 'Soon', at(5));
    await token(null, 'Later', at(20));
    await token(acme.id, 'Far', at(90));
    const retired = await token(globex.id, 'Retired', at(-30));
    await ok('updateToken', { id: retired.id, status: 'revoked' });

    type Groups = {
      count: number;
      groups: { clientName: string | null; count: number; items: { name: string; reason: string }[] }[];
    };
    const dash = await ok<{ overdue: Groups; upcoming: Groups }>('getDashboard', {});
    expect(dash.overdue).toEqual({
      count: 2,
      groups: [
        expect.objectContaining({
          clientName: 'Acme',
          count: 2,
          items: [
            expect.objectContaining({ name: 'Long dead', reason: 'expired' }),
            expect.objectContaining({ name: 'Just dead', reason: 'expired' }),
          ],
        }),
      ],
    });
    expect(dash.upcoming.count).toBe(2);
    expect(dash.upcoming.groups.map((g) => [g.clientName, g.items.map((i) => i.name)])).toEqual([
      ['Globex', ['Soon']],
      [null, ['Later']],
    ]);
  });

  it('writeThenRead answers the write and the reads it names in one reply, at the revision after the write', async () => {
    const { first, store } = await vault();
    const reply = await ok<{
      write: { ok: boolean };
      revision: number;
      reads: { ok: boolean; value: Record<string, unknown> }[];
    }>('writeThenRead', {
      channel: 'updateToken',
      input: { id: first.id, name: 'Renamed' },
      reads: [
        { channel: 'getToken', input: { id: first.id } },
        { channel: 'getStore', input: { id: store.id } },
      ],
    });
    expect(reply.write.ok).toBe(true);
    expect(reply.reads[0]!.value).toMatchObject({ token: { name: 'Renamed' } });
    expect(reply.reads[1]!.value).toMatchObject({ tokens: [{ name: 'Renamed' }, { name: 'Backup' }] });
    expect(reply.revision).toBe((await fx.vault()).revision);
  });

  it('writeThenRead parses each inner input by its own schema and refuses reads and acts as the write', async () => {
    const { first } = await vault();
    const bad = await ok<{ write: { ok: boolean; error?: { code: string } } }>('writeThenRead', {
      channel: 'updateToken',
      input: { id: first.id, name: '' },
      reads: [],
    });
    expect(bad.write).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await ok<{ token: { name: string } }>('getToken', { id: first.id })).token.name).toBe('Warehouse');
    expect(
      await fx.dispatch('writeThenRead', { channel: 'copySecret', input: { tokenId: first.id }, reads: [] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await fx.dispatch('writeThenRead', {
        channel: 'updateToken',
        input: { id: first.id },
        reads: [{ channel: 'deleteToken', input: { id: first.id } }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await ok<{ token: { name: string } }>('getToken', { id: first.id })).token.name).toBe('Warehouse');
  });

  it('status-only mode refuses the inner write of writeThenRead', async () => {
    const { first } = await vault();
    await ok('setSupportMode', { enabled: true, passphrase: 'correct horse battery' });
    const reply = await ok<{ write: { ok: boolean; error?: { code: string } } }>('writeThenRead', {
      channel: 'updateToken',
      input: { id: first.id, name: 'Renamed' },
      reads: [],
    });
    expect(reply.write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok<{ token: { name: string } }>('getToken', { id: first.id })).token.name).toBe('Warehouse');
  });

  it('readIfChanged answers "unchanged" for the answer the window holds, and the new answer after a change', async () => {
    const { first, store } = await vault();
    const held = await ok<unknown>('getStore', { id: store.id });
    const ask = () =>
      ok<{ changed: boolean; result?: { ok: boolean; value?: unknown } }>('readIfChanged', {
        channel: 'getStore',
        input: { id: store.id },
        hash: answerHash(JSON.stringify(held)),
      });
    expect(await ask()).toEqual({ changed: false });
    await ok('updateToken', { id: first.id, name: 'Renamed' });
    const after = await ask();
    expect(after.changed).toBe(true);
    expect(after.result).toMatchObject({ ok: true, value: { tokens: [{ name: 'Renamed' }, { name: 'Backup' }] } });
    // Only reads, each parsed by its own schema.
    expect(
      await fx.dispatch('readIfChanged', { channel: 'deleteToken', input: { id: first.id }, hash: '0'.repeat(28) }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await ok('readIfChanged', { channel: 'getStore', input: { id: 'not-an-id' }, hash: '0'.repeat(28) }),
    ).toMatchObject({ changed: true, result: { ok: false, error: { code: 'invalid_input' } } });
    expect((await ok<{ token: { name: string } }>('getToken', { id: first.id })).token.name).toBe('Renamed');
  });
});
