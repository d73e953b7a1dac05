import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../electron/contract';
import { AppError } from '../../../electron/core/errors';
import type { Handlers } from '../../../electron/main/dispatch';
import { guardSupportMode } from '../../../electron/main/handlers';
import { dispatchFixture, valueOf } from '../../support/inventory-fixture';

/**
 * The writes and acts status-only mode lets through, each for a reason a support desk needs. Declaring another one
 * `statusOnly: 'allowed'` fails this list until it is reviewed here.
 */
const ALLOWED_IN_STATUS_ONLY: Record<string, string> = {
  setSupportMode: 'turning the mode off, with its passphrase',
  writeThenRead: 'a wrapper: its inner write is dispatched, and so guarded, on its own',
  checkTokens: 'checking is what support does; it records outcomes, never a secret',
  cancelCheck: 'stops a check',
  quickCheck: 'checks a pasted token and saves nothing',
  recognizeSecret: 'reads what a pasted token is, offline; saves nothing',
  snoozeExpiryWarning: 'quiets a warning on this desk; the token is untouched',
  acknowledgeExpiryWarning: 'quiets a warning on this desk; the token is untouched',
  wakeExpiryWarning: 'brings a quieted warning back; the token is untouched',
  importRejectedRows: "saves a preview's refused rows, secrets left out; the vault is untouched",
  findSecretInVault: 'compares a pasted value by fingerprint in main and answers no secret',
  exportExpiryCalendar: 'names and dates only',
  saveExpiryCalendar: 'names and dates only, where the save dialog says',
  exportInventory: 'metadata only, never a secret',
  clientReport: 'metadata only, never a secret',
  exportAuditLog: 'the audit log holds no secret value',
  importPreview: 'reads a file and changes nothing',
  openDataFolder: 'shows the folder; its files hold no secret',
};

describe('status-only mode: every channel, by its declaration', () => {
  it('lets through exactly the reads and the reviewed writes and acts', () => {
    const allowed = channelNames.filter((n) => {
      const spec = channels[n];
      return spec.access !== 'read' && 'statusOnly' in spec && spec.statusOnly === 'allowed';
    });
    expect(allowed.sort()).toEqual(Object.keys(ALLOWED_IN_STATUS_ONLY).sort());
  });

  it('refuses every other write and act in main, before its handler runs; reads and allowed ones run', async () => {
    const ran: string[] = [];
    const handlers = Object.fromEntries(
      channelNames.map((n) => [n, async () => void ran.push(n)] as const),
    ) as unknown as Handlers;
    const guarded = guardSupportMode(handlers, async () => true) as unknown as Record<
      ChannelName,
      (input: unknown) => Promise<unknown>
    >;
    const refused: string[] = [];
    for (const name of channelNames) {
      const outcome = await guarded[name]({}).then(
        () => 'ran',
        (err: unknown) => (err instanceof AppError ? err.code : 'threw'),
      );
      if (outcome === 'forbidden') refused.push(name);
      else expect(outcome, name).toBe('ran');
    }
    const expected = channelNames.filter((n) => channels[n].access !== 'read' && !(n in ALLOWED_IN_STATUS_ONLY));
    expect(refused).toEqual(expected);
    expect(refused).toEqual(expect.arrayContaining(['createStore', 'createClient', 'updateUiSettings', 'copySecret']));
    expect(ran.some((n) => refused.includes(n))).toBe(false);

    // Off, everything runs.
    ran.length = 0;
    const open = guardSupportMode(handlers, async () => false) as unknown as Record<
      ChannelName,
      (input: unknown) => Promise<unknown>
    >;
    for (const name of channelNames) await open[name]({});
    expect(ran).toEqual(channelNames);
  });
});

describe('wrong passphrases back off', () => {
  let fx: Awaited<ReturnType<typeof dispatchFixture>> | undefined;
  afterEach(() => fx?.cleanup());
  const RIGHT = 'correct horse battery';
  const WRONG = 'wrong passphrase!!';

  it('waits 1 s, 2 s, 4 s… after each wrong one (in main, on the clock), and the right one starts over', async () => {
    fx = await dispatchFixture();
    const d = fx.dispatch;
    await valueOf(d, 'setSupportMode', { enabled: true, passphrase: RIGHT });
    const off = (passphrase: string) => d('setSupportMode', { enabled: false, passphrase });

    for (const wait of [1, 2, 4, 8]) {
      const wrong = await off(WRONG);
      expect(wrong).toMatchObject({
        ok: false,
        error: { code: 'forbidden', fields: { retryAfterSeconds: String(wait) } },
      });
      expect(wrong.ok ? '' : wrong.error.message).toContain(`Try again in ${wait} s.`);
      // Even the right passphrase is not heard during the wait, and a try then does not lengthen it.
      fx.clock.advance(wait * 1000 - 1);
      expect(await off(RIGHT)).toMatchObject({
        ok: false,
        error: { code: 'too_many_attempts', fields: { retryAfterSeconds: '1' } },
      });
      fx.clock.advance(1);
    }
    expect(await valueOf(d, 'getSupportMode', {})).toEqual({ enabled: true });
    expect(await valueOf(d, 'setSupportMode', { enabled: false, passphrase: RIGHT })).toEqual({ enabled: false });

    // Started over: the next wrong one waits 1 s again.
    await valueOf(d, 'setSupportMode', { enabled: true, passphrase: RIGHT });
    expect(await off(WRONG)).toMatchObject({ error: { fields: { retryAfterSeconds: '1' } } });
  });

  it('never waits more than a minute', async () => {
    fx = await dispatchFixture();
    await valueOf(fx.dispatch, 'setSupportMode', { enabled: true, passphrase: RIGHT });
    let last = '';
    for (let i = 0; i < 9; i++) {
      const res = await fx.dispatch('setSupportMode', { enabled: false, passphrase: WRONG });
      last = res.ok ? '' : (res.error.fields?.retryAfterSeconds ?? '');
      fx.clock.advance(Number(last) * 1000);
    }
    expect(last).toBe('60');
  });
});
