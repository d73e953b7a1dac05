import type { ProbeVerdict } from './probe-spec';

/** Fault codes the HttpClient adapter puts on the Error it rejects with. */
export const HTTP_FAULT_CODES = [
  'TIMEOUT',
  'CONNECT_TIMEOUT',
  'DNS',
  'TLS',
  'ECONNRESET',
  'ECONNREFUSED',
  'BODY_TOO_LARGE',
  'ABORTED',
  'NETWORK',
] as const;
export type HttpFaultCode = (typeof HTTP_FAULT_CODES)[number];

/** An Error with a fault code and a message that never holds a URL's secrets or a header. */
export class HttpFault extends Error {
  constructor(
    readonly code: HttpFaultCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFault';
  }
}

/** Maps Node, undici and our own codes onto one fault code. */
export function faultCode(error: unknown): HttpFaultCode {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if ((HTTP_FAULT_CODES as readonly string[]).includes(code)) return code as HttpFaultCode;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'CONNECT_TIMEOUT';
  if (['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR_TIMEOUT'].includes(code))
    return 'TIMEOUT';
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL'].includes(code)) return 'DNS';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) return 'TLS';
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return 'ECONNRESET';
  if (code === 'ECONNREFUSED') return 'ECONNREFUSED';
  if (['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'].includes(code)) return 'BODY_TOO_LARGE';
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || (error instanceof Error && error.name === 'AbortError'))
    return 'ABORTED';
  return 'NETWORK';
}

const WHY: Record<HttpFaultCode, string> = {
  TIMEOUT: 'did not answer in time',
  CONNECT_TIMEOUT: 'could not be connected to in time',
  DNS: 'could not be found (DNS lookup failed)',
  TLS: 'failed the secure connection (TLS/certificate error)',
  ECONNRESET: 'dropped the connection',
  ECONNREFUSED: 'refused the connection',
  BODY_TOO_LARGE: 'sent an answer larger than Keyward accepts',
  ABORTED: 'was not waited for: the check was cancelled',
  NETWORK: 'could not be reached (network error)',
};

/** A network fault says nothing about the token: always unreachable, never invalid. */
export function classifyFault(error: unknown, provider: string): ProbeVerdict {
  const code = faultCode(error);
  return {
    outcome: 'unreachable',
    detail: `${provider} ${WHY[code]}; the token was not judged.`,
    context: { fault: code },
  };
}
