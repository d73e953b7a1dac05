import { randomUUID } from 'node:crypto';
import type { ParsedInput, StoreProfile } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { validateFields } from '../../providers/fields';
import { accountOf } from '../../secrets/accounts';
import { find, lookup, throwIfProblems } from '../../session/lookup';
import type { Applied, Session } from '../../session/session';
import type { Draft } from '../../vault/plain-data';
import type { HandlersFor } from '../handler-map';

/** Adds a store profile to a draft (also used by addToken and import, which create stores by label). */
export function applyCreateStore(
  data: Draft,
  catalog: Catalog,
  now: string,
  input: ParsedInput<'createStore'>,
): Applied<StoreProfile> {
  const provider = catalog.get(input.provider).descriptor;
  if (input.clientId) lookup(data.clients, input.clientId, 'client');
  const identifiers = input.identifiers ?? {};
  throwIfProblems(validateFields(provider.storeFields, identifiers, 'identifiers.'));
  const store: StoreProfile = {
    id: randomUUID(),
    clientId: input.clientId ?? null,
    provider: input.provider,
    label: input.label,
    identifiers,
    environment: input.environment ?? 'production',
    notes: input.notes ?? '',
    createdAt: now,
    updatedAt: now,
  };
  data.stores.push(store);
  return {
    result: store,
    change: {
      action: 'store.create',
      subject: { type: 'store', id: store.id },
      summary: `Added ${provider.name} store ${store.label}`,
    },
  };
}

export type StoresFeature = ReturnType<typeof storesFeature>;

export function storesFeature(session: Session) {
  return {
    create: (input: ParsedInput<'createStore'>): Promise<StoreProfile> =>
      session.transaction((data, { now, catalog }) => applyCreateStore(data, catalog, now, input)),

    update: (input: ParsedInput<'updateStore'>): Promise<StoreProfile> =>
      session.transaction((data, { now, catalog }) => {
        const store = find(data.stores, input.id, 'store');
        const provider = catalog.get(store.provider).descriptor;
        if (input.clientId) lookup(data.clients, input.clientId, 'client');
        if (input.identifiers !== undefined) {
          throwIfProblems(validateFields(provider.storeFields, input.identifiers, 'identifiers.'));
          store.identifiers = input.identifiers;
        }
        if (input.label !== undefined) store.label = input.label;
        if (input.clientId !== undefined) store.clientId = input.clientId;
        if (input.environment !== undefined) store.environment = input.environment;
        if (input.notes !== undefined) store.notes = input.notes;
        store.updatedAt = now;
        return {
          result: store as StoreProfile,
          change: {
            action: 'store.update',
            subject: { type: 'store', id: store.id },
            summary: `Edited store ${store.label}`,
          },
        };
      }),

    /** Deletes a store and its tokens; their secrets are noted now and deleted once the vault no longer points at them. */
    delete: (input: { id: string }): Promise<{ id: string; deleted: true }> =>
      session.keychain.run((tx) =>
        session.transaction(async (data) => {
          const store = lookup(data.stores, input.id, 'store');
          const tokens = data.tokens.filter((t) => t.storeId === store.id);
          await tx.retire(tokens.filter((t) => t.secret).map(accountOf));
          data.tokens = data.tokens.filter((t) => t.storeId !== store.id);
          data.stores = data.stores.filter((s) => s.id !== store.id);
          return {
            result: { id: store.id, deleted: true as const },
            change: {
              action: 'store.delete',
              subject: { type: 'store', id: store.id },
              summary: `Deleted store ${store.label} and its ${tokens.length} token${tokens.length === 1 ? '' : 's'}`,
            },
          };
        }),
      ),
  };
}

export function storeHandlers(stores: StoresFeature): HandlersFor<'createStore' | 'updateStore' | 'deleteStore'> {
  return { createStore: stores.create, updateStore: stores.update, deleteStore: stores.delete };
}
