import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../../electron/core/rules';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { checkTokenWrite } from '../../../electron/core/rules/write-rules';
import { modeFromPrefixes, slotUsage } from '../../../electron/core/rules/slots';
import { daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();
const secret = (masked: string) => ({ fingerprint: 'a'.repeat(64), masked, setAt: daysFrom(NOW, -5) });
const live = (mode: 'live' | 'test' | null = 'live') => ({ mode, secret: secret('shippo_live_3f…9a1c') });
const checked = (owner: string) => ({
  lastCheck: { outcome: 'valid' as const, detail: 'ok', context: { objectOwner: owner }, checkedAt: daysFrom(NOW, -1) },
});

// providers.md § Shippo: at most 2 active live and 2 active test tokens per account; object_owner names the account.
describe('Shippo slots, counted per Shippo account', () => {
  it('joins store profiles with the same account email and says where the identity came from', () => {
    const eu = store({ label: 'Acme EU', identifiers: { accountEmail: 'Ops@Acme.test' } });
    const us = store({ label: 'Acme US', identifiers: { accountEmail: 'ops@acme.test' } });
    const v = vault([eu, us], [token(eu, live()), token(us, live())]);
    const [liveSlots] = slotUsage(v, us.id, catalog);
    expect(liveSlots).toMatchObject({
      account: { label: 'Shippo account ops@acme.test', source: 'store-field', storeIds: [us.id, eu.id] },
      free: 0,
    });
    expect(checkTokenWrite(v, token(us, live()), catalog)?.message).toMatch(
      /already held in Shippo account ops@acme\.test/,
    );
    const findings = computeFindings(v, {}, NOW, catalog).filter((f) => f.kind === 'slot_limit');
    expect(findings.map((f) => f.subject.storeId).sort()).toEqual([eu.id, us.id].sort());
    expect(findings[0]?.message).toMatch(
      /2 of 2 held by Shippo account ops@acme\.test \(the store.s account field; stores Acme EU, Acme US\)/,
    );
  });

  it('learns the account from a status check when no email is entered', () => {
    const a = store({ label: 'A' });
    const b = store({ label: 'B' });
    const v = vault(
      [a, b],
      [token(a, { ...live(), ...checked('owner@acme.test') }), token(b, { ...live(), ...checked('owner@acme.test') })],
    );
    expect(slotUsage(v, a.id, catalog)[0]?.account).toMatchObject({ source: 'check', storeIds: [a.id, b.id] });
  });

  it('counts per store profile until the account is known, and says so', () => {
    const a = store({ label: 'A' });
    const b = store({ label: 'B' });
    const v = vault([a, b], [token(a, live()), token(a, live())]);
    expect(slotUsage(v, b.id, catalog)[0]).toMatchObject({ account: { source: 'store-profile' }, free: 2 });
    const [f] = computeFindings(v, {}, NOW, catalog).filter((x) => x.kind === 'slot_limit');
    expect(f?.message).toMatch(/counted per store profile until the Shippo account is known/);
  });

  it("takes the prefix's mode over a recorded one", () => {
    const a = store();
    const v = vault([a], [token(a, { mode: 'test', secret: secret('shippo_live_3f…9a1c') })]);
    const [liveSlots, testSlots] = slotUsage(v, a.id, catalog);
    expect(liveSlots?.occupying).toHaveLength(1);
    expect(testSlots?.occupying).toHaveLength(0);
  });

  it('refuses a hand-picked mode that contradicts the prefix, with a clear message', () => {
    const a = store();
    const problem = checkTokenWrite(
      vault([a], []),
      token(a, { mode: 'test', secret: secret('shippo_live_3f…9a1c') }),
      catalog,
    );
    expect(problem?.fields.mode).toMatch(/prefix makes it a live token, so its mode cannot be test/);
  });

  it('frees a slot only when a token is revoked, not when Keyward marks it inactive', () => {
    const a = store();
    const held = vault([a], [token(a, live()), token(a, { ...live(), status: 'inactive' })]);
    expect(slotUsage(held, a.id, catalog)[0]?.free).toBe(0);
    const freed = vault([a], [token(a, live()), token(a, { ...live(), status: 'revoked' })]);
    expect(slotUsage(freed, a.id, catalog)[0]?.free).toBe(1);
  });

  it('counts a token of unknown mode against both modes', () => {
    const a = store();
    const v = vault([a], [token(a, { mode: null, secret: null }), token(a, live())]);
    const [liveSlots, testSlots] = slotUsage(v, a.id, catalog);
    expect(liveSlots).toMatchObject({ free: 0 });
    expect(liveSlots?.unknownMode).toHaveLength(1);
    expect(testSlots).toMatchObject({ free: 1 });
    const [f] = computeFindings(v, {}, NOW, catalog).filter((x) => x.kind === 'slot_limit');
    expect(f?.message).toMatch(/1 of them has no known mode, so it counts against both modes/);
  });
});

describe('mode prefixes', () => {
  it('reads the longest matching prefix first', () => {
    const policy = {
      formats: [
        {
          pattern: '.*',
          description: '',
          confirmed: true,
          confidence: 0.5,
          modePrefixes: { live: 'pk_', test: 'pk_test_' },
        },
      ],
    };
    expect(modeFromPrefixes(policy, 'pk_test_abc')).toBe('test');
    expect(modeFromPrefixes(policy, 'pk_abc')).toBe('live');
    expect(modeFromPrefixes(policy, 'zz_abc')).toBeNull();
  });
});
