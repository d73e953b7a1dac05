import type { ProviderModule } from './provider-module';

// Sources: https://docs.printago.io/docs/api/keys (access levels, IP allowlists, managed keys),
// https://docs.printago.io/docs/api/authentication-and-quotas (headers, Key ID, limits),
// https://github.com/printago/printago.github.io (official OpenAPI spec, static/printago-api-swagger.json).
export const printago: ProviderModule = {
  descriptor: {
    id: 'printago',
    name: 'Printago',
    builtin: true,
    summary: 'API keys with Full Access or Custom Permissions, optional IP allowlists; integration-managed keys.',
    tokenPageUrl: 'https://app.printago.io/settings/api-keys',
    storeFields: [
      {
        key: 'storeId',
        label: 'Store id',
        type: 'text',
        required: true,
        help: 'Sent as x-printago-storeid: 24 lowercase letters and digits.',
        pattern: '^[a-z0-9]{24}$',
        patternMessage: 'A Printago store id is 24 lowercase letters and digits',
      },
    ],
    credentials: [
      {
        kind: 'api-key',
        label: 'API key',
        secretLabel: 'API key',
        secretHelp: 'Shown once at creation; its first 24 characters are the Key ID on the dashboard.',
        fields: [
          {
            key: 'accessLevel',
            label: 'Access level',
            type: 'select',
            required: true,
            help: 'Full Access inherits the Store Owner; Custom Permissions is scoped.',
            options: [
              { value: 'custom', label: 'Custom Permissions' },
              { value: 'full', label: 'Full Access' },
            ],
          },
          {
            key: 'permissions',
            label: 'Roles and permissions',
            type: 'lines',
            required: false,
            help: 'For Custom Permissions: one role or permission per line, as named in Printago.',
          },
          {
            key: 'ipAllowlist',
            label: 'IP allowlist',
            type: 'lines',
            required: false,
            help: 'One IPv4/IPv6 address or CIDR per line; empty allows any IP.',
          },
          {
            key: 'expiresAt',
            label: 'Expiry date',
            type: 'date',
            required: false,
            help: 'Optional; empty means no expiry.',
          },
          {
            key: 'keyId',
            label: 'Key ID',
            type: 'text',
            required: false,
            help: 'Filled from the key: its first 24 characters, as the dashboard shows them.',
            pattern: '^[a-z0-9]{24}$',
            patternMessage: 'A Key ID is 24 lowercase letters and digits',
          },
          {
            key: 'managedBy',
            label: 'Managed by',
            type: 'text',
            required: false,
            help: 'The integration that created this key (e.g. Shopify); managed keys are read-only.',
          },
        ],
        policy: {
          formats: [
            {
              // Unconfirmed length: only "opaque lowercase alphanumeric", longer than its 24-character Key ID.
              pattern: '^[a-z0-9]{25,256}$',
              description: 'A Printago API key is lowercase letters and digits, longer than its 24-character Key ID',
              confirmed: false,
              confidence: 0.2,
              keyIdLength: 24,
            },
          ],
          expiry: { kind: 'optional', text: 'Optional expiry date; empty means the key does not expire.' },
          accessLevelKey: 'accessLevel',
          accessLevels: [
            { value: 'custom', label: 'Custom Permissions', broad: false },
            { value: 'full', label: 'Full Access', broad: true },
          ],
          ipAllowlistKey: 'ipAllowlist',
          managedByKey: 'managedBy',
          notes: [
            'Deactivate is temporary; delete is permanent and immediate.',
            'Missing permission and a blocked IP both answer 403.',
          ],
          rotation: {
            model: 'side-by-side',
            action: 'Create',
            steps: [
              "Create a new key at Printago; Keyward suggests this key's access level, permissions and IP allowlist for it.",
              'Paste it here: Keyward checks it at Printago before anything switches.',
              'Switch your integrations to the new key.',
              'Then deactivate the old key at Printago (temporary, it can be turned back on) or delete it (permanent, immediate).',
            ],
            retire: [
              {
                status: 'inactive',
                label: 'Deactivated at Printago',
                text: 'A temporary toggle: it can be turned back on.',
              },
              { status: 'revoked', label: 'Deleted at Printago', text: 'Permanent and immediate.' },
            ],
            suggest: ['accessLevel', 'permissions', 'ipAllowlist'],
          },
        },
      },
    ],
    rateLimits: [
      { requests: 60, windowSeconds: 60, per: 'account', confirmed: true },
      { requests: 600, windowSeconds: 3600, per: 'account', confirmed: true },
    ],
  },
};
