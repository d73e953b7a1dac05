import type { BUILTIN_PROVIDER_IDS } from '../../../contract/primitives';

export type BuiltinProvider = (typeof BUILTIN_PROVIDER_IDS)[number];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Accepts https anywhere and http only on this machine; returns the URL without a trailing slash. */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('A base URL must be an absolute URL such as https://api.example.com.');
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local)
    throw new Error('A base URL must use https (http is allowed only for 127.0.0.1 and localhost).');
  if (url.username || url.password) throw new Error('A base URL must not hold a user name or password.');
  if (url.search || url.hash) throw new Error('A base URL must not hold a query or fragment.');
  return url.toString().replace(/\/+$/, '');
}

export const BASE_URL_ENV: Record<BuiltinProvider, string> = {
  printify: 'KEYWARD_BASE_URL_PRINTIFY',
  shippo: 'KEYWARD_BASE_URL_SHIPPO',
  printago: 'KEYWARD_BASE_URL_PRINTAGO',
  thinkific: 'KEYWARD_BASE_URL_THINKIFIC',
  pixlpay: 'KEYWARD_BASE_URL_PIXLPAY',
};

export interface BaseUrlSources {
  /** Per-provider overrides from the app's settings. */
  settings?: Partial<Record<BuiltinProvider, string | undefined>>;
  env?: Record<string, string | undefined>;
}

/**
 * The override for a provider's base URL, or undefined to use the probe's default (for PixlPay the
 * value replaces `https://<store>.pixlpay.net`). The environment wins over settings so tests and
 * staging can point any install at local servers. Throws when the chosen value is not acceptable.
 */
export function resolveBaseUrl(provider: BuiltinProvider, sources: BaseUrlSources): string | undefined {
  const fromEnv = sources.env?.[BASE_URL_ENV[provider]]?.trim();
  const fromSettings = sources.settings?.[provider]?.trim();
  const chosen = fromEnv || fromSettings;
  return chosen ? checkBaseUrl(chosen) : undefined;
}
