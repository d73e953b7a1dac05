import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultSnapshot, VaultSnapshotChanges } from '../../../electron/contract';
import { snapshotChanges } from '../../../electron/core/inventory/snapshot-changes';
import type { VaultData } from '../../../electron/core/vault/vault-data';
import { silentLogger } from '../../../electron/core/ports';
import { applyVaultChanges } from '../../../src/lib/apply-vault-changes';
import { dispatchFixture, valueOf, openCore } from '../../support/inventory-fixture';
import { openTestVault } from '../../support/vault';

type Fixture = Awaited<ReturnType<typeof dispatchFixture>>;
let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const secret = () => `tk_${randomBytes(16).toString('hex')}`;

async function world() {
  fx = await dispatchFixture();
  const { dispatch } = fx;
  const call = <T>(channel: string, input: unknown) => valueOf<T>(dispatch, channel, input);
  const client = () => call<{ id: string }>('createClient', { name: `Client ${randomBytes(4).toString('hex')}` });
  const store = (clientId: string | null) =>
    call<{ id: string }>('createStore', {
      provider: 'thinkific',
      label: `Academy ${randomBytes(4).toString('hex')}`,
      clientId,
      identifiers: { subdomain: `s${randomBytes(3).toString('hex')}` },
    });
  const token = (storeId: string) =>
    call<{ id: string }>('createToken', {
      storeId,
      name: `Sync ${randomBytes(3).toString('hex')}`,
      kind: 'access-token',
      expiresAt: '2027-03-01T00:00:00.000Z',
      secret: secret(),
    });
  const snapshot = () => call<VaultSnapshot>('getVault', {});
  const changes = (since: number | VaultSnapshot, readId?: string) =>
    call<VaultSnapshotChanges>(
      'getVaultChanges',
      typeof since === 'number' ? { since, readId } : { since: since.revision, readId: since.readId },
    );
  return { fx, call, client, store, token, snapshot, changes };
}

