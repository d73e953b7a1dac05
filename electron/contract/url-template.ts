import type { ProviderDescriptor } from './providers';

// Addresses built from a store's own fields: `https://{host}/api/external/v1` with the store's `host`.
// Isomorphic: the contract validates templates, core probes fill them, the window builds token-page links.

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g;
/** A value that may fill a placeholder: a host name or an id; never a slash, colon, @ or query character. */
export const TEMPLATE_VALUE = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$/;

/** The store fields a template names, in order, each once. */
export function templateFields(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Why a template cannot be an https base address, or null when it can. */
export function templateProblem(template: string): string | null {
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'Write placeholders as {field}, letters and digits only';
  if (templateFields(template).length > 3) return 'A base URL uses at most 3 store fields';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return 'The base URL must be an https:// address';
  }
  if (url.protocol !== 'https:') return 'The base URL must be an https:// address';
  if (url.username || url.password || /^https:\/\/[^/]*@/.test(template))
    return 'The base URL must not contain a user name or password';
  if (/[?#]/.test(template)) return 'The base URL must not contain a query or fragment';
  return null;
}

/**
 * The template with each {field} replaced by the store's value. Throws, naming the field, when a value is
 * missing or is not a plain host name or id (so a value can never change the address's shape).
 */
export function fillTemplate(template: string, values: Record<string, unknown>, what = 'store'): string {
  return template.replace(PLACEHOLDER, (_m, key: string) => {
    const value = values[key];
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (text === '') throw new Error(`The ${what} has no ${key}, which its address needs.`);
    if (!TEMPLATE_VALUE.test(text))
      throw new Error(`The ${what}'s ${key} must be a host name or id (letters, digits, . and -).`);
    return text;
  });
}

/** Where a store's tokens are managed: its own admin when the provider can build it, else the provider's page. */
export function tokenPageFor(
  provider: Pick<ProviderDescriptor, 'tokenPageUrl' | 'tokenPage'>,
  identifiers: Record<string, unknown> = {},
): { url: string; where?: string; confirmed: boolean } {
  const page = provider.tokenPage;
  if (page) {
    try {
      return {
        url: fillTemplate(page.template, identifiers),
        ...(page.where ? { where: page.where } : {}),
        confirmed: page.confirmed,
      };
    } catch {
      // A store without the field gets the provider's general page.
    }
  }
  return { url: provider.tokenPageUrl, confirmed: true };
}

/** The token page as a sentence part: "https://… (Settings > API Tokens; path unconfirmed)". */
export function tokenPageText(page: { url: string; where?: string; confirmed: boolean }): string {
  const notes = [page.where, page.confirmed ? undefined : 'exact path unconfirmed'].filter(Boolean);
  return `${page.url}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}
