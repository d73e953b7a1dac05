import { afterEach, describe, expect, it } from 'vitest';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
afterEach(() => fx?.cleanup());
const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

type Finding = { kind: string; subject: { tokenId?: string; clientId?: string } };
type Counts = { count: number; critical: number; warning: number; info: number };

describe('findings grouped by kind and client, filtered and paged by main', () => {
  it('counts each kind and client, and answers one kind, one client or stores without one, a page at a time', async () => {
    fx = await dispatchFixture();
    const day = 86_400_000;
    const at = (days: number) => new Date(fx.clock.now().getTime() + days * day).toISOString();
    const acme = await ok<{ id: string }>('createClient', { name: 'Acme' });
    const school = async (clientId: string | null, name: string) =>
      ok<{ id: string }>('createStore', {
        provider: 'thinkific',
        label: name,
        clientId,
        identifiers: { subdomain: name.toLowerCase() },
      });
    const acmeSchool = await school(acme.id, 'Acmeschool');
    const loneSchool = await school(null, 'Loneschool');
    for (const [store, name, days] of [
      [acmeSchool, 'Dead one', -3],
      [acmeSchool, 'Dead two', -2],
      [loneSchool, 'Dead three', -1],
      [loneSchool, 'Soon', 5],
    ] as const)
      await ok('createToken', { storeId: store.id, name, kind: 'api-key', expiresAt: at(days) });

    const groups = await ok<{
      byKind: (Counts & { kind: string })[];
      byClient: (Counts & { clientName: string | null })[];
    }>('getFindingGroups', {});
    expect(groups.byKind.find((g) => g.kind === 'expired')).toMatchObject({ count: 3, critical: 3 });
    expect(groups.byKind.find((g) => g.kind === 'expiring')?.count).toBe(1);
    const total = groups.byKind.reduce((n, g) => n + g.count, 0);
    expect(groups.byClient.reduce((n, g) => n + g.count, 0)).toBe(total);
    expect(groups.byClient.map((g) => g.clientName).sort()).toEqual(['Acme', null].sort());

    const expired = await ok<Finding[]>('getFindings', { kinds: ['expired'] });
    expect(expired).toHaveLength(3);
    expect(await ok<Finding[]>('getFindings', { kinds: ['expired'], clientId: acme.id })).toHaveLength(2);
    expect(await ok<Finding[]>('getFindings', { kinds: ['expired'], clientId: null })).toHaveLength(1);
    const first = await ok<Finding[]>('getFindings', { kinds: ['expired'], limit: 2 });
    const rest = await ok<Finding[]>('getFindings', { kinds: ['expired'], offset: 2, limit: 2 });
    expect([...first, ...rest]).toEqual(expired);
  });
});
