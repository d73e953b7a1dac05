// The fast path may only say "yes" for a value zod accepts and returns unchanged; everything else goes to zod.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Client, StoreProfile, Token, TokenSummary, VaultSnapshot } from '../../../electron/contract';
import {
  canonicalTokenSummary,
  FAST_PATH_ENABLED,
  isCanonicalClient,
  isCanonicalStore,
  isCanonicalToken,
  safeParseWithLists,
  SNAPSHOT_LISTS,
} from '../../../electron/core/vault/fast-validate';
import type { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault } from '../../bench/generate-vault';
import { samePlain } from '../../support/plain';

const vault = JSON.parse(JSON.stringify(generateVault({ tokens: 150, stores: 40, clients: 10, seed: 4 }))) as VaultData;
/** A token with every optional field present (context, retryAfterMs, formatProblem), so edge values reach them too. */
const full: Token = {
  ...vault.tokens[0]!,
  secret: { fingerprint: 'a'.repeat(64), masked: 'sk…abcd', setAt: '2026-01-01T00:00:00.000Z', formatProblem: 'odd' },
  lastCheck: {
    outcome: 'rate_limited',
    httpStatus: 429,
    detail: 'slow down',
    retryAfterMs: 1000,
    context: { shop: 'Acme', count: 3, ok: true },
    checkedAt: '2026-01-02T00:00:00Z',
  },
  checkHistory: [
    {
      outcome: 'valid',
      httpStatus: 200,
      detail: 'ok',
      retryAfterMs: 0,
      context: { owner: 'x' },
      checkedAt: '2026-01-02T00:00:00+02:00',
    },
  ],
  settings: { rateLimit: 60, ipAllowlist: ['10.0.0.1'], managed: false, note: 'n' },
};
const CASES = [
  { name: 'token', fast: isCanonicalToken, schema: Token, samples: [full, ...vault.tokens] },
  { name: 'store', fast: isCanonicalStore, schema: StoreProfile, samples: vault.stores },
  { name: 'client', fast: isCanonicalClient, schema: Client, samples: vault.clients },
  {
    name: 'token summary (from a token)',
    fast: canonicalTokenSummary,
    schema: TokenSummary,
    samples: [full, ...vault.tokens],
  },
  {
    name: 'token summary (as it is)',
    fast: canonicalTokenSummary,
    schema: TokenSummary,
    samples: [full, ...vault.tokens].map(({ checkHistory: _h, ...summary }) => summary),
  },
] as const;

/** Sound: a "yes" means zod accepts the value and gives back what the fast path gives (the value itself for the `is...` checks). */
function expectSound(
  fast: (v: unknown) => boolean | unknown,
  schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } },
  value: unknown,
): void {
  const answer = fast(value);
  if (answer === false || answer === undefined) return;
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(true);
  expect(samePlain(parsed.data, answer === true ? value : answer)).toBe(true);
}

/** ['', 'a'] with a hole at 0. */
function sparse(): unknown[] {
  const a: unknown[] = [];
  a[1] = 'a';
  return a;
}

// One group of related edge values per line.
// prettier-ignore
const EDGE_VALUES: unknown[] = [
  null, undefined, true, false, 0, -0, 1, -1, 99, 100, 599, 600, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, Infinity, NaN,
  '', ' ', 'a', ' a', 'a ', '\u00a0a', 'a\u2028', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(80), 'x'.repeat(81),
  'x'.repeat(120), 'x'.repeat(121), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(400), 'x'.repeat(401), 'x'.repeat(500), 'x'.repeat(501),
  'x'.repeat(2000), 'x'.repeat(2001), 'x'.repeat(4000), 'x'.repeat(4001),
  'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'F47AC10B-58CC-4372-A567-0E02B2C3D479', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'f47ac10b-58cc-9372-a567-0e02b2c3d479', 'f47ac10b-58cc-4372-c567-0e02b2c3d479', 'f47ac10b58cc4372a5670e02b2c3d479',
  '2026-11-22T09:00:00.000Z', '2026-11-22T09:00:00Z', '2026-11-22T09:00:00.123456+05:30', '2026-11-22T09:00:00-23:59', '2026-11-22T09:00Z', '2026-11-22T24:00:00Z',
  '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-11-22', '2026-11-22t09:00:00z',
  'a'.repeat(64).replace(/a/g, 'f'), 'A'.repeat(64), '0'.repeat(63),
  'printify', 'custom:shop-1', 'custom:', 'custom:Shop', 'custom:' + 'a'.repeat(40), 'custom:' + 'a'.repeat(41), 'etsy',
  'active', 'inactive', 'expired', 'revoked', 'rotated', 'paused', 'live', 'test', 'api-key', 'access-token', 'token', 'provider-rule', 'user', 'none', 'unknown',
  'production', 'staging', 'development', 'valid', 'restricted', 'invalid', 'rate_limited', 'unreachable',
  [], ['a'], ['a', 1], new Array(129).fill('s'), new Array(128).fill('s'), new Array(21).fill(null), sparse(),
  {}, { a: 1 }, { _x: 1 }, { '1a': 'x' }, { ['__proto__']: 'x' }, { a: [1] }, { a: ['x'.repeat(201)] }, { a: null }, Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, i])),
  Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])), Object.create(null), new Date(0),
];

