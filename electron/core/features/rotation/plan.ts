// How a token is replaced at its provider: its module's rotation declaration, the suggestions for the new
// token and, at a slot limit, which token to remove at the provider first.
import type { RotationPlan, SlotLimit, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { policyOf } from '../../providers/provider-module';
import { occupying, retireFirst, startedAt } from '../../rules/slots';
import { notFound } from '../../errors';
import type { Frozen } from '../../vault/plain-data';
import { managedBy, managedWhy } from '../tokens/edit-token';

type VaultView = { readonly stores: readonly Frozen<StoreProfile>[]; readonly tokens: readonly Frozen<Token>[] };

export function rotationPlan(vault: VaultView, tokenId: string, catalog: Catalog, now: string): RotationPlan {
  const token = vault.tokens.find((t) => t.id === tokenId);
  if (!token) throw notFound('token', tokenId);
  const store = vault.stores.find((s) => s.id === token.storeId);
  if (!store) throw notFound('store', token.storeId);
  const module = catalog.get(store.provider);
  const policy = policyOf(module, token.kind);
  const rotation = policy.rotation ?? null;
  const by = managedBy(module, token);
  const why = by
    ? managedWhy(module.descriptor.name, by)
    : token.status === 'rotated' || token.status === 'revoked'
      ? `${token.name} is already ${token.status}; rotate its replacement instead.`
      : !rotation
        ? `Keyward does not know how ${module.descriptor.name} replaces this kind of token.`
        : null;
  const carried = rotation?.model === 'side-by-side' ? (rotation.suggest ?? []) : [];
  const settings = Object.fromEntries(Object.entries(token.settings).filter(([k]) => carried.includes(k)));
  const sideBySide = rotation?.model === 'side-by-side';
  return {
    tokenId,
    rotation: why ? null : rotation,
    why,
    managedWhy: by ? why : null,
    suggestions: {
      name: sideBySide ? `${token.name} (${now.slice(0, 10)})`.slice(0, 120) : token.name,
      scopes: [...token.scopes],
      settings: structuredClone(settings) as RotationPlan['suggestions']['settings'],
      notes: token.notes,
      previousExpiresAt: token.expiresAt,
    },
    slot: sideBySide && !why ? fullSlot(vault, token, store, policy.slotLimits ?? []) : null,
  };
}

/** The first of the token's mode's limits that a new token would break, with its holders, oldest first. */
export function fullSlot(
  vault: VaultView,
  token: Frozen<Token>,
  store: Frozen<StoreProfile>,
  limits: readonly SlotLimit[],
  removed: readonly string[] = [],
): RotationPlan['slot'] {
  for (const limit of limits) {
    if (limit.mode !== null && token.mode !== null && limit.mode !== token.mode) continue;
    const holders = occupying(vault.tokens as Token[], store.id, limit)
      .filter((t) => !removed.includes(t.id))
      .sort((a, b) => startedAt(a) - startedAt(b));
    if (holders.length < limit.maxActive) continue;
    const suggested = retireFirst(holders) ?? null;
    return {
      text: limit.text,
      mode: limit.mode,
      holders: holders.slice(0, 50).map((t) => ({
        id: t.id,
        name: t.name,
        since: t.createdAt ?? t.addedAt,
        failing: t.lastCheck?.outcome === 'invalid',
      })),
      suggested: suggested?.id ?? null,
      reason: suggested?.lastCheck?.outcome === 'invalid' ? 'its last check failed' : 'it is the oldest',
    };
  }
  return null;
}
