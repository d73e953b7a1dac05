import type { CustomProviderDefinition, CustomProviderDefinitionInput } from '../../electron/contract';

/** What the custom-provider form holds, as text, and how it becomes a definition main validates. */
export type Expiry = 'none' | 'optional' | 'required';

export interface Draft {
  id: string;
  name: string;
  baseUrl: string;
  authHeader: string;
  probePath: string;
  tokenPattern: string;
  livePrefix: string;
  testPrefix: string;
  scopes: string;
  minScopes: string;
  expiry: Expiry;
  rotationDays: string;
  rotation: 'new-value' | 'side-by-side';
  slotLive: string;
  slotTest: string;
  slotAny: string;
  rateMin: string;
  rateDefault: string;
  rateMax: string;
  dashboardUrl: string;
}

export const EMPTY: Draft = {
  id: '',
  name: '',
  baseUrl: 'https://',
  authHeader: 'Authorization: Bearer {token}',
  probePath: '/api/v1/me',
  tokenPattern: '',
  livePrefix: '',
  testPrefix: '',
  scopes: '',
  minScopes: '',
  expiry: 'optional',
  rotationDays: '',
  rotation: 'side-by-side',
  slotLive: '',
  slotTest: '',
  slotAny: '',
  rateMin: '',
  rateDefault: '',
  rateMax: '',
  dashboardUrl: '',
};

const text = (n: number | null | undefined): string => (n === undefined || n === null ? '' : String(n));

/** A saved definition back in the form's words, for editing it. */
export function fromDefinition(def: CustomProviderDefinition): Draft {
  return {
    id: def.id,
    name: def.name,
    baseUrl: def.baseUrl,
    authHeader: def.authHeader,
    probePath: def.probePath,
    tokenPattern: def.tokenPattern,
    livePrefix: def.modePrefixes?.live ?? '',
    testPrefix: def.modePrefixes?.test ?? '',
    scopes: def.scopes.join('\n'),
    minScopes: def.minScopes ? String(def.minScopes) : '',
    expiry: def.expiry,
    rotationDays: text(def.rotationDays),
    rotation: def.rotation,
    slotLive: text(def.slotLimits.live),
    slotTest: text(def.slotLimits.test),
    slotAny: text(def.slotLimits.any),
    rateMin: text(def.rateLimit?.min),
    rateDefault: text(def.rateLimit?.default),
    rateMax: text(def.rateLimit?.max),
    dashboardUrl: def.dashboardUrl ?? '',
  };
}

/** Numbers the user left empty stay out of the definition; others are sent as typed and validated by main. */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

export function toDefinition(d: Draft): CustomProviderDefinitionInput {
  const scopes = d.scopes
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const slotLimits = Object.fromEntries(
    (
      [
        ['live', num(d.slotLive)],
        ['test', num(d.slotTest)],
        ['any', num(d.slotAny)],
      ] as const
    ).filter(([, v]) => v !== undefined),
  ) as CustomProviderDefinitionInput['slotLimits'];
  const rate = [num(d.rateMin), num(d.rateDefault), num(d.rateMax)];
  const modePrefixes = {
    ...(d.livePrefix.trim() ? { live: d.livePrefix.trim() } : {}),
    ...(d.testPrefix.trim() ? { test: d.testPrefix.trim() } : {}),
  };
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    baseUrl: d.baseUrl.trim(),
    authHeader: d.authHeader.trim(),
    probePath: d.probePath.trim(),
    tokenPattern: d.tokenPattern.trim(),
    ...(Object.keys(modePrefixes).length ? { modePrefixes } : {}),
    scopes,
    ...(num(d.minScopes) !== undefined ? { minScopes: num(d.minScopes)! } : {}),
    expiry: d.expiry,
    rotationDays: num(d.rotationDays) ?? null,
    rotation: d.rotation,
    slotLimits,
    rateLimit: rate.some((v) => v !== undefined)
      ? { min: rate[0] ?? NaN, default: rate[1] ?? NaN, max: rate[2] ?? NaN }
      : null,
    ...(d.dashboardUrl.trim() ? { dashboardUrl: d.dashboardUrl.trim() } : {}),
  };
}

/** Maps main's zod paths (definition.baseUrl, definition.slotLimits.live, …) to this form's fields. */
export function errorFor(fields: Record<string, string>, ...paths: string[]): string | undefined {
  for (const path of paths) {
    for (const key of [`definition.${path}`, path]) {
      const exact = fields[key];
      if (exact) return exact;
    }
  }
  for (const path of paths) {
    const nested = Object.entries(fields).find(([k]) => k.startsWith(`definition.${path}.`));
    if (nested) return nested[1];
  }
  return undefined;
}
