// FROZEN REFERENCE: the findings engine as it was before the performance work (commit 13d187f), kept only so
// tests/unit/rules/findings-equivalence.test.ts can prove the faster engine gives identical output. Do not edit.
import type { Finding, StoreProfile, Token } from '../../../../electron/contract';
import type { ProviderModule } from '../../../../electron/core/providers/provider-module';
import { occupying, retireFirst, slotLabel } from './slots';
import { storeSubject } from './context';

/** "Shippo live tokens: 2 of 2 active": info at the limit, warning above it (the provider will not allow that). */
export function slotFindings(
  store: StoreProfile,
  module: ProviderModule | undefined,
  tokens: readonly Token[],
): Finding[] {
  if (!module) return [];
  return module.descriptor.credentials.flatMap((credential) =>
    (credential.policy?.slotLimits ?? []).flatMap((limit): Finding[] => {
      const active = occupying(tokens, store.id, limit).filter((t) => t.kind === credential.kind);
      if (active.length < limit.maxActive) return [];
      const over = active.length > limit.maxActive;
      const suggest = retireFirst(active);
      return [
        {
          id: `slot_limit:${store.id}:${limit.mode ?? 'any'}`,
          kind: 'slot_limit',
          severity: over ? 'warning' : 'info',
          subject: storeSubject(store),
          message: `${slotLabel(module.descriptor.name, limit)}: ${active.length} of ${limit.maxActive} active in ${store.label}.${over ? ` ${module.descriptor.name} allows only ${limit.maxActive}, so some of these are probably already removed there.` : ''}`,
          action: over
            ? `Check which are still listed at ${module.descriptor.name} and mark the others revoked here.`
            : `To add another, retire one first${suggest ? ` (suggested: "${suggest.name}")` : ''} at ${module.descriptor.name} and mark it revoked here.`,
        },
      ];
    }),
  );
}