describe('fast validation of vault elements', () => {
  it('is enabled: its key lists still match the schemas', () => {
    expect(FAST_PATH_ENABLED).toBe(true);
  });

  it('takes the generated vault as it is, and zod agrees', () => {
    for (const c of CASES)
      for (const sample of c.samples) {
        expect(c.fast(sample)).not.toBe(false);
        expect(c.fast(sample)).not.toBe(undefined);
        expectSound(c.fast, c.schema, sample);
      }
  });

  for (const c of CASES) {
    it(`${c.name}: every field set to edge values, removed, or an unknown key added: a "yes" is always zod's unchanged "yes"`, () => {
      const keys = Object.keys(c.samples[0]!);
      for (const sample of c.samples.slice(0, 8)) {
        for (const key of keys) {
          for (const value of EDGE_VALUES) expectSound(c.fast, c.schema, { ...sample, [key]: value });
          const { [key]: _dropped, ...rest } = sample as Record<string, unknown>;
          expectSound(c.fast, c.schema, rest);
        }
        expectSound(c.fast, c.schema, { ...sample, extra: 1 });
        const reordered = Object.fromEntries(Object.entries(sample).reverse());
        expect([false, undefined]).toContain(c.fast(reordered));
      }
    });

    it(`${c.name}: every nested field (secret, checks, context, settings) set to edge values`, () => {
      const withNested = [
        c.samples[0]!,
        ...[...c.samples].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length).slice(0, 1),
      ];
      for (const sample of withNested) {
        const paths: string[][] = [];
        const walk = (node: unknown, path: string[]): void => {
          if (typeof node !== 'object' || node === null) return;
          for (const key of Object.keys(node)) {
            paths.push([...path, key]);
            if (path.length < 3) walk((node as Record<string, unknown>)[key], [...path, key]);
          }
        };
        walk(sample, []);
        for (const path of paths.filter((p) => p.length > 1)) {
          for (const value of EDGE_VALUES) {
            const copy = structuredClone(sample) as unknown as Record<string, unknown>;
            let target = copy;
            for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
            target[path.at(-1)!] = value;
            expectSound(c.fast, c.schema, copy);
          }
        }
      }
    });

    it(`${c.name}: property, random values in random places (nested too)`, () => {
      const leaf = fc.oneof(
        fc.constantFrom(...EDGE_VALUES),
        fc.jsonValue({ maxDepth: 2 }),
        fc.string({ maxLength: 90 }),
      );
      fc.assert(
        fc.property(
          fc.nat(c.samples.length - 1),
          fc.array(fc.tuple(fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }), leaf), {
            minLength: 1,
            maxLength: 3,
          }),
          (index, edits) => {
            const value = structuredClone(c.samples[index]) as unknown as Record<string, unknown>;
            for (const [path, v] of edits) {
              // Walk a path of indexes into keys of nested objects/arrays and set the last one.
              let target: Record<string, unknown> = value;
              for (let i = 0; i < path.length; i++) {
                const keys = Object.keys(target);
                if (keys.length === 0) break;
                const key = keys[path[i]! % keys.length]!;
                const next = target[key];
                if (i === path.length - 1 || typeof next !== 'object' || next === null) {
                  target[key] = v;
                  break;
                }
                target = next as Record<string, unknown>;
              }
            }
            expectSound(c.fast, c.schema, value);
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it("safeParseWithLists gives VaultSnapshot.safeParse's answer for a snapshot (the IPC output): the same data, or the same first issue", () => {
    const fastParse = (doc: unknown) =>
      safeParseWithLists(VaultSnapshot, doc, SNAPSHOT_LISTS) as ReturnType<typeof VaultSnapshot.safeParse>;
    const summaries = vault.tokens.map(({ checkHistory: _history, ...summary }) => summary);
    const snapshot = {
      revision: vault.revision,
      readId: 'read-1',
      clients: vault.clients,
      stores: vault.stores,
      tokens: summaries,
      keychain: { available: true, message: '' },
      notices: [],
    };
    const ok = fastParse(snapshot);
    expect(ok.success).toBe(true);
    // The fast path was taken: elements in exact form are the input's own objects.
    expect(ok.data?.tokens[7]).toBe(summaries[7]);
    expect(ok.data?.stores[3]).toBe(vault.stores[3]);
    expect(samePlain(ok.data, VaultSnapshot.parse(snapshot))).toBe(true);
    // A token with its history is not a summary as it is: stripped, as zod strips it.
    const withHistory = { ...snapshot, tokens: [vault.tokens[0]!, ...summaries.slice(1)] };
    expect(samePlain(fastParse(withHistory).data, VaultSnapshot.parse(withHistory))).toBe(true);
    const broken = [
      {
        ...snapshot,
        tokens: [...summaries.slice(0, 3), { ...summaries[3]!, name: ' padded ' }, ...summaries.slice(4)],
      },
      { ...snapshot, tokens: [...summaries.slice(0, 3), { ...summaries[3]!, status: 'lost' }] },
      { ...snapshot, stores: [{ ...vault.stores[0]!, identifiers: { 'bad key': 1 } }] },
      { ...snapshot, revision: -1 },
      { ...snapshot, clients: 'none' },
      { ...snapshot, notices: [{ id: 'x', severity: 'loud', message: 'm' }] },
      {
        ...snapshot,
        tokens: [
          { ...summaries[0]!, extra: true, lastCheck: { ...vault.tokens[0]!.checkHistory[0], context: { k: 'x' } } },
        ],
      },
    ];
    for (const doc of broken) {
      const fast = fastParse(doc);
      const reference = VaultSnapshot.safeParse(doc);
      expect(fast.success).toBe(reference.success);
      if (fast.success && reference.success) expect(samePlain(fast.data, reference.data)).toBe(true);
      else expect(fast.error?.issues).toEqual(reference.error?.issues);
    }
  });
});
