import type { ProviderModule } from './provider-module';

// Facts: shared/providers.md § Shippo.
export const shippo: ProviderModule = {
  descriptor: {
    id: 'shippo',
    name: 'Shippo',
    builtin: true,
    summary: 'Live and test API tokens; at most 2 active of each per account; no expiry, full account access.',
    tokenPageUrl: 'https://apps.goshippo.com/settings/api',
    storeFields: [
      { key: 'accountEmail', label: 'Account email', type: 'email', required: false, help: 'The Shippo account these tokens belong to.', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', patternMessage: 'Enter an email address' },
    ],
    credentials: [
      {
        kind: 'api-key',
        label: 'API token',
        secretLabel: 'API token',
        secretHelp: 'Starts with shippo_live_ or shippo_test_; shown once.',
        fields: [
          { key: 'mode', label: 'Mode', type: 'select', required: false, help: 'Read from the token prefix when pasted.', options: [{ value: 'live', label: 'Live' }, { value: 'test', label: 'Test' }] },
        ],
      },
    ],
  },
};
