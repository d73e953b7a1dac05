import { type CheckFills, type CheckResult, checkChoices, fieldsFor, type StoreProfile } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import type { Draft, Frozen } from '../../vault/plain-data';

/**
 * After a valid check, fills the store fields the provider declares (Printify: shop id and title) when the
 * store has none yet and the check saw exactly one choice. Several choices wait for the user on the store page.
 */
export function fillStoreFromCheck(draft: Draft, catalog: Catalog, storeId: string, result: CheckResult): boolean {
  const i = draft.stores.findIndex((s) => s.id === storeId);
  const store = draft.stores[i];
  const fills = store ? catalog.find(store.provider)?.descriptor.checkFills : undefined;
  if (!store || !fills || filled(store, fills)) return false;
  const choices = checkChoices(fills, result);
  if (choices.length !== 1) return false;
  draft.stores[i] = { ...store, identifiers: { ...store.identifiers, ...fieldsFor(fills, choices[0]!) } };
  return true;
}

const filled = (store: Frozen<Pick<StoreProfile, 'identifiers'>>, fills: CheckFills): boolean => {
  const value = store.identifiers[fills.idField];
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined;
};
