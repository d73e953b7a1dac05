import type { ProviderModule } from './provider-module';

// Sources: https://docs.goshippo.com/docs/guides_general/authentication/ (live and test tokens, 401 bodies),
// https://support.goshippo.com/hc/en-us/articles/360026412791-Managing-Your-API-Tokens-in-Shippo (2 + 2 active tokens),
// https://github.com/goshippo/shippo-javascript-sdk (official OpenAPI spec, build/public-api.yaml).
export const shippo: ProviderModule = {
  descriptor: {
    id: 'shippo',
    name: 'Shippo',
    builtin: true,
    summary: 'Live and test API tokens; at most 2 active of each per account; no expiry, full account access.',
    tokenPageUrl: 'https://apps.goshippo.com/settings/api',
    storeFields: [
      {
        key: 'accountEmail',
        label: 'Account email',
        type: 'email',
        required: false,
        help: 'The Shippo account these tokens belong to.',
        pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        patternMessage: 'Enter an email address',
      },
    ],
    credentials: [
      {
        kind: 'api-key',
        label: 'API token',
        secretLabel: 'API token',
        secretHelp: 'Starts with shippo_live_ or shippo_test_; shown once.',
        fields: [
          {
            key: 'mode',
            label: 'Mode',
            type: 'select',
            required: false,
            help: 'Read from the token prefix when pasted.',
            options: [
              { value: 'live', label: 'Live' },
              { value: 'test', label: 'Test' },
            ],
          },
        ],
        policy: {
          formats: [
            {
              pattern: '^shippo_(live|test)_[0-9a-f]{32,40}$',
              description: 'A Shippo token starts with shippo_live_ or shippo_test_ followed by 32-40 hex characters',
              confirmed: true,
              hint: '^shippo_(live|test)_',
              confidence: 0.99,
              modePrefixes: { live: 'shippo_live_', test: 'shippo_test_' },
              publicPrefix: '^shippo_(live|test)_',
            },
          ],
          expiry: { kind: 'none', text: 'No expiry: a token lives until it is removed at Shippo.' },
          slotLimits: [
            { mode: 'live', maxActive: 2, text: 'At most 2 active live tokens per Shippo account.' },
            { mode: 'test', maxActive: 2, text: 'At most 2 active test tokens per Shippo account.' },
          ],
          // providers.md: carrier accounts carry object_owner, the account's email; same owner, same account.
          slotAccount: { name: 'Shippo account', identifierKey: 'accountEmail', checkContextKey: 'objectOwner' },
          scopes: [],
          notes: [
            'No scopes: every token has full account access.',
            'Live tokens need an approval request at Shippo; test data is not shared with live.',
          ],
          rotation: {
            model: 'side-by-side',
            action: 'Generate',
            steps: [
              'Shippo has no rotate: generate a new token of the same mode under Manage Your Tokens.',
              'At 2 active tokens of that mode Shippo says "Max of 2 tokens reached": remove one at Shippo first.',
              'Paste the new token here: Keyward checks it at Shippo before anything switches.',
              'Switch your integrations, then remove the old token at Shippo: removal is immediate.',
            ],
            retire: [{ status: 'revoked', label: 'Removed at Shippo', text: 'Removal is immediate.' }],
            approval: {
              mode: 'live',
              text: "Live tokens need an approval request at Shippo: send it through Shippo's link before you can generate one.",
              url: 'https://support.goshippo.com/hc/en-us/articles/360026412791-Managing-Your-API-Tokens-in-Shippo',
            },
          },
        },
      },
    ],
    rateLimits: [
      { requests: 50, windowSeconds: 60, per: 'endpoint', appliesTo: 'list endpoints', mode: 'live', confirmed: true },
      { requests: 10, windowSeconds: 60, per: 'endpoint', appliesTo: 'list endpoints', mode: 'test', confirmed: true },
    ],
  },
};
