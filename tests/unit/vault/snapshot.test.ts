// The legacy snapshot carries tokens as TokenSummary (no check history), made once per vault revision.
import { afterEach, describe, expect, it } from 'vitest';
import { VaultSnapshot, type CheckResult } from '../../../electron/contract';
import { inventoryFixture } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof inventoryFixture>>;
afterEach(() => fx?.cleanup());

describe('inventory snapshot', () => {
  it('gives tokens without their check history, exactly what VaultSnapshot makes of the vault, once per revision', async () => {
    fx = await inventoryFixture();
    const store = await fx.features.stores.create({ provider: 'shippo', label: 'S' });
    const token = await fx.features.tokens.create({ storeId: store.id, name: 'T' });
    const check: CheckResult = {
      outcome: 'valid',
      httpStatus: 200,
      detail: 'ok',
      checkedAt: '2026-11-22T09:00:00.000Z',
    };
    await fx.features.checks.record([{ tokenId: token.id, result: check }], 'checked');
    const vault = await fx.vault();
    expect(vault.tokens[0]!.checkHistory).toHaveLength(1);

    const snapshot = await fx.legacy.snapshot();
    expect(snapshot.tokens[0]).not.toHaveProperty('checkHistory');
    expect(snapshot.tokens[0]!.lastCheck).toEqual(check);
    expect(VaultSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toEqual(VaultSnapshot.parse({ ...snapshot, tokens: vault.tokens }));
    expect((await fx.legacy.snapshot()).tokens).toBe(snapshot.tokens);

    await fx.features.tokens.update({ id: token.id, notes: 'changed' });
    const next = await fx.legacy.snapshot();
    expect(next.tokens).not.toBe(snapshot.tokens);
    expect(next.tokens[0]!.notes).toBe('changed');
    expect(snapshot.tokens[0]!.notes).toBe('');
  });
});
