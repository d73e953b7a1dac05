import {
  type CredentialPolicy,
  type CustomProviderDefinition,
  type FieldDescriptor,
  type SlotLimit,
  TEMPLATE_VALUE,
  templateFields,
} from '../../contract';
import type { ProviderModule } from './provider-module';

/** The provider id a custom definition is known by everywhere (store profiles, findings, settings). */
export const customProviderId = (slug: string): `custom:${string}` => `custom:${slug}`;

/** Builds a provider module from a user's PixlPay-style definition, so it is usable wherever a built-in is. */
export function customProviderModule(def: CustomProviderDefinition): ProviderModule {
  const fields: FieldDescriptor[] = [];
  if (def.scopes.length) {
    fields.push({
      key: 'scopes',
      label: 'Scopes',
      type: 'multiselect',
      required: def.minScopes > 0,
      help: 'Grant the least the integration needs.',
      options: def.scopes.map((s) => ({ value: s, label: s })),
    });
  }
  if (def.rateLimit) {
    const { min, max, default: dflt } = def.rateLimit;
    fields.push({
      key: 'rateLimit',
      label: 'Rate limit (req/min)',
      type: 'number',
      required: false,
      help: `${min}–${max}, default ${dflt}.`,
      min,
      max,
    });
  }
  if (def.expiry !== 'none') {
    fields.push({
      key: 'expiresAt',
      label: 'Expiry date',
      type: 'date',
      required: def.expiry === 'required',
      help: def.expiry === 'required' ? 'The date set when the token was made.' : 'Empty means it never expires.',
    });
  }
  const live = def.modePrefixes?.live;
  const test = def.modePrefixes?.test;
  // Longest first: a regex alternation takes the first prefix that matches (ap_ would shadow ap_test_).
  const prefixes = [live, test].filter((p): p is string => Boolean(p)).sort((a, b) => b.length - a.length);
  const policy: CredentialPolicy = {
    formats: [
      {
        pattern: anchored(def.tokenPattern),
        description: `A ${def.name} token matches the pattern set in its provider definition`,
        confirmed: true,
        ...(prefixes.length
          ? {
              hint: `^(${prefixes.map(escapeRegex).join('|')})`,
              publicPrefix: `^(${prefixes.map(escapeRegex).join('|')})`,
            }
          : {}),
        confidence: prefixes.length ? 0.7 : 0.4,
        ...(live || test ? { modePrefixes: { ...(live ? { live } : {}), ...(test ? { test } : {}) } } : {}),
      },
    ],
    expiry: {
      kind: def.expiry,
      ...(def.rotationDays ? { rotationDays: def.rotationDays } : {}),
      text: expiryText(def),
    },
    slotLimits: slotLimits(def),
    scopes: def.scopes,
    minScopes: def.minScopes,
    rotation: customRotation(def),
    ...(def.rateLimit
      ? {
          rateLimit: {
            settingKey: 'rateLimit',
            min: def.rateLimit.min,
            max: def.rateLimit.max,
            default: def.rateLimit.default,
          },
        }
      : {}),
  };
  return {
    custom: def,
    descriptor: {
      id: customProviderId(def.id),
      name: def.name,
      builtin: false,
      definition: def,
      summary: `Custom PixlPay-style provider at ${def.baseUrl}.`,
      tokenPageUrl: [def.dashboardUrl, def.baseUrl].find((u) => u && templateFields(u).length === 0) ?? '',
      ...(def.dashboardUrl && templateFields(def.dashboardUrl).length
        ? { tokenPage: { template: def.dashboardUrl, confirmed: true } }
        : {}),
      storeFields: storeFields(def),
      credentials: [
        {
          kind: 'access-token',
          label: 'API token',
          secretLabel: 'API token',
          secretHelp: prefixes.length ? `Starts with ${prefixes.join(' or ')}.` : 'As shown once by the provider.',
          fields,
          policy,
        },
      ],
      ...(def.rateLimit
        ? {
            rateLimits: [
              {
                requests: def.rateLimit.default,
                windowSeconds: 60,
                per: 'token' as const,
                appliesTo: 'default per-token limit',
                confirmed: false,
              },
            ],
          }
        : {}),
    },
  };
}

/** One required store field per placeholder of the base URL or token page (e.g. {host}). */
function storeFields(def: CustomProviderDefinition): FieldDescriptor[] {
  const keys = [...new Set([...templateFields(def.baseUrl), ...templateFields(def.dashboardUrl ?? '')])];
  return keys.map((key) => ({
    key,
    label: key === 'host' ? 'Store host' : `Store ${key}`,
    type: 'text',
    required: true,
    help: `Fills {${key}} in ${def.name}'s address ${def.baseUrl}.`,
    pattern: TEMPLATE_VALUE.source,
    patternMessage: 'A host name or id: letters, digits, dots and hyphens',
  }));
}

/** The definition's rotation model, in words that name no other provider. */
function customRotation(def: CustomProviderDefinition): CredentialPolicy['rotation'] {
  if (def.rotation === 'new-value')
    return {
      model: 'new-value',
      action: 'Rotate',
      steps: [
        `Rotate this token at ${def.name}.`,
        `Paste the new value here: Keyward checks it at ${def.name}, then stores it in place of the old one.`,
        'Update your applications: the old value stopped working when you rotated.',
      ],
      warning: `${def.name} gives this token a new value and the old value stops working: integrations using it break until they get the new one. Do not revoke the token afterwards.`,
    };
  return {
    model: 'side-by-side',
    action: 'Create',
    steps: [
      `Create a new token at ${def.name}.`,
      `Paste it here: Keyward checks it at ${def.name} before anything switches.`,
      'Switch your integrations to the new token.',
      `Revoke the old token at ${def.name}.`,
    ],
    retire: [{ status: 'revoked', label: `Revoked at ${def.name}`, text: 'Revoke it on its token page.' }],
  };
}

function slotLimits(def: CustomProviderDefinition): SlotLimit[] {
  const out: SlotLimit[] = [];
  if (def.slotLimits.live)
    out.push({
      mode: 'live',
      maxActive: def.slotLimits.live,
      text: `At most ${def.slotLimits.live} active live tokens per store.`,
    });
  if (def.slotLimits.test)
    out.push({
      mode: 'test',
      maxActive: def.slotLimits.test,
      text: `At most ${def.slotLimits.test} active test tokens per store.`,
    });
  if (def.slotLimits.any)
    out.push({
      mode: null,
      maxActive: def.slotLimits.any,
      text: `At most ${def.slotLimits.any} active tokens per store.`,
    });
  return out;
}

function expiryText(def: CustomProviderDefinition): string {
  const base = {
    none: 'No expiry.',
    optional: 'Optional expiry date; empty never expires.',
    required: 'An expiry date is set at creation.',
  }[def.expiry];
  return def.rotationDays ? `${base} Rotate every ${def.rotationDays} days.` : base;
}

/** A user's pattern must match the whole value, whatever anchors they wrote. */
const anchored = (source: string): string => `^(?:${source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')})$`;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