describe('getVaultChanges: the snapshot as changes to one the renderer holds', () => {
  it('after one token edit sends that token alone, and applying it gives exactly the new snapshot', async () => {
    const w = await world();
    const c = await w.client();
    const s = await w.store(c.id);
    const tokens = [await w.token(s.id), await w.token(s.id), await w.token(s.id)];
    const held = await w.snapshot();

    await w.call('updateToken', { id: tokens[1]!.id, notes: 'Owner: integrations team.' });
    const answer = await w.changes(held);
    expect(answer).toMatchObject({ kind: 'changes', since: held.revision, revision: held.revision + 1 });
    if (answer.kind !== 'changes') return;
    expect(answer.tokens.put.map((t) => [t.id, t.notes])).toEqual([[tokens[1]!.id, 'Owner: integrations team.']]);
    expect([answer.tokens.removed, answer.stores, answer.clients]).toEqual([
      [],
      { put: [], removed: [] },
      { put: [], removed: [] },
    ]);
    const next = applyVaultChanges(held, answer)!;
    expect(next).toEqual(await w.snapshot());
    // Lists with nothing changed stay the very same arrays: views memoised on them need not recompute.
    expect(next.stores).toBe(held.stores);
    expect(next.clients).toBe(held.clients);
    // The check history is not in the snapshot, so it is not in the changes either.
    expect(answer.tokens.put[0]).not.toHaveProperty('checkHistory');
  });

  it('names deleted tokens and stores, appends new ones in order, and a renderer several revisions behind catches up', async () => {
    const w = await world();
    const c = await w.client();
    const s1 = await w.store(c.id);
    const s2 = await w.store(null);
    const t1 = await w.token(s1.id);
    const t2 = await w.token(s2.id);
    const held = await w.snapshot();

    await w.call('deleteToken', { id: t1.id });
    await w.call('deleteStore', { id: s2.id });
    const s3 = await w.store(c.id);
    const t3 = await w.token(s3.id);
    await w.call('updateClient', { id: c.id, name: 'Renamed client' });

    const answer = await w.changes(held);
    expect(answer.kind).toBe('changes');
    if (answer.kind !== 'changes') return;
    expect(answer.tokens.removed.sort()).toEqual([t1.id, t2.id].sort());
    expect(answer.tokens.put.map((t) => t.id)).toEqual([t3.id]);
    expect(answer.stores).toMatchObject({ removed: [s2.id], put: [{ id: s3.id }] });
    expect(answer.clients.put).toMatchObject([{ id: c.id, name: 'Renamed client' }]);
    expect(applyVaultChanges(held, answer)).toEqual(await w.snapshot());
  });

  it('says "full" for a revision it never served, and after another process wrote to the database', async () => {
    const w = await world();
    const s = await w.store(null);
    const t = await w.token(s.id);
    const held = await w.snapshot();
    expect(await w.changes(held.revision + 5, held.readId)).toEqual({ kind: 'full' });

    // The CLI (another session on the same folder) edits the token: every object is read anew.
    const cli = openTestVault(w.fx.dir, w.fx.clock);
    const other = openCore({
      repo: cli.repo,
      secrets: w.fx.secrets,
      audit: cli.audit,
      clock: w.fx.clock,
      logger: silentLogger,
      actor: 'cli',
    });
    await other.features.tokens.update({ id: t.id, notes: 'from the CLI' });
    cli.database.close();
    // Read anew, the vault shares no object with what was served: main keeps none of those (no 10,000-token copies).
    expect(await w.changes(held)).toEqual({ kind: 'full' });
    const fresh = await w.snapshot();
    expect(fresh.tokens[0]!.notes).toBe('from the CLI');
    // From the vault read anew, changes work again.
    await w.call('updateToken', { id: t.id, notes: 'back in the app' });
    const answer = await w.changes(fresh);
    expect(answer.kind).toBe('changes');
    if (answer.kind === 'changes') expect(applyVaultChanges(fresh, answer)).toEqual(await w.snapshot());
  });

  it('property: after any sequence of changes, applying the answer to any held revision gives the new snapshot', async () => {
    const op = fc.oneof(
      fc.constant({ kind: 'client' as const }),
      fc.record({ kind: fc.constant('store' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('token' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('edit' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('delete-token' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('delete-store' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('deactivate' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('rename-client' as const), pick: fc.nat() }),
    );
    let changesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), fc.nat(), async (ops, older) => {
        const w = await world();
        try {
          const store = await w.store((await w.client()).id);
          await w.token(store.id);
          const held: VaultSnapshot[] = [await w.snapshot()];
          for (const o of ops) {
            const now = held.at(-1)!;
            const nth = <T>(list: T[], n: number) => (list.length ? list[n % list.length] : undefined);
            const t = 'pick' in o ? nth(now.tokens, o.pick) : undefined;
            const s = 'pick' in o ? nth(now.stores, o.pick) : undefined;
            const c = 'pick' in o ? nth(now.clients, o.pick) : undefined;
            if (o.kind === 'client') await w.client();
            else if (o.kind === 'store') await w.store(c?.id ?? null);
            else if (o.kind === 'token' && s) await w.token(s.id);
            else if (o.kind === 'edit' && t) await w.call('updateToken', { id: t.id, notes: `n${o.pick}` });
            else if (o.kind === 'delete-token' && t) await w.call('deleteToken', { id: t.id });
            else if (o.kind === 'delete-store' && s) await w.call('deleteStore', { id: s.id });
            else if (o.kind === 'deactivate' && t) await w.call('deactivateTokens', { ids: [t.id] });
            else if (o.kind === 'rename-client' && c)
              await w.call('updateClient', { id: c.id, name: `Client ${o.pick}-${randomBytes(2).toString('hex')}` });
            const truth = await w.snapshot();
            // The renderer's own path (from the latest it holds), and one from an older revision.
            for (const base of new Set([now, held[older % held.length]!])) {
              const answer = await w.changes(base);
              if (answer.kind === 'full') continue;
              changesSeen += 1;
              expect(applyVaultChanges(base, answer)).toStrictEqual(truth);
            }
            held.push(truth);
          }
        } finally {
          await w.fx.cleanup();
          fx = null;
        }
      }),
      { numRuns: 25 },
    );
    // Not vacuous: most answers were changes, not "full".
    expect(changesSeen).toBeGreaterThan(100);
  });

  it('sends no changes when an element moved, as the renderer could not rebuild that order', () => {
    const item = (id: string) => ({ id, name: id });
    const [a, b, c] = [item('a'), item('b'), item('c')];
    const vault = (clients: object[]) => ({ clients, stores: [], tokens: [] }) as unknown as VaultData;
    expect(snapshotChanges(vault([a, b, c]), vault([a, c, item('d')]))?.clients).toEqual({
      put: [item('d')],
      removed: ['b'],
    });
    expect(snapshotChanges(vault([a, b, c]), vault([b, a, c]))).toBeNull();
    expect(snapshotChanges(vault([a, b]), vault([item('d'), a, b]))).toBeNull();
  });
});
