import type { Finding, StoreProfile } from '../../../contract';
import { retireFirst, slotLabel, type SlotUsage } from '../slots';
import { storeSubject } from './context';

/**
 * "Shippo live tokens: 2 of 2 held by Shippo account …": info at the limit, warning above it (the provider will
 * not allow that). One finding per store profile of the account, so each store shows where its slots stand.
 */
export function slotFindings(
  usage: SlotUsage,
  stores: ReadonlyMap<string, StoreProfile>,
  providerName: string,
): Finding[] {
  const { limit, account, occupying: held, unknownMode } = usage;
  if (held.length < limit.maxActive) return [];
  const over = held.length > limit.maxActive;
  const suggest = retireFirst(held);
  const labels = account.storeIds.map((id) => stores.get(id)?.label).filter((l): l is string => !!l);
  const whose =
    account.source === 'store-profile'
      ? `in ${labels[0] ?? 'this store'} (counted per store profile until the ${providerName} account is known)`
      : `by ${account.label} (${account.source === 'check' ? 'learned from a status check' : "the store's account field"}${labels.length > 1 ? `; stores ${labels.join(', ')}` : ''})`;
  const unknown = unknownMode.length
    ? ` ${unknownMode.length} of them ${unknownMode.length === 1 ? 'has' : 'have'} no known mode, so ${unknownMode.length === 1 ? 'it counts' : 'they count'} against both modes until the mode is set.`
    : '';
  return account.storeIds.flatMap((storeId): Finding[] => {
    const store = stores.get(storeId);
    if (!store) return [];
    return [
      {
        id: `slot_limit:${store.id}:${limit.mode ?? 'any'}`,
        kind: 'slot_limit',
        severity: over ? 'warning' : 'info',
        subject: storeSubject(store),
        message: `${slotLabel(providerName, limit)}: ${held.length} of ${limit.maxActive} held ${whose}.${unknown}${over ? ` ${providerName} allows only ${limit.maxActive}, so some of these are probably already removed there.` : ''}`,
        action: over
          ? `Check which are still listed at ${providerName} and mark the others revoked here.`
          : `To add another, remove one first${suggest ? ` (suggested: "${suggest.name}")` : ''} at ${providerName} and mark it revoked here; marking it inactive here does not free a slot.`,
      },
    ];
  });
}
