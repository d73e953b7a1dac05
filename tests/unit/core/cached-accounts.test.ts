import { describe, expect, it } from 'vitest';
import { ACCOUNTS_TTL_MS, CachedAccountsSecretStore } from '../../../electron/core/secrets/cached-accounts';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { FakeClock } from '../../support/inventory-fixture';

/** A memory keychain that counts how often it is listed, as keytar's findCredentials would be called. */
class CountingStore extends MemorySecretStore {
  listings = 0;
  override async accounts(): Promise<string[]> {
    this.listings++;
    return super.accounts();
  }
}

describe('CachedAccountsSecretStore', () => {
  const setup = async () => {
    const inner = new CountingStore();
    await inner.set('a', 'value-a');
    const clock = new FakeClock();
    return { inner, clock, store: new CachedAccountsSecretStore(inner, clock) };
  };

  it('lists the keychain once per 30 s, answering the same array in between', async () => {
    const { inner, clock, store } = await setup();
    const first = await store.accounts();
    clock.advance(ACCOUNTS_TTL_MS - 1);
    expect(await store.accounts()).toBe(first);
    expect(inner.listings).toBe(1);
    clock.advance(1);
    expect(await store.accounts()).toEqual(['a']);
    expect(inner.listings).toBe(2);
  });

  it('shows changes made through it at once; changes made elsewhere after the listing expires', async () => {
    const { inner, clock, store } = await setup();
    await store.accounts();
    await store.set('b', 'value-b');
    expect((await store.accounts()).sort()).toEqual(['a', 'b']);
    await store.delete('a');
    expect(await store.accounts()).toEqual(['b']);
    await inner.set('outside', 'value-o');
    expect(await store.accounts()).toEqual(['b']);
    clock.advance(ACCOUNTS_TTL_MS);
    expect((await store.accounts()).sort()).toEqual(['b', 'outside']);
  });

  it('re-reads on request (the findings view\'s "Re-read the keychain now")', async () => {
    const { inner, store } = await setup();
    await store.accounts();
    await inner.set('outside', 'value-o');
    store.forget();
    expect((await store.accounts()).sort()).toEqual(['a', 'outside']);
  });

  it('shares one listing between callers asking together, and never keeps one older than a change', async () => {
    const { inner, store } = await setup();
    const [x, y] = await Promise.all([store.accounts(), store.accounts()]);
    expect(x).toBe(y);
    expect(inner.listings).toBe(1);
    store.forget();
    const before = store.accounts();
    await store.set('c', 'value-c');
    await before;
    expect((await store.accounts()).sort()).toEqual(['a', 'c']);
  });

  it('reads values from the keychain every time (values are never cached)', async () => {
    const { inner, store } = await setup();
    expect(await store.get('a')).toBe('value-a');
    await inner.set('a', 'changed-outside');
    expect(await store.get('a')).toBe('changed-outside');
  });
});
