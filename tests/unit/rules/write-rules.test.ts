import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { checkTokenWrite } from '../../../electron/core/rules/write-rules';
import { daysFrom, NOW, store, token, vault } from './builders';

const catalog = createCatalog();

describe('Shippo slot limits (providers.md § Shippo: count; seeds/001 "Max of 2 tokens reached")', () => {
  const acme = store({ provider: 'shippo', label: 'Acme Shippo' });
  const older = token(acme, { name: 'Warehouse', mode: 'live', createdAt: daysFrom(NOW, -300) });
  const newer = token(acme, { name: 'Storefront', mode: 'live', createdAt: daysFrom(NOW, -20) });

  it('refuses a third active live token, naming both active ones and suggesting the oldest', () => {
    const problem = checkTokenWrite(
      vault([acme], [older, newer]),
      token(acme, { name: 'Third', mode: 'live' }),
      catalog,
    );
    expect(problem?.code).toBe('rule_violation');
    expect(problem?.message).toContain('"Warehouse"');
    expect(problem?.message).toContain('"Storefront"');
    expect(problem?.message).toMatch(/we suggest "Warehouse", because it is the oldest/);
    expect(problem?.fields.status).toBeDefined();
  });

  it('suggests the token whose last check failed over the oldest one', () => {
    const failed = {
      ...newer,
      lastCheck: { outcome: 'invalid' as const, detail: 'Token does not exist', checkedAt: daysFrom(NOW, -1) },
    };
    const problem = checkTokenWrite(
      vault([acme], [older, failed]),
      token(acme, { name: 'Third', mode: 'live' }),
      catalog,
    );
    expect(problem?.message).toMatch(/we suggest "Storefront", because its last status check/);
  });

  it("refuses a third live token even when it is marked inactive here: Keyward's inactive frees no slot at Shippo", () => {
    const problem = checkTokenWrite(
      vault([acme], [older, newer]),
      token(acme, { mode: 'live', status: 'inactive' }),
      catalog,
    );
    expect(problem?.message).toMatch(/At most 2 active live tokens/);
    const dormant = token(acme, { name: 'Dormant', mode: 'live', status: 'inactive' });
    expect(checkTokenWrite(vault([acme], [older, dormant]), token(acme, { mode: 'live' }), catalog)?.code).toBe(
      'rule_violation',
    );
  });

  it('lets a revoked token free its slot, and allows a test token beside two live ones', () => {
    const gone = { ...newer, status: 'revoked' as const };
    expect(checkTokenWrite(vault([acme], [older, gone]), token(acme, { mode: 'live' }), catalog)).toBeNull();
    expect(checkTokenWrite(vault([acme], [older, newer]), token(acme, { mode: 'test' }), catalog)).toBeNull();
  });

  it('counts per store profile while no account is known: two live tokens elsewhere do not block this one', () => {
    const other = store({ provider: 'shippo' });
    expect(checkTokenWrite(vault([acme, other], [older, newer]), token(other, { mode: 'live' }), catalog)).toBeNull();
  });

  it('refuses switching an active test token to live when live is full', () => {
    const t = token(acme, { mode: 'test' });
    expect(checkTokenWrite(vault([acme], [older, newer, t]), { ...t, mode: 'live' }, catalog)?.code).toBe(
      'rule_violation',
    );
  });

  it('lets an already-active token be renamed even in a full account', () => {
    expect(checkTokenWrite(vault([acme], [older, newer]), { ...older, name: 'Renamed' }, catalog)).toBeNull();
  });
});

describe('Printago IP allowlist (seeds/002 IP Allowlists)', () => {
  const shop = store({ provider: 'printago', identifiers: { storeId: 'a'.repeat(24) } });
  const key = (ipAllowlist: string[]) => token(shop, { settings: { accessLevel: 'custom', ipAllowlist } });

  it('accepts IPv4, IPv6, CIDR ranges and an empty list', () => {
    for (const list of [[], ['203.0.113.42', '192.168.1.0/24'], ['2001:db8::/32', '10.0.0.0/8', '::1']]) {
      expect(checkTokenWrite(vault([shop], []), key(list), catalog)).toBeNull();
    }
  });

  it('refuses an invalid entry with its line number', () => {
    const problem = checkTokenWrite(vault([shop], []), key(['10.0.0.1', '', '10.0.0.300']), catalog);
    expect(problem?.message).toMatch(/line 3: "10\.0\.0\.300" is not an IPv4 or IPv6 address/);
    expect(problem?.fields.ipAllowlist).toMatch(/line 3/);
  });

  it('refuses a prefix longer than the family allows', () => {
    expect(checkTokenWrite(vault([shop], []), key(['10.0.0.0/33']), catalog)?.message).toMatch(/line 1: .*\/0 to \/32/);
    expect(checkTokenWrite(vault([shop], []), key(['2001:db8::/129']), catalog)?.message).toMatch(/\/0 to \/128/);
  });
});

