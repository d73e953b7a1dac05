/** https hosts Keyward may open in the default browser: the providers' own sites. */
export const EXTERNAL_HOST_ALLOWLIST = [
  'printify.com',
  'developers.printify.com',
  'help.printify.com',
  'goshippo.com',
  'apps.goshippo.com',
  'docs.goshippo.com',
  'support.goshippo.com',
  'printago.io',
  'app.printago.io',
  'docs.printago.io',
  'thinkific.com',
  'www.thinkific.com',
  'developers.thinkific.com',
  'support.thinkific.com',
  'pixlpay.net',
  'docs.pixlpay.net',
] as const;

/** True for https URLs on an allowlisted host (PixlPay stores live on <store>.pixlpay.net, Thinkific sites on <site>.thinkific.com). */
export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return (
    allowlist.includes(host) ||
    /^[a-z0-9][a-z0-9-]{0,62}\.pixlpay\.net$/.test(host) ||
    /^[a-z0-9][a-z0-9-]{0,62}\.thinkific\.com$/.test(host)
  );
}

/** The renderer's Content-Security-Policy: own files only, no inline script or style, no remote connections. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
