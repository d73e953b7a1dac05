import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortEntry } from '../../../electron/core/rules/findings/sort-findings';

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const zeroOr = (max: number) => fc.oneof(fc.constant('00'), two(max));
/** Strings in toISOString's shape with any digits, valid dates or not ("T24:00", Feb 30, month 13), often close together. */
const isoShaped = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(2024, 2025)),
    fc.oneof(two(14), fc.constantFrom('02', '03')),
    two(33),
    fc.oneof(fc.constant('24'), two(25)),
    zeroOr(61),
    zeroOr(61),
    fc.constantFrom(0, 0, 1, 999),
  )
  .map(
    ([y, mo, d, h, mi, s, ms]) =>
      `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`,
  );
/** Due dates of every kind: toISOString's shape, its prefixes (which collate between such dates), other forms, none. */
describe('sorting findings', () => {
  it('calls a due date odd exactly when toISOString would not write it back the same', () => {
    fc.assert(
      fc.property(isoShaped, (s) => {
        const at = Date.parse(s);
        const odd = at === at && new Date(at).toISOString() !== s;
        expect(
          sortEntry({ id: 'x', kind: 'expired', severity: 'info', subject: {}, message: '', action: '', dueAt: s }).odd,
        ).toBe(odd);
      }),
      { numRuns: 2000 },
    );
  });
});
