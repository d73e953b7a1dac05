// VaultEncoder must write exactly what fullEncode writes (compact JSON of VaultData.parse(data), all ASCII) and
// refuse exactly what VaultData.parse refused, however much of the vault it has seen before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { samePlain } from '../../../electron/core/vault/plain-data';
import { fullEncode, sameBytes, VaultEncoder } from '../../../electron/core/vault/vault-encoder';
import { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault } from '../../bench/generate-vault';

const small = (seed = 3) => generateVault({ tokens: 60, stores: 20, clients: 6, seed });

/** Strings a person or a provider could put in a vault that are not ASCII, down to a lone surrogate. */
const UNUSUAL = ['eyJhb…TK3Y', 'Café é', 'emoji 😀👍🏽', 'line\u2028sep\u2029', 'lone \ud800 and \udfff', '\u0080\u00ff\u0100\uffff', 'del \u007f', 'ctl \u0001\t"\\'];

/** Any UTF-16 code unit sequence, lone surrogates included. */
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));

/** A vault whose tokens' notes (and a client's name) hold `strings`. */
function withStrings(vault: VaultData, strings: readonly string[]): VaultData {
  return {
    ...vault,
    settings: { [strings[0] ?? 'k']: strings },
    clients: vault.clients.map((c, i) => (i === 0 ? { ...c, name: `Client ${strings[0] ?? ''}`.trim().slice(0, 120) || 'x' } : c)),
    tokens: vault.tokens.map((t, i) => (i < strings.length ? { ...t, notes: strings[i]! } : t)),
  };
}

/** Whether every byte is ASCII and the only newline is the last byte. */
const compactAscii = (bytes: Buffer): boolean => bytes.every((b) => b < 0x80) && bytes.indexOf(0x0a) === bytes.length - 1;

/** Both encoders' answer for `data`: the bytes, or the ZodError's issues. */
function outcome(encode: (d: VaultData) => Buffer, data: VaultData): { bytes: string } | { issues: unknown } {
  try {
    return { bytes: encode(data).toString('utf8') };
  } catch (err) {
    if (err instanceof ZodError) return { issues: err.issues };
    throw err;
  }
}

