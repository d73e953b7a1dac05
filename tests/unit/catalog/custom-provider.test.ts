import { describe, expect, it } from 'vitest';
import { CustomProviderDefinition, ProviderDescriptor } from '../../../electron/contract';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { deriveTokenFacts } from '../../../electron/core/providers/derive';
import { validateSecretFormat } from '../../../electron/core/providers/formats';
import { recognizeSecret } from '../../../electron/core/recognition/recognize';
import { checkTokenWrite } from '../../../electron/core/rules/write-rules';
import { NOW, store, token, vault } from '../rules/builders';

const def = {
  id: 'acme-pay',
  name: 'AcmePay',
  baseUrl: 'https://shop.acmepay.example/api/v1',
  authHeader: 'Authorization: Bearer {token}',
  probePath: '/products?per_page=1',
  tokenPattern: '^ap_(live|test)_[a-z0-9]{20,64}$',
  modePrefixes: { live: 'ap_live_', test: 'ap_test_' },
  scopes: ['products:read', 'orders:write'],
  minScopes: 1,
  expiry: 'optional',
  rotationDays: 30,
  slotLimits: { live: 1 },
  rateLimit: { min: 1, max: 500, default: 60 },
};

describe('custom PixlPay-style provider definitions (providers.md § PixlPay-style)', () => {
  it('accepts a complete definition', () => {
    expect(CustomProviderDefinition.safeParse(def).success).toBe(true);
  });

  it.each([
    ['an http base URL', { baseUrl: 'http://shop.acmepay.example' }, /https/],
    ['credentials in the base URL', { baseUrl: 'https://user:pw@shop.acmepay.example' }, /user name or password/],
    ['no {token} placeholder', { authHeader: 'Authorization: Bearer' }, /\{token\} exactly once/],
    ['two {token} placeholders', { authHeader: 'X-Key: {token}{token}' }, /exactly once/],
    ['a header name with spaces', { authHeader: 'Auth Header: {token}' }, /header name/],
    ['a header that Keyward sets itself', { authHeader: 'Host: {token}' }, /set by Keyward/],
    ['a line break in the header', { authHeader: 'X-Key: {token}\r\nX-Evil: 1' }, /one line/],
    ['a pattern that does not compile', { tokenPattern: '^ap_(live' }, /not a valid regular expression/],
    ['a pattern that nests repetitions', { tokenPattern: '^(a+)+$' }, /nests repetitions/],
    ['a pattern longer than 200 characters', { tokenPattern: 'a'.repeat(201) }, /200/],
    ['a probe path with ..', { probePath: '/../admin' }, /\.\./],
    ['an id with capitals', { id: 'AcmePay' }, /lowercase/],
    ['a rate-limit default outside its range', { rateLimit: { min: 10, max: 20, default: 60 } }, /min ≤ default ≤ max/],
  ])('refuses %s', (_what, change, message) => {
    const parsed = CustomProviderDefinition.safeParse({ ...def, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(' ')).toMatch(message);
  });

  const catalog = createCatalog(undefined, [def]);

  it('is listed beside the built-ins with a descriptor the contract accepts', () => {
    const listed = catalog.list().find((p) => p.id === 'custom:acme-pay');
    expect(ProviderDescriptor.safeParse(listed).success).toBe(true);
    expect(listed?.credentials[0]?.fields.map((f) => f.key)).toEqual(['scopes', 'rateLimit', 'expiresAt']);
  });

  it('validates, masks and reads the mode of its tokens like a built-in', () => {
    const secret = 'ap_live_abcdefghij0123456789xyz';
    expect(validateSecretFormat(catalog, 'custom:acme-pay', 'access-token', secret)).toBeNull();
    expect(validateSecretFormat(catalog, 'custom:acme-pay', 'access-token', 'sk_live_abcdefghij0123456789')).toMatch(
      /AcmePay/,
    );
    const facts = deriveTokenFacts(catalog, 'custom:acme-pay', 'access-token', secret, NOW);
    expect(facts.mode).toBe('live');
    expect(facts.masked.startsWith('ap_live_')).toBe(true);
  });

  it('is recognised from its prefix', () => {
    expect(recognizeSecret(catalog, 'ap_test_abcdefghij0123456789xyz', NOW)[0]).toMatchObject({
      provider: 'custom:acme-pay',
      mode: 'test',
    });
  });

  it('enforces its slot limit, minimum scopes and rate-limit range on write', () => {
    const shop = store({ provider: 'custom:acme-pay' });
    const live = token(shop, { kind: 'access-token', mode: 'live', scopes: ['products:read'] });
    expect(
      checkTokenWrite(
        vault([shop], [live]),
        token(shop, { kind: 'access-token', mode: 'live', scopes: ['products:read'] }),
        catalog,
      )?.message,
    ).toMatch(/At most 1 active live/);
    expect(
      checkTokenWrite(vault([shop], []), token(shop, { kind: 'access-token', mode: 'test', scopes: [] }), catalog)
        ?.fields.scopes,
    ).toBeDefined();
    expect(
      checkTokenWrite(
        vault([shop], []),
        token(shop, { kind: 'access-token', scopes: ['products:read'], settings: { rateLimit: 501 } }),
        catalog,
      )?.fields.rateLimit,
    ).toMatch(/1 to 500/);
  });

  it('skips a definition that does not parse or reuses an id, and reports it', () => {
    const mixed = createCatalog(undefined, [def, { ...def }, { id: 'bad', name: 'Bad' }]);
    expect(
      mixed
        .list()
        .filter((p) => !p.builtin)
        .map((p) => p.id),
    ).toEqual(['custom:acme-pay']);
    expect(mixed.rejected().map((r) => [r.index, r.id])).toEqual([
      [1, 'acme-pay'],
      [2, 'bad'],
    ]);
  });
});
