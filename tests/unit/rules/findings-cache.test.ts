import { describe, expect, it } from 'vitest';
import { createFindingsCache } from '../../../electron/core/rules/findings-cache';

describe('findings cache', () => {
  it('recomputes when the revision, the keychain entries or the minute change, and only then', () => {
    const cache = createFindingsCache();
    let computed = 0;
    const compute = () => {
      computed++;
      return [];
    };
    const now = new Date('2026-11-22T09:00:10Z');
    cache({ revision: 1, accounts: ['a', 'b'], now }, compute);
    cache({ revision: 1, accounts: ['b', 'a'], now: new Date('2026-11-22T09:00:50Z') }, compute);
    expect(computed).toBe(1);
    cache({ revision: 2, accounts: ['a', 'b'], now }, compute);
    cache({ revision: 2, accounts: ['a'], now }, compute);
    cache({ revision: 2, accounts: ['a'], now: new Date('2026-11-22T09:01:00Z') }, compute);
    cache({ revision: 2, accounts: null, now: new Date('2026-11-22T09:01:00Z') }, compute);
    expect(computed).toBe(5);
  });
});
