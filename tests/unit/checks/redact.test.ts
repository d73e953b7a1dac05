import { describe, expect, it } from 'vitest';
import { redactResult } from '../../../electron/core/features/checks/redact';
import { shippoProbe } from '../../../electron/core/features/checks/probes/shippo';
import { REDACTED, redactSecrets, secretRedactor } from '../../../electron/core/secrets/redact';
import { leakedRuns } from '../../support/secret-leaks';

const SHIPPO = 'shippo_live_3f9a1c07d2b84e6f5a1c9d0e7b2f4a8c6e1d3b5f';
const PIXL = 'sk_live_Q7wErTy9UiOp2AsDfGh4JkLzXcVbNm1234567';
const ODD = 'k+/Z=9%x?q&r#s;T"u\\v<w>0aB1cD2eF';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Redacts, then asks the independent scanner what is left of the secret. */
function leftOver(text: string, secret: string): { out: string; runs: string[] } {
  const out = redactSecrets(text, [secret]);
  return { out, runs: leakedRuns(out, secret) };
}

describe('redactSecrets: every 8-character run of a secret, in any case or common encoding', () => {
  const cases: [string, (s: string) => string][] = [
    ['as is', (s) => s],
    ['upper-cased', (s) => s.toUpperCase()],
    ['lower-cased', (s) => s.toLowerCase()],
    ['case swapped', (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')],
    ['its first 24 characters', (s) => s.slice(0, 24)],
    ['its first 8 characters', (s) => s.slice(0, 8)],
    ['its last 9 characters', (s) => s.slice(-9)],
    ['a middle slice', (s) => s.slice(13, 29)],
    ['truncated with an ellipsis', (s) => `${s.slice(0, 30)}…`],
    ['base64', (s) => b64(s)],
    ['url-safe base64', (s) => b64url(s)],
    [
      'base64 of a middle slice (each alignment)',
      (s) => [b64(s.slice(4, 24)), b64(s.slice(5, 25)), b64(s.slice(6, 26))].join(' '),
    ],
    ['base64 of "Bearer <secret>"', (s) => b64(`Bearer ${s}`)],
    ['base64 of the upper-cased secret', (s) => b64(s.toUpperCase())],
    ['URL-encoded', (s) => encodeURIComponent(s)],
    [
      'percent-encoded, every character',
      (s) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    ],
    ['percent-encoded twice', (s) => encodeURIComponent(encodeURIComponent(s))],
    ['\\u-escaped', (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['URL-encoded base64', (s) => encodeURIComponent(b64(s))],
  ];
  for (const secret of [SHIPPO, PIXL, ODD]) {
    for (const [name, transform] of cases) {
      it(`${name}: ${secret.slice(0, 8)}…`, () => {
        const echoed = transform(secret);
        const text = `Invalid token "${echoed}" (request 42).`;
        expect(leakedRuns(text, secret).length, 'the echo shows the secret before redaction').toBeGreaterThan(0);
        const { out, runs } = leftOver(text, secret);
        expect(runs).toEqual([]);
        expect(out).toContain(REDACTED);
        // The words around the echo stay readable.
        expect(out.startsWith('Invalid token "')).toBe(true);
        expect(out.endsWith('" (request 42).')).toBe(true);
      });
    }
  }

  it('leaves a text that holds no secret exactly as it was', () => {
    const text =
      'Shippo does not accept this API token (401: "Token is invalid or has been deleted"): ops@acme.test, 2026-11-22.';
    expect(redactSecrets(text, [SHIPPO, PIXL, ODD])).toBe(text);
    expect(redactSecrets('', [SHIPPO])).toBe('');
    expect(redactSecrets(text, [])).toBe(text);
  });

  it('leaves runs shorter than 8 characters alone (a shared word or prefix is not a leak)', () => {
    const text = `Keys start with sk_live and this one ends ${PIXL.slice(-7)}; 3f9a1c0 is a commit.`;
    expect(redactSecrets(text, [PIXL, SHIPPO])).toBe(text);
    expect(redactSecrets(`x${PIXL.slice(10, 18)}x`, [PIXL])).toBe(`x${REDACTED}x`);
  });

  it('masks one span per echo, however many runs overlap in it, and several secrets at once', () => {
    const out = redactSecrets(`a ${SHIPPO.toUpperCase()} b ${PIXL.slice(3, 20)} c`, [SHIPPO, PIXL]);
    expect(out).toBe(`a ${REDACTED} b ${REDACTED} c`);
  });

  it('leaves a published prefix alone when nothing secret follows it, and masks it with the rest otherwise', () => {
    const words = 'it has the wrong prefix (sk_live_ / sk_test_)';
    expect(redactSecrets(words, [PIXL], { publicParts: ['sk_live_'] })).toBe(words);
    expect(redactSecrets(`${words}: ${PIXL.toUpperCase()}`, [PIXL], { publicParts: ['sk_live_'] })).toBe(
      `${words}: ${REDACTED}`,
    );
    expect(redactSecrets(`key ${PIXL.slice(0, 9)}`, [PIXL], { publicParts: ['sk_live_'] })).toBe(`key ${REDACTED}`);
  });

  it('keeps positions right around characters whose lower case is longer (İ)', () => {
    expect(redactSecrets(`İİ ${SHIPPO.toUpperCase()} İ`, [SHIPPO])).toBe(`İİ ${REDACTED} İ`);
  });

  it('one redactor built for many texts gives the same answers', () => {
    const redact = secretRedactor([SHIPPO]);
    expect(redact(SHIPPO)).toBe(REDACTED);
    expect(redact(`${SHIPPO.slice(0, 20)}|${SHIPPO.slice(30)}`)).toBe(`${REDACTED}|${REDACTED}`);
  });
});

describe('redactResult: masks first, then shortens to the contract', () => {
  it('a secret straddling the 500-character cut leaves no run behind, and the detail stays within 500', () => {
    const detail = `${'x'.repeat(480)} ${SHIPPO.toUpperCase()} trailing words`;
    const context = { owner: `${'y'.repeat(490)}${PIXL}`, count: 3 };
    const out = redactResult(
      { outcome: 'invalid', detail, context, checkedAt: '2026-11-22T09:00:00.000Z' },
      secretRedactor([SHIPPO, PIXL]),
    );
    expect(out.detail.length).toBeLessThanOrEqual(500);
    expect(leakedRuns(out.detail, SHIPPO)).toEqual([]);
    expect(leakedRuns(String(out.context?.owner), PIXL)).toEqual([]);
    expect(String(out.context?.owner).length).toBeLessThanOrEqual(500);
    expect(out.context?.count).toBe(3);
  });

  it('a provider message quoted by the classifier is masked before the quote is cut', () => {
    // The 160-character quote cut falls inside the echoed secret.
    const message = `${'z'.repeat(140)} ${SHIPPO.toUpperCase()}`;
    const ctx = {
      now: new Date(),
      identifiers: {},
      kind: 'api-key' as const,
      mode: 'live' as const,
      redact: secretRedactor([SHIPPO]),
    };
    const verdict = shippoProbe.classify({ status: 401, headers: {}, body: JSON.stringify({ detail: message }) }, ctx);
    expect(verdict.outcome).toBe('invalid');
    expect(verdict.detail).toContain(REDACTED);
    expect(leakedRuns(verdict.detail, SHIPPO)).toEqual([]);
  });
});
