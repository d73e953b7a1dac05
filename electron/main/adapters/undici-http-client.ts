import { Agent, request } from 'undici';
import { HttpFault, faultCode } from '../../core/features/checks/network-fault';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/ports';

export interface UndiciHttpClientOptions {
  /** Time allowed to open the connection (TCP + TLS). */
  connectTimeoutMs?: number;
  /** Open connections kept per origin. */
  connections?: number;
}

export interface ClosableHttpClient extends HttpClient {
  close(): Promise<void>;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Stops a download; the abort error it raises is expected, so it is swallowed. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => {});
  body.destroy();
}

/** Names only the host, never the path, query or headers, so no secret can ride along in an error. */
function where(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/**
 * The HttpClient port on undici: connect and total timeouts, a body cap (the download is aborted past
 * it), and no redirects followed (a 3xx comes back as is). Faults reject with HttpFault and its code.
 */
export function createUndiciHttpClient(options: UndiciHttpClientOptions = {}): ClosableHttpClient {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    connections: options.connections ?? 8,
  });

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), req.timeoutMs);
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        dispatcher: agent,
        signal: deadline.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBodyBytes) {
        discard(res.body);
        throw new HttpFault(
          'BODY_TOO_LARGE',
          `The answer from ${where(req.url)} declared ${declared} bytes, above the ${req.maxBodyBytes}-byte cap.`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        size += buf.length;
        if (size > req.maxBodyBytes) {
          discard(res.body);
          throw new HttpFault(
            'BODY_TOO_LARGE',
            `The answer from ${where(req.url)} passed the ${req.maxBodyBytes}-byte cap.`,
          );
        }
        chunks.push(buf);
      }
      return { status: res.statusCode, headers: flatten(res.headers), body: Buffer.concat(chunks).toString('utf8') };
    } catch (e) {
      if (e instanceof HttpFault) throw e;
      if (deadline.signal.aborted)
        throw new HttpFault('TIMEOUT', `${where(req.url)} did not answer within ${req.timeoutMs} ms.`);
      const code = faultCode(e);
      throw new HttpFault(code, `Request to ${where(req.url)} failed (${code}).`);
    } finally {
      clearTimeout(timer);
    }
  }

  return { request: send, close: () => agent.close() };
}
