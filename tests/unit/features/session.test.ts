// The session: each commit says what it touched, and drafts refuse in-place edits at compile time.
import { afterEach, describe, expect, it } from 'vitest';
import { editable, type Draft } from '../../../electron/core/vault/plain-data';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
afterEach(() => fx?.cleanup());
const ok = <T>(channel: string, input: unknown) => valueOf<T>(fx.dispatch, channel, input);
const lastTopics = () =>
  (fx.events.filter((e) => e.event === 'vaultChanged').at(-1)?.payload as { topics: string[] }).topics;

describe('vaultChanged topics', () => {
  it('name what the change touched: the list edited, settings, providers, secrets and check results', async () => {
    fx = await dispatchFixture();
    const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'S' });
    expect(lastTopics().sort()).toEqual(['audit', 'stores']);
    const token = await ok<{ id: string }>('createToken', {
      storeId: store.id,
      name: 'T',
      secret: `shippo_live_${'1a'.repeat(20)}`,
    });
    expect(lastTopics().sort()).toEqual(['audit', 'expiry', 'keychain', 'tokens']);
    await ok('updateToken', { id: token.id, notes: 'n' });
    expect(lastTopics().sort()).toEqual(['audit', 'expiry', 'tokens']);
    await ok('updateUiSettings', { clipboardClearSeconds: 5 });
    expect(lastTopics().sort()).toEqual(['audit', 'expiry', 'settings']);
    await fx.features.checks.record(
      [{ tokenId: token.id, result: { outcome: 'valid', checkedAt: fx.clock.now().toISOString(), detail: 'ok' } }],
      'Checked 1 token',
    );
    expect(lastTopics()).toContain('checks');
    await ok('createClient', { name: 'C' });
    expect(lastTopics().sort()).toEqual(['audit', 'clients']);
  });
});

describe('drafts', () => {
  it('refuse in-place edits of elements and of what they hold, in the types', () => {
    const draft = { tokens: [] } as unknown as Draft;
    const check = () => {
      // @ts-expect-error an element of a draft list is read-only: take it with editable() or replace it
      draft.tokens[0]!.name = 'x';
      const token = editable(draft.tokens, 0);
      token.name = 'allowed: a shallow copy owned by this change';
      // @ts-expect-error what an editable element holds is still read-only: replace it
      token.scopes.push('x');
      // @ts-expect-error settings too
      token.settings.rateLimit = 1;
      draft.tokens = draft.tokens.filter(() => true);
    };
    expect(typeof check).toBe('function');
  });
});
