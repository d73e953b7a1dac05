/** What stands where a secret was. */
export const REDACTED = '[redacted]';
/** The shortest run of a secret that is masked; shorter coincidences (a word, a date) are left alone. */
export const MIN_RUN = 8;

/** Masks, in a text, every run of MIN_RUN or more characters taken from a secret in play. */
export type Redact = (text: string) => string;

/** Lower-cases one UTF-16 unit at a time, so positions in the result match positions in the input. */
function lowerUnits(text: string): string {
  const fast = text.toLowerCase();
  if (fast.length === text.length) return fast;
  let out = '';
  for (const ch of text) {
    const lc = ch.toLowerCase();
    out += lc.length === ch.length ? lc : ch;
  }
  return out;
}

/**
 * The forms a secret can be echoed in: itself (its UTF-8 bytes too, for percent-decoded text) and base64,
 * standard and url-safe, of it and of it without its first one or two characters, so that base64 of any
 * slice shares all but its edge characters with one of them. Upper- and lower-cased copies are encoded too.
 */
function needlesOf(secret: string): string[] {
  const out = new Set<string>([secret, Buffer.from(secret, 'utf8').toString('latin1')]);
  for (const form of new Set([secret, secret.toUpperCase(), secret.toLowerCase()])) {
    for (let drop = 0; drop < 3 && drop < form.length; drop++) {
      const bytes = Buffer.from(form.slice(drop), 'utf8');
      out.add(bytes.toString('base64').replace(/=+$/, ''));
      out.add(bytes.toString('base64url'));
    }
  }
  return [...out];
}

/** A view of a text with, for each of its characters, the span of the original text it came from (itself when absent). */
interface View {
  text: string;
  from?: number[];
  to?: number[];
}

const fromOf = (view: View, i: number): number => (view.from ? view.from[i]! : i);
const toOf = (view: View, i: number): number => (view.to ? view.to[i]! : i + 1);

const ESCAPE = /%([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g;
const HAS_ESCAPE = /%[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}/;

/** Decodes %XX and \uXXXX escapes once, keeping where each decoded character came from. */
function decoded(view: View): View {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let last = 0;
  const copy = (end: number) => {
    for (let i = last; i < end; i++) {
      text += view.text[i];
      from.push(fromOf(view, i));
      to.push(toOf(view, i));
    }
  };
  for (const m of view.text.matchAll(ESCAPE)) {
    copy(m.index);
    text += String.fromCharCode(parseInt(m[1] ?? m[2]!, 16));
    from.push(fromOf(view, m.index));
    to.push(toOf(view, m.index + m[0].length - 1));
    last = m.index + m[0].length;
  }
  copy(view.text.length);
  return { text, from, to };
}

export interface RedactOptions {
  /**
   * Published parts of the secrets (shippo_live_, sk_live_): a covered span that lies wholly within one
   * is left as written, so Keyward's own words ("the prefix sk_live_") stay readable.
   */
  publicParts?: readonly string[];
}

/**
 * Builds a redactor for the given secrets: a set of the lower-cased MIN_RUN-character pieces of every
 * form of every secret, and one pass over each text's pieces (as written, and with %XX and \uXXXX
 * escapes decoded) marking what they cover. Each covered span becomes REDACTED. Matching ignores case.
 */
export function secretRedactor(secrets: readonly string[], options: RedactOptions = {}): Redact {
  const publicParts = (options.publicParts ?? []).filter((p) => p.length > 0).map(lowerUnits);
  const grams = new Set<string>();
  const whole: string[] = [];
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const needle of needlesOf(secret)) {
      const lower = lowerUnits(needle);
      if (lower.length < MIN_RUN) whole.push(lower);
      for (let i = 0; i + MIN_RUN <= lower.length; i++) grams.add(lower.slice(i, i + MIN_RUN));
    }
  }
  if (grams.size === 0 && whole.length === 0) return (text) => text;

  return (text) => {
    if (text.length === 0) return text;
    const spans: [number, number][] = [];
    const mark = (view: View) => {
      const lower = lowerUnits(view.text);
      for (let i = 0; i + MIN_RUN <= lower.length; i++) {
        if (grams.has(lower.slice(i, i + MIN_RUN))) spans.push([fromOf(view, i), toOf(view, i + MIN_RUN - 1)]);
      }
      for (const needle of whole) {
        for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1))
          spans.push([fromOf(view, i), toOf(view, i + needle.length - 1)]);
      }
    };
    let view: View = { text };
    mark(view);
    // Double-encoded text (%2541) needs more than one decoding to show the secret.
    for (let round = 0; round < 3 && HAS_ESCAPE.test(view.text); round++) {
      view = decoded(view);
      mark(view);
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [start, end] of spans) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    const isPublic = (span: string) => publicParts.some((p) => p.includes(lowerUnits(span)));
    let out = '';
    let at = 0;
    for (const [start, end] of merged) {
      const span = text.slice(start, end);
      out += text.slice(at, start) + (isPublic(span) ? span : REDACTED);
      at = end;
    }
    return out + text.slice(at);
  };
}

/** `text` with every run of MIN_RUN or more characters of any of `secrets` masked, in any case or common encoding. */
export function redactSecrets(text: string, secrets: readonly string[], options: RedactOptions = {}): string {
  return secretRedactor(secrets, options)(text);
}