describe('Printago managed keys (seeds/002 "Managed keys ... cannot be edited")', () => {
  const shop = store({ provider: 'printago' });
  const managed = token(shop, { name: 'Shopify', settings: { accessLevel: 'full', managedBy: 'Shopify' } });

  it('refuses edits other than status', () => {
    const problem = checkTokenWrite(vault([shop], [managed]), { ...managed, name: 'Renamed' }, catalog);
    expect(problem?.message).toMatch(/managed by Shopify/);
    expect(
      checkTokenWrite(
        vault([shop], [managed]),
        { ...managed, settings: { accessLevel: 'custom', managedBy: 'Shopify' } },
        catalog,
      )?.fields.managedBy,
    ).toBeDefined();
  });

  it('allows toggling its status', () => {
    expect(checkTokenWrite(vault([shop], [managed]), { ...managed, status: 'inactive' }, catalog)).toBeNull();
  });
});

describe('PixlPay token settings (seeds/004 Step 2)', () => {
  const shop = store({ provider: 'pixlpay', identifiers: { host: 'acme.pixlpay.net', plan: 'free' } });
  const base = { kind: 'access-token' as const, scopes: ['products:read'] };

  it.each([[0], [1001], [60.5]])('refuses a rate limit of %s (must be 1-1000)', (rateLimit) => {
    expect(
      checkTokenWrite(vault([shop], []), token(shop, { ...base, settings: { rateLimit } }), catalog)?.fields.rateLimit,
    ).toMatch(/1 to 1000/);
  });

  it('accepts a rate limit above the plan cap (reported as a finding instead)', () => {
    expect(
      checkTokenWrite(vault([shop], []), token(shop, { ...base, settings: { rateLimit: 300 } }), catalog),
    ).toBeNull();
  });

  it('refuses a token without scopes', () => {
    expect(checkTokenWrite(vault([shop], []), token(shop, { ...base, scopes: [] }), catalog)?.fields.scopes).toMatch(
      /at least 1 scope/,
    );
  });
});

describe('Thinkific access tokens (seeds/003)', () => {
  const site = store({ provider: 'thinkific', identifiers: { subdomain: 'acme' } });
  const sameSite = store({ provider: 'thinkific', identifiers: { subdomain: 'ACME' }, label: 'Acme again' });
  const existing = token(site, { kind: 'access-token', name: 'Zapier', expiresAt: daysFrom(NOW, 100) });

  it('refuses an access token without an expiry date', () => {
    expect(
      checkTokenWrite(vault([site], []), token(site, { kind: 'access-token' }), catalog)?.fields.expiresAt,
    ).toBeDefined();
  });

  it('does not ask an API key for an expiry date', () => {
    expect(checkTokenWrite(vault([site], []), token(site, { kind: 'api-key' }), catalog)).toBeNull();
  });

  it('refuses a duplicate access token name on the same site, even from another store profile', () => {
    const problem = checkTokenWrite(
      vault([site, sameSite], [existing]),
      token(sameSite, { kind: 'access-token', name: 'zapier', expiresAt: daysFrom(NOW, 50) }),
      catalog,
    );
    expect(problem?.fields.name).toMatch(/unique name per site/);
  });

  it('allows reusing the name of a revoked token', () => {
    const revoked = { ...existing, status: 'revoked' as const };
    expect(
      checkTokenWrite(
        vault([site], [revoked]),
        token(site, { kind: 'access-token', name: 'Zapier', expiresAt: daysFrom(NOW, 50) }),
        catalog,
      ),
    ).toBeNull();
  });
});
