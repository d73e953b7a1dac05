import type { Logger } from '../../electron/core/ports';

/** The run length the rule is about: no 8 consecutive characters of a secret may be shown or stored. */
export const RUN = 8;

/** Every %XX decoded as one character (lenient: a stray % stays), so fully and partly encoded echoes read plainly. */
function percentDecoded(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Bytes hidden in base64 runs (standard or url-safe) of `text`, decoded at each of the four alignments. */
function base64Decodings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{11,}/g)) {
    for (let offset = 0; offset < 4; offset++)
      out.push(Buffer.from(m[0].slice(offset).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
  }
  return out;
}

/** Text as a reader could see it: as is, percent-decoded (twice), JSON-unescaped and base64-decoded, lower-cased. */
export class Readings {
  private readonly views: string[];
  constructor(text: string) {
    const plain = [text, percentDecoded(text), percentDecoded(percentDecoded(text))];
    const unescaped = plain.map((t) =>
      t.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
    const all = [...new Set([...plain, ...unescaped])];
    this.views = [...all, ...all.flatMap(base64Decodings)].map((t) => t.toLowerCase());
  }
  has(lower: string): boolean {
    return this.views.some((v) => v.includes(lower));
  }
}

const asReadings = (text: string | Readings) => (typeof text === 'string' ? new Readings(text) : text);

/**
 * The 8-character runs of `secret` that `text` reveals, ignoring case, in plain, URL-encoded, JSON-escaped
 * or base64 form. `publicPrefix` (e.g. `shippo_live_`, which the masked fingerprint shows by design) is
 * not secret, so runs are taken from what follows it. Independent of the code under test.
 */
export function leakedRuns(text: string | Readings, secret: string, publicPrefix = ''): string[] {
  const body = secret.slice(publicPrefix.length).toLowerCase();
  const views = asReadings(text);
  const found = new Set<string>();
  for (let i = 0; i + RUN <= body.length; i++) {
    const run = body.slice(i, i + RUN);
    if (views.has(run)) found.add(run);
  }
  return [...found];
}

/** True when `text` holds the whole secret, ignoring case (in any of the readings above). */
export function holdsWhole(text: string | Readings, secret: string): boolean {
  return asReadings(text).has(secret.toLowerCase());
}

/** A Logger that keeps every line with its fields, as one string each, for scanning. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (message: string, fields?: Record<string, string | number | boolean>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: rec('info'), warn: rec('warn'), error: rec('error') };
}
