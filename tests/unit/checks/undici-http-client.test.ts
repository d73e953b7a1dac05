import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciHttpClient } from '../../../electron/main/adapters/undici-http-client';

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/redirect') return void res.writeHead(301, { location: `${base}/target` }).end();
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
    if (req.url === '/big') return void res.end('x'.repeat(10_000));
    if (req.url === '/big-declared') return void res.writeHead(200, { 'content-length': '999999' }).end();
    if (req.url === '/slow-body') {
      res.write('{"a":');
      return void setTimeout(() => res.end('1}'), 2_000).unref();
    }
    res.writeHead(200, { 'x-echo-ua': req.headers['user-agent'] ?? '', 'retry-after': '3' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const http = createUndiciHttpClient({ connectTimeoutMs: 500 });
const get = (path: string, timeoutMs = 1_000, maxBodyBytes = 1_000) =>
  http.request({
    method: 'GET',
    url: `${base}${path}`,
    headers: { 'User-Agent': 'Keyward/9.9.9' },
    timeoutMs,
    maxBodyBytes,
  });

describe('undici HttpClient', () => {
  it('returns status, lower-case headers and body, sending the given headers', async () => {
    const r = await get('/ok');
    expect(r).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'x-echo-ua': 'Keyward/9.9.9', 'retry-after': '3' }),
      body: '{"ok":true}',
    });
  });
  it('does not follow redirects', async () => {
    hits.length = 0;
    const r = await get('/redirect');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`${base}/target`);
    expect(hits).toEqual(['/redirect']);
  });
  it('times out on a slow answer and on a slow body', async () => {
    const t0 = Date.now();
    await expect(get('/slow', 200)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(get('/slow-body', 200)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(1_500);
  });
  it('caps the body, streamed or declared', async () => {
    await expect(get('/big')).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
    await expect(get('/big-declared')).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect((await get('/big', 1_000, 20_000)).body).toHaveLength(10_000);
  });
  it('names the fault and only the host on connection refused', async () => {
    const e = await get('/ok').then(() => undefined);
    expect(e).toBeUndefined();
    const err = await http
      .request({
        method: 'GET',
        url: 'http://127.0.0.1:9/secret-path?k=v',
        headers: {},
        timeoutMs: 500,
        maxBodyBytes: 10,
      })
      .catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'ECONNREFUSED' });
    expect(String((err as Error).message)).not.toContain('secret-path');
  });
  afterAll(() => http.close());
});
