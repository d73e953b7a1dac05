// Drafts of the vault for a change: copy-on-write, so a change costs what it touches, not the vault's size.
import type { StoreProfile, Token } from '../../contract';
import type { VaultData } from './vault-data';

/** `T` with every nested object and array read-only: what a change may not edit in place. */
export type Frozen<T> = T extends (infer E)[]
  ? readonly Frozen<E>[]
  : T extends readonly (infer E)[]
    ? readonly Frozen<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

/** An element taken for editing: its own properties can be set, what they hold must be replaced. */
export type Editable<T> = { -readonly [K in keyof T]: Frozen<T[K]> };

/** The vault as readers and changes see it: nothing in it can be edited in place. */
export type FrozenVault = Frozen<VaultData>;

/**
 * The vault a change edits: its own fields and lists are new (push, filter, replace), every element is
 * still base's and read-only, so it is taken with `editable` or replaced.
 */
export type Draft = {
  -readonly [K in Exclude<keyof VaultData, ListKey>]: Frozen<VaultData[K]>;
} & { [K in ListKey]: Frozen<VaultData[K][number]>[] };
type ListKey = 'clients' | 'stores' | 'tokens' | 'customProviders';

/** Per draft list, the elements copied into it: this change's own, editable in place until it is saved. */
const copiesIn = new WeakMap<object[], WeakSet<object>>();

/**
 * The draft a vault change is applied to: the vault object and its three lists are new, every element is
 * still base's (shared, read-only). tests/unit/vault/draft.test.ts runs every change against a deep-frozen
 * vault to keep it that way; the types (Frozen, Draft, Editable) refuse an in-place edit at compile time.
 */
export function draftOf<T extends { clients: readonly object[]; stores: readonly object[]; tokens: readonly object[] }>(
  base: T,
): T {
  return { ...base, clients: base.clients.slice(), stores: base.stores.slice(), tokens: base.tokens.slice() };
}

/** Element `at` of a draft list as an object this change may edit: copied (shallowly) the first time it is asked for. */
export function editable<T extends object>(items: T[], at: number): Editable<T> {
  const item = items[at]!;
  let copies = copiesIn.get(items);
  if (!copies) copiesIn.set(items, (copies = new WeakSet()));
  if (copies.has(item)) return item as Editable<T>;
  const copy = { ...item };
  copies.add(copy);
  items[at] = copy;
  return copy as Editable<T>;
}

/** A frozen value typed as plain for a reader that does not edit it (rules, queries, exports). */
export function thawed(value: FrozenVault | Draft): VaultData;
export function thawed(value: Pick<Draft, 'stores' | 'tokens'>): Pick<VaultData, 'stores' | 'tokens'>;
export function thawed(value: Frozen<Token>): Token;
export function thawed(value: Frozen<StoreProfile>): StoreProfile;
export function thawed<T>(value: Frozen<T>): T;
export function thawed(value: unknown): unknown {
  return value;
}