describe('VaultEncoder', () => {
  it('writes the same bytes as fullEncode cold, after a load and after edits', () => {
    const vault = small();
    const cold = new VaultEncoder();
    expect(cold.encode(vault).equals(fullEncode(vault))).toBe(true);
    const warm = new VaultEncoder();
    warm.rememberParsed(vault);
    expect(warm.encode(vault).equals(fullEncode(vault))).toBe(true);
    // Edit, add, remove and reorder elements; change top-level fields.
    const next: VaultData = {
      ...vault,
      revision: 9,
      settings: { findings: { leadTimesDays: [3] }, when: new Date('2026-01-01T00:00:00Z') as unknown as string },
      tokens: [{ ...vault.tokens[5]!, name: '  Trimmed  ', notes: 'line\nbreak "quoted" ü' }, ...vault.tokens.slice(7).reverse(), { ...vault.tokens[0]!, id: '11111111-2222-4333-8444-555555555555' }],
      stores: vault.stores.slice(1),
      clients: [],
    };
    expect(warm.encode(next).toString()).toBe(fullEncode(next).toString());
    expect(warm.encode(next).toString()).toBe(fullEncode(next).toString());
    expect(warm.encode(vault).toString()).toBe(fullEncode(vault).toString());
  });

  it('writes compact all-ASCII JSON that parses back to exactly the strings it was given', () => {
    const vault = withStrings(small(), UNUSUAL);
    const file = fullEncode(vault);
    expect(compactAscii(file)).toBe(true);
    expect(file.length).toBeLessThan(Buffer.byteLength(JSON.stringify(VaultData.parse(vault), null, 1)));
    const back = JSON.parse(file.toString('utf8')) as VaultData;
    expect(back).toEqual(VaultData.parse(vault));
    expect(back.tokens.slice(0, UNUSUAL.length).map((t) => t.notes)).toEqual(UNUSUAL);
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    expect(enc.encode(vault).equals(file)).toBe(true);
    expect(enc.encode({ ...vault, revision: 2 }).equals(fullEncode({ ...vault, revision: 2 }))).toBe(true);
  });

  it('property: any UTF-16 strings round-trip exactly, and incremental bytes equal the full encoding', () => {
    const vault = small(4);
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    fc.assert(
      fc.property(fc.array(anyUtf16, { minLength: 1, maxLength: 4 }), (strings) => {
        const data = withStrings(vault, strings);
        const file = fullEncode(data);
        expect(compactAscii(file)).toBe(true);
        expect(enc.encode(data).equals(file)).toBe(true);
        const back = JSON.parse(file.toString('latin1')) as VaultData;
        expect(back.tokens.slice(0, strings.length).map((t) => t.notes)).toEqual(strings);
        expect(back).toEqual(VaultData.parse(data));
      }),
      { numRuns: 200 },
    );
  });

  it('writes an empty vault and unknown keys exactly as before (stripped)', () => {
    const vault = { ...small(), clients: [], stores: [], tokens: [], extra: 'dropped' } as VaultData;
    expect(new VaultEncoder().encode(vault).toString()).toBe(fullEncode(vault).toString());
    const withExtra = small();
    const token = { ...withExtra.tokens[0]!, extra: { secretValue: 'never' } } as never;
    const data = { ...withExtra, tokens: [token, ...withExtra.tokens.slice(1)] };
    const enc = new VaultEncoder();
    enc.rememberParsed(withExtra);
    expect(enc.encode(data).toString()).toBe(fullEncode(data).toString());
    expect(enc.encode(data).toString()).not.toContain('never');
  });

  it('validates again an element it saw pass once its content changed, and refuses it with VaultData\'s error', () => {
    const vault = small();
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    enc.encode(vault);
    const broken = { ...vault, tokens: vault.tokens.map((t, i) => (i === 4 ? { ...t, checkHistory: [...t.checkHistory, { ...t.checkHistory[0]!, httpStatus: 700 }] } : t)) } as VaultData;
    expect(outcome((d) => enc.encode(d), broken)).toEqual(outcome(fullEncode, broken));
    expect(() => enc.encode(broken)).toThrow(ZodError);
    const badTop = { ...vault, revision: -1 };
    expect(outcome((d) => enc.encode(d), badTop)).toEqual(outcome(fullEncode, badTop));
    const notList = { ...vault, tokens: {} } as unknown as VaultData;
    expect(outcome((d) => enc.encode(d), notList)).toEqual(outcome(fullEncode, notList));
  });

  it('property: any change to one token gives the same bytes or the same refusal as the reference', () => {
    const vault = small(5);
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    const keys = Object.keys(vault.tokens[0]!);
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      anyUtf16,
      fc.constantFrom(null, '', ' x ', 'a'.repeat(121), '2026-11-22T09:00:00Z', '2026-11-22T09:00:00+01:00', '2026-02-30T00:00:00Z', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'F47AC10B-58CC-4372-A567-0E02B2C3D479', 'active', 'live', []),
    );
    fc.assert(
      fc.property(fc.nat(vault.tokens.length - 1), fc.constantFrom(...keys), value, fc.boolean(), (index, key, v, drop) => {
        const token = { ...vault.tokens[index]! } as Record<string, unknown>;
        if (drop) delete token[key];
        else token[key] = v;
        const data = { ...vault, tokens: vault.tokens.map((t, i) => (i === index ? token : t)) } as VaultData;
        expect(outcome((d) => enc.encode(d), data)).toEqual(outcome(fullEncode, data));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the bytes as parts that sameBytes matches against the file, byte for byte', () => {
    const vault = small(8);
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    const parts = enc.encodeParts(vault);
    const file = fullEncode(vault);
    expect(parts.parts.length).toBeGreaterThan(vault.tokens.length);
    expect(parts.byteLength).toBe(file.length);
    expect(sameBytes(file, parts)).toBe(true);
    const changed = Buffer.from(file);
    const middle = Math.floor(file.length / 2);
    changed[middle] = changed[middle]! ^ 1;
    expect(sameBytes(changed, parts)).toBe(false);
    expect(sameBytes(file.subarray(0, file.length - 1), parts)).toBe(false);
    expect(sameBytes(Buffer.concat([file, Buffer.from(' ')]), parts)).toBe(false);
  });

  it('keeps giving the reference bytes over many saves with tokens added and deleted', () => {
    let vault = small(9);
    const enc = new VaultEncoder();
    enc.rememberParsed(vault);
    const spare = generateVault({ tokens: 40, stores: 20, clients: 6, seed: 10 }).tokens.map((t, i) => ({ ...t, storeId: vault.stores[i % vault.stores.length]!.id }));
    for (let round = 0; round < 40; round++) {
      const tokens = round % 3 === 2 ? vault.tokens.slice(1) : [...vault.tokens, spare[round]!];
      vault = { ...vault, revision: vault.revision + 1, tokens: tokens.map((t, i) => (i === round % tokens.length ? { ...t, notes: `round ${round}` } : t)) };
      expect(enc.encode(vault).equals(fullEncode(vault))).toBe(true);
    }
  });

  it('samePlain: equal JSON values in the same key order, nothing else', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => samePlain(v, structuredClone(v))));
    expect(samePlain({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(samePlain([1, 2], [1, 2, 3])).toBe(false);
    expect(samePlain({ a: 0 }, { a: -0 })).toBe(false);
    expect(samePlain({ a: undefined }, {})).toBe(false);
    expect(samePlain(new Date(0), new Date(0))).toBe(false);
    expect(samePlain({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
  });
});
