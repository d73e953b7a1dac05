import type { ProviderModule } from './provider-module';

// Facts: shared/providers.md § Printago; seeds/002.
export const printago: ProviderModule = {
  descriptor: {
    id: 'printago',
    name: 'Printago',
    builtin: true,
    summary: 'API keys with Full Access or Custom Permissions, optional IP allowlists; integration-managed keys.',
    tokenPageUrl: 'https://app.printago.io/settings/api-keys',
    storeFields: [
      { key: 'storeId', label: 'Store id', type: 'text', required: true, help: 'Sent as x-printago-storeid: 24 lowercase letters and digits.', pattern: '^[a-z0-9]{24}$', patternMessage: 'A Printago store id is 24 lowercase letters and digits' },
    ],
    credentials: [
      {
        kind: 'api-key',
        label: 'API key',
        secretLabel: 'API key',
        secretHelp: 'Shown once at creation; its first 24 characters are the Key ID on the dashboard.',
        fields: [
          { key: 'accessLevel', label: 'Access level', type: 'select', required: true, help: 'Full Access inherits the Store Owner; Custom Permissions is scoped.', options: [{ value: 'custom', label: 'Custom Permissions' }, { value: 'full', label: 'Full Access' }] },
          { key: 'ipAllowlist', label: 'IP allowlist', type: 'lines', required: false, help: 'One IPv4/IPv6 address or CIDR per line; empty allows any IP.' },
          { key: 'expiresAt', label: 'Expiry date', type: 'date', required: false, help: 'Optional; empty means no expiry.' },
        ],
      },
    ],
  },
};
