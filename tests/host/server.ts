import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { z } from 'zod';
import { allowedInStatusOnly, channelNames, channels, events, type EventName } from '../../electron/contract';
import type { EventListener } from '../../electron/main/compose';
import type { Dispatch } from '../../electron/main/dispatch';
import { RENDERER_HOST, RENDERER_SCHEME, RENDERER_TYPES, rendererFileFor } from '../../electron/main/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { bridgeScript } from './bridge-script';

const MAX_BODY_BYTES = 1024 * 1024;

export interface HostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  onEvent: (listener: EventListener) => () => void;
  /** SHA-256 of the stand-in clipboard's content, or null when empty. */
  clipboardFingerprint?: () => string | null;
  /** Sends a main -> renderer event as Electron's main would (a notification click, the tray). */
  emit?: EventListener;
  /** The path the next open or save dialog returns (the host has no OS dialogs). */
  queueDialogAnswer?: (kind: 'open' | 'save', path: string) => void;
}

/** The contract as JSON Schema with each channel's access, for scripts and people: GET /ipc. */
export function describeContract() {
  return {
    channels: Object.fromEntries(
      channelNames.map((name) => [
        name,
        {
          path: `/ipc/${name}`,
          access: channels[name].access,
          allowedInStatusOnly: allowedInStatusOnly(name),
          ...('topics' in channels[name] ? { topics: channels[name].topics } : {}),
          input: z.toJSONSchema(channels[name].input, { io: 'input', unrepresentable: 'any' }),
          output: z.toJSONSchema(channels[name].output, { io: 'output', unrepresentable: 'any' }),
        },
      ]),
    ),
    events: Object.fromEntries(
      Object.entries(events).map(([name, schema]) => [name, z.toJSONSchema(schema, { unrepresentable: 'any' })]),
    ),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
  cache = 'no-store',
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A development and test stand-in for Electron's main process: serves the built renderer and answers
 * every contract channel at POST /ipc/<channel> through the same dispatch. Loopback only, token-guarded.
 */
export function createHostServer(options: HostOptions): { server: Server; token: string } {
  const token = randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const authorised = (value: string | string[] | undefined | null): boolean => {
    if (typeof value !== 'string') return false;
    const given = Buffer.from(value);
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  };

  // A page's EventSource connects a moment after its script subscribes, where Electron's ipcRenderer.on is
  // immediate; an emit waits for a listening page so that gap cannot drop the event.
  const listening = new Set<ServerResponse>();
  const waiting = new Set<() => void>();
  const untilListening = (ms: number) =>
    listening.size > 0
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiting.delete(done);
            resolve(true);
          };
          const timer = setTimeout(() => {
            waiting.delete(done);
            resolve(false);
          }, ms);
          waiting.add(done);
        });

  // Each request's failure ends that request, never the host.
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, '{"error":"host failure"}');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // DNS-rebinding guard: only our own loopback origin may talk to us.
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`)
      return send(res, 421, '{"error":"wrong host"}');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    try {
      if (url.pathname === '/ipc' && req.method === 'GET') return send(res, 200, JSON.stringify(describeContract()));
      if (url.pathname.startsWith('/ipc/')) {
        if (req.method !== 'POST') return send(res, 405, '{"error":"use POST"}');
        if (!authorised(req.headers['x-keyward-token']))
          return send(res, 401, '{"error":"missing or wrong x-keyward-token"}');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
          return send(res, 415, '{"error":"send application/json"}');
        let raw: unknown;
        try {
          const text = await readBody(req);
          raw = text ? JSON.parse(text) : {};
        } catch {
          return send(
            res,
            400,
            JSON.stringify({
              ok: false,
              error: { code: 'invalid_input', message: 'The body must be JSON of at most 1 MiB.' },
            }),
          );
        }
        const result = await options.dispatch(decodeURIComponent(url.pathname.slice(5)), raw);
        return send(res, !result.ok && result.error.code === 'unknown_channel' ? 404 : 200, JSON.stringify(result));
      }
      if (url.pathname === '/__host/events') {
        if (!authorised(url.searchParams.get('token'))) return send(res, 401, '{"error":"wrong token"}');
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        const stop = options.onEvent((event, payload) => res.write(`data: ${JSON.stringify({ event, payload })}\n\n`));
        listening.add(res);
        for (const done of [...waiting]) done();
        req.on('close', () => {
          listening.delete(res);
          stop();
        });
        return;
      }
      if (url.pathname === '/__host/emit' && req.method === 'POST') {
        if (!authorised(req.headers['x-keyward-token']))
          return send(res, 401, '{"error":"missing or wrong x-keyward-token"}');
        const body = JSON.parse((await readBody(req)) || '{}') as { event?: string; payload?: unknown };
        if (!body.event || !Object.hasOwn(events, body.event)) return send(res, 400, '{"error":"unknown event"}');
        const name = body.event as EventName;
        const payload = events[name].safeParse(body.payload);
        if (!payload.success) return send(res, 400, '{"error":"payload does not match the event schema"}');
        if (!(await untilListening(5_000)))
          return send(res, 409, '{"error":"no page has been listening for events for 5 s"}');
        options.emit?.(name, payload.data as never);
        return send(res, 200, '{"emitted":true}');
      }
      if (url.pathname === '/__host/dialogs' && req.method === 'POST') {
        if (!authorised(req.headers['x-keyward-token']))
          return send(res, 401, '{"error":"missing or wrong x-keyward-token"}');
        const body = JSON.parse((await readBody(req)) || '{}') as { open?: unknown; save?: unknown };
        for (const kind of ['open', 'save'] as const) {
          const path = body[kind];
          if (typeof path === 'string' && path.length < 4096) options.queueDialogAnswer?.(kind, path);
        }
        return send(res, 200, '{"queued":true}');
      }
      if (url.pathname === '/__host/clipboard') {
        if (!authorised(req.headers['x-keyward-token']))
          return send(res, 401, '{"error":"missing or wrong x-keyward-token"}');
        return send(res, 200, JSON.stringify({ fingerprint: options.clipboardFingerprint?.() ?? null }));
      }
      if (url.pathname === '/__host/bridge.js') return send(res, 200, bridgeScript(), RENDERER_TYPES['.js']);
      return await serveStatic(url.pathname, res);
    } catch {
      if (!res.headersSent) send(res, 500, '{"error":"host failure"}');
    }
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    // The Electron app's own rules for its window's files (app://keyward/): the same paths resolve, the same refused.
    const file = rendererFileFor(options.rendererDir, `${RENDERER_SCHEME}://${RENDERER_HOST}${pathname}`);
    if (!file) return send(res, 404, '{"error":"not found"}');
    const relative = file.path.slice(options.rendererDir.length + 1);
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      return send(res, 404, '{"error":"not found"}');
    }
    if (relative === 'index.html') {
      const html = body
        .toString('utf8')
        // Deferred: it still runs before the app's module scripts (document order), as a preload runs before the
        // page, without holding up the parser while the app's files are fetched.
        .replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta name="keyward-host-token" content="${token}" />\n    <script defer src="/__host/bridge.js"></script>`,
        );
      return send(res, 200, html, file.type);
    }
    // Built assets are named by their content's hash: kept by the browser, which then also keeps their compiled
    // code (V8's code cache), as Electron does for app://keyward/ between starts.
    const cache = relative.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
    return send(res, 200, body as unknown as string, file.type, cache);
  }

  return { server, token };
}
