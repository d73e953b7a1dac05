import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryClipboard, SecretCopier, type CopyTimers } from '../../../electron/core/secrets/copy-secret';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';
import { accountOf } from '../../../electron/core/secrets/accounts';
import { readVaultVia } from '../../support/read-vault';

const OLD = `shippo_live_${'1a'.repeat(20)}`;
const NEW = `shippo_live_${'2b'.repeat(20)}`;
const REVOKED = `shippo_live_${'3c'.repeat(20)}`;

let fakes: FakeProviders;
let fx: Awaited<ReturnType<typeof dispatchFixture>>;
beforeAll(async () => {
  fakes = await startFakeProviders({
    tokens: {
      shippo: {
        [OLD]: { owner: 'ops@acme.test' },
        [NEW]: { owner: 'ops@acme.test' },
        [REVOKED]: { owner: 'ops@acme.test', revoked: true },
      },
    },
  });
});
afterAll(() => fakes.stop());
afterEach(() => fx?.cleanup());

const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);

async function shippoToken() {
  fx = await dispatchFixture({ env: { KEYWARD_BASE_URL_SHIPPO: fakes.baseUrls.shippo } });
  const store = await ok<{ id: string }>('createStore', { provider: 'shippo', label: 'Acme shipping' });
  return ok<{ id: string }>('createToken', { storeId: store.id, name: 'Warehouse', secret: OLD });
}

describe('copy to the clipboard', () => {
  it('main puts the secret on the clipboard, the reply holds no secret, and the copy is audited', async () => {
    const token = await shippoToken();
    const reply = await fx.dispatch('copySecret', { tokenId: token.id });
    expect(reply).toEqual({ ok: true, value: { tokenId: token.id, clearsInSeconds: 30 } });
    expect(JSON.stringify(reply)).not.toContain(OLD);
    expect(await fx.clipboard.read()).toBe(OLD);
    expect(fx.audit.entries.at(-1)).toMatchObject({ action: 'token.copy', subject: { id: token.id } });
    expect(JSON.stringify(fx.audit.entries)).not.toContain(OLD);
  });

  it('clears the clipboard after the delay only if it still holds the secret', async () => {
    const timers: { cb: () => void; ms: number }[] = [];
    const fakeTimers: CopyTimers = { set: (cb, ms) => timers.push({ cb, ms }), clear: () => {} };
    const secrets = new MemorySecretStore();
    await secrets.set('t1', 'secret-value-123456789');
    const clipboard = new MemoryClipboard();
    const copier = new SecretCopier(secrets, clipboard, fakeTimers);
    await copier.copy('t1', 30);
    expect(timers[0]!.ms).toBe(30_000);
    timers[0]!.cb();
    await new Promise((r) => setImmediate(r));
    expect(await clipboard.read()).toBe('');

    await copier.copy('t1', 30);
    await clipboard.write('something the user copied later');
    timers[1]!.cb();
    await new Promise((r) => setImmediate(r));
    expect(await clipboard.read()).toBe('something the user copied later');
  });
});

describe('guided rotation', () => {
  it('checks the new token first, then marks the old one rotated with lineage both ways', async () => {
    const old = await shippoToken();
    const result = await ok<{
      oldToken: { status: string; rotatedTo: string };
      newToken: { id: string; rotatedFrom: string; lastCheck: { outcome: string } };
      check: { outcome: string };
    }>('rotateToken', {
      tokenId: old.id,
      secret: NEW,
      name: 'Warehouse 2026',
    });
    expect(result.check.outcome).toBe('valid');
    expect(result.oldToken).toMatchObject({ status: 'rotated', rotatedTo: result.newToken.id });
    expect(result.newToken).toMatchObject({ rotatedFrom: old.id, lastCheck: { outcome: 'valid' } });
    expect(await fx.secrets.get(accountOf(result.newToken as never))).toBe(NEW);
    expect(await fx.secrets.get(accountOf(old as never))).toBe(OLD);

    const findings = await ok<{ kind: string; subject: { tokenId?: string } }[]>('getFindings', {});
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'revoke_pending', subject: expect.objectContaining({ tokenId: old.id }) }),
    );
  });

  it('refuses a new token the provider rejects and changes nothing', async () => {
    const old = await shippoToken();
    const before = await fx.vault();
    const result = await fx.dispatch('rotateToken', { tokenId: old.id, secret: REVOKED });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'rule_violation', message: expect.stringMatching(/refused the new token/) },
    });
    expect((await fx.vault()).revision).toBe(before.revision);
    expect(await fx.secrets.accounts()).toEqual([accountOf(old as never)]);
  });
});

describe('status-only mode', () => {
  it('refuses copy, rotate, edit and delete in main while on, keeps checks, and needs the passphrase to turn off', async () => {
    const token = await shippoToken();
    expect(await ok('setSupportMode', { enabled: true, passphrase: 'correct horse battery' })).toEqual({
      enabled: true,
    });
    for (const [channel, input] of [
      ['copySecret', { tokenId: token.id }],
      ['rotateToken', { tokenId: token.id, secret: NEW }],
      ['updateToken', { id: token.id, name: 'Renamed' }],
      ['deactivateTokens', { ids: [token.id] }],
      ['deleteToken', { id: token.id }],
      ['createStore', { provider: 'shippo', label: 'Another store' }],
      ['createClient', { name: 'Another client' }],
      ['updateUiSettings', { clipboardClearSeconds: 5 }],
      ['backupCreate', { passphrase: 'a backup passphrase' }],
    ] as const) {
      expect(await fx.dispatch(channel, input), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await fx.clipboard.read()).toBe('');
    expect((await ok<{ outcome: string }>('quickCheck', { provider: 'shippo', secret: OLD })).outcome).toBe('valid');
    // Support's quick check still learns which vault token a pasted value is, and the reply holds no secret.
    const known = await fx.dispatch('findSecretInVault', { secret: OLD });
    expect(known).toMatchObject({ ok: true, value: { tokenId: token.id, name: 'Warehouse', status: 'active' } });
    expect(JSON.stringify(known)).not.toContain(OLD);
    expect(await fx.dispatch('updateToken', { id: token.id, secret: OLD })).toMatchObject({ ok: false });
    expect(
      (
        await fx.dispatch('checkTokens', {
          runId: '00000000-0000-4000-8000-000000000001',
          selection: { tokenIds: [token.id] },
        })
      ).ok,
    ).toBe(true);
    expect((await fx.dispatch('snoozeExpiryWarning', { tokenIds: [token.id], length: '1d' })).ok).toBe(true);

    expect(await fx.dispatch('setSupportMode', { enabled: false, passphrase: 'wrong passphrase!!' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await ok('getSupportMode', {})).toEqual({ enabled: true });
    // A wrong passphrase is followed by a wait (see status-only.test.ts).
    fx.clock.advance(1000);
    expect(await ok('setSupportMode', { enabled: false, passphrase: 'correct horse battery' })).toEqual({
      enabled: false,
    });
    expect((await fx.dispatch('copySecret', { tokenId: token.id })).ok).toBe(true);
    expect(JSON.stringify(await readVaultVia(fx.dispatch))).not.toMatch(/correct horse/);
    expect(JSON.stringify(await ok('getVaultStatus', {}))).not.toMatch(/correct horse/);
  });
});
