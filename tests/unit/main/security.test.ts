import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from '../../../electron/main/security';

describe('external links', () => {
  it.each([
    ['https://docs.goshippo.com/docs/guides_general/authentication/', true],
    ['https://mystore.pixlpay.net/settings', true],
    ['http://docs.goshippo.com/', false],
    ['https://docs.goshippo.com.evil.example/', false],
    ['https://user:pw@docs.goshippo.com/', false],
    ['https://docs.goshippo.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://evil.example/?u=https://docs.goshippo.com', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and styles, with no inline code and no remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
  });
});
