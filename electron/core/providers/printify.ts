import type { ProviderModule } from './provider-module';

// Sources: https://developers.printify.com/ (base URL, limits),
// https://help.printify.com/hc/en-us/articles/4483626447249-How-can-I-generate-an-API-token (one-year tokens, unlimited count),
// https://help.printify.com/setup-and-integrations/printify-api/what-are-access-scopes-and-which-ones-do-i-need (scopes).
export const PRINTIFY_SCOPES = [
  'shops.manage',
  'shops.read',
  'catalog.read',
  'orders.read',
  'orders.write',
  'products.read',
  'products.write',
  'webhooks.read',
  'webhooks.write',
  'uploads.read',
  'uploads.write',
  'print_providers.read',
  'user.info',
];

export const printify: ProviderModule = {
  descriptor: {
    id: 'printify',
    name: 'Printify',
    builtin: true,
    summary: 'Personal access tokens (JWT) valid for one year, with scopes chosen at creation.',
    tokenPageUrl: 'https://printify.com/app/account/api',
    // providers.md § Printify: GET /v1/shops.json lists [{id, title}], which is also the store-name discovery.
    checkFills: { choicesKey: 'shopChoices', idField: 'shopId', titleField: 'shopTitle', noun: 'shop' },
    storeFields: [
      {
        key: 'shopId',
        label: 'Shop id',
        type: 'text',
        required: false,
        help: 'Numeric shop id, filled from a status check (you choose when the token sees several shops).',
        pattern: '^[0-9]{1,12}$',
        patternMessage: 'A Printify shop id is a number',
      },
      {
        key: 'shopTitle',
        label: 'Shop title',
        type: 'text',
        required: false,
        help: 'The shop title Printify lists, filled with the shop id.',
      },
      {
        key: 'contactEmail',
        label: 'Developer contact email',
        type: 'email',
        required: false,
        help: 'The contact email set under Connections.',
        pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        patternMessage: 'Enter an email address',
      },
    ],
    credentials: [
      {
        kind: 'access-token',
        label: 'Personal access token',
        secretLabel: 'Access token',
        secretHelp: 'Shown once at creation under Connections; starts with eyJ.',
        fields: [],
        policy: {
          formats: [
            {
              pattern: '^eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
              description: 'A Printify token is a JWT: three dot-separated parts, starting with eyJ',
              confirmed: true,
              confidence: 0.6,
              publicPrefix: '^eyJ',
              jwt: true,
            },
          ],
          expiry: {
            kind: 'from-token',
            fallbackDays: 365,
            text: 'Valid for one year: read from the token, or one year after creation.',
          },
          scopes: PRINTIFY_SCOPES,
          notes: [
            'Unlimited tokens; limits are per account, so more tokens add no capacity.',
            'A token made before a scope existed never gains it.',
          ],
          rotation: {
            model: 'side-by-side',
            action: 'Generate',
            steps: [
              'Generate a new token at Printify (valid for one year) with the scopes the integration needs.',
              'Paste it here: Keyward checks it at Printify before anything switches.',
              'Switch your integrations to the new token; both work side by side until you revoke the old one.',
              'Revoke the old token at Printify (Connections).',
            ],
            retire: [{ status: 'revoked', label: 'Revoked at Printify', text: 'Revoke it in Connections.' }],
          },
        },
      },
    ],
    rateLimits: [
      { requests: 600, windowSeconds: 60, per: 'account', confirmed: true },
      { requests: 100, windowSeconds: 60, per: 'account', appliesTo: 'catalog', confirmed: true },
      { requests: 200, windowSeconds: 1800, per: 'account', appliesTo: 'publishing', confirmed: true },
    ],
  },
};
