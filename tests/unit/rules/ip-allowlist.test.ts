import { describe, expect, it } from 'vitest';
import { parseIpAllowlist } from '../../../electron/core/rules/ip-allowlist';

describe('parseIpAllowlist (seeds/002: one IP or CIDR per line; a single IP is /32 or /128)', () => {
  it.each([
    ['203.0.113.42', 4, 32],
    ['192.168.1.0/24', 4, 24],
    ['10.0.0.0/8', 4, 8],
    ['2001:db8::/32', 6, 32],
    ['2001:db8::1', 6, 128],
    ['0.0.0.0/0', 4, 0],
  ])('%s is IPv%s /%s', (text, family, prefix) => {
    expect(parseIpAllowlist([text]).entries).toEqual([
      expect.objectContaining({ address: text.split('/')[0], family, prefix, line: 1, hostBits: false }),
    ]);
  });

  it.each([
    ['0.0.0.0/0', '0.0.0.0/0', true, false],
    ['::/0', '::/0', true, false],
    ['10.0.0.5/24', '10.0.0.0/24', false, true],
    ['2001:db8::1/32', '2001:db8::/32', false, true],
    ['::ffff:10.1.2.3/120', '::ffff:a01:200/120', false, true],
    ['192.168.1.0/24', '192.168.1.0/24', false, false],
    ['203.0.113.42', '203.0.113.42', false, false],
  ])('%s reads as %s (open %s, host bits %s)', (text, network, open, hostBits) => {
    expect(parseIpAllowlist([text]).entries[0]).toMatchObject({ network, open, hostBits });
  });

  it.each([
    '256.1.1.1',
    '10.0.0.0/',
    '10.0.0.0/08',
    '10.0.0.0/-1',
    '1.2.3.4/24/1',
    'fe80::1%eth0',
    'example.com',
    '2001:db8::/200',
  ])('refuses %s', (text) => {
    expect(parseIpAllowlist(['1.1.1.1', text]).problems).toEqual([
      { line: 2, message: expect.stringContaining('line 2') },
    ]);
  });

  it('treats an empty list and blank lines as "any IP" with no problems', () => {
    expect(parseIpAllowlist([])).toEqual({ entries: [], problems: [] });
    expect(parseIpAllowlist('\n  \n')).toEqual({ entries: [], problems: [] });
  });
});

describe('open and widened allowlists as findings (providers.md § Printago: IP allowlist)', async () => {
  const { computeFindings } = await import('../../../electron/core/rules');
  const { createCatalog } = await import('../../../electron/core/providers/catalog');
  const { NOW, store, token, vault } = await import('./builders');
  const catalog = createCatalog();
  const farm = store({ provider: 'printago', environment: 'staging' });
  const key = (ipAllowlist: string[]) => token(farm, { settings: { accessLevel: 'custom', ipAllowlist } });

  it('reports 0.0.0.0/0 and ::/0 as open, even on a store that is not production', () => {
    const t = key(['0.0.0.0/0', '::/0']);
    const [f] = computeFindings(vault([farm], [t]), {}, NOW, catalog).filter((x) => x.kind === 'open_allowlist');
    expect(f?.message).toMatch(/0\.0\.0\.0\/0 and ::\/0 in its IP allowlist, which lets every address in/);
  });

  it('notes a range written with host bits set, naming the range it means', () => {
    const t = key(['10.0.0.5/24']);
    const found = computeFindings(vault([farm], [t]), {}, NOW, catalog);
    expect(found.find((x) => x.id === `format_mismatch:${t.id}:allowlist`)?.message).toMatch(
      /10\.0\.0\.5\/24 \(line 1\), which is the range 10\.0\.0\.0\/24/,
    );
    expect(found.filter((x) => x.kind === 'open_allowlist')).toEqual([]);
  });
});
