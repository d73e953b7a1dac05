import type { ProviderModule } from './provider-module';

// Facts: shared/providers.md § PixlPay; seeds/004.
const SCOPES = [
  'products:read', 'products:write', 'orders:read', 'orders:write', 'customers:read', 'customers:write',
  'analytics:read', 'webhooks:read', 'webhooks:write', 'settings:read', 'settings:write', 'discord:agent',
];

export const pixlpay: ProviderModule = {
  descriptor: {
    id: 'pixlpay',
    name: 'PixlPay',
    builtin: true,
    summary: 'Per-store API tokens with scopes, an optional expiry and a per-token rate limit capped by plan.',
    tokenPageUrl: 'https://docs.pixlpay.net/',
    storeFields: [
      { key: 'host', label: 'Store host', type: 'text', required: true, help: 'Your store address, e.g. mystore.pixlpay.net.', placeholder: 'mystore.pixlpay.net', pattern: '^[a-z0-9][a-z0-9-]{0,62}\\.pixlpay\\.net$', patternMessage: 'A PixlPay store host looks like mystore.pixlpay.net' },
      { key: 'plan', label: 'Plan', type: 'select', required: false, help: 'Caps the per-token rate limit.', options: ['free', 'starter', 'growth', 'pro', 'enterprise'].map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) })) },
    ],
    credentials: [
      {
        kind: 'access-token',
        label: 'API token',
        secretLabel: 'API token',
        secretHelp: 'Starts with sk_live_ or sk_test_; shown once.',
        fields: [
          { key: 'scopes', label: 'Scopes', type: 'multiselect', required: true, help: 'Grant the least the integration needs.', options: SCOPES.map((s) => ({ value: s, label: s })) },
          { key: 'rateLimit', label: 'Rate limit (req/min)', type: 'number', required: false, help: '1–1000, default 60; capped by plan.', min: 1, max: 1000 },
          { key: 'expiresAt', label: 'Expiry date', type: 'date', required: false, help: 'Empty means it never expires.' },
        ],
      },
    ],
  },
};
