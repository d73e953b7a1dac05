import { describe, expect, it } from 'vitest';
import type { FindingSettingsInput, Token } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { computeFindings } from '../../../electron/core/rules/findings/compute-findings';
import { createIncrementalFindings } from '../../../electron/core/rules/findings/incremental-findings';
import { DAY, daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();
const HOUR = 3_600_000;

describe('incremental findings: the clock', () => {
  // Tokens whose findings change with time: expiring (each lead time, each whole day, critical from 7 days),
  // expired, an estimated expiry (created + the provider's fallback), rotation due, and one marked expired.
  const shop = store({ provider: 'thinkific', environment: 'staging', identifiers: { subdomain: 'x' } });
  const pixl = store({ provider: 'pixlpay', identifiers: { host: 'a.pixlpay.net', plan: 'pro' } });
  const printify = store({ provider: 'printify' });
  const tokens: Token[] = [
    token(shop, {
      kind: 'access-token',
      expiresAt: new Date(NOW.getTime() + 31 * DAY + 5 * HOUR + 17).toISOString(),
      expirySource: 'user',
    }),
    token(shop, { kind: 'access-token', expiresAt: daysFrom(NOW, 12), expirySource: 'user', status: 'expired' }),
    // Rotation due in a day and 7 hours by PixlPay's 90 days, and in 5 days and 3 hours when set to 10.
    token(pixl, {
      kind: 'access-token',
      scopes: ['products:read'],
      createdAt: daysFrom(NOW, -95),
      secret: {
        fingerprint: 'a'.repeat(64),
        masked: 'x',
        setAt: new Date(NOW.getTime() - 89 * DAY + 7 * HOUR).toISOString(),
      },
    }),
    token(pixl, {
      kind: 'access-token',
      scopes: ['products:read'],
      createdAt: daysFrom(NOW, -6),
      secret: {
        fingerprint: 'c'.repeat(64),
        masked: 'x',
        setAt: new Date(NOW.getTime() - 5 * DAY + 3 * HOUR).toISOString(),
      },
    }),
    token(printify, {
      kind: 'access-token',
      createdAt: new Date(NOW.getTime() - 340 * DAY + 3 * HOUR).toISOString(),
      expiresAt: null,
      expirySource: 'unknown',
    }),
  ];
  const v = vault([shop, pixl, printify], tokens);
  // Every instant where one of those can change: each token's dates plus whole days, and a millisecond either side.
  const dates = tokens.flatMap((t) =>
    [t.expiresAt, t.createdAt, t.secret?.setAt].filter((d): d is string => !!d).map(Date.parse),
  );
  const boundaries = dates
    .flatMap((d) => Array.from({ length: 400 }, (_, k) => d + (k - 35) * DAY))
    .filter((t) => t > NOW.getTime() - 2 * DAY && t < NOW.getTime() + 40 * DAY);
  const instants = [
    ...new Set([
      ...boundaries.flatMap((b) => [b - 1, b, b + 1]),
      ...Array.from({ length: 42 * 24 }, (_, h) => NOW.getTime() - 2 * DAY + h * HOUR),
    ]),
  ].sort((a, b) => a - b);

  for (const [name, settings] of [
    ['default lead times', {}],
    [
      'other lead times and rotation every 10 days',
      { leadTimesDays: [45, 20, 3], providers: { pixlpay: { rotationDays: 10 } } },
    ],
  ] as [string, FindingSettingsInput][]) {
    it(`stepping across every boundary, forwards then backwards (${name}), gives computeFindings' answer`, () => {
      const findings = createIncrementalFindings();
      const seen = new Set<string>();
      const crossed: [string, string][] = [];
      let last = '';
      for (const t of [...instants, ...[...instants].reverse()]) {
        const now = new Date(t);
        const expected = computeFindings(v, settings, now, catalog, null);
        expect(findings(v, settings, now, catalog, null)).toStrictEqual(expected);
        for (const f of expected) seen.add(f.message);
        const text = expected.map((f) => f.message).join('\n');
        if (text !== last) crossed.push([last, (last = text)]);
      }
      // The walk did see the texts change: "expires in N days" for many N, "within a day", expired, rotation due.
      expect([...seen].filter((m) => / expires in \d+ days/.test(m)).length).toBeGreaterThan(25);
      expect([...seen].some((m) => m.includes('expires within a day'))).toBe(true);
      expect([...seen].some((m) => / expired on /.test(m))).toBe(true);
      expect(
        crossed.some(([before, after]) => !before.includes('advises rotating') && after.includes('advises rotating')),
      ).toBe(true);
    });
  }
});

describe('incremental findings: the vault', () => {
  it("follows the tokens' order: three tokens sharing a secret name each other in vault order, and a reversed vault says so", () => {
    const acme = store();
    const secret = { fingerprint: 'b'.repeat(64), masked: 'x…#b', setAt: daysFrom(NOW, -1) };
    const three = ['One', 'Two', 'Three'].map((name) => token(acme, { name, secret }));
    const findings = createIncrementalFindings();
    const forwards = findings(vault([acme], three), {}, NOW, catalog, null);
    const backwards = findings(vault([acme], [...three].reverse()), {}, NOW, catalog, null);
    expect(forwards.find((f) => f.subject.tokenId === three[0]!.id)?.message).toMatch(/as "Two" .*, "Three"/);
    expect(backwards.find((f) => f.subject.tokenId === three[0]!.id)?.message).toMatch(/as "Three" .*, "Two"/);
    expect(backwards).toStrictEqual(computeFindings(vault([acme], [...three].reverse()), {}, NOW, catalog, null));
  });

  it('a new answer for each call, so an earlier answer a caller still holds never changes', () => {
    const acme = store();
    const t = token(acme, { mode: 'test' });
    const findings = createIncrementalFindings();
    const first = findings(vault([acme], [t]), {}, NOW, catalog, null);
    const copy = structuredClone(first);
    const second = findings(vault([acme], [{ ...t, mode: 'live' }]), {}, NOW, catalog, null);
    expect(second).not.toBe(first);
    expect(first).toStrictEqual(copy);
    expect(first.map((f) => f.kind)).toContain('test_in_production');
    expect(second.map((f) => f.kind)).not.toContain('test_in_production');
  });
});
