// The vault file's JSON is written all-ASCII; it must mean exactly what JSON.stringify's text meant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../../electron/core/vault/ascii-json';

describe('vault file text', () => {
  it('escapes every non-ASCII unit of JSON text, and JSON.parse gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.integer({ min: 0, max: 0xffff })), (value, units) => {
        const doc = { value, text: String.fromCharCode(...units) };
        const ascii = asciiJson(JSON.stringify(doc));
        expect(/^[\x20-\x7e]*$/.test(ascii)).toBe(true);
        expect(JSON.parse(ascii)).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });
});
