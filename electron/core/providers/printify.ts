import type { ProviderModule } from './provider-module';

// Facts: shared/providers.md § Printify.
export const printify: ProviderModule = {
  descriptor: {
    id: 'printify',
    name: 'Printify',
    builtin: true,
    summary: 'Personal access tokens (JWT) valid for one year, with scopes chosen at creation.',
    tokenPageUrl: 'https://printify.com/app/account/api',
    storeFields: [
      { key: 'shopId', label: 'Shop id', type: 'text', required: false, help: 'Numeric shop id, filled from a status check.', pattern: '^[0-9]{1,12}$', patternMessage: 'A Printify shop id is a number' },
      { key: 'contactEmail', label: 'Developer contact email', type: 'email', required: false, help: 'The contact email set under Connections.', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', patternMessage: 'Enter an email address' },
    ],
    credentials: [
      { kind: 'access-token', label: 'Personal access token', secretLabel: 'Access token', secretHelp: 'Shown once at creation under Connections; starts with eyJ.', fields: [] },
    ],
  },
};
