import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../electron/contract';
import {
  mergeSorted,
  sortedEntries,
  sortEntry,
  strictlyOrdered,
} from '../../../electron/core/rules/findings/sort-findings';

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
const due = fc.oneof(
  isoShaped,
  isoShaped.chain((s) => fc.nat(s.length - 1).map((n) => s.slice(0, n))),
  fc.constantFrom(undefined, '2026-11-22T09:00:00+02:00', 'soon'),
);
const finding = fc
  .record({
    id: fc.constantFrom('a', 'b', 'B', 'expired:1', 'expired:2', 'é', 'e\u0301', 'x\u200b'),
    severity: fc.constantFrom('critical', 'warning', 'info') as fc.Arbitrary<Finding['severity']>,
    dueAt: due,
  })
  .map((f): Finding => ({
    id: f.id,
    kind: 'expired',
    severity: f.severity,
    subject: {},
    message: '',
    action: '',
    ...(f.dueAt ? { dueAt: f.dueAt } : {}),
  }));

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

  it('merging a change into a sorted list gives what sorting the whole new list gives, or refuses when the order is not unique', () => {
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.array(finding, { maxLength: 6 }),
        (before, drop, added) => {
          const sorted = sortedEntries(before);
          const removed = new Set(before.filter((_, i) => drop[i]));
          const after = [...before.filter((f) => !removed.has(f)), ...added];
          const merged = strictlyOrdered(sorted) ? mergeSorted(sorted, removed, added) : null;
          if (merged) expect(merged.map((e) => e.f)).toStrictEqual(sortedEntries(after).map((e) => e.f));
          // Refused only for a reason: a tie or an odd date somewhere in the new list.
          else if (strictlyOrdered(sorted)) expect(strictlyOrdered(sortedEntries(after))).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
