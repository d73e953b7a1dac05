import type { ProviderModule } from './provider-module';

// Sources: https://developers.thinkific.com/api/api-key-auth/ (API key + subdomain, 401 on plans without API access),
// https://help.thinkific.com/support/solutions/articles/239358-getting-started-with-the-api- (base URL, test call).
export const thinkific: ProviderModule = {
  descriptor: {
    id: 'thinkific',
    name: 'Thinkific',
    builtin: true,
    summary: 'An API key per site (no expiry, resettable) or API access tokens with an expiry date you choose.',
    tokenPageUrl: 'https://www.thinkific.com/',
    // providers.md § Lifecycle: each site's admin, Settings > Code & analytics > API Access Tokens; exact path unconfirmed.
    tokenPage: {
      template: 'https://{subdomain}.thinkific.com/manage',
      where: 'Settings > Code & analytics > API Access Tokens',
      confirmed: false,
    },
    storeFields: [
      {
        key: 'subdomain',
        label: 'Site subdomain',
        type: 'text',
        required: true,
        help: 'The part before .thinkific.com; sent as X-Auth-Subdomain.',
        pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
        patternMessage: 'A subdomain is lowercase letters, digits and hyphens',
      },
    ],
    credentials: [
      {
        kind: 'access-token',
        label: 'API access token',
        secretLabel: 'Access token',
        secretHelp: 'Settings → Code & analytics → API Access Tokens; shown once.',
        fields: [
          {
            key: 'expiresAt',
            label: 'Expiry date',
            type: 'date',
            required: true,
            help: 'The date chosen when the token was made; Thinkific emails 10 days before.',
          },
        ],
        policy: {
          expiry: {
            kind: 'required',
            providerNoticeDays: 10,
            text: 'Expires on the date chosen at creation; Thinkific notifies 10 days before.',
          },
          uniqueNamePerIdentifier: 'subdomain',
          notes: ['Names are unique per site.', 'Removing a token revokes it immediately.'],
          rotation: {
            model: 'side-by-side',
            action: 'Create',
            steps: [
              "In the site's admin (Settings > Code & analytics > API Access Tokens), create a new token with a name not used on this site and an expiry date.",
              'Paste it here: Keyward checks it at Thinkific before anything switches.',
              'Switch your integrations to the new token.',
              'Remove the old token at Thinkific: removal revokes it at once.',
            ],
            retire: [{ status: 'revoked', label: 'Removed at Thinkific', text: 'Removal revokes it immediately.' }],
          },
        },
      },
      {
        kind: 'api-key',
        label: 'API key',
        secretLabel: 'API key',
        secretHelp: 'Settings → Code & analytics → API; no expiry, resetting it kills the old key.',
        fields: [],
        policy: {
          formats: [
            {
              // Unconfirmed: third-party SDK examples only.
              pattern: '^[0-9a-f]{32}$',
              description: 'A Thinkific API key is usually 32 hex characters',
              confirmed: false,
              confidence: 0.3,
            },
          ],
          expiry: { kind: 'none', text: 'No expiry; resetting the key at Thinkific kills the old one.' },
          notes: ['The API needs a paid plan; on lower plans Thinkific answers 401.'],
          rotation: {
            model: 'new-value',
            action: 'Reset',
            steps: [
              "Reset the site's API key at Thinkific.",
              'Paste the new key here: Keyward checks it at Thinkific, then stores it in place of the old one.',
              'Update your integrations: the old key stopped working when you reset it.',
            ],
            warning:
              'Reset gives a new key and the old key stops working at once: integrations using it break until they get the new one.',
          },
        },
      },
    ],
    rateLimits: [{ requests: 120, windowSeconds: 60, per: 'site', confirmed: true }],
  },
};
