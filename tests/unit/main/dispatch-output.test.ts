// getVault's output (a whole vault snapshot) is re-parsed through a fast path; it must answer exactly as
// VaultSnapshot.parse did: the same value, stray fields stripped, refusals refused.
import { describe, expect, it } from 'vitest';
import { channels, VaultSnapshot } from '../../../electron/contract';
import { silentLogger } from '../../../electron/core/ports';
import { createDispatch, type Handlers } from '../../../electron/main/dispatch';
import { generateVault } from '../../bench/generate-vault';

const vault = generateVault({ tokens: 120, stores: 30, clients: 8, seed: 12 });
const snapshot = {
  revision: vault.revision,
  readId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  clients: vault.clients,
  stores: vault.stores,
  tokens: vault.tokens,
  keychain: { available: true, message: 'ok' },
  notices: [],
};

function dispatchReturning(value: unknown) {
  const handlers = Object.fromEntries(
    Object.keys(channels).map((name) => [name, async () => value]),
  ) as unknown as Handlers;
  return createDispatch(handlers, silentLogger);
}

describe('dispatch: vault snapshot output', () => {
  it('answers with VaultSnapshot.parse of the handler value', async () => {
    const result = await dispatchReturning(snapshot)('getVault', {});
    expect(result).toEqual({ ok: true, value: VaultSnapshot.parse(snapshot) });
    expect(JSON.stringify(result.ok && result.value)).toBe(JSON.stringify(VaultSnapshot.parse(snapshot)));
    // The fast path was taken: clients in exact form are passed on as they are.
    expect(result.ok && (result.value as { clients: unknown[] }).clients[2]).toBe(snapshot.clients[2]);
  });

  it('strips stray fields at every level, as the schema does', async () => {
    const stray = {
      ...snapshot,
      extra: 'top',
      clients: [{ ...vault.clients[0]!, extra: 'client' }, ...vault.clients.slice(1)],
      stores: [{ ...vault.stores[0]!, extra: 'store' }, ...vault.stores.slice(1)],
      tokens: [
        { ...vault.tokens[0]!, secretValue: 'must-not-leak' },
        {
          ...vault.tokens[1]!,
          lastCheck: vault.tokens[1]!.lastCheck && { ...vault.tokens[1]!.lastCheck, raw: 'body' },
        },
        ...vault.tokens.slice(2),
      ],
      keychain: { available: true, message: 'ok', debug: 'x' },
    };
    const result = await dispatchReturning(stray)('getVault', {});
    expect(result).toEqual({ ok: true, value: VaultSnapshot.parse(stray) });
    const text = JSON.stringify(result);
    for (const leak of ['must-not-leak', '"extra"', '"raw"', '"debug"']) expect(text).not.toContain(leak);
  });

  it('refuses a snapshot that breaks the schema with the same internal error as before', async () => {
    const broken = { ...snapshot, tokens: [{ ...vault.tokens[0]!, status: 'lost' }] };
    expect(VaultSnapshot.safeParse(broken).success).toBe(false);
    expect(await dispatchReturning(broken)('getVault', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
