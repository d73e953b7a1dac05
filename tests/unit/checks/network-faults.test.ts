import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../../electron/core/features/checks/check-runner';
import { classifyFault } from '../../../electron/core/features/checks/network-fault';
import { createUndiciHttpClient } from '../../../electron/main/adapters/undici-http-client';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { item, RAW_LIMITS, realDeps } from './helpers';

const TOKEN = 'sk_live_networkfaulttoken000001';
let fakes: FakeProviders;
const http = createUndiciHttpClient({ connectTimeoutMs: 500 });

beforeAll(async () => {
  fakes = await startFakeProviders({ tokens: { pixlpay: { [TOKEN]: { scopes: ['products:read'] } } } });
});
afterAll(async () => {
  await fakes.stop();
  await http.close();
});

async function checkAt(baseUrl: string, timeoutMs = 1_000) {
  const target = { secret: TOKEN, identifiers: {}, kind: 'access-token' as const, mode: null, baseUrl };
  const [entry] = await runChecks(
    [item({ provider: 'pixlpay', target, limits: RAW_LIMITS })],
    realDeps(http, { timeoutMs, maxBodyBytes: 64 * 1024 }),
  );
  if (entry?.status !== 'checked') throw new Error('not checked');
  expect(entry.result.detail).not.toContain(TOKEN);
  return entry.result;
}

describe('a network fault is unreachable, never invalid', () => {
  it.each(['reset', 'hang', 'huge_body', 'server_error'] as const)('fault %s', async (fault) => {
    fakes.servers.pixlpay.setFault(fault);
    const r = await checkAt(fakes.baseUrls.pixlpay, 400);
    fakes.servers.pixlpay.setFault(undefined);
    expect(r.outcome).toBe('unreachable');
  });

  it('connection refused', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await checkAt(`http://127.0.0.1:${port}`);
    expect(r).toMatchObject({ outcome: 'unreachable', context: { fault: 'ECONNREFUSED' } });
  });

  it('TLS failure (https to a plain-HTTP local server)', async () => {
    const r = await checkAt(fakes.baseUrls.pixlpay.replace('http:', 'https:'));
    expect(r).toMatchObject({ outcome: 'unreachable' });
    expect(['TLS', 'ECONNRESET', 'NETWORK']).toContain(r.context?.fault);
  });

  it('DNS and TLS codes from Node map to unreachable (no lookup is made)', () => {
    for (const code of [
      'ENOTFOUND',
      'EAI_AGAIN',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'UND_ERR_CONNECT_TIMEOUT',
      'ETIMEDOUT',
      'EPIPE',
      'whatever',
    ]) {
      const v = classifyFault(Object.assign(new Error('x'), { code }), 'Shippo');
      expect(v.outcome).toBe('unreachable');
    }
    expect(classifyFault(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 'Shippo').context).toEqual({
      fault: 'DNS',
    });
    expect(classifyFault(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 'Shippo').context).toEqual({
      fault: 'TLS',
    });
  });

  it('a throwing HttpClient (any error) yields unreachable', async () => {
    const target = {
      secret: TOKEN,
      identifiers: {},
      kind: 'access-token' as const,
      mode: null,
      baseUrl: 'https://store.example',
    };
    const [entry] = await runChecks(
      [item({ provider: 'pixlpay', target, limits: RAW_LIMITS })],
      realDeps({ request: () => Promise.reject(Object.assign(new Error(`boom ${TOKEN}`), { code: 'ENOTFOUND' })) }),
    );
    expect(entry).toMatchObject({ status: 'checked', result: { outcome: 'unreachable' } });
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
  });
});
