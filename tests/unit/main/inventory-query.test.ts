import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EMPTY_INVENTORY_FILTERS,
  type Finding,
  type InventoryPage,
  type InventoryQuery,
} from '../../../electron/contract';
import { generateVault, writeVault } from '../../bench/generate-vault';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';

// queryInventory through the real dispatch and handlers, on a generated vault in a real file.
describe('queryInventory', () => {
  let fx: Awaited<ReturnType<typeof dispatchFixture>>;
  const vault = generateVault({ tokens: 400, stores: 80, clients: 12, seed: 3 });
  const q = (over: Partial<InventoryQuery> = {}, filters: Partial<InventoryQuery['filters']> = {}): InventoryQuery => ({
    filters: { ...EMPTY_INVENTORY_FILTERS, ...filters },
    sort: 'name',
    offset: 0,
    limit: 50,
    ...over,
  });
  const page = (input: InventoryQuery) => valueOf<InventoryPage>(fx.dispatch, 'queryInventory', input);

  beforeEach(async () => {
    fx = await dispatchFixture();
    await writeVault(fx.dir, vault);
  });
  afterEach(() => fx.cleanup());

  it('answers one page of rows joined with store, client and provider, and the totals', async () => {
    const first = await page(q({ withFacets: true }));
    expect(first.totalAll).toBe(400);
    expect(first.total).toBe(400);
    expect(first.rows).toHaveLength(50);
    const row = first.rows[0]!;
    const token = vault.tokens.find((t) => t.id === row.id)!;
    const store = vault.stores.find((s) => s.id === token.storeId)!;
    expect(row).toMatchObject({
      name: token.name,
      storeLabel: store.label,
      providerId: store.provider,
      status: token.status,
    });
    expect(row.providerName).toMatch(/^(Printify|Shippo|Printago|Thinkific|PixlPay)$/);
    expect(first.facets?.clients).toHaveLength(12);
    expect(first.facets?.providers.map((p) => p.id).sort()).toEqual([
      'pixlpay',
      'printago',
      'printify',
      'shippo',
      'thinkific',
    ]);
  });

  it('pages through every token exactly once, in name order', async () => {
    const seen: string[] = [];
    const names: string[] = [];
    for (let offset = 0; offset < 400; offset += 64) {
      const p = await page(q({ offset, limit: 64 }));
      seen.push(...p.rows.map((r) => r.id));
      names.push(...p.rows.map((r) => r.name));
    }
    expect(new Set(seen).size).toBe(400);
    const collator = new Intl.Collator().compare;
    for (let i = 1; i < names.length; i++) expect(collator(names[i - 1]!, names[i]!)).toBeLessThanOrEqual(0);
  });

  it('searches name, store, client and the fingerprint tail; every term must match', async () => {
    const token = vault.tokens.find((t) => t.secret?.masked.includes('…'))!;
    const tail = token.secret!.masked.split('…')[1]!;
    const byTail = await page(q({}, { query: tail.toUpperCase() }));
    expect(byTail.rows.map((r) => r.id)).toContain(token.id);
    const store = vault.stores.find((s) => s.id === token.storeId)!;
    const both = await page(q({ limit: 400 }, { query: `${store.label.split(' ')[0]} ${tail}` }));
    expect(both.rows.map((r) => r.id)).toContain(token.id);
    const none = await page(q({}, { query: `${tail} no-such-word-anywhere` }));
    expect(none.total).toBe(0);
    expect(none.rows).toEqual([]);
  });

  it('filters by provider, status, mode, client and finding severity', async () => {
    const shippoLive = await page(q({ limit: 400 }, { provider: 'shippo', mode: 'live', status: 'active' }));
    const expected = vault.tokens.filter(
      (t) =>
        t.mode === 'live' &&
        t.status === 'active' &&
        vault.stores.find((s) => s.id === t.storeId)?.provider === 'shippo',
    );
    expect(shippoLive.total).toBe(expected.length);
    expect(shippoLive.total).toBeGreaterThan(0);

    const client = vault.clients[0]!;
    const ofClient = await page(q({ limit: 400 }, { client: client.id }));
    const storesOfClient = new Set(vault.stores.filter((s) => s.clientId === client.id).map((s) => s.id));
    expect(ofClient.total).toBe(vault.tokens.filter((t) => storesOfClient.has(t.storeId)).length);
    const noClient = await page(q({ limit: 400 }, { client: '__none__' }));
    expect(noClient.rows.every((r) => r.clientId === null)).toBe(true);

    const findings = await valueOf<Finding[]>(fx.dispatch, 'getFindings', {});
    const criticalIds = new Set(
      findings.filter((f) => f.severity === 'critical' && f.subject.tokenId).map((f) => f.subject.tokenId!),
    );
    const critical = await page(q({ limit: 400, withIds: true }, { severity: 'critical' }));
    expect(new Set(critical.ids)).toEqual(criticalIds);
    expect(critical.rows.every((r) => r.worst === 'critical' && r.findingCount >= 1)).toBe(true);
    const clean = await page(q({ limit: 400 }, { severity: '__none__' }));
    expect(clean.rows.every((r) => r.worst === null && r.findingCount === 0)).toBe(true);
  });

  it('getFindings answers only the findings about some stores or one token, or the first few of some severities, in the same order', async () => {
    const all = await valueOf<Finding[]>(fx.dispatch, 'getFindings', {});
    const withStore = all.filter((f) => f.subject.storeId);
    const storeIds = [...new Set(withStore.map((f) => f.subject.storeId!))].slice(0, 3);
    const ofStores = await valueOf<Finding[]>(fx.dispatch, 'getFindings', { storeIds });
    expect(ofStores.length).toBeGreaterThan(0);
    expect(ofStores).toEqual(all.filter((f) => storeIds.includes(f.subject.storeId!)));
    const tokenId = all.find((f) => f.subject.tokenId)!.subject.tokenId!;
    expect(await valueOf<Finding[]>(fx.dispatch, 'getFindings', { tokenId })).toEqual(
      all.filter((f) => f.subject.tokenId === tokenId),
    );
    expect(await valueOf<Finding[]>(fx.dispatch, 'getFindings', { tokenId: crypto.randomUUID() })).toEqual([]);
    // The dashboard's few: the first of some severities, in the list's own order.
    const top = await valueOf<Finding[]>(fx.dispatch, 'getFindings', { severities: ['critical', 'warning'], limit: 6 });
    expect(top).toEqual(all.filter((f) => f.severity !== 'info').slice(0, 6));
    expect(top).toHaveLength(6);
    // Bounded and typed like every input: an empty or oversized list, or a non-id, is refused with the field named.
    for (const bad of [
      { storeIds: [] },
      { storeIds: ['x'] },
      { storeIds: Array.from({ length: 5_001 }, () => crypto.randomUUID()) },
      { tokenId: 'x' },
      { severities: [] },
      { severities: ['urgent'] },
      { limit: 0 },
      { limit: 1_001 },
      { limit: 2.5 },
    ]) {
      const res = await fx.dispatch('getFindings', bad);
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('sorts by expiry soonest first, tokens without one last', async () => {
    const p = await page(q({ sort: 'expiry', limit: 400 }));
    const expiries = p.rows.map((r) => r.expiresAt);
    const firstNull = expiries.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(expiries.slice(firstNull).every((e) => e === null)).toBe(true);
    const dated = expiries.slice(0, firstNull) as string[];
    expect([...dated].sort()).toEqual(dated);
  });

  it('answers matching ids for "select all" and counts how many of a selection match', async () => {
    const all = await page(q({ limit: 0, withIds: true }, { provider: 'printify' }));
    expect(all.rows).toEqual([]);
    expect(all.ids).toHaveLength(all.total);
    const someOther = vault.tokens
      .filter((t) => !all.ids!.includes(t.id))
      .slice(0, 5)
      .map((t) => t.id);
    const counted = await page(
      q({ limit: 0, countOf: [...all.ids!.slice(0, 7), ...someOther] }, { provider: 'printify' }),
    );
    expect(counted.countOf).toBe(7);
  });

  it('sees a change made through another channel (next revision)', async () => {
    const before = await page(q({}, { status: 'inactive' }));
    const active = (await page(q({ limit: 1 }, { status: 'active' }))).rows[0]!;
    await valueOf(fx.dispatch, 'updateToken', { id: active.id, status: 'inactive' });
    const after = await page(q({ limit: 400 }, { status: 'inactive' }));
    expect(after.revision).toBe(before.revision + 1);
    expect(after.total).toBe(before.total + 1);
    expect(after.rows.map((r) => r.id)).toContain(active.id);
  });

  it('never answers a secret or its fingerprint, only the masked form', async () => {
    const p = await page(q({ limit: 400 }));
    const text = JSON.stringify(p);
    for (const t of vault.tokens.slice(0, 50)) if (t.secret) expect(text).not.toContain(t.secret.fingerprint);
    expect(Object.keys(p.rows[0]!)).not.toContain('secret');
  });

  it('refuses malformed queries with a specific error and no rows', async () => {
    const bad = await fx.dispatch('queryInventory', { ...q(), limit: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/limit/);
    const extra = await fx.dispatch('queryInventory', { ...q(), filters: { ...EMPTY_INVENTORY_FILTERS, sql: '1=1' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const longQuery = await fx.dispatch('queryInventory', q({}, { query: 'x'.repeat(201) }));
    expect(longQuery).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('deactivates a selection in one change: active ones become inactive, the rest are named and left alone', async () => {
    const active = (await page(q({ limit: 3 }, { status: 'active' }))).rows.map((r) => r.id);
    const revoked = (await page(q({ limit: 1 }, { status: 'revoked' }))).rows[0]!.id;
    const gone = '00000000-0000-4000-8000-000000000000';
    const before = await page(q({ limit: 0 }));
    const result = await valueOf<{ deactivated: number; skipped: { id: string; reason: string }[] }>(
      fx.dispatch,
      'deactivateTokens',
      { ids: [...active, revoked, gone] },
    );
    expect(result.deactivated).toBe(3);
    expect(result.skipped).toEqual([
      { id: revoked, reason: 'already revoked' },
      { id: gone, reason: 'not found (deleted?)' },
    ]);
    const after = await page(q({ limit: 400, withIds: true }, { status: 'inactive' }));
    expect(after.revision).toBe(before.revision + 1);
    for (const id of active) expect(after.ids).toContain(id);
    const audit = await valueOf<{ action: string; subject: { id: string } }[]>(fx.dispatch, 'getAuditLog', {
      limit: 10,
    });
    expect(audit.filter((e) => e.action === 'token.update' && active.includes(e.subject.id))).toHaveLength(3);

    // Nothing left to deactivate: no new revision.
    const again = await valueOf<{ deactivated: number }>(fx.dispatch, 'deactivateTokens', { ids: active });
    expect(again.deactivated).toBe(0);
    expect((await page(q({ limit: 0 }))).revision).toBe(after.revision);
  });

  it('refuses an empty or oversized selection', async () => {
    expect(await fx.dispatch('deactivateTokens', { ids: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await fx.dispatch('deactivateTokens', { ids: ['not-a-uuid'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('shows when a token last changed: an edit moves it, a finished check does not', async () => {
    const row = (await page(q({ limit: 1 }))).rows[0]!;
    expect(row.updatedAt).toBe(vault.tokens.find((t) => t.id === row.id)!.updatedAt);
    fx.clock.advance(3_600_000);
    await valueOf(fx.dispatch, 'updateToken', { id: row.id, notes: 'handed to the new agency' });
    const edited = (await page(q({}, { ids: [row.id] }))).rows[0]!;
    expect(edited.updatedAt).toBe(fx.clock.now().toISOString());
    fx.clock.advance(3_600_000);
    await fx.features.checks.record(
      [{ tokenId: row.id, result: { outcome: 'invalid', detail: 'refused', checkedAt: fx.clock.now().toISOString() } }],
      'one check',
    );
    const checked = (await page(q({}, { ids: [row.id] }))).rows[0]!;
    expect(checked.lastCheck?.outcome).toBe('invalid');
    expect(checked.updatedAt).toBe(edited.updatedAt);
  });
});
