import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Ways a fake can misbehave, per server or per token. */
export type FaultMode = 'reset' | 'server_error' | 'malformed_json' | 'huge_body' | 'hang' | 'redirect';

/** What every fake token may say besides its provider's own fields. */
export interface FakeTokenBase {
  /** Revoked, deleted, reset or expired at the provider: answers 401. */
  revoked?: boolean;
  latencyMs?: number;
  fault?: FaultMode;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  /** The token's own latency or fault, applied on top of the server's. */
  latencyMs?: number;
  fault?: FaultMode;
}

export interface LoggedRequest extends FakeRequest {
  status: number | 'fault';
}

export interface FakeCounters {
  total: number;
  byStatus: Record<number, number>;
  tooMany: number;
  /** Requests with any method but GET/HEAD: a status check must never send one. */
  writes: number;
}

export interface FakeServerOptions {
  /** Delay before every answer, like a real network round trip. */
  latencyMs?: number;
  fault?: FaultMode;
  /** Bytes sent in 'huge_body' mode. */
  hugeBytes?: number;
}

export interface FakeServer {
  url: string;
  requests: LoggedRequest[];
  counters: FakeCounters;
  setFault(mode: FaultMode | undefined): void;
  setLatency(ms: number): void;
  clearLog(): void;
  stop(): Promise<void>;
}

type Handler = (req: FakeRequest) => FakeReply;

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A node:http server on 127.0.0.1 (port 0) that logs every request, then answers as `handler` says. */
export async function startFakeServer(handler: Handler, options: FakeServerOptions = {}): Promise<FakeServer> {
  let latency = options.latencyMs ?? 0;
  let serverFault = options.fault;
  const requests: LoggedRequest[] = [];
  const counters: FakeCounters = { total: 0, byStatus: {}, tooMany: 0, writes: 0 };
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: lowerHeaders(req),
      at: Date.now(),
    };
    counters.total += 1;
    let reply: FakeReply;
    if (fr.method !== 'GET' && fr.method !== 'HEAD') {
      counters.writes += 1;
      reply = { status: 405, json: { error: 'Method not allowed' } };
    } else {
      reply = handler(fr);
    }
    const fault = serverFault ?? reply.fault;
    const logged: LoggedRequest = {
      ...fr,
      status: fault && fault !== 'server_error' && fault !== 'redirect' ? 'fault' : reply.status,
    };
    requests.push(logged);
    void answer(res, reply, fault, latency + (reply.latencyMs ?? 0), logged);
  });

  async function answer(
    res: ServerResponse,
    reply: FakeReply,
    fault: FaultMode | undefined,
    delay: number,
    logged: LoggedRequest,
  ) {
    if (delay > 0) await wait(delay);
    if (res.destroyed) return;
    if (fault === 'hang') return;
    if (fault === 'reset') return void res.socket?.destroy();
    if (fault === 'server_error') reply = { status: 500, json: { error: 'Internal Server Error' } };
    if (fault === 'redirect') reply = { status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere' }, body: '' };
    if (fault === 'malformed_json') reply = { status: 200, body: '{"items": [ {"id": 1,' };
    logged.status = reply.status;
    counters.byStatus[reply.status] = (counters.byStatus[reply.status] ?? 0) + 1;
    if (reply.status === 429) counters.tooMany += 1;
    if (fault === 'huge_body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let left = options.hugeBytes ?? 8 * 1024 * 1024;
      res.on('error', () => {});
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    const body = reply.body ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    counters,
    setFault: (mode) => void (serverFault = mode),
    setLatency: (ms) => void (latency = ms),
    clearLog: () => {
      requests.length = 0;
      Object.assign(counters, { total: 0, byStatus: {}, tooMany: 0, writes: 0 });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A provider's published limit, enforced as sliding windows over accepted requests (an independent oracle for Keyward's limiter). */
export class SlidingLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(readonly windows: { limit: number; windowMs: number }[]) {}

  /** Admits and records the request, or says how long until it would be admitted. */
  hit(key: string, at: number): { ok: true } | { ok: false; retryAfterMs: number; resetAt: number } {
    const list = this.hits.get(key) ?? [];
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = list.filter((t) => t > at - w.windowMs);
      if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + w.windowMs - at);
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait, resetAt: at + wait };
    list.push(at);
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    this.hits.set(
      key,
      list.filter((t) => t > at - longest),
    );
    return { ok: true };
  }

  clear(): void {
    this.hits.clear();
  }
}

/** `Authorization: <scheme> <value>` → value, or undefined. */
export function authValue(headers: Record<string, string>, scheme: string): string | undefined {
  const m = new RegExp(`^${scheme}\\s+(\\S+)$`, 'i').exec(headers.authorization ?? '');
  return m?.[1];
}

/** A token's own latency and fault, to spread into a reply. */
export function extras(token: FakeTokenBase | undefined): Pick<FakeReply, 'latencyMs' | 'fault'> {
  const out: Pick<FakeReply, 'latencyMs' | 'fault'> = {};
  if (token?.latencyMs !== undefined) out.latencyMs = token.latencyMs;
  if (token?.fault !== undefined) out.fault = token.fault;
  return out;
}
