import type { ProviderModule } from './provider-module';

// Sources: https://docs.pixlpay.net/guide/integrations/api-tokens.html (scopes, expiry, per-token rate limit),
// https://docs.pixlpay.net/getting-started/authentication.html (Bearer auth, 401 and 403 bodies).
export const PIXLPAY_SCOPES = [
  'products:read',
  'products:write',
  'orders:read',
  'orders:write',
  'customers:read',
  'customers:write',
  'analytics:read',
  'webhooks:read',
  'webhooks:write',
  'settings:read',
  'settings:write',
  'discord:agent',
];
const WRITE_SCOPES = PIXLPAY_SCOPES.filter((s) => s.endsWith(':write'));
export const PIXLPAY_PLAN_CAPS: Record<string, number> = {
  free: 60,
  starter: 120,
  growth: 300,
  pro: 600,
  enterprise: 1000,
};

// providers.md § Lifecycle: the billing docs and the seed's rate-limit table disagree; unconfirmed which holds.
const noApiNote = (plan: string, cap: number): string =>
  `PixlPay's billing docs say the ${plan} plan has no API access, while its token rate-limit table gives ${plan} ${cap} req/min; which holds is unconfirmed.`;
export const PIXLPAY_PLAN_NOTES: Record<string, string> = {
  free: noApiNote('Free', 60),
  starter: noApiNote('Starter', 120),
};

export const pixlpay: ProviderModule = {
  descriptor: {
    id: 'pixlpay',
    name: 'PixlPay',
    builtin: true,
    summary: 'Per-store API tokens with scopes, an optional expiry and a per-token rate limit capped by plan.',
    tokenPageUrl: 'https://docs.pixlpay.net/',
    // providers.md § Lifecycle: in each store's admin, Settings > API Tokens on https://<store>.pixlpay.net; path unconfirmed.
    tokenPage: { template: 'https://{host}/', where: 'Settings > API Tokens', confirmed: false },
    storeFields: [
      {
        key: 'host',
        label: 'Store host',
        type: 'text',
        required: true,
        help: 'Your store address, e.g. mystore.pixlpay.net.',
        placeholder: 'mystore.pixlpay.net',
        pattern: '^[a-z0-9][a-z0-9-]{0,62}\\.pixlpay\\.net$',
        patternMessage: 'A PixlPay store host looks like mystore.pixlpay.net',
      },
      {
        key: 'plan',
        label: 'Plan',
        type: 'select',
        required: false,
        help: 'Caps the per-token rate limit. Free and Starter: PixlPay’s billing docs say no API access, its rate-limit table says 60 and 120 req/min (unconfirmed which holds).',
        options: Object.keys(PIXLPAY_PLAN_CAPS).map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) })),
      },
    ],
    credentials: [
      {
        kind: 'access-token',
        label: 'API token',
        secretLabel: 'API token',
        secretHelp: 'Starts with sk_live_ or sk_test_; shown once.',
        fields: [
          {
            key: 'scopes',
            label: 'Scopes',
            type: 'multiselect',
            required: true,
            help: 'Grant the least the integration needs.',
            options: PIXLPAY_SCOPES.map((s) => ({ value: s, label: s })),
          },
          {
            key: 'rateLimit',
            label: 'Rate limit (req/min)',
            type: 'number',
            required: false,
            help: '1–1000, default 60; capped by plan.',
            min: 1,
            max: 1000,
          },
          {
            key: 'expiresAt',
            label: 'Expiry date',
            type: 'date',
            required: false,
            help: 'Empty means it never expires.',
          },
          {
            key: 'unneededScopes',
            label: 'Write scopes not needed',
            type: 'multiselect',
            required: false,
            help: 'Write scopes this token holds but the integration does not use; Keyward reminds you to drop them.',
            options: WRITE_SCOPES.map((s) => ({ value: s, label: s })),
          },
        ],
        policy: {
          formats: [
            {
              // Length unconfirmed; the docs example has 36 characters after the prefix. sk_live_ is also Stripe's prefix.
              pattern: '^sk_(live|test)_[A-Za-z0-9]{8,256}$',
              description: 'A PixlPay token starts with sk_live_ or sk_test_ followed by letters and digits',
              confirmed: true,
              hint: '^sk_(live|test)_',
              confidence: 0.6,
              modePrefixes: { live: 'sk_live_', test: 'sk_test_' },
              publicPrefix: '^sk_(live|test)_',
            },
          ],
          expiry: {
            kind: 'optional',
            rotationDays: 90,
            text: 'Optional expiry (empty never expires); PixlPay advises rotating every 90 days.',
          },
          scopes: PIXLPAY_SCOPES,
          minScopes: 1,
          unneededScopesKey: 'unneededScopes',
          rateLimit: {
            settingKey: 'rateLimit',
            min: 1,
            max: 1000,
            default: 60,
            planKey: 'plan',
            planCaps: PIXLPAY_PLAN_CAPS,
            planNotes: PIXLPAY_PLAN_NOTES,
          },
          notes: [
            'Rotating gives a new value; the old one stops working immediately.',
            'Revoking is permanent and keeps usage history.',
          ],
          rotation: {
            model: 'new-value',
            action: 'Rotate',
            steps: [
              "In the store's admin (Settings > API Tokens), press Rotate on this token.",
              'Paste the new value here: Keyward checks it at PixlPay, then stores it in place of the old one.',
              'Update your applications: the old value stopped working when you rotated.',
            ],
            warning:
              'Rotate gives this token a new value and the old value stops working at once: integrations using it break until they get the new one. Do not revoke the token afterwards: that would revoke the new value.',
          },
        },
      },
    ],
    rateLimits: [
      {
        requests: 60,
        windowSeconds: 60,
        per: 'token',
        appliesTo: 'default per-token limit, set per token (1-1000) and capped by plan',
        confirmed: true,
      },
    ],
  },
};
