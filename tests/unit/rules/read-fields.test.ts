// The incremental engine keeps a token's findings while the fields the rules read are unchanged; these tests
// hold that list to the contract, so a field added to Token or StoreProfile needs a decision here.
import { describe, expect, it } from 'vitest';
import { StoreProfile, Token } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import {
  sameStoreReads,
  sameTokenReads,
  STORE_FIELDS_READ,
  TOKEN_FIELDS_READ,
} from '../../../electron/core/rules/findings/read-fields';
import { generateVault } from '../../bench/generate-vault';

const TOKEN_FIELDS_UNREAD = ['checkHistory', 'rotatedFrom', 'notes', 'updatedAt'];
const STORE_FIELDS_UNREAD = ['notes', 'createdAt', 'updatedAt'];
const NOW = new Date('2026-11-22T09:00:00.000Z');
const sample = generateVault({ tokens: 400, stores: 120, clients: 10, seed: 5, now: NOW });
const catalog = createCatalog();

describe('the fields the finding rules read', () => {
  it('every field of Token and StoreProfile is either compared or known to be unread', () => {
    expect([...TOKEN_FIELDS_READ, ...TOKEN_FIELDS_UNREAD].sort()).toEqual(Object.keys(Token.shape).sort());
    expect([...STORE_FIELDS_READ, ...STORE_FIELDS_UNREAD].sort()).toEqual(Object.keys(StoreProfile.shape).sort());
  });

  it('a change to any one compared field makes the token or store count as changed', () => {
    const t = sample.tokens[0]!;
    for (const k of TOKEN_FIELDS_READ) expect(sameTokenReads(t, { ...t, [k]: { other: true } })).toBe(false);
    expect(sameTokenReads(t, { ...t })).toBe(true);
    const s = sample.stores[0]!;
    for (const k of STORE_FIELDS_READ) expect(sameStoreReads(s, { ...s, [k]: { other: true } })).toBe(false);
    expect(sameStoreReads(s, { ...s })).toBe(true);
  });

  it('the unread fields change no finding', () => {
    const tokens = sample.tokens.map((t, i) => ({
      ...t,
      notes: `changed ${i}`,
      updatedAt: NOW.toISOString(),
      rotatedFrom: sample.tokens[(i + 1) % 400]!.id,
      checkHistory: [],
    }));
    const stores = sample.stores.map((s, i) => ({
      ...s,
      notes: `changed ${i}`,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    }));
    const accounts = sample.tokens.filter((_, i) => i % 3).map((t) => t.id);
    expect(computeFindings({ stores, tokens }, {}, NOW, catalog, accounts)).toStrictEqual(
      computeFindings(sample, {}, NOW, catalog, accounts),
    );
  });
});
