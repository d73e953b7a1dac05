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
    expect(parseIpAllowlist([text]).entries).toEqual([{ address: text.split('/')[0], family, prefix, line: 1 }]);
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
