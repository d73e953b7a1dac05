// Drafts of the vault for a change: copy-on-write, so a change costs what it touches, not the vault's size.

/** Per draft list, the elements copied into it: this change's own, editable in place until it is saved. */
const copiesIn = new WeakMap<object[], WeakSet<object>>();

/**
 * The draft a vault change is applied to: the vault object and its three lists are new, every element is
 * still base's (shared, read-only). An applier that changes an element first takes it with `editable` (or
 * puts a new object in its place); what an element holds (settings, scopes, checks...) is replaced, never
 * edited. tests/unit/vault/draft.test.ts runs every change against a deep-frozen vault to keep it that way.
 */
export function draftOf<T extends { clients: readonly object[]; stores: readonly object[]; tokens: readonly object[] }>(
  base: T,
): T {
  return { ...base, clients: base.clients.slice(), stores: base.stores.slice(), tokens: base.tokens.slice() };
}

/** Element `at` of a draft list as an object this change may edit: copied (shallowly) the first time it is asked for. */
export function editable<T extends object>(items: T[], at: number): T {
  const item = items[at]!;
  let copies = copiesIn.get(items);
  if (!copies) copiesIn.set(items, (copies = new WeakSet()));
  if (copies.has(item)) return item;
  const copy = { ...item };
  copies.add(copy);
  items[at] = copy;
  return copy;
}
