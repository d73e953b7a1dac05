import type { BuiltinProvider } from './base-url';
import type { CheckItem } from './check-types';
import { accountKeyFor, publishedLimits, type AccountLimits, type AccountOf } from './limits';
import type { ProbeSpec, ProbeTarget } from './probe-spec';
import { PROBES, probeForCustomProvider, type CustomProviderProbe } from './probes';

export const PROVIDER_NAMES: Record<BuiltinProvider, string> = {
  printify: 'Printify',
  shippo: 'Shippo',
  printago: 'Printago',
  thinkific: 'Thinkific',
  pixlpay: 'PixlPay',
};

export interface CheckItemInput extends AccountOf {
  target: ProbeTarget;
  /** Required for `custom:*` providers: the user's description of the store platform. */
  custom?: CustomProviderProbe;
  /** Overrides the published limits (e.g. benchmarks against scaled-down fakes). */
  limits?: AccountLimits;
}

/** Builds a runner item from vault facts: the provider's probe, its published limits and its account bucket. */
export function buildCheckItem(input: CheckItemInput): CheckItem {
  const builtin = input.provider in PROBES ? (input.provider as BuiltinProvider) : undefined;
  let spec: ProbeSpec;
  if (builtin) spec = PROBES[builtin];
  else if (input.custom) spec = probeForCustomProvider(input.custom);
  else throw new Error(`No probe is known for provider ${input.provider}.`);
  return {
    tokenId: input.tokenId,
    provider: input.provider,
    providerName: builtin ? PROVIDER_NAMES[builtin] : input.custom?.name?.trim() || input.provider,
    spec,
    target: input.target,
    accountKey: accountKeyFor(input),
    limits: input.limits ?? publishedLimits(input),
  };
}
