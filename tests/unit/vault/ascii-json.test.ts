// Reading a vault file decodes all-ASCII bytes as latin1 (faster); the text must be exactly what utf8 gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson, decodeVaultText } from '../../../electron/core/vault/ascii-json';

describe('vault file text', () => {
  it('decodes any bytes exactly as utf8 does, ASCII or not', () => {
    const mostlyAscii = fc.uint8Array({ maxLength: 64 }).map((a) => Uint8Array.from(a, (b) => (b % 5 === 0 ? b : b & 0x7f)));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mostlyAscii), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(decodeVaultText(buf)).toBe(buf.toString('utf8'));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['{"a":"\\u2026"}', '{"a":"…"}', 'del \x7f', 'é', '\uFFFD']) {
      const buf = Buffer.from(text, 'utf8');
      expect(decodeVaultText(buf)).toBe(text);
    }
  });

  it('escapes every non-ASCII unit of JSON text, and JSON.parse gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.integer({ min: 0, max: 0xffff })), (value, units) => {
        const doc = { value, text: String.fromCharCode(...units) };
        const text = JSON.stringify(doc);
        const ascii = asciiJson(text);
        // ASCII, DEL (0x7f) included: JSON.stringify escapes only the controls below 0x20.
        expect(/^[\x20-\x7f]*$/.test(ascii)).toBe(true);
        // Compared with the text's own parse: JSON itself turns -0 into 0.
        expect(JSON.parse(ascii)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
    // Found by the property above once in about fifteen runs: DEL is ASCII and stays as it is.
    expect(asciiJson(JSON.stringify({ text: 'a\x7fb…' }))).toBe('{"text":"a\x7fb\\u2026"}');
  });
});
