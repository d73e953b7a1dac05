import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../electron/contract';
import { resolveExpirySettings } from '../../../electron/core/features/expiry/expiry-settings';
import { buildIcs, escapeText, foldLine } from '../../../electron/core/features/expiry/ics';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { DAY, daysFrom, NOW, store, token } from '../rules/builders';

const catalog = createCatalog();

function fixture() {
  const client: Client = {
    id: 'client-1',
    name: 'Bolt & Co',
    notes: '',
    createdAt: daysFrom(NOW, -50),
    updatedAt: daysFrom(NOW, -50),
  };
  const printify = store({ provider: 'printify', label: 'Acme merch, EU; "main"', clientId: client.id });
  const shippo = store({
    provider: 'shippo',
    label: 'Ünïcødé shipping ✓ with a rather long label that must be folded',
  });
  const tokens = [
    token(printify, { name: 'Shop sync', kind: 'access-token', expiresAt: daysFrom(NOW, 8), expirySource: 'token' }),
    token(shippo, { name: 'Label\\printer\nline two', expiresAt: '2027-02-28T23:59:59.000Z', expirySource: 'user' }),
    token(shippo, { name: 'Test key', mode: 'test', expiresAt: daysFrom(NOW, 3), expirySource: 'user' }),
    token(shippo, { name: 'Already gone', expiresAt: daysFrom(NOW, -2), expirySource: 'user' }),
    token(shippo, { name: 'Retired', status: 'rotated', expiresAt: daysFrom(NOW, 5), expirySource: 'user' }),
    token(shippo, { name: 'No date', expiresAt: null, expirySource: 'none' }),
  ];
  return { vault: { clients: [client], stores: [printify, shippo], tokens }, tokens };
}

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
}

describe('calendar export', () => {
  it('parses back with ical.js: one event per upcoming token, on its expiry date, with alarms at the lead times', () => {
    const { vault, tokens } = fixture();
    const ics = buildIcs(vault, catalog, resolveExpirySettings({}), NOW);
    const parsed = events(ics);
    const expected = tokens.slice(0, 3);
    expect(parsed).toHaveLength(expected.length);
    for (const t of expected) {
      const found = parsed.filter(({ e }) => e.uid.startsWith(`${t.id}-`));
      expect(found).toHaveLength(1);
      const { v, e } = found[0]!;
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(t.expiresAt!.slice(0, 10));
      expect(e.summary).toContain(`token '${t.name}'`);
      expect(e.description).toContain('What to do: create a new token at');
      const triggers = v
        .getAllSubcomponents('valarm')
        .map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
      expect(triggers).toEqual([30, 14, 7, 1].map((d) => (-d * DAY) / 1000));
    }
    const sync = parsed.find(({ e }) => e.uid.startsWith(tokens[0]!.id))!.e;
    expect(sync.summary).toBe(`Printify · Bolt & Co · Acme merch, EU; "main": token 'Shop sync' expires`);
    expect(parsed.find(({ e }) => e.uid.startsWith(tokens[1]!.id))!.e.summary).toContain(
      "token 'Label\\printer\nline two'",
    );
    expect(parsed.find(({ e }) => e.uid.startsWith(tokens[2]!.id))!.e.summary).toContain('(test token)');
  });

  it('never contains a secret, a fingerprint or a masked value', () => {
    const { vault, tokens } = fixture();
    const ics = buildIcs(vault, catalog, resolveExpirySettings({}), NOW);
    for (const t of tokens) {
      expect(ics).not.toContain(t.secret!.fingerprint);
      expect(ics).not.toContain(t.secret!.masked);
    }
  });

  it('has stable UIDs, CRLF lines of at most 75 octets, and honours provider lead times and the test-token setting', () => {
    const { vault, tokens } = fixture();
    const settings = resolveExpirySettings({
      findings: { providers: { printify: { leadTimesDays: [60, 10] } } },
      expiry: { warnTestTokens: 'off' },
    });
    const a = buildIcs(vault, catalog, settings, NOW);
    const b = buildIcs(vault, catalog, settings, new Date(NOW.getTime() + 3_600_000));
    const uids = (s: string) => events(s).map(({ e }) => e.uid);
    expect(uids(a)).toEqual(uids(b));
    expect(uids(a)).toHaveLength(2);
    for (const line of a.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(a.endsWith('\r\n')).toBe(true);
    expect(a.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const printifyEvent = events(a).find(({ e }) => e.uid.startsWith(tokens[0]!.id))!.v;
    expect(
      printifyEvent
        .getAllSubcomponents('valarm')
        .map((x) => (x.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    ).toEqual([-60 * 86400, -10 * 86400]);
  });

  it('escapes and folds by the RFC', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    const lines = folded.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });
});
